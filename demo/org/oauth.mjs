// OAuth 2.0 / OIDC endpoints of the org's authorization servers: discovery, interact, token and keys (refresh,
// revocation, introspection and logout are in ./okta-sessions.mjs).
import { createHash } from 'node:crypto';
import express from 'express';
import { authorizationServers, checkAuthorizationRequest, startTransaction } from './authorize.mjs';
import { handle, isObject, sendJson } from './http.mjs';
import { sameSecret } from './ids.mjs';

// The Basic challenge goes only to clients that tried Basic (RFC 6749 5.2): a browser that sees it on a fetch
// may hold the request open for a credentials prompt.
export const oauthError = (res, status, error, description, triedBasic = false) => {
  if (status === 401 && triedBasic) res.set('WWW-Authenticate', `Basic realm="${error}"`);
  sendJson(res, status, { error, error_description: description });
};

/** Client credentials from HTTP Basic (client_secret_basic) or the form body (client_secret_post). */
export function clientCredentials(req, body) {
  const header = req.get('authorization');
  if (header && /^basic /i.test(header)) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i > 0) {
      return { clientId: decodeURIComponent(decoded.slice(0, i)), clientSecret: decodeURIComponent(decoded.slice(i + 1)), basic: true };
    }
  }
  return { clientId: body.client_id, clientSecret: body.client_secret, basic: false };
}

/**
 * Authenticates the client of a request; answers the error itself and returns undefined on failure.
 * @param {import('./store.mjs').OrgStore} store
 */
export function authenticateClient(store, req, res, body) {
  let creds;
  try {
    creds = clientCredentials(req, body);
  } catch {
    oauthError(res, 401, 'invalid_client', 'Client authentication failed.', true);
    return undefined;
  }
  if (typeof creds.clientId !== 'string' || !creds.clientId) {
    oauthError(res, 400, 'invalid_request', "The 'client_id' parameter is required.");
    return undefined;
  }
  const app = store.apps.get(creds.clientId);
  if (!app) {
    oauthError(res, 401, 'invalid_client', "Invalid value for 'client_id' parameter.", creds.basic);
    return undefined;
  }
  if (app.type === 'confidential') {
    if (typeof creds.clientSecret !== 'string' || !sameSecret(creds.clientSecret, app.clientSecret)) {
      oauthError(res, 401, 'invalid_client', 'Client authentication failed. Either the client or the client credentials are invalid.', creds.basic);
      return undefined;
    }
  }
  return app;
}

/**
 * Signs a grant's access and ID tokens and answers them as the token endpoint does; `extra` adds to the reply (a
 * refresh token). `record(tokens)` runs before the reply and answers that extra.
 * @param {import('express').Response} res
 * @param {{ signer: ReturnType<import('./keys.mjs').createSigner>, tokenTtlSeconds: number }} env
 * @param {{ issuer: string, audience: string }} server
 * @param {{ clientId: string, user: import('./store.mjs').User, scopes: string[], nonce?: string }} grant
 * @param {(tokens: { idToken: string }) => Record<string, string>} record
 */
export async function sendTokens(res, env, server, grant, record) {
  const tokens = await env.signer.tokens({ issuer: server.issuer, audience: server.audience, ...grant, ttlSeconds: env.tokenTtlSeconds });
  sendJson(res, 200, {
    token_type: 'Bearer',
    expires_in: tokens.expiresIn,
    access_token: tokens.accessToken,
    scope: grant.scopes.join(' '),
    id_token: tokens.idToken,
    ...record(tokens),
  });
}

/**
 * @param {{ store: import('./store.mjs').OrgStore, signer: ReturnType<import('./keys.mjs').createSigner>,
 *   sessions: import('./okta-sessions.mjs').OktaSessions, origin: string, stateHandleTtlMs: number, tokenTtlSeconds: number }} env
 */
