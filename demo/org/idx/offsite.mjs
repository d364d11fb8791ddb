// Steps of a sign-in that are finished away from the sign-in page: an identity provider (IdP discovery, the IdP
// buttons, the IdP authenticator), identity verification at a vendor, and Okta FastPass, which Okta Verify on the
// user's computer answers after the page has probed it.
import { opaque } from '../ids.mjs';
import { authenticatorIdp, buttonIdps, findIdp, routedIdp } from '../sso/config.mjs';
import { EXTERNAL_IDP, OKTA_VERIFY } from './authenticators.mjs';
import { isEnrolled } from './policy.mjs';

/**
 * IdP discovery: a username at a routed domain goes to its IdP, whatever else identify carried, as Okta's routing
 * rules do. The answer depends on the domain only, so it tells nothing about the account.
 * @param {any} tx
 * @param {string} identifier
 * @param {import('../store.mjs').OrgStore} store
 * @returns {boolean} whether the transaction was routed
 */
export function routeToIdp(tx, identifier, store) {
  const idp = identifier && routedIdp(store.data, identifier);
  if (!idp) return false;
  Object.assign(tx, { step: 'redirect-idp', idp: idp.id, loginHint: identifier });
  return true;
}

/**
 * What signing in at this IdP would do for the transaction as it stands: sign someone in (a button on identify, or
 * the IdP a username was routed to), verify the IdP authenticator, or nothing (not offered now).
 * @param {any} tx
 * @param {string} idpId
 * @param {import('../data.mjs').OrgData} data
 * @returns {'signin'|'authenticator'|null}
 */
export function idpPurpose(tx, idpId, data) {
  if (tx.step === 'identify' && buttonIdps(data).some((idp) => idp.id === idpId)) return 'signin';
  if (tx.step === 'redirect-idp' && tx.idp === idpId) return 'signin';
  if (tx.step === 'challenge-idp' && authenticatorIdp(data)?.id === idpId) return 'authenticator';
  return null;
}

/** The IdP a transaction's `challenge-idp` or `redirect-idp` step sends to. */
export const currentIdp = (tx, data) => (tx.step === 'challenge-idp' ? authenticatorIdp(data) : findIdp(data, tx.idp));

/** Chooses the IdP authenticator: the next step is the redirect to its IdP. */
export function challengeIdp(tx) {
  Object.assign(tx, { push: null, challenge: null, current: EXTERNAL_IDP, step: 'challenge-idp' });
}

/**
 * A FastPass-only policy: Okta Verify must answer a signed-nonce challenge, which the page hands to Okta Verify on
 * the user's computer (its loopback server). Starts a new challenge.
 * @param {any} tx
 * @param {import('../store.mjs').User} user
 * @returns {boolean} whether the policy asks for FastPass
 */
export function startFastPass(tx, user) {
  if (!user.oktaVerify.fastPassOnly || !isEnrolled(user, OKTA_VERIFY)) return false;
  Object.assign(tx, {
    step: 'challenge-fastpass',
    current: OKTA_VERIFY,
    push: null,
    challenge: null,
    lastPollAt: 0,
    fastPass: { challengeRequest: opaque(32), verified: false },
  });
  return true;
}

/**
 * Okta Verify on the user's computer answers a FastPass challenge: it signs the nonce with the key of the account it
 * holds, which must be the transaction's user. The sign-in's next poll moves on.
 * @param {import('../store.mjs').OrgStore} store
 * @param {unknown} challengeRequest
 * @returns {{ username: string } | { error: 'unknown_challenge' | 'not_enrolled' }}
 */
export function answerFastPass(store, challengeRequest) {
  if (typeof challengeRequest !== 'string' || !challengeRequest) return { error: 'unknown_challenge' };
  for (const tx of store.byState.values()) {
    if (tx.step !== 'challenge-fastpass' || tx.fastPass?.challengeRequest !== challengeRequest || tx.expiresAt <= Date.now()) continue;
    const user = store.findUser(tx.username);
    if (!user || !isEnrolled(user, OKTA_VERIFY)) return { error: 'not_enrolled' };
    tx.fastPass.verified = true;
    return { username: user.username };
  }
  return { error: 'unknown_challenge' };
}

/**
 * A policy that asks for identity verification (Persona, CLEAR...) once the factors are in: the next step is the
 * redirect to the vendor. Done once per transaction.
 * @param {any} tx
 * @param {import('../store.mjs').User} user
 * @param {import('../store.mjs').OrgStore} store
 * @returns {boolean} whether verification is the next step
 */
export function startIdentityVerification(tx, user, store) {
  if (!user.verifyIdentity || tx.identityVerified || !store.data.identityVerification) return false;
  Object.assign(tx, { step: 'redirect-idverify', challenge: null, push: null, idverify: { externalId: opaque(24) } });
  return true;
}

/**
 * The transaction an identity verification link (`stateTokenExternalId`) belongs to, while it waits for it.
 * @param {import('../store.mjs').OrgStore} store
 * @param {unknown} externalId
 */
export function transactionByIdv(store, externalId) {
  if (typeof externalId !== 'string' || !externalId) return undefined;
  for (const tx of store.byState.values()) {
    if (tx.step === 'redirect-idverify' && tx.idverify?.externalId === externalId && tx.expiresAt > Date.now()) return tx;
  }
  return undefined;
}
