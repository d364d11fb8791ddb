// The org's side of an identity provider round trip, as Okta does it: `redirect-idp`'s href (/sso/idps/{id}) and
// `redirect-idverify`'s (/idp/identity-verification) send the browser to the provider with the org's own state, nonce
// and PKCE; the provider comes back to /oauth2/v1/authorize/callback, where the org exchanges the code server-side,
// checks the ID token, moves the sign-in on and sends the browser back to the app: `interaction_code` and `state`
// (or `error=interaction_required` when the sign-in needs more from the page), `error` when the provider refused.
// Each round trip works once and only in the browser that started it (a cookie bound to its state).
import { createHash } from 'node:crypto';
import express from 'express';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { opaque, sameSecret } from '../ids.mjs';
import { EXTERNAL_IDP } from '../idx/authenticators.mjs';
import { advance, completeFactor } from '../idx/flow.mjs';
import { idpPurpose, transactionByIdv } from '../idx/offsite.mjs';
import { findIdp } from './config.mjs';
import { backToApp, finishHosted, hostedPageUrl } from './hosted.mjs';
import { cookies, pageRoute, sendErrorPage } from './html.mjs';

const ROUND_TRIP_TTL_MS = 10 * 60 * 1000;
const PROVIDER_TIMEOUT_MS = 5000;
export const CALLBACK_PATH = '/oauth2/v1/authorize/callback';
/** The factor a sign-in at an IdP counts as: the IdP's own policy stands in for the org's second factor. */
const FEDERATED = 'federated';

const DESCRIPTIONS = {
  access_denied: 'The user cancelled or denied the sign-in at the identity provider.',
  server_error: 'The identity provider could not complete the sign-in.',
};

/**
 * @param {{ store: import('../store.mjs').OrgStore, origin: string, logger: any }} env
 * @param {{ issuer: string }} provider
 * @param {Map<string, import('./provider.mjs').ProviderClient>} clients the org's client at the provider, by IdP id
 *   (the verification vendor's under its vendor id)
 */
