// Okta sessions and what lives in them, as Okta's authorization servers answer: a session per finished sign-in,
// refresh tokens (scope offline_access, grant_type=refresh_token), revocation (/v1/revoke, RFC 7009),
// introspection (/v1/introspect, RFC 7662) and RP-initiated logout (/v1/logout with id_token_hint and
// post_logout_redirect_uri), plus the device API's view of a user's sessions for tests.
import express from 'express';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { redirectUriMatches } from './data.mjs';
import { handle, isObject, sendJson } from './http.mjs';
import { opaque, oktaId } from './ids.mjs';
import { authorizationServers } from './authorize.mjs';
import { authenticateClient, oauthError, sendTokens } from './oauth.mjs';

/**
 * @typedef {{ id: string, username: string, clientId: string, issuer: string, createdAt: number }} OktaSession
 * @typedef {{ sid: string, username: string, clientId: string, issuer: string, scopes: string[] }} RefreshGrant
 */

// The oldest entries go beyond this many, so that a long-running demo does not grow.
const MAX_ENTRIES = 10_000;
const bounded = (collection) => {
  if (collection.size > MAX_ENTRIES) collection.delete(collection.keys().next().value);
};

export class OktaSessions {
  constructor() {
    /** @type {Map<string, OktaSession>} active sessions by id */
    this.sessions = new Map();
    /** @type {Map<string, RefreshGrant>} */
    this.refreshTokens = new Map();
    /** @type {Map<string, string>} the session of each ID token, by its jti */
    this.idTokens = new Map();
    /** @type {Set<string>} revoked access tokens, by jti */
    this.revokedAccess = new Set();
  }

  /**
   * Records the session a token exchange ends a sign-in with; answers the refresh token to add to the reply, if any.
   * @param {{ issuer: string, clientId: string, user: { username: string }, scopes: string[],
   *   tokens: { idToken: string } }} grant
   */
  start({ issuer, clientId, user, scopes, tokens }) {
    const session = { id: oktaId('102'), username: user.username, clientId, issuer, createdAt: Date.now() };
    this.sessions.set(session.id, session);
    bounded(this.sessions);
    return this.issued(session.id, { issuer, clientId, username: user.username, scopes }, tokens);
  }

  /**
   * @param {string} sid
   * @param {Omit<RefreshGrant, 'sid'>} grant
   * @param {{ idToken: string }} tokens
   * @param {string} [refreshToken] the refresh token being used, kept (Okta does not rotate a web app's by default)
   */
  issued(sid, grant, tokens, refreshToken) {
    this.idTokens.set(String(decodeJwt(tokens.idToken).jti), sid);
    bounded(this.idTokens);
    if (!grant.scopes.includes('offline_access')) return {};
    const token = refreshToken ?? opaque(32);
    this.refreshTokens.set(token, { ...grant, sid });
    bounded(this.refreshTokens);
    return { refresh_token: token };
  }

  /** @param {string} username */
  activeFor(username) {
    const name = username.toLowerCase();
    return [...this.sessions.values()].filter((s) => s.username.toLowerCase() === name);
  }

  /** Ends the session an ID token was issued in. */
  endFor(idTokenJti) {
    const sid = this.idTokens.get(idTokenJti);
    if (sid) this.sessions.delete(sid);
  }
}

const verifier = (signer) => {
  const keys = createLocalJWKSet(signer.jwks());
  /** The claims of a token this org signed for `issuer`, or undefined. Expired tokens too when `allowExpired`. */
  return async (token, issuer, allowExpired = false) => {
    if (typeof token !== 'string' || token.split('.').length !== 3) return undefined;
    try {
      // A date far back makes every expiry lie in the future.
      const options = allowExpired ? { issuer, currentDate: new Date(0) } : { issuer };
      return (await jwtVerify(token, keys, options)).payload;
    } catch {
      return undefined;
    }
  };
};

/** A plain error page, as Okta shows one in the browser for a logout it refuses. */
function errorPage(res, status, message) {
  res.status(status).set('Content-Type', 'text/html; charset=utf-8').set('Cache-Control', 'no-store');
  res.send(`<!doctype html><title>Bad request</title><h1>Bad request</h1><p>${message}</p>`);
}

/**
 * @param {{ store: import('./store.mjs').OrgStore, signer: ReturnType<import('./keys.mjs').createSigner>,
 *   sessions: OktaSessions, origin: string, tokenTtlSeconds: number }} env
 */
