/**
 * The signed-in user as the site's own routes see them: `getSession(request)` from the session cookie the sign-in
 * handler set (with the tokens, refreshed, when the site keeps them), and guards for protected routes, as
 * Connect/Express middleware and around web-standard `fetch` handlers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OktaAuth } from '@okta/okta-auth-js';
import type { TokenSet } from '../core/types.js';
import { busy, upstreamFailure, upstreamTimeout } from './errors.js';
import { RefreshRefused, refreshTokens } from './okta-tokens.js';
import type { ResolvedOptions } from './options.js';
import { readCookie, unsignSessionId, type SessionData, type SignedInUser } from './session.js';
import type { OnSignIn } from './sign-in.js';

/** The options of `createSignInHandler` about the signed-in session. */
export interface AppSessionOptions {
  /**
   * Keep the sign-in's tokens in the server-side session, so that `getSession()` answers them (refreshed with the
   * refresh token, scope `offline_access`, once the access token expires) and sign-out revokes them. They never go to
   * the browser. Default false: the session keeps no token.
   */
  keepTokens?: boolean;
  /** Runs once Okta has signed someone in: refuse them, or add to what the session keeps about them. */
  onSignIn?: OnSignIn;
  /**
   * Sign-out also ends the Okta session: `POST /logout` answers `logoutUrl`, Okta's `/v1/logout` with the ID token as
   * `id_token_hint` and this `post_logout_redirect_uri`, where the page sends the browser. It must be one of the
   * app's sign-out redirect URIs in Okta. The session keeps the ID token for it.
   */
  postLogoutRedirectUri?: string;
}

export interface ResolvedAppSessionOptions {
  keepTokens: boolean;
  onSignIn?: OnSignIn;
  postLogoutRedirectUri?: string;
}

export function resolveAppSessionOptions(options: AppSessionOptions): ResolvedAppSessionOptions {
  if (options.onSignIn !== undefined && typeof options.onSignIn !== 'function') {
    throw new TypeError('createSignInHandler: "onSignIn" must be a function');
  }
  const uri = options.postLogoutRedirectUri;
  if (uri !== undefined && !/^https?:$/.test(URL.canParse(uri) ? new URL(uri).protocol : '')) {
    throw new TypeError('createSignInHandler: "postLogoutRedirectUri" must be an absolute http(s) URL');
  }
  return { keepTokens: options.keepTokens === true, onSignIn: options.onSignIn, postLogoutRedirectUri: uri };
}

/** The tokens `getSession` answers: never the refresh token, which only the server uses. */
export type SessionTokens = Required<Pick<TokenSet, 'accessToken' | 'expiresAt'>> & Pick<TokenSet, 'idToken' | 'tokenType' | 'scopes'>;

/** Who is signed in, as `getSession` answers it. */
export interface AppSession {
  /** `sub`, `email`, `name`, and what `onSignIn` added. */
  user: SignedInUser;
  /** With `keepTokens`: the tokens, the access token valid for at least 30 more seconds. Absent once it has expired and no refresh token can renew it. */
  tokens?: SessionTokens;
}

/** Anything a request's headers can be read from: Node's request (Express, Connect), a web `Request`, or `Headers` (Next.js `headers()`). */
export type SessionRequest =
  | Pick<IncomingMessage, 'headers'>
  | Pick<Request, 'headers'>
  | Pick<Headers, 'get'>;

export interface GuardOptions {
  /**
   * Where a signed-out browser asking for a page (a `GET` that accepts HTML) is redirected, a path on this site
   * such as `/login`. Without it, or for other requests, the answer is `401 { code: 'unauthenticated' }`.
   */
  redirectTo?: string;
}

/** What the sign-in handler adds for the site's own routes. */
export interface AppSessions {
  /** The signed-in user of the request's session cookie, or null. */
  getSession(request: SessionRequest): Promise<AppSession | null>;
  /** Connect/Express middleware: signed in, `res.locals.session` is the session and `next()` runs; else 401 or a redirect. */
  requireSession(options?: GuardOptions): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;
  /** Wraps a web-standard handler (Next.js route handler): it runs with the session; a signed-out request gets 401 or a redirect. */
  withSession<A extends unknown[]>(
    handler: (request: Request, session: AppSession, ...rest: A) => Response | Promise<Response>,
    options?: GuardOptions,
  ): (request: Request, ...rest: A) => Promise<Response>;
}

/** How long a session is kept from `now`: its idle timeout, never past its absolute one. */
export const sessionTtl = (options: Pick<ResolvedOptions, 'idleMs' | 'absoluteMs'>, session: SessionData, now: number): number =>
  Math.min(options.idleMs, session.createdAt + options.absoluteMs - now);

/** An access token this close to its expiry is refreshed first (okta-auth-js's `expireEarlySeconds`). */
const EXPIRE_EARLY_SECONDS = 30;

export interface SessionAccess {
  options: ResolvedOptions;
  /** Serializes a session's requests: the handler's queue in this process, and the store's lock. */
  acquire(id: string): Promise<() => Promise<void>>;
  /** An okta-auth-js client with the handler's timeouts, for a call made now. */
  client(session: SessionData): { authClient: OktaAuth };
}

