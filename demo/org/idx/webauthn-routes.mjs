// Security Key or Biometric (WebAuthn) answers: an enrollment's attestation and a challenge's assertion (both posted
// to /challenge/answer), and, in an org with passkeys, the passkey sign-in from the identify step. Each answer
// takes its challenge at once, so it works once; the answer to a refused one carries a new challenge.
import { isObject } from '../http.mjs';
import { WEBAUTHN } from './authenticators.mjs';
import { advance, completeFactor } from './flow.mjs';
import { assertionFailed, checkAssertion, checkAttestation, newChallenge, toBase64url } from './webauthn.mjs';

/**
 * Okta's status for a refused assertion: its mock of that answer (error-authenticator-webauthn-failure) carries no
 * status in its name, and the Sign-In Widget's playground serves such mocks as 403.
 */
export const ASSERTION_FAILED_STATUS = 403;

/** The challenge of a WebAuthn step. @param {import('./webauthn.mjs').WebAuthnEnv} env */
export const webauthnChallenge = (env) => ({ key: WEBAUTHN, method: 'webauthn', ...newChallenge(env) });

/**
 * @param {import('./routes.mjs').Kit} kit
 * @returns {(credentials: Record<string, unknown>, tx: any, user: import('../store.mjs').User, res: import('express').Response) => Promise<void>}
 */
export function webauthnRoutes(kit) {
  const { step, store, env, reply, wrongStep, setUser } = kit;

  step('/challenge/answer/webauthn-autofillui', async (body, tx, _user, res) => {
    if (!env.passkeys || tx.step !== 'identify') return wrongStep(res, tx);
    const challenge = tx.autofill;
    tx.autofill = newChallenge(env);
    const credentials = isObject(body.credentials) ? body.credentials : {};
    // The passkey names its user: userHandle is the user id the enrollment put in `user.id`.
    const handle = toBase64url(credentials.userHandle);
    const id = toBase64url(credentials.id);
    const owner = (handle && store.findUserById(handle)) || (id && store.webauthnOwner(id)) || null;
    const signed = owner ? await checkAssertion(env, credentials, challenge, owner.webauthn.credentials, 'autofill') : null;
    if (tx.step !== 'identify') return wrongStep(res, tx);
    if (!signed) return reply(res, tx, ASSERTION_FAILED_STATUS, { messages: [assertionFailed()] });
    setUser(tx, owner);
    tx.purpose = 'login';
    tx.factors = [WEBAUTHN];
    advance(tx, owner, store);
    return reply(res, tx);
  });

  /** The answer of `enroll-webauthn` (attestation) or `challenge-webauthn` (assertion). */
  return async function answer(credentials, tx, user, res) {
    const at = tx.step;
    const challenge = tx.challenge;
    tx.challenge = webauthnChallenge(env);
    if (at === 'enroll-webauthn') {
      const checked = await checkAttestation(env, credentials, challenge, (credentialId) => Boolean(store.webauthnOwner(credentialId)));
      if (tx.step !== at) return wrongStep(res, tx);
      if (!checked.ok) return reply(res, tx, 400, { messages: [checked.message] });
      store.enrollWebauthn(user, checked.credential);
      completeFactor(tx, user, store, WEBAUTHN);
      return reply(res, tx);
    }
    const signed = await checkAssertion(env, credentials, challenge, user.webauthn.credentials, 'challenge');
    if (tx.step !== at) return wrongStep(res, tx);
    if (!signed) return reply(res, tx, ASSERTION_FAILED_STATUS, { messages: [assertionFailed()] });
    completeFactor(tx, user, store, WEBAUTHN);
    return reply(res, tx);
  };
}