export function oktaSessionsRouter(env) {
  const { store, signer, sessions, origin } = env;
  const verify = verifier(signer);
  const router = express.Router();

  for (const s of authorizationServers(origin, store)) {
    router.post(
      `${s.base}/v1/token`,
      handle(async (req, res, next) => {
        const body = isObject(req.body) ? req.body : {};
        if (body.grant_type !== 'refresh_token') return next();
        res.set('Pragma', 'no-cache');
        const app = authenticateClient(store, req, res, body);
        if (!app) return;
        const grant = typeof body.refresh_token === 'string' ? sessions.refreshTokens.get(body.refresh_token) : undefined;
        if (!grant || grant.clientId !== app.clientId || grant.issuer !== s.issuer) {
          return oauthError(res, 400, 'invalid_grant', 'The refresh token is invalid or expired.');
        }
        const asked = typeof body.scope === 'string' ? body.scope.split(' ').filter(Boolean) : grant.scopes;
        if (asked.some((scope) => !grant.scopes.includes(scope))) {
          return oauthError(res, 400, 'invalid_scope', 'The requested scope is invalid, unknown, or malformed.');
        }
        const user = store.findUser(grant.username);
        if (!user) return oauthError(res, 400, 'invalid_grant', 'The user no longer exists.');
        await sendTokens(res, env, s, { clientId: app.clientId, user, scopes: asked }, (tokens) =>
          sessions.issued(grant.sid, { ...grant, scopes: asked }, tokens, body.refresh_token),
        );
      }),
    );

    // RFC 7009: 200 for a token revoked, unknown or already revoked alike; only the client's own tokens.
    router.post(
      `${s.base}/v1/revoke`,
      handle(async (req, res) => {
        const body = isObject(req.body) ? req.body : {};
        const app = authenticateClient(store, req, res, body);
        if (!app) return;
        if (typeof body.token !== 'string' || !body.token) {
          return oauthError(res, 400, 'invalid_request', "The 'token' parameter is required.");
        }
        const refresh = sessions.refreshTokens.get(body.token);
        if (refresh?.clientId === app.clientId) sessions.refreshTokens.delete(body.token);
        const claims = refresh ? undefined : await verify(body.token, s.issuer, true);
        if (claims?.cid === app.clientId && claims.jti) {
          sessions.revokedAccess.add(String(claims.jti));
          bounded(sessions.revokedAccess);
        }
        res.status(200).set('Cache-Control', 'no-store').end();
      }),
    );

    router.post(
      `${s.base}/v1/introspect`,
      handle(async (req, res) => {
        const body = isObject(req.body) ? req.body : {};
        const app = authenticateClient(store, req, res, body);
        if (!app) return;
        const refresh = typeof body.token === 'string' ? sessions.refreshTokens.get(body.token) : undefined;
        if (refresh) {
          const owned = refresh.clientId === app.clientId;
          return sendJson(res, 200, owned ? { active: true, token_type: 'refresh_token', client_id: refresh.clientId, username: refresh.username, scope: refresh.scopes.join(' ') } : { active: false });
        }
        const claims = await verify(body.token, s.issuer);
        const active = claims?.cid === app.clientId && !sessions.revokedAccess.has(String(claims.jti));
        if (!active) return sendJson(res, 200, { active: false });
        sendJson(res, 200, {
          active: true,
          token_type: 'Bearer',
          scope: (claims.scp ?? []).join(' '),
          client_id: claims.cid,
          username: claims.email,
          exp: claims.exp,
          iat: claims.iat,
          sub: claims.sub,
          uid: claims.uid,
          jti: claims.jti,
        });
      }),
    );

    // A browser navigation. The ID token may have expired (OpenID Connect RP-Initiated Logout 1.0, section 2).
    router.get(
      `${s.base}/v1/logout`,
      handle(async (req, res) => {
        const hint = req.query.id_token_hint;
        const claims = await verify(hint, s.issuer, true);
        const app = claims && store.apps.get(String(claims.aud));
        if (!app) return errorPage(res, 400, 'The id_token_hint is missing or not valid.');
        const target = req.query.post_logout_redirect_uri;
        if (target !== undefined && (typeof target !== 'string' || !(app.postLogoutRedirectUris ?? []).some((p) => redirectUriMatches(p, target)))) {
          return errorPage(res, 400, "The 'post_logout_redirect_uri' is not a sign-out redirect URI of the app.");
        }
        sessions.endFor(String(claims.jti));
        if (!target) {
          res.status(200).set('Content-Type', 'text/html; charset=utf-8').set('Cache-Control', 'no-store');
          return res.send('<!doctype html><title>Signed out</title><h1>You are signed out</h1>');
        }
        const url = new URL(target);
        if (typeof req.query.state === 'string') url.searchParams.set('state', req.query.state);
        res.set('Cache-Control', 'no-store').redirect(302, url.href);
      }),
    );
  }

  router.get('/device/api/users/:username/sessions', (req, res) => {
    sendJson(res, 200, { sessions: sessions.activeFor(req.params.username).map(({ id, clientId, createdAt }) => ({ id, clientId, createdAt: new Date(createdAt).toISOString() })) });
  });
  return router;
}