function cookieHeader(request: SessionRequest): string | undefined {
  const headers = 'headers' in request ? request.headers : request;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get('cookie') ?? undefined;
  const raw = (headers as IncomingMessage['headers']).cookie;
  return Array.isArray(raw) ? raw.join('; ') : raw;
}

/** A same-site path only: never a URL that would take the browser elsewhere. */
function checkRedirect(options: GuardOptions | undefined): string | undefined {
  const to = options?.redirectTo;
  if (to !== undefined && (typeof to !== 'string' || !/^\/(?![/\\])/.test(to))) {
    throw new TypeError('redirectTo must be a path on this site, such as "/login"');
  }
  return to;
}

const UNAUTHENTICATED = JSON.stringify({ code: 'unauthenticated', message: 'Sign in to continue.' });

/** What a signed-out request gets: a redirect for a page, else 401. */
function refusal(
  method: string | undefined,
  accept: string | null | undefined,
  redirectTo: string | undefined,
): { status: number; headers: Record<string, string>; body: string | null } {
  const page = (method === 'GET' || method === 'HEAD') && /text\/html/i.test(accept ?? '');
  return redirectTo && page
    ? { status: 302, headers: { Location: redirectTo, 'Cache-Control': 'no-store' }, body: null }
    : { status: 401, headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }, body: UNAUTHENTICATED };
}

export function appSessions({ options, acquire, client }: SessionAccess): AppSessions {
  const { store, logger } = options;

  const expiring = (session: SessionData, now: number) =>
    options.keepTokens && Boolean(session.tokens?.accessToken) && (session.tokens?.expiresAt ?? 0) - EXPIRE_EARLY_SECONDS <= now / 1000;

  const view = (session: SessionData, now: number): AppSession => {
    const result: AppSession = { user: session.user! };
    const t = session.tokens;
    if (options.keepTokens && t?.accessToken && t.expiresAt && !expiring(session, now)) {
      result.tokens = { accessToken: t.accessToken, expiresAt: t.expiresAt, idToken: t.idToken, tokenType: t.tokenType, scopes: t.scopes };
    }
    return result;
  };

  /**
   * Under the session's lock: refreshes expiring tokens and records the activity, so that a user busy with the
   * site's own pages is not signed out by the idle timeout. Answers the session as stored, or undefined once it ended.
   */
  async function renew(id: string): Promise<SessionData | undefined> {
    const release = await acquire(id).catch((error) => {
      logger.warn?.(`[auth] session lock: ${(error as Error)?.message ?? error}`);
      throw busy();
    });
    try {
      const session = await store.get(id);
      const now = Date.now();
      if (!session?.user || sessionTtl(options, session, now) <= 0) return undefined;
      // Without a refresh token, the session goes on without tokens once they expire.
      if (expiring(session, now) && session.tokens?.refreshToken) {
        try {
          session.tokens = await refreshTokens(client(session).authClient, session.tokens, options.clientSecret);
        } catch (error) {
          if (!(error instanceof RefreshRefused)) {
            logger.error?.(`[auth] token refresh: ${(error as Error)?.name ?? 'error'}: ${(error as Error)?.message ?? error}`);
            throw (error as Error)?.name === 'OktaTimeoutError' ? upstreamTimeout() : upstreamFailure();
          }
          logger.warn?.(`[auth] refresh token refused (${error.message}): the session ends`);
          await store.destroy(id);
          return undefined;
        }
      }
      session.savedAt = now;
      await store.set(id, session, sessionTtl(options, session, now));
      return session;
    } finally {
      await release().catch((error) => logger.warn?.(`[auth] session unlock: ${(error as Error)?.message ?? error}`));
    }
  }

  async function getSession(request: SessionRequest): Promise<AppSession | null> {
    const value = readCookie(cookieHeader(request), options.cookie.name);
    const id = value ? unsignSessionId(value, options.secrets) : undefined;
    if (!id) return null;
    let session = await store.get(id);
    const now = Date.now();
    if (!session?.user || sessionTtl(options, session, now) <= 0) return null;
    const stale = now - (session.savedAt ?? 0) >= options.idleMs / 4;
    if (stale || expiring(session, now)) session = await renew(id);
    return session?.user ? view(session, Date.now()) : null;
  }

  return {
    getSession,

    requireSession(guard) {
      const redirectTo = checkRedirect(guard);
      return (req, res, next) => {
        getSession(req).then(
          (session) => {
            if (session) {
              const locals = ((res as { locals?: Record<string, unknown> }).locals ??= {});
              locals.session = session;
              next();
              return;
            }
            const out = refusal(req.method, req.headers.accept, redirectTo);
            res.statusCode = out.status;
            for (const [name, v] of Object.entries(out.headers)) res.setHeader(name, v);
            res.end(out.body ?? undefined);
          },
          (error) => next(error),
        );
      };
    },

    withSession(handler, guard) {
      const redirectTo = checkRedirect(guard);
      return async (request, ...rest) => {
        const session = await getSession(request);
        if (session) return handler(request, session, ...rest);
        const out = refusal(request.method, request.headers.get('accept'), redirectTo);
        const headers = new Headers(out.headers);
        // A Response's Location must be absolute for some hosts: resolve the path against the request.
        if (out.status === 302) headers.set('Location', new URL(redirectTo!, request.url).href);
        return new Response(out.body, { status: out.status, headers });
      };
    },
  };
}
