// What Okta asks once the user is known, beyond the sign-on policy's factors: the password expiry warning (right
// after the password), then, before the sign-in ends, a device assurance grace period, keep-me-signed-in and
// consent. Each is asked once per sign-in; `tx.done` records the answered ones.
import { PASSWORD } from './authenticators.mjs';

export const DAY = 24 * 60 * 60 * 1000;

/** Whether the password expires soon and the user has not yet chosen to change it now or later in this sign-in. */
export const expiryWarningDue = (tx, user) =>
  tx.purpose === 'login' && typeof user.passwordExpiresAt === 'number' && !tx.done?.expiryWarning && (tx.factors ?? []).includes(PASSWORD);

/** Whole days left, as Okta counts them in `settings.daysToExpiry`. */
export const daysToExpiry = (user, now = Date.now()) => Math.max(0, Math.ceil((user.passwordExpiresAt - now) / DAY));

/**
 * The scopes this sign-in asks the user to consent to: those requested from an app that requires consent, but
 * `openid` and any the user granted the app before.
 * @param {any} tx
 * @param {import('../store.mjs').User} user
 * @param {import('../store.mjs').OrgStore} store
 */
export function consentScopes(tx, user, store) {
  if (!store.apps.get(tx.clientId)?.consentRequired) return [];
  const granted = user.consentGrants?.[tx.clientId] ?? [];
  return tx.scopes.filter((scope) => scope !== 'openid' && !granted.includes(scope));
}

/** Remembers a consent, so the app does not ask again for these scopes. */
export function grantConsent(tx, user, scopes) {
  user.consentGrants ??= {};
  user.consentGrants[tx.clientId] = [...new Set([...(user.consentGrants[tx.clientId] ?? []), ...scopes])];
}

/**
 * The next step after authentication, or null when the sign-in may end.
 * @param {any} tx
 * @param {import('../store.mjs').User} user
 * @param {import('../store.mjs').OrgStore} store
 */
export function postAuthStep(tx, user, store) {
  const done = tx.done ?? {};
  if (typeof user.graceUntil === 'number' && user.graceUntil > Date.now() && !done.gracePeriod) return 'grace-period';
  if (user.keepMeSignedIn && !done.keepMeSignedIn) return 'keep-me-signed-in';
  if (!done.consent && consentScopes(tx, user, store).length) return 'consent';
  return null;
}
