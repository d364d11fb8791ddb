// The local Okta org: OAuth/OIDC, the IDX API, email magic links, a simulated phone (Okta Verify, Google
// Authenticator, the email/SMS/voice outbox), identity providers (a fake OIDC provider, sso/) and the org's hosted
// sign-in page, served by one Express app.
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { cors } from './cors.mjs';
import { DEFAULT_DATA_FILE, loadData } from './data.mjs';
import { deviceApiRouter } from './device/api.mjs';
import { emailLinkRouter } from './email-link.mjs';
import { errorHandler, notFound } from './errors.mjs';
import { bodyParsers } from './http.mjs';
import { idxRouter } from './idx/routes.mjs';
import { createSigner } from './keys.mjs';
import { oauthRouter } from './oauth.mjs';
import { OktaSessions, oktaSessionsRouter } from './okta-sessions.mjs';
import { ssoRouter } from './sso/index.mjs';
import { OrgStore } from './store.mjs';

/**
 * @typedef {{ info: (...a: unknown[]) => void, warn: (...a: unknown[]) => void, error: (...a: unknown[]) => void }} Logger
 * @typedef {object} OrgOptions
 * @property {string} [origin] public origin of the app the router is mounted in, e.g. http://localhost:8080
 * @property {number} [port] startOrg only: port to listen on (0 = any free port)
 * @property {string[]} [trustedOrigins] origins allowed by CORS (the org's own origin is always allowed)
 * @property {number} [pollRefreshMs] the `refresh` put in poll remediations (default 4000)
 * @property {number} [minPollIntervalMs] polls of one transaction closer than this get 429 (default 1000, at most half of pollRefreshMs)
 * @property {string|URL} [dataFile] users and apps (default demo/data/org.json)
 * @property {number} [stateHandleTtlMs] lifetime of a sign-in transaction (default 10 minutes)
 * @property {number} [interactionCodeTtlMs] lifetime of an interaction code (default 60 s)
 * @property {number} [codeTtlMs] lifetime of an emailed, texted or spoken code and of an email magic link (default 5 minutes)
 * @property {number} [resendIntervalMs] a code sent again by the same method sooner than this gets 429 (default 30 s)
 * @property {boolean} [passkeys] WebAuthn as Okta's "Passkeys": discoverable credentials with user verification at
 *   enrollment, and a passkey sign-in (autofill or button) offered on identify (default false)
 * @property {number} [webauthnTimeoutMs] how long a WebAuthn challenge can be answered (default 5 minutes)
 * @property {number} [tokenTtlSeconds] lifetime of access and ID tokens (default 3600)
 * @property {number} [lockoutThreshold] wrong passwords in a row that lock an account, as Okta's password policy
 *   does (default 10); a locked account refuses every password until the org restarts
 * @property {Logger} [logger] default: only unexpected faults, to stderr
 */

const ORG_PATHS = ['/oauth2', '/.well-known', '/idp', '/device/api'];
const OTPAUTH_BROWSER = fileURLToPath(new URL('otpauth.esm.min.js', import.meta.resolve('otpauth')));

const quietLogger = { info() {}, warn() {}, error: (...a) => console.error(...a) };

/** @param {OrgOptions} options */
function settings(options) {
  const origin = (options.origin ?? `http://localhost:${options.port ?? 8080}`).replace(/\/+$/, '');
  const pollRefreshMs = options.pollRefreshMs ?? 4000;
  return {
    origin,
    trustedOrigins: [...new Set([origin, ...(options.trustedOrigins ?? [])])],
    pollRefreshMs,
    minPollIntervalMs: options.minPollIntervalMs ?? Math.min(1000, Math.floor(pollRefreshMs / 2)),
    dataFile: options.dataFile ?? DEFAULT_DATA_FILE,
    stateHandleTtlMs: options.stateHandleTtlMs ?? 10 * 60 * 1000,
    interactionCodeTtlMs: options.interactionCodeTtlMs ?? 60 * 1000,
    codeTtlMs: options.codeTtlMs ?? 5 * 60 * 1000,
    resendIntervalMs: options.resendIntervalMs ?? 30 * 1000,
    // WebAuthn's RP id is the org's host name (localhost): pages of every trusted origin on that host can use it.
    rpId: new URL(origin).hostname,
    passkeys: Boolean(options.passkeys),
    webauthnTimeoutMs: options.webauthnTimeoutMs ?? 5 * 60 * 1000,
    lockoutThreshold: options.lockoutThreshold ?? 10,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    logger: options.logger ?? quietLogger,
  };
}

/**
 * Builds the org as an Express app mountable at `/` of an app served at `options.origin`.
 * Paths it does not own fall through to the host app.
 * @param {OrgOptions} [options]
 */
export function createOrg(options = {}) {
  const s = settings(options);
  const store = new OrgStore(loadData(s.dataFile), s);
  const signer = createSigner();
  const env = { ...s, store, signer, sessions: new OktaSessions() };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use(ORG_PATHS, cors(s.trustedOrigins), ...bodyParsers());
  app.use(oktaSessionsRouter(env));
  app.use(oauthRouter(env));
  app.use(ssoRouter(env));
  app.use('/idp/idx', idxRouter(env));
  app.use('/device/api', deviceApiRouter(env));
  app.use('/device', devicePage());
  app.use('/email/verify', emailLinkRouter(env));
  app.use(notFound);
  app.use(errorHandler(s.logger));

  return {
    router: app,
    store,
    issuer: `${s.origin}/oauth2/default`,
    close() {
      store.close();
    },
  };
}

function devicePage() {
  const dir = fileURLToPath(new URL('./device-page/', import.meta.url));
  const router = express.Router();
  router.use((_req, res, next) => {
    res.set('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Referrer-Policy', 'no-referrer');
    next();
  });
  // Served at /device exactly (no trailing-slash redirect): activation links point there.
  router.get('/', (_req, res) => res.sendFile('index.html', { root: dir }));
  // The page's Google Authenticator computes codes with otpauth's self-contained browser build.
  router.get('/otpauth.js', (_req, res) => res.type('text/javascript').sendFile(OTPAUTH_BROWSER));
  router.use(express.static(dir, { index: false, redirect: false }));
  return router;
}

/**
 * Starts the org on its own HTTP server at 127.0.0.1; its origin is http://localhost:<port>.
 * @param {OrgOptions} [options]
 * @returns {Promise<{ origin: string, issuer: string, store: OrgStore, server: http.Server, close(): Promise<void> }>}
 */
export async function startOrg(options = {}) {
  const server = http.createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const origin = `http://localhost:${port}`;
  let org;
  try {
    org = createOrg({ ...options, origin });
  } catch (error) {
    // A data file that does not load: nothing is left listening.
    server.close();
    throw error;
  }
  server.on('request', org.router);
  return {
    origin,
    issuer: org.issuer,
    store: org.store,
    server,
    close: () =>
      new Promise((resolve) => {
        org.close();
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}
