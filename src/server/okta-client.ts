import { OktaAuth } from '@okta/okta-auth-js';
import type { IdxAuthClient } from '../idx/types.js';
import type { SessionData } from './session.js';

/** The `getItem`/`setItem` string API okta-auth-js expects of a storage. */
export interface StorageProvider {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * A storage kept in one user's session. okta-auth-js's own Node storage is one memory cache for the whole
 * process, shared by every user.
 */
function sessionStorageProvider(session: SessionData): StorageProvider {
  return {
    getItem: (key) => session.idx?.[key] ?? null,
    setItem: (key, value) => {
      (session.idx ??= {})[key] = String(value);
    },
    removeItem: (key) => {
      if (session.idx) delete session.idx[key];
    },
  };
}

export function clearIdxTransaction(session: SessionData): void {
  delete session.idx;
}

export function hasIdxTransaction(session: SessionData | undefined): boolean {
  return Boolean(session?.idx && Object.keys(session.idx).length);
}

/** A storage in this process's memory (the discovery document and keys; a request's tokens). */
export function memoryStorage(): StorageProvider {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
  };
}

/** What Okta's last answer said about rate limits, which okta-auth-js does not pass on. */
export interface LastResponse {
  status?: number;
  retryAfter?: number;
  /** A call to Okta ran out of time during this request. */
  timedOut?: boolean;
  /**
   * Why a call found nothing to talk to (the system's code: `ECONNREFUSED`, `ENOTFOUND`, a certificate's), when it
   * failed below HTTP.
   */
  unreachable?: string;
}

/** Okta did not answer in time. */
export class OktaTimeoutError extends Error {
  override name = 'OktaTimeoutError';
}

export interface OktaClientSettings {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  scopes: string[];
  fetch: typeof fetch;
  /** Longest wait for one call to Okta, ms. */
  callTimeoutMs: number;
  /** When the whole request must be over (epoch ms): no call outlives it. */
  deadline: number;
}

const JSONISH = /application\/([\w.-]+\+)?json/i;

type HttpArgs = { headers?: Record<string, string>; data?: unknown; withCredentials?: boolean };

// okta-auth-js's Node request client (esm/node/fetch/fetchRequest.js), plus a timeout on every call.
function timedRequestClient(settings: OktaClientSettings, last: LastResponse) {
  return async (method: string, url: string, args: HttpArgs) => {
    let body = args.data;
    const headers = args.headers ?? {};
    const contentType = headers['Content-Type'] || headers['content-type'] || '';
    if (body && typeof body !== 'string') {
      if (JSONISH.test(contentType)) body = JSON.stringify(body);
      else if (contentType === 'application/x-www-form-urlencoded') {
        body = Object.entries(body as Record<string, string>)
          .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
          .join('&');
      }
    }
    const budget = Math.max(1, Math.min(settings.callTimeoutMs, settings.deadline - Date.now()));
    // A timer of our own, cleared when the call ends: AbortSignal.timeout() cannot be cleared, and until it fires
    // the signal keeps the finished request (and what fetch attached to it) in memory.
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(new DOMException(`no answer in ${budget} ms`, 'TimeoutError')), budget);
    const signal = ctrl.signal;
    let response: Response;
    let data: unknown;
    // The timeout wins even over a fetch (a proxy, an instrumentation wrapper) that ignores the signal.
    const aborted = new Promise<never>((_resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    aborted.catch(() => undefined);
    try {
      response = await Promise.race([settings.fetch(url, { method, headers, body: body as string | undefined, signal }), aborted]);
      // Okta answers IDX errors as `application/ion+json`: parsed like JSON, so okta-auth-js reads their messages.
      const isJson = JSONISH.test(response.headers.get('Content-Type') ?? '');
      const read = isJson
        ? response.json().catch((e: unknown) => ({ error: e, errorSummary: 'Could not parse server response' }))
        : response.text();
      data = await Promise.race([read, aborted]);
    } catch (error) {
      if (signal.aborted) {
        last.timedOut = true;
        throw new OktaTimeoutError(`${method} ${new URL(url).pathname}: no answer in ${budget} ms`);
      }
      const code = (error as { cause?: { code?: unknown } })?.cause?.code;
      last.unreachable = typeof code === 'string' ? code : 'no connection';
      // okta-auth-js keeps only the message: say which call, and why (fetch puts the system error in `cause`).
      if (error instanceof Error) {
        const { origin, pathname } = new URL(url);
        throw new Error(`Okta unreachable: ${method} ${origin}${pathname}: ${error.message}${typeof code === 'string' ? ` (${code})` : ''}`);
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      responseHeaders[key] = value;
    });
    last.status = response.status;
    last.retryAfter = retryAfterSeconds(responseHeaders);
    const isObject = typeof data === 'object' && data !== null;
    const result: Record<string, unknown> = {
      responseText: isObject ? JSON.stringify(data) : data,
      status: response.status,
      headers: responseHeaders,
      // What was called, for a failure's explanation (an issuer with no authorization server answers 404 at interact).
      url,
    };
    if (isObject) {
      result.responseType = 'json';
      result.responseJSON = data;
    }
    if (!response.ok || (isObject && (data as { error?: unknown }).error)) throw result;
    return result;
  };
}

/** An okta-auth-js client for one request, its IDX API as the driver takes it, and what Okta's last answer said. */
export interface OktaClient {
  authClient: OktaAuth;
  idxClient: IdxAuthClient;
  http: LastResponse;
}

/**
 * An okta-auth-js client for one request of one user, its IDX transaction kept in `session`. Its IDX calls take
 * the IDX API's own field names (the generic remediator), as the browser's client does: one driver serves both.
 */
export function createOktaClient(settings: OktaClientSettings, session: SessionData, cache: StorageProvider): OktaClient {
  const transactionStorage = sessionStorageProvider(session);
  const last: LastResponse = {};
  const authClient = new OktaAuth({
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    redirectUri: settings.redirectUri,
    scopes: settings.scopes,
    httpRequestClient: timedRequestClient(settings, last) as never,
    storageManager: {
      token: { storageProvider: memoryStorage() },
      cache: { storageProvider: cache },
      transaction: { storageProvider: transactionStorage },
      'shared-transaction': { storageProvider: transactionStorage },
      'original-uri': { storageProvider: transactionStorage },
    } as never,
    transactionManager: { enableSharedStorage: false },
    tokenManager: { autoRenew: false, autoRemove: false },
    idx: { useGenericRemediator: true },
    services: { autoRenew: false, autoRemove: false, syncStorage: false },
  } as never);
  return { authClient, idxClient: authClient, http: last };
}

/** Seconds to wait, from `Retry-After` (seconds or an HTTP date) or Okta's `x-rate-limit-reset` (epoch seconds). */
export function retryAfterSeconds(headers: Record<string, string> | undefined): number | undefined {
  if (!headers) return undefined;
  const retryAfter = headers['retry-after'];
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  }
  const reset = Number(headers['x-rate-limit-reset']);
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, Math.ceil(reset - Date.now() / 1000));
  return undefined;
}
