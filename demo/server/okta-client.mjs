import { OktaAuth } from '@okta/okta-auth-js';

const SESSION_KEY = 'oktaIdx';

/**
 * A storage provider (the `getItem`/`setItem` string API okta-auth-js expects) kept in one user's server-side
 * session. okta-auth-js's own Node storage is one memory cache for the whole process, shared by every user.
 * @param {Record<string, any>} session
 */
function sessionStorageProvider(session) {
  const bag = () => (session[SESSION_KEY] ??= {});
  return {
    getItem: (key) => session[SESSION_KEY]?.[key] ?? null,
    setItem: (key, value) => {
      bag()[key] = String(value);
    },
    removeItem: (key) => {
      if (session[SESSION_KEY]) delete session[SESSION_KEY][key];
    },
  };
}

/** Forgets the IDX transaction kept in the session. */
export function clearIdxTransaction(session) {
  delete session[SESSION_KEY];
}

/** Whether the session holds an IDX transaction at all. */
export function hasIdxTransaction(session) {
  return Boolean(session[SESSION_KEY] && Object.keys(session[SESSION_KEY]).length);
}

/**
 * A storage in this process's memory: one per backend for what is the same for every user (discovery document,
 * signing keys), and one per request for tokens, which are read once on success and then dropped.
 */
export function memoryStorage() {
  const items = new Map();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
  };
}

/**
 * An okta-auth-js client for one request of one user. It also notes what Okta's last answer said about
 * rate limits, which okta-auth-js does not pass on.
 * @param {import('./config.mjs').BackendOptions} options
 * @param {Record<string, any>} session
 * @param {ReturnType<typeof memoryStorage>} cache
 */
export function createOktaClient(options, session, cache) {
  const transactionStorage = sessionStorageProvider(session);
  const tokenStorage = memoryStorage();
  const authClient = new OktaAuth({
    issuer: options.issuer,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    redirectUri: options.redirectUri,
    scopes: options.scopes,
    storageManager: {
      token: { storageProvider: tokenStorage },
      cache: { storageProvider: cache },
      transaction: { storageProvider: transactionStorage },
      'shared-transaction': { storageProvider: transactionStorage },
      'original-uri': { storageProvider: transactionStorage },
    },
    transactionManager: { enableSharedStorage: false },
    tokenManager: { autoRenew: false, autoRemove: false },
    services: { autoRenew: false, autoRemove: false, syncStorage: false },
  });

  const http = { status: undefined, retryAfter: undefined };
  const send = authClient.options.httpRequestClient;
  authClient.options.httpRequestClient = (method, url, args) => {
    const note = (result) => {
      http.status = result?.status;
      http.retryAfter = retryAfterSeconds(result?.headers);
      return result;
    };
    return send(method, url, args).then(note, (error) => {
      note(error);
      throw error;
    });
  };
  return { authClient, http };
}

/**
 * Seconds to wait, from `Retry-After` (seconds or an HTTP date) or Okta's `x-rate-limit-reset` (epoch seconds).
 * @param {Record<string, string> | undefined} headers lower-cased names, as okta-auth-js collects them
 */
export function retryAfterSeconds(headers) {
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
