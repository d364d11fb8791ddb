// Answers to the steps after authentication: the password expiry warning (a new password now, or `skip`), the
// device assurance grace period (continue), keep-me-signed-in and consent. A denied consent ends the sign-in.
import { idxErrorBody, isObject, sendIon } from '../http.mjs';
import { advance, finish } from './flow.mjs';
import { consentScopes, grantConsent } from './post-auth.mjs';
import { blank, passwordProblem, wrongType } from './validate.mjs';
import { CONSENT_DENIED } from './views/post-auth.mjs';

const WARNING = 'password-expiry-warning';
const GRACE = 'grace-period';

/** A required boolean field's problem, or null. */
const booleanProblem = (value) => (value === undefined || value === null || value === '' ? blank() : typeof value === 'boolean' ? null : wrongType());

/** @param {import('./routes.mjs').Kit} kit */
export function postAuthRoutes(kit) {
  const { step, store, reply, wrongStep } = kit;
  const at = (...steps) => (_body, tx, user) => Boolean(user) && !user.phantom && steps.includes(tx.step);

  step(
    '/skip',
    (_body, tx, user, res) => {
      tx.done ??= {};
      if (tx.step === GRACE) {
        tx.done.gracePeriod = true;
        finish(tx, user, store);
      } else {
        tx.done.expiryWarning = true;
        advance(tx, user, store);
      }
      return reply(res, tx);
    },
    at(WARNING, GRACE),
  );

  // "Change now" on the expiry warning.
  step(
    '/challenge/answer',
    (body, tx, user, res) => {
      const credentials = isObject(body.credentials) ? body.credentials : {};
      const passcode = typeof credentials.passcode === 'string' ? credentials.passcode : '';
      const problem = passcode ? passwordProblem(passcode, user) : blank();
      if (problem) return reply(res, tx, 400, { fieldErrors: { passcode: [problem] } });
      user.password = passcode;
      user.passwordExpiresAt = null;
      tx.done ??= {};
      tx.done.expiryWarning = true;
      advance(tx, user, store);
      return reply(res, tx);
    },
    at(WARNING),
  );

  step('/keep-me-signed-in', (body, tx, user, res) => {
    if (!at('keep-me-signed-in')(body, tx, user)) return wrongStep(res, tx);
    const problem = booleanProblem(body.keepMeSignedIn);
    if (problem) return reply(res, tx, 400, { fieldErrors: { keepMeSignedIn: [problem] } });
    tx.keepMeSignedIn = body.keepMeSignedIn;
    tx.done ??= {};
    tx.done.keepMeSignedIn = true;
    finish(tx, user, store);
    return reply(res, tx);
  });

  step('/consent', (body, tx, user, res) => {
    if (!at('consent')(body, tx, user)) return wrongStep(res, tx);
    const problem = booleanProblem(body.consent);
    if (problem) return reply(res, tx, 400, { fieldErrors: { consent: [problem] } });
    if (!body.consent) {
      tx.step = 'consent-denied';
      const expiresAt = new Date(tx.expiresAt).toISOString();
      return sendIon(res, 403, idxErrorBody([CONSENT_DENIED()], { stateHandle: tx.stateHandle, expiresAt, intent: 'LOGIN' }));
    }
    grantConsent(tx, user, consentScopes(tx, user, store));
    tx.done ??= {};
    tx.done.consent = true;
    finish(tx, user, store);
    return reply(res, tx);
  });
}
