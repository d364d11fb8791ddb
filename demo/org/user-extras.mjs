// The parts of a user that the self-service steps read, made from a data file record: locked at start, when the
// password expires, the keep-me-signed-in prompt, the end of a device assurance grace period, custom profile
// attributes, and the state of the authenticators described in their own modules.
import { extraUserState } from './idx/extra-authenticators.mjs';

const DAY = 24 * 60 * 60 * 1000;

/** Midnight UTC after `days` days, as Okta states a grace period's end. */
const midnightAfter = (now, days) => {
  const d = new Date(now + days * DAY);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
};

/**
 * @param {import('./data.mjs').UserRecord & { profile?: Record<string, string> }} record
 * @param {number} [now]
 */
export function userExtras(record, now = Date.now()) {
  return {
    lockedOut: record.locked,
    failedPasswords: 0,
    passwordExpiresAt: record.passwordExpiresInDays ? now + record.passwordExpiresInDays * DAY : null,
    keepMeSignedIn: record.keepMeSignedIn,
    graceUntil: record.deviceAssurance ? midnightAfter(now, record.deviceAssurance.gracePeriodDays) : null,
    profile: { ...(record.profile ?? {}) },
    ...extraUserState(record),
  };
}