export function brokerRouter(env, provider, clients) {
  const { store, origin, logger } = env;
  const data = store.data;
  const callbackUrl = `${origin}${CALLBACK_PATH}`;
  const jwks = createRemoteJWKSet(new URL(`${provider.issuer}/keys`), { timeoutDuration: PROVIDER_TIMEOUT_MS });
  /** @type {Map<string, any>} round trips under way, by the state sent to the provider */
  const trips = new Map();
  const secure = origin.startsWith('https:');
  const cookieName = (trip) => `okta-idp-${trip.id}`;
  const router = express.Router();

  /** Sends the browser to the provider for a transaction and remembers the round trip. */
  function toProvider(res, tx, client, purpose, loginHint) {
    const now = Date.now();
    for (const [state, t] of trips) if (t.expiresAt <= now) trips.delete(state);
    const trip = {
      id: opaque(9),
      state: opaque(24),
      nonce: opaque(16),
      verifier: opaque(32),
      binding: opaque(24),
      txStateHandle: tx.stateHandle,
      fromStep: tx.step,
      client,
      purpose,
      expiresAt: now + ROUND_TRIP_TTL_MS,
    };
    trips.set(trip.state, trip);
    res.cookie(cookieName(trip), trip.binding, { httpOnly: true, sameSite: 'lax', secure, path: CALLBACK_PATH, maxAge: ROUND_TRIP_TTL_MS });
    const url = new URL(`${provider.issuer}/authorize`);
    for (const [name, value] of Object.entries({
      client_id: client.clientId,
      redirect_uri: callbackUrl,
      response_type: 'code',
      scope: 'openid email profile',
      state: trip.state,
      nonce: trip.nonce,
      code_challenge: createHash('sha256').update(trip.verifier).digest('base64url'),
      code_challenge_method: 'S256',
      login_hint: loginHint,
    })) {
      if (value) url.searchParams.set(name, value);
    }
    res.redirect(302, url.href);
  }

  const liveTransaction = (handle) => {
    const tx = store.transactionByState(handle);
    return tx && tx.expiresAt > Date.now() ? tx : undefined;
  };
  const expired = (res) => sendErrorPage(res, 400, 'This sign-in has expired', 'Go back to the app and sign in again.');

  router.get('/sso/idps/:id', (req, res) => {
    const idp = findIdp(data, req.params.id);
    if (!idp) return sendErrorPage(res, 404, 'Unknown identity provider', 'This org has no such identity provider.');
    const tx = liveTransaction(req.query.stateToken);
    if (!tx) return expired(res);
    const purpose = idpPurpose(tx, idp.id, data);
    if (!purpose) return sendErrorPage(res, 400, 'Not available now', 'This identity provider is not offered at this point of the sign-in.');
    toProvider(res, tx, clients.get(idp.id), purpose, purpose === 'authenticator' ? tx.username : tx.loginHint);
  });

  router.get('/idp/identity-verification', (req, res) => {
    const tx = transactionByIdv(store, req.query.stateTokenExternalId);
    if (!tx) return expired(res);
    toProvider(res, tx, clients.get(data.identityVerification.id), 'idverify', tx.username);
  });

  router.get(
    CALLBACK_PATH,
    pageRoute(logger, async (req, res) => {
      const q = req.query;
      const trip = typeof q.state === 'string' ? trips.get(q.state) : undefined;
      if (!trip || trip.expiresAt <= Date.now()) {
        return sendErrorPage(res, 400, 'This sign-in answer is not valid', 'It has expired, was already used, or was not started here. Go back to the app and sign in again.');
      }
      trips.delete(trip.state);
      res.clearCookie(cookieName(trip), { path: CALLBACK_PATH });
      const bound = cookies(req)[cookieName(trip)];
      if (!bound || !sameSecret(bound, trip.binding)) {
        return sendErrorPage(res, 400, 'This sign-in answer is not valid', 'The sign-in was started in another browser. Sign in again from this one.');
      }
      const tx = liveTransaction(trip.txStateHandle);
      const movedOn = () => tx.step !== trip.fromStep;
      if (!tx || movedOn()) return expired(res);
      const failed = (error) => backToApp(res, tx, { error, error_description: DESCRIPTIONS[error], state: tx.state });
      if (typeof q.error === 'string') return failed(q.error === 'access_denied' ? 'access_denied' : 'server_error');
      if (typeof q.code !== 'string' || !q.code) return failed('server_error');

      let claims;
      try {
        claims = await redeem(trip, q.code);
      } catch (err) {
        logger.warn('[org] identity provider answer refused', err);
        return failed('server_error');
      }
      if (movedOn()) return expired(res);
      const refused = signedIn(tx, trip.purpose, claims);
      if (refused) return backToApp(res, tx, { error: 'access_denied', error_description: refused, state: tx.state });
      finish(res, tx);
    }),
  );

  /** Exchanges the provider's code (client secret + PKCE) and checks its ID token: issuer, audience, signature, nonce. */
  async function redeem(trip, code) {
    const res = await fetch(`${provider.issuer}/token`, {
      method: 'POST',
      headers: {
        Authorization: `Basic ${Buffer.from(`${encodeURIComponent(trip.client.clientId)}:${encodeURIComponent(trip.client.secret)}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: callbackUrl, code_verifier: trip.verifier }),
      signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS),
    });
    const body = await res.json();
    if (!res.ok || typeof body.id_token !== 'string') throw new Error(`the provider's token endpoint answered ${res.status} ${body.error ?? ''}`);
    const { payload } = await jwtVerify(body.id_token, jwks, { issuer: provider.issuer, audience: trip.client.clientId });
    if (payload.nonce !== trip.nonce) throw new Error("the ID token's nonce is not the one sent");
    if (typeof payload.email !== 'string') throw new Error('the ID token has no email');
    return payload;
  }

  /**
   * Applies what the provider confirmed to the transaction.
   * @returns {string|null} why the sign-in is refused, or null
   */
  function signedIn(tx, purpose, claims) {
    const email = String(claims.email).toLowerCase();
    if (purpose === 'signin') {
      // Accounts are linked by email, as an Okta IdP's account link policy does.
      const user = store.findUser(email);
      if (!user) return "No user of this org is linked to the identity provider's account.";
      Object.assign(tx, { username: user.username, phantom: null, purpose: 'login', factors: [FEDERATED] });
      advance(tx, user, store);
      return null;
    }
    const user = store.findUser(tx.username);
    if (!user || user.username.toLowerCase() !== email) return 'The identity provider confirmed someone other than the user signing in.';
    if (purpose === 'authenticator') {
      completeFactor(tx, user, store, EXTERNAL_IDP);
      return null;
    }
    if (claims.identity_verified !== true) return 'The identity could not be verified.';
    tx.identityVerified = true;
    advance(tx, user, store);
    return null;
  }

  /** Back to the app: success, or (when the policy needs more) the page must go on with the transaction. */
  function finish(res, tx) {
    if (tx.hosted) return tx.step === 'success' ? finishHosted(res, store, tx) : res.redirect(303, hostedPageUrl(origin, tx));
    if (tx.step === 'success') return backToApp(res, tx, { interaction_code: tx.interactionCode, state: tx.state });
    return backToApp(res, tx, {
      error: 'interaction_required',
      error_description: 'Your client is configured to use the interaction code flow and user interaction is required to complete the request.',
      state: tx.state,
    });
  }

  return router;
}
