/**
 * The okta-auth-js side of IDX mode. This module is only ever loaded through `import()`, so pages in backend
 * mode never download okta-auth-js. It builds the "minimal" IDX client (interact, introspect, remediations and
 * the token exchange, without the token manager, services and authn API), which is about 40% smaller.
 */
import {
  createIdxOptionsConstructor,
  createIdxStorageManager,
  createIdxTransactionManager,
  createMinimalOktaAuthIdx,
} from '@okta/okta-auth-js/idx';
import type { IdxAuthClient, IdxHttp } from '../idx/types.js';
import { parseRetryAfter } from '../core/retry-after.js';

const MinimalOktaAuthIdx = createMinimalOktaAuthIdx(
  createIdxStorageManager(),
  createIdxOptionsConstructor(),
  createIdxTransactionManager(),
);

export interface ClientOptions {
  issuer: string;
  clientId: string;
  redirectUri: string;
  scopes: string[];
}

interface RawResult {
  responseText: string;
  status: number;
  headers: Record<string, string>;
  url?: string;
  responseType?: 'json';
  responseJSON?: unknown;
}

const FORM = 'application/x-www-form-urlencoded';
// A request the org never answers must not leave the user waiting forever.
const REQUEST_TIMEOUT_MS = 30_000;

function withTimeout(signal: AbortSignal | undefined): AbortSignal | undefined {
  if (typeof AbortSignal.timeout !== 'function') return signal;
  const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  if (!signal) return timeout;
  return typeof AbortSignal.any === 'function' ? AbortSignal.any([signal, timeout]) : signal;
}
const JSONISH = /application\/\w*\+?json/;
// okta-auth-js's telemetry header: a custom header makes the browser send a CORS preflight first, one more round
// trip before `/v1/interact` that Okta does not need.
const TELEMETRY = /^x-okta-user-agent-extended$/i;

/**
 * The authorization server's discovery document, as Okta serves it for every issuer. okta-auth-js fetches it before
 * `/v1/interact` only to check that PKCE S256 is supported (it always is at Okta) and later for the JWKS address,
 * which Okta derives from the issuer the same way okta-auth-js derives every other endpoint. Answering it here saves
 * two round trips (a preflight and the request) before the transaction can start.
 */
function discovery(issuer: string): RawResult {
  const base = /\/oauth2(\/|$)/.test(new URL(issuer).pathname) ? issuer : `${issuer}/oauth2`;
  const document = { issuer, jwks_uri: `${base}/v1/keys`, code_challenge_methods_supported: ['S256'] };
  return { responseText: JSON.stringify(document), status: 200, headers: {}, responseType: 'json', responseJSON: document };
}

/**
 * okta-auth-js's request function, rewritten over `fetch` so that a request can be aborted (the element left the
 * page) and so that a 429's `Retry-After` is not lost: okta-auth-js keeps only the body.
 */
function createHttp(issuer: string): IdxHttp {
  const discoveryUrl = `${issuer}/.well-known/openid-configuration`;
  const http: IdxHttp = {
    signal: undefined,
    retryAfterMs: undefined,
    request(method: string, url: string, options: Record<string, unknown>) {
      if (method.toUpperCase() === 'GET' && url === discoveryUrl) return Promise.resolve(discovery(issuer));
      const args = options as { headers?: Record<string, string>; data?: unknown; withCredentials?: boolean };
      const data = args.data;
      // No telemetry header, and no Content-Type without a body: each would cost a CORS preflight.
      const headers = Object.fromEntries(
        Object.entries(args.headers ?? {}).filter(([k]) => !TELEMETRY.test(k) && (data != null || !/^content-type$/i.test(k))),
      );
      const type = headers['Content-Type'] ?? headers['content-type'] ?? '';
      let body: string | undefined = typeof data === 'string' ? data : undefined;
      if (data && typeof data === 'object') {
        if (JSONISH.test(type)) body = JSON.stringify(data);
        else if (type === FORM) {
          body = Object.entries(data as Record<string, unknown>)
            .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
            .join('&');
        }
      }
      http.retryAfterMs = undefined;
      return fetch(url, {
        method,
        headers,
        body,
        credentials: args.withCredentials ? 'include' : 'omit',
        signal: withTimeout(http.signal),
      }).then(async (response) => {
        const text = await response.text();
        // `url`: what was called, for a failure's explanation (no authorization server: 404 at interact).
        const result: RawResult = { responseText: text, status: response.status, headers: {}, url };
        response.headers.forEach((value, key) => (result.headers[key] = value));
        const contentType = response.headers.get('content-type') ?? '';
        if (contentType.toLowerCase().includes('json')) {
          try {
            result.responseJSON = JSON.parse(text);
            result.responseType = 'json';
          } catch {
            // okta-auth-js reports unreadable bodies itself
          }
        }
        if (response.status === 429) http.retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        const oauthError = (result.responseJSON as { error?: unknown } | undefined)?.error;
        if (!response.ok || oauthError) throw result;
        return result;
      });
    },
  };
  return http;
}


/** A fresh client whose transaction (PKCE verifier, state, nonce) and HTTP cache live in memory only. */
export function createAuthClient(options: ClientOptions): { client: IdxAuthClient; http: IdxHttp } {
  const http = createHttp(options.issuer.replace(/\/+$/, ''));
  const client = new MinimalOktaAuthIdx({
    issuer: options.issuer,
    clientId: options.clientId,
    redirectUri: options.redirectUri,
    scopes: options.scopes,
    storageManager: {
      transaction: { storageType: 'memory' },
      cache: { storageType: 'memory' },
    },
    // Shared storage would copy the transaction, PKCE verifier included, into localStorage.
    transactionManager: { enableSharedStorage: false },
    httpRequestClient: http.request as never,
  } as never) as unknown as IdxAuthClient;
  return { client, http };
}
