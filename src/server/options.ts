import { randomBytes } from 'node:crypto';
import { resolveAppSessionOptions, type AppSessionOptions, type ResolvedAppSessionOptions } from './app-session.js';
import type { LoginLimits } from './limits.js';
import type { SessionStore } from './session.js';

export const DEFAULT_SCOPES = ['openid', 'profile', 'email'];

export interface Logger {
  info?: (message: string) => void;
  warn?: (message: string) => void;
  error?: (message: string) => void;
}

/** Options of `createSignInHandler` (the signed-in session's: `AppSessionOptions`). */
export interface SignInHandlerOptions extends AppSessionOptions {
  /** Authorization server, e.g. `https://example.okta.com/oauth2/default`. */
  issuer: string;
  /** A confidential web application with the Interaction Code grant. */
  clientId: string;
  clientSecret?: string;
  /** Registered sign-in redirect URI (IDX never redirects to it, but Okta checks it). */
  redirectUri: string;
  /** Default `['openid', 'profile', 'email']`. */
  scopes?: string[];
  /** Where the browser goes after signing in. Default `/`. */
  successUrl?: string;
  /** The page with the sign-in element: `Next` of a poll that ends elsewhere than success. Default `/`. */
  signInUrl?: string;
  /**
   * Path the handler is mounted at, stripped from request paths when present (e.g. `/api/auth` for a Next.js
   * route handler; Express strips its mount path itself). Default `''`.
   */
  basePath?: string;
  /** Signs the session cookie (HMAC-SHA256). Several: the first signs, all verify (rotation). Random per process when missing. */
  sessionSecret?: string | string[];
  /** Where sessions live. Default: a `MemorySessionStore` of this process. */
  sessionStore?: SessionStore;
  cookie?: {
    /**
     * Default `okta_signin.sid`. A name starting with `__Host-` (a site served over HTTPS at `/`) makes the browser
     * refuse the cookie from anywhere but this host: it is then always `Secure`, `Path=/` and without `Domain`.
     */
    name?: string;
    /** Default `/`. */
    path?: string;
    domain?: string;
    /** Default `'Lax'`. */
    sameSite?: 'Lax' | 'Strict' | 'None';
    /** `'auto'` (default): when the request came over HTTPS, or, with `trustProxy`, `X-Forwarded-Proto: https`. */
    secure?: boolean | 'auto';
  };
  /**
   * Behind proxies you run: believe `X-Forwarded-Proto` and `X-Forwarded-For` as far as they wrote them. `true` is
   * one proxy; a number is how many proxies in a row append to the headers. The client address is the entry that
   * many from the right (what the outermost trusted proxy saw); entries left of it are the client's own. Default false.
   */
  trustProxy?: boolean | number;
  /** The client address for throttling, when the default (socket, or `X-Forwarded-For` with `trustProxy`) is wrong. */
  clientAddress?: (request: { headers: Record<string, string | undefined>; socketAddress?: string }) => string | undefined;
  timeouts?: {
    /** Longest wait for one call to Okta, ms. Default 10000. */
    oktaCall?: number;
    /** Longest a request may spend on Okta in all, ms (under the elements' own 30 s). Default 25000. */
    request?: number;
    /** Idle timeout of a session, ms. Default 30 minutes. */
    idle?: number;
    /** Absolute timeout of a session, ms. Default 12 hours. */
    absolute?: number;
    /** Longest wait for one Redis call of the login and pre-start counts (`limits.redis`), ms; then `503`. Default 2000. */
    redis?: number;
  };
  limits?: LoginLimits & {
    /** Largest POST body, bytes. Default 16384. */
    bodyBytes?: number;
  };
  /**
   * Starts the IDX transaction (interact + introspect) when the page asks `GET /state` and no sign-in is in
   * progress, so that `POST /login` costs one call to Okta. Kept in the store for `ttlMs`, at most `perAddress`
   * per client address in `windowSeconds`; never without a known client address. `false` turns it off.
   */
  prestart?: false | {
    ttlMs?: number;
    perAddress?: number;
    windowSeconds?: number;
    /**
     * At most this many pre-started transactions not yet taken up by a login, in all (every address), per `ttlMs`:
     * the bound on what they hold in the store. Default 1000.
     */
    max?: number;
  };
  /**
   * Offer "Forgot password?" (`canRecover`) on the sign-in form when the transaction started ahead cannot tell
   * (no pre-start yet, or pre-start off). Default true; `false` turns password recovery off.
   */
  passwordRecovery?: boolean;
  /**
   * The org offers passkey sign-in: `GET /state` in Idle waits for the transaction it starts ahead (`prestart`)
   * and answers the org's offer (`webauthn.requestOptions`), so that the form can offer passkeys at once.
   */
  passkeys?: boolean;
  logger?: Logger;
  /** The fetch the server calls Okta with (tests, proxies, instrumentation). Default the global fetch. */
  fetch?: typeof fetch;
}

