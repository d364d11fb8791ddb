// What /v1/interact (the embedded flow) and /v1/authorize (the org's hosted sign-in page) share: the authorization
// servers, the checks of a client's request, and the sign-in transaction the request starts.
import { redirectUriMatches } from './data.mjs';
import { opaque } from './ids.mjs';
import { identifyStep } from './idx/flow.mjs';

/**
 * The org authorization server (issuer = origin) and the custom "default" one, as every Okta org has.
 * @param {string} origin
 * @param {import('./store.mjs').OrgStore} store
 */
export const authorizationServers = (origin, store) => [
  { base: '/oauth2/default', issuer: `${origin}/oauth2/default`, audience: store.data.org.audience },
  { base: '/oauth2', issuer: origin, audience: origin },
];

const str = (v) => (typeof v === 'string' && v ? v : null);

/**
 * Checks the parameters of an authorization request (form body of /interact, query of /authorize) for an app.
 * `redirectable` says whether the error may be sent to the redirect URI: not while that URI is itself in doubt.
 * @param {import('./data.mjs').AppRecord} app
 * @param {Record<string, unknown>} params
 * @returns {{ request: { redirectUri: string, codeChallenge: string, state: string, scopes: string[], nonce: string|null } }
 *   | { error: string, description: string, redirectable: boolean, redirectUri?: string, state?: string|null }}
 */
export function checkAuthorizationRequest(app, params) {
  const redirectUri = str(params.redirect_uri);
  if (!redirectUri || !app.redirectUris.some((p) => redirectUriMatches(p, redirectUri))) {
    return { error: 'invalid_request', description: "'redirect_uri' must be a Login redirect URI in the client app settings.", redirectable: false };
  }
  const state = str(params.state);
  const fail = (error, description) => ({ error, description, redirectable: true, redirectUri, state });
  const codeChallenge = str(params.code_challenge);
  if (!codeChallenge || !/^[A-Za-z0-9_-]{43,128}$/.test(codeChallenge)) {
    return fail('invalid_request', "PKCE code challenge is required when the token endpoint authentication method is 'NONE'.");
  }
  if ((params.code_challenge_method ?? 'S256') !== 'S256') return fail('invalid_request', "'code_challenge_method' is invalid. Must be 'S256'.");
  if (!state) return fail('invalid_request', "The 'state' parameter is required.");
  const scopes = (str(params.scope) ?? '').split(' ').filter(Boolean);
  if (!scopes.includes('openid')) return fail('invalid_scope', "The authorization server requires the 'openid' scope.");
  if (scopes.some((sc) => !app.scopes.includes(sc))) {
    return fail('invalid_scope', 'One or more scopes are not configured for the authorization server resource.');
  }
  return { request: { redirectUri, codeChallenge, state, scopes, nonce: str(params.nonce) } };
}

/**
 * Starts a sign-in transaction at identify for a checked request.
 * @param {{ store: import('./store.mjs').OrgStore, stateHandleTtlMs: number }} env
 * @param {{ issuer: string, audience: string }} server
 * @param {import('./data.mjs').AppRecord} app
 * @param {{ redirectUri: string, codeChallenge: string, state: string, scopes: string[], nonce: string|null }} request
 * @param {object} [extra] more fields, e.g. `hosted` for a transaction of the hosted sign-in page
 */
export function startTransaction(env, server, app, request, extra = {}) {
  const now = Date.now();
  const tx = {
    interactionHandle: opaque(24),
    stateHandle: `02${opaque(30)}`,
    issuer: server.issuer,
    audience: server.audience,
    clientId: app.clientId,
    ...request,
    createdAt: now,
    expiresAt: now + env.stateHandleTtlMs,
    ...identifyStep(),
    lastPollAt: 0,
    ...extra,
  };
  env.store.addTransaction(tx);
  return tx;
}