export function oauthRouter(env) {
  const { store, signer, origin } = env;
  const router = express.Router();
  const servers = authorizationServers(origin, store);

  const discovery = (s) => ({
    issuer: s.issuer,
    authorization_endpoint: `${origin}${s.base}/v1/authorize`,
    token_endpoint: `${origin}${s.base}/v1/token`,
    jwks_uri: `${origin}${s.base}/v1/keys`,
    revocation_endpoint: `${origin}${s.base}/v1/revoke`,
    introspection_endpoint: `${origin}${s.base}/v1/introspect`,
    end_session_endpoint: `${origin}${s.base}/v1/logout`,
    interaction_endpoint: `${origin}${s.base}/v1/interact`,
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    grant_types_supported: ['authorization_code', 'interaction_code', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    claims_supported: ['iss', 'sub', 'aud', 'exp', 'iat', 'auth_time', 'nonce', 'email', 'email_verified', 'name', 'preferred_username'],
    code_challenge_methods_supported: ['S256'],
  });

  for (const s of servers) {
    const doc = (_req, res) => sendJson(res, 200, discovery(s));
    const wellKnownPrefix = s.base === '/oauth2' ? '' : s.base;
    router.get(`${wellKnownPrefix}/.well-known/openid-configuration`, doc);
    router.get(`${wellKnownPrefix}/.well-known/oauth-authorization-server`, doc);
    router.get(`${s.base}/v1/keys`, (_req, res) => {
      res.set('Cache-Control', 'max-age=3600');
      res.status(200).type('application/json').send(JSON.stringify(signer.jwks()));
    });

    router.post(`${s.base}/v1/interact`, (req, res) => {
      const body = isObject(req.body) ? req.body : {};
      const app = authenticateClient(store, req, res, body);
      if (!app) return;
      const checked = checkAuthorizationRequest(app, body);
      if ('error' in checked) return oauthError(res, 400, checked.error, checked.description);
      const tx = startTransaction(env, s, app, checked.request);
      sendJson(res, 200, { interaction_handle: tx.interactionHandle });
    });

    router.post(
      `${s.base}/v1/token`,
      handle(async (req, res) => {
        res.set('Pragma', 'no-cache');
        const body = isObject(req.body) ? req.body : {};
        // interaction_code ends the embedded (IDX) flow; authorization_code ends the hosted page's (/v1/authorize);
        // refresh_token is ./okta-sessions.mjs's.
        const grantType = body.grant_type;
        if (grantType !== 'interaction_code' && grantType !== 'authorization_code') {
          return oauthError(res, 400, 'unsupported_grant_type', "The 'grant_type' parameter must be 'interaction_code', 'authorization_code' or 'refresh_token'.");
        }
        const codeParam = grantType === 'authorization_code' ? 'code' : 'interaction_code';
        const app = authenticateClient(store, req, res, body);
        if (!app) return;
        if (typeof body[codeParam] !== 'string' || !body[codeParam]) {
          return oauthError(res, 400, 'invalid_request', `The '${codeParam}' parameter is required.`);
        }
        if (typeof body.code_verifier !== 'string' || !body.code_verifier) {
          return oauthError(res, 400, 'invalid_request', 'PKCE verification failed: the code_verifier is missing.');
        }
        const grant = store.takeCode(body[codeParam]);
        if (!grant || (grant.grantType ?? 'interaction_code') !== grantType || grant.issuer !== s.issuer || grant.clientId !== app.clientId) {
          return oauthError(res, 400, 'invalid_grant', `The ${grantType === 'authorization_code' ? 'authorization' : 'interaction'} code is invalid or has expired.`);
        }
        // RFC 6749 4.1.3: an authorization code's request must repeat the redirect URI it was issued for.
        const redirectRequired = grantType === 'authorization_code';
        if ((redirectRequired || body.redirect_uri !== undefined) && body.redirect_uri !== grant.redirectUri) {
          return oauthError(res, 400, 'invalid_grant', "The 'redirect_uri' does not match the redirection URI used in the authorization request.");
        }
        const challenge = createHash('sha256').update(body.code_verifier).digest('base64url');
        if (challenge !== grant.codeChallenge) {
          return oauthError(res, 400, 'invalid_grant', 'PKCE verification failed.');
        }
        const user = store.findUser(grant.username);
        if (!user) return oauthError(res, 400, 'invalid_grant', 'The user no longer exists.');
        // A new Okta session for this sign-in, and a refresh token in it when the client asked for offline_access.
        await sendTokens(res, env, s, { clientId: app.clientId, user, nonce: grant.nonce ?? undefined, scopes: grant.scopes }, (tokens) =>
          env.sessions.start({ issuer: s.issuer, clientId: app.clientId, user, scopes: grant.scopes, tokens }),
        );
      }),
    );
  }
  return router;
}