export interface ResolvedOptions extends ResolvedAppSessionOptions {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  scopes: string[];
  successUrl: string;
  signInUrl: string;
  basePath: string;
  secrets: string[];
  store: SessionStore;
  cookie: { name: string; path: string; domain?: string; sameSite: 'Lax' | 'Strict' | 'None'; secure: boolean | 'auto' };
  /** How many proxies are trusted (`trustProxy`); 0 for none. */
  trustProxy: number;
  clientAddress?: SignInHandlerOptions['clientAddress'];
  oktaCallMs: number;
  requestMs: number;
  idleMs: number;
  absoluteMs: number;
  redisMs: number;
  bodyBytes: number;
  limits: LoginLimits;
  prestart: false | { ttlMs: number; perAddress: number; windowSeconds: number; max: number };
  passwordRecovery: boolean;
  passkeys: boolean;
  logger: Logger;
  fetch: typeof fetch;
}

export function resolveOptions(options: SignInHandlerOptions, defaultStore: () => SessionStore): ResolvedOptions {
  for (const key of ['issuer', 'clientId', 'redirectUri'] as const) {
    if (typeof options?.[key] !== 'string' || !options[key]) {
      throw new TypeError(`createSignInHandler: option "${key}" is required`);
    }
  }
  const secrets = [options.sessionSecret ?? randomBytes(32).toString('hex')].flat().filter(Boolean);
  if (!secrets.length) throw new TypeError('createSignInHandler: "sessionSecret" is empty');
  const t = options.timeouts ?? {};
  const { bodyBytes, ...limits } = options.limits ?? {};
  return {
    issuer: options.issuer.replace(/\/+$/, ''),
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    redirectUri: options.redirectUri,
    scopes: options.scopes?.length ? [...options.scopes] : DEFAULT_SCOPES,
    successUrl: options.successUrl ?? '/',
    signInUrl: options.signInUrl ?? '/',
    basePath: (options.basePath ?? '').replace(/\/+$/, ''),
    secrets,
    store: options.sessionStore ?? defaultStore(),
    cookie: resolveCookie(options.cookie),
    trustProxy: proxyHops(options.trustProxy),
    clientAddress: options.clientAddress,
    oktaCallMs: t.oktaCall ?? 10_000,
    requestMs: t.request ?? 25_000,
    idleMs: t.idle ?? 30 * 60_000,
    absoluteMs: t.absolute ?? 12 * 3600_000,
    redisMs: t.redis ?? 2000,
    bodyBytes: bodyBytes ?? 16_384,
    limits,
    prestart:
      options.prestart === false
        ? false
        : {
            ttlMs: options.prestart?.ttlMs ?? 5 * 60_000,
            perAddress: options.prestart?.perAddress ?? 10,
            windowSeconds: options.prestart?.windowSeconds ?? 600,
            max: options.prestart?.max ?? 1000,
          },
    passwordRecovery: options.passwordRecovery ?? true,
    passkeys: options.passkeys === true,
    logger: options.logger ?? { warn: () => {}, error: (line) => console.error(line) },
    fetch: options.fetch ?? ((...args) => globalThis.fetch(...args)),
    ...resolveAppSessionOptions(options),
  };
}

function proxyHops(trust: SignInHandlerOptions['trustProxy']): number {
  if (trust === undefined || trust === false) return 0;
  if (trust === true) return 1;
  if (!Number.isInteger(trust) || trust < 0) throw new TypeError('createSignInHandler: "trustProxy" must be true, false or a number of proxies');
  return trust;
}

/** The cookie's settings; a prefixed name brings the attributes the browser requires of it. */
function resolveCookie(cookie: SignInHandlerOptions['cookie'] = {}): ResolvedOptions['cookie'] {
  const name = cookie.name ?? 'okta_signin.sid';
  const resolved = { name, path: cookie.path ?? '/', domain: cookie.domain, sameSite: cookie.sameSite ?? 'Lax', secure: cookie.secure ?? 'auto' } as const;
  const host = name.startsWith('__Host-');
  if (!host && !name.startsWith('__Secure-')) return resolved;
  if (cookie.secure === false) throw new TypeError(`createSignInHandler: a cookie named "${name}" must be Secure (cookie.secure cannot be false)`);
  if (host && (resolved.path !== '/' || resolved.domain)) {
    throw new TypeError(`createSignInHandler: a cookie named "${name}" needs path "/" and no domain`);
  }
  return { ...resolved, secure: true };
}
