/**
 * The backend contract (README, "Backend contract") over Okta's IDX API with `@okta/okta-auth-js` (step mode), as
 * one framework-free request handler: a Node `http` handler that is also Connect/Express middleware, and a
 * web-standard `fetch(Request) => Response` for Next.js route handlers, Hono, Deno, Bun and the like.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { ACTIONS, allows, type FlowAction } from '../core/actions.js';
import { pollKindOf } from '../core/flow-rules.js';
import { FlowError, type FlowErrorReason, type PollKind } from '../core/types.js';
import { BACKEND_PATHS, CALLBACK_ERROR_PARAM } from '../transports/backend/transport.js';
import { drive, idpAddress, planOf, pollOnce, type DriverActions, type DriverContext, type Driven, type StepPlan } from '../idx/driver.js';
import type { Operation } from '../idx/errors.js';
import { stepName } from '../idx/map.js';
import { isRedirect } from '../idx/map-idp.js';
import { callbackParams, finishRedirect, hostedSignIn, resumeTransaction, type WayBack } from '../idx/redirect.js';
import type { IdxTransaction } from '../idx/types.js';
import { ACTION_INPUT } from './action-input.js';
import { jsonObject } from './validate.js';
import {
  BackendError,
  CHECK_FIELDS,
  invalidInput,
  misconfigured,
  StoreUnavailableError,
  busy,
  rateLimited,
  sessionExpired,
  unavailable,
  upstreamFailure,
  upstreamTimeout,
} from './errors.js';
import { errorReply, toFlowState, type FlowReply } from './flow-reply.js';
import { LoginThrottle, PrestartLimit, counterSettings } from './limits.js';
import { forwardedEntry, normalizeAddress } from './address.js';
import { clearIdxTransaction, createOktaClient, hasIdxTransaction, memoryStorage, type LastResponse, type OktaClient } from './okta-client.js';
import { resolveOptions, type ResolvedOptions, type SignInHandlerOptions } from './options.js';
import {
  MemorySessionStore,
  guardedStore,
  newSessionId,
  readCookie,
  serializeCookie,
  signSessionId,
  unsignSessionId,
  type SessionData,
  type SessionStore,
} from './session.js';
import { appSessions, sessionTtl, type AppSessions } from './app-session.js';
import { finishSignIn } from './sign-in.js';
import { revokeTokens } from './okta-tokens.js';
import { signOut } from './sign-out.js';

/** A request as the handler sees it, whatever server it came from. */
interface Incoming {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  /** Reads the body as text, at most `limit` bytes (throws 413 beyond), in at most `timeoutMs` (throws 408 after). */
  readBody: (limit: number, timeoutMs: number) => Promise<string>;
  /** A body a framework already parsed (Express's `express.json()`). */
  parsedBody?: unknown;
  /** The query string's parameters (the callback's). */
  query: URLSearchParams;
  socketAddress?: string;
  encrypted: boolean;
  /** Finish work such as a pre-start before answering (serverless hosts may freeze after the reply). */
  awaitBackground?: boolean;
  /** The request as the server gave it, for `onSignIn`. */
  raw: IncomingMessage | Request;
}

/** A reply: status, headers and a JSON body. */
interface Outgoing {
  status: number;
  headers: Record<string, string | string[]>;
  body: unknown;
}

/** One request's view of its session. */
interface Context {
  in: Incoming;
  body: unknown;
  address?: string;
  session: SessionData;
  /** The id the session was loaded under (none for a new session). */
  id?: string;
  /** The flow status the session was loaded with: a sign-in that moves on from it gets a new session id. */
  loadedStatus?: string;
  /** The session was loaded with a transaction started ahead that nobody had used yet. */
  loadedPrestarted?: boolean;
  /** A new id at save (sign-in), the old one destroyed. */
  regenerate: boolean;
  destroy: boolean;
  deadline: number;
  calls: LastResponse[];
  /** `GET /state` asked for a transaction to be started ahead of the login. */
  prestart?: boolean;
}

type Route = (ctx: Context) => Promise<unknown>;

/** A route's answer that sends the browser elsewhere (a page navigation, not a `fetch`): `302 Found`. */
class Redirect {
  constructor(readonly location: string) {}
}

/** `url` with `name=value` added to its query (before any fragment). */
function withParam(url: string, name: string, value: string): string {
  const [path, hash] = url.split('#', 2);
  const joined = `${path}${path.includes('?') ? '&' : '?'}${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
  return hash === undefined ? joined : `${joined}#${hash}`;
}

/** Compares two states in constant time. */
function sameState(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * What `createSignInHandler` returns: call it as `(req, res, next?)`, or use `.fetch(request)`; the site's own routes
 * read the signed-in user with `getSession`, `requireSession` and `withSession`.
 */
export interface SignInHandler extends AppSessions {
  (req: IncomingMessage, res: ServerResponse, next?: (error?: unknown) => void): void;
  /** The web-standard form: `export const GET = handler.fetch; export const POST = handler.fetch;` */
  fetch(request: Request): Promise<Response>;
  /** The session store in use. */
  readonly store: SessionStore;
  /** The options in effect, defaults filled in (without the session secrets). */
  readonly options: Readonly<Omit<ResolvedOptions, 'secrets'>>;
}

/** Forgets the sign-in attempt (not the signed-in user). */
function forgetFlow(session: SessionData): void {
  clearIdxTransaction(session);
  delete session.flowState;
  delete session.username;
  delete session.plan;
  delete session.prestarted;
  delete session.formState;
}

/** A sign-in in progress: an IDX transaction someone has logged in with (not one started ahead). */
const inFlow = (session: SessionData | undefined): boolean => hasIdxTransaction(session) && !session?.prestarted;

const currentFlowState = (session: SessionData): FlowReply => session.flowState ?? ({ status: 'Idle' } as FlowReply);

const notNow = () => new BackendError(409, 'invalid_input', 'That step is not available now. Please start over.');

/** What a user is told when the driver refused the input before anything went to Okta. */
const FORM_MESSAGES: Partial<Record<string, string>> = {
  invalid_credentials: 'Enter your username and password.',
  invalid_code: 'Enter the code you received or that your app shows.',
};

/** The Node request handler and web `fetch` handler of the backend contract. */
export function createSignInHandler(userOptions: SignInHandlerOptions): SignInHandler {
  const options = resolveOptions(userOptions, () => new MemorySessionStore());
  const { logger } = options;
  const store = guardedStore(options.store);
  const cache = memoryStorage();
  const counts = counterSettings(options.limits, options.redisMs);
  const throttle = new LoginThrottle(options.limits, counts);
  const prestartLimit = options.prestart
    ? new PrestartLimit({ ...options.prestart, ttlSeconds: Math.ceil(options.prestart.ttlMs / 1000) }, counts)
    : undefined;
  /** This process's queue of each session's requests (the store's lock, if any, covers other processes). */
  const tails = new Map<string, Promise<void>>();
  /**
   * What Okta's sign-in form offers every visitor of this client, as the last transaction started ahead had it: its
   * links ("Sign up", "Unlock account") and its identity providers' buttons (never their addresses). The form offers
   * them also where no transaction is started ahead (an address past its pre-start limit). Unknown until the first
   * pre-start.
   */
  let formOffer: Pick<FlowReply, 'links' | 'idps'> | undefined;

  const oktaClient = (session: SessionData, deadline: number) =>
    createOktaClient(
      {
        issuer: options.issuer,
        clientId: options.clientId,
        clientSecret: options.clientSecret,
        redirectUri: options.redirectUri,
        scopes: options.scopes,
        fetch: options.fetch,
        callTimeoutMs: options.oktaCallMs,
        deadline,
      },
      session,
      cache,
    );
  const okta = (ctx: Context) => {
    const client = oktaClient(ctx.session, ctx.deadline);
    ctx.calls.push(client.http);
    return client;
  };

  /**
   * Turns what okta-auth-js answered into the contract's flow reply, keeps it in the session, or throws the error
   * the user must see.
   */
  async function settle(ctx: Context, transaction: IdxTransaction, http: LastResponse, op: Operation): Promise<FlowReply> {
    if (http.timedOut) throw upstreamTimeout();
    const session = ctx.session;
    const error = errorReply(transaction, op, http);
    if (error) {
      if (error.code === 'session_expired') forgetFlow(session);
      else if (error.code !== 'rate_limited' && transaction.neededToProceed?.length) keep(session, transaction);
      throw error;
    }
    if (transaction.status === 'CANCELED') {
      forgetFlow(session);
      return { status: 'Idle' } as FlowReply;
    }
    if (transaction.status === 'SUCCESS') return signedIn(ctx, transaction);
    if (!transaction.neededToProceed?.length) {
      // An answer without remediations: Okta refused the request itself (rate limit, gone, broken), or a step form's
      // answer ended the sign-in with Okta's page (consent denied: a 403 with its message, which errorOf lets through).
      if (http.status === 429) throw rateLimited(http.retryAfter ?? 60);
      forgetFlow(session);
      const page = op === 'proceed' && transaction.status === 'TERMINAL';
      if (!page && (http.status === 401 || http.status === 403 || http.status === 404)) throw sessionExpired();
      if ((http.status ?? 0) >= 500) throw upstreamFailure();
      return toFlowState(transaction);
    }
    return keep(session, transaction);
  }

  /**
   * The user a successful transaction's tokens name, signed in (the site's `onSignIn` asked first): a new session holds
   * them and nothing of the attempt, the same after a password, a factor, an identity provider or the org's own page.
   */
  async function signedIn(ctx: Context, transaction: Pick<IdxTransaction, 'tokens'>): Promise<FlowReply> {
    const session = ctx.session;
    const user = await finishSignIn(transaction as IdxTransaction, ctx.in.raw, {
      onSignIn: options.onSignIn,
      keepTokens: options.keepTokens,
      keepIdToken: Boolean(options.postLogoutRedirectUri),
      deadline: ctx.deadline,
      logError: (line) => logger.error?.(line),
      revoke: (tokens) => revokeTokens(oktaClient(session, Date.now() + options.oktaCallMs).authClient, tokens),
    }).catch((error) => {
      forgetFlow(session);
      throw error;
    });
    const reply = { status: 'Success', next: options.successUrl } as FlowReply;
    // The password was right after all: that username's failures are forgiven.
    if (session.username) await throttle.succeed(session.username);
    // A new session id at sign-in, so that a session id planted before sign-in is worth nothing after it.
    ctx.session = { createdAt: Date.now(), ...user, flowState: reply };
    ctx.regenerate = true;
    return reply;
  }

  /** Back to the sign-in page, with why the way out or back failed (the element there reads and shows it). */
  const backToSignIn = (reason: FlowErrorReason | undefined) => new Redirect(withParam(options.signInUrl, CALLBACK_ERROR_PARAM, reason ?? 'redirect-failed'));

  /**
   * A route the browser navigates to (not a `fetch`): whatever goes wrong sends it back to the sign-in page with why,
   * never to a JSON error. A sign-in that is not there (expired, another step) is `redirect-invalid`.
   */
  const navigation =
    (route: Route): Route =>
    async (ctx) => {
      try {
        return await route(ctx);
      } catch (error) {
        // A way back refused or failed says why itself (and has already let go of what it had to).
        if (error instanceof FlowError && error.reason) {
          logger.warn?.(`[auth] ${ctx.in.method} ${ctx.in.path}: ${error.reason}`);
          return backToSignIn(error.reason);
        }
        const known = toBackendError(error, ctx);
        if (!known) throw error;
        logFailure(ctx.in, known, error);
        // The site's own `onSignIn` refused the user: as a refusal at the provider.
        if (known.code === 'access_denied') return backToSignIn('redirect-denied');
        return backToSignIn(known.status === 401 || known.status === 409 || known.status === 400 ? 'redirect-invalid' : 'redirect-failed');
      }
    };

  /**
   * The transaction of the sign-in form or of the step that offers identity providers, with its state: the one in
   * progress, the one started ahead for the form, or a new one.
   */
  async function idpTransaction(ctx: Context): Promise<{ state: FlowReply; plan?: StepPlan }> {
    const session = ctx.session;
    if (inFlow(session)) return { state: currentFlowState(session), plan: session.plan };
    const ahead = startedAhead(session);
    if (ahead) return { state: { status: 'Idle', ...session.formState } as FlowReply, plan: ahead };
    const client = okta(ctx);
    const started = await client.idxClient.idx.start();
    if (client.http.timedOut) throw upstreamTimeout();
    if (!started.neededToProceed?.length || errorReply(started, 'start', client.http)) throw upstreamFailure();
    return { state: keep(session, started), plan: session.plan };
  }

  /** The transaction's state, kept in the session with the plan the driver reads next. */
  function keep(session: SessionData, transaction: IdxTransaction): FlowReply {
    const state = toFlowState(transaction);
    session.flowState = state;
    session.plan = planOf(transaction);
    return state;
  }

  /**
   * What the driver sees of this request's session; `ahead` is the plan of a transaction started ahead for the form,
   * and `form` what that form offers (its links).
   */
  function driverContext(ctx: Context, client: OktaClient, ahead?: StepPlan, form?: FlowReply): DriverContext {
    const session = ctx.session;
    const flowing = inFlow(session);
    return {
      client: client.idxClient,
      plan: flowing ? session.plan : undefined,
      state: ahead ? form : flowing ? currentFlowState(session) : undefined,
      start: async (fresh) => {
        if (!fresh && ahead) return ahead;
        clearIdxTransaction(session);
        return client.idxClient.idx.start();
      },
      // The transaction started ahead may be gone from Okta (or unreadable): one new transaction, unless time is up.
      retryStale: () => Boolean(ahead) && !client.http.timedOut,
    };
  }

  /** What the driver led to, as the contract's flow reply, kept in the session with its plan. */
  async function settleDriven(ctx: Context, driven: Driven, http: LastResponse): Promise<FlowReply> {
    if ('tx' in driven) return settle(ctx, driven.tx, http, driven.op);
    const reply = { ...driven.state } as FlowReply;
    if (reply.status === 'Idle') forgetFlow(ctx.session);
    else {
      ctx.session.flowState = reply;
      ctx.session.plan = driven.plan;
    }
    return reply;
  }

  /** The state of a sign-in in progress in which `action` is allowed; 401 without one, 409 at another step. */
  function requireAllowed(session: SessionData, action: FlowAction): FlowReply {
    if (!inFlow(session)) throw sessionExpired();
    const state = currentFlowState(session);
    if (!allows(action, state)) throw notNow();
    return state;
  }

  /** One action of the table: its state checked, its body read, then the driver. */
  async function perform<A extends keyof DriverActions>(ctx: Context, action: A, state: FlowReply, ahead?: StepPlan): Promise<FlowReply> {
    const input = ACTION_INPUT[action](ctx.body, state);
    if (!allows(action, state, input)) throw notNow();
    const client = okta(ctx);
    const run = drive[action] as (c: DriverContext, i: DriverActions[A]) => Promise<Driven>;
    return settleDriven(ctx, await run(driverContext(ctx, client, ahead, state), input), client.http);
  }

  /** Whether the session holds a transaction started ahead for the sign-in form (nobody has signed in with it). */
  const startedAhead = (session: SessionData): StepPlan | undefined =>
    session.prestarted && hasIdxTransaction(session) ? (session.plan ?? { steps: ['identify'], actions: [], main: 'identify' }) : undefined;

  /** Forgets the attempt, keeping a transaction started ahead for the form; returns that transaction's plan. */
  function freshAttempt(session: SessionData): StepPlan | undefined {
    const ahead = startedAhead(session);
    const idx = session.idx;
    forgetFlow(session);
    if (ahead) session.idx = idx;
    return ahead;
  }

  /** The sign-in form's reply: what the transaction started ahead offers, else the org's links and the options. */
  function idleReply(session: SessionData): FlowReply {
    const offer = session.prestarted ? session.formState : undefined;
    const recoverable = options.passwordRecovery && (!session.prestarted || Boolean(offer?.canRecover));
    const reply = { status: 'Idle', ...(session.prestarted ? undefined : formOffer), ...offer } as FlowReply;
    if (recoverable) reply.canRecover = true;
    else delete reply.canRecover;
    return reply;
  }

  const routes: Record<string, Route> = {
    'GET /state': async (ctx) => {
      const state = currentFlowState(ctx.session);
      // Success is told once: a page that comes back later starts a new sign-in instead of leaving again.
      if (state.status === 'Success') delete ctx.session.flowState;
      // Nothing in progress: start the next sign-in's transaction now, so that the login costs one call to Okta.
      else if (state.status === 'Idle' && prestartLimit && !hasIdxTransaction(ctx.session) && !ctx.session.user && ctx.address) {
        ctx.prestart = await prestartLimit.take(ctx.address).catch(() => false);
      }
      // What the transaction started ahead offers on its form ("Forgot password?", "Sign up"), else as configured.
      return state.status === 'Idle' && !inFlow(ctx.session) ? idleReply(ctx.session) : state;
    },

    'POST /login': async (ctx) => {
      const { username } = ACTION_INPUT.login(ctx.body, { status: 'Idle' });
      const refused = await throttle.check(username, ctx.address);
      if (refused) throw refused;
      const ahead = freshAttempt(ctx.session);
      ctx.session.username = username;
      try {
        return await perform(ctx, 'login', { status: 'Idle' } as FlowReply, ahead);
      } catch (error) {
        // An identifier-first org that refused the password keeps asking for it on its own.
        const askedAgain = error instanceof BackendError && error.code === 'invalid_credentials' && ctx.session.flowState?.status === 'AwaitingPassword';
        // A login that did not start a sign-in leaves nothing behind: no session is stored for it.
        if (!askedAgain || !hasIdxTransaction(ctx.session)) forgetFlow(ctx.session);
        if (error instanceof BackendError && error.code === 'invalid_credentials') {
          await throttle.fail(username, ctx.address);
        }
        throw error;
      }
    },

    'POST /verify-password': async (ctx) => {
      const state = requireAllowed(ctx.session, 'verifyPassword');
      const username = ctx.session.username;
      const refused = username ? await throttle.check(username, ctx.address) : undefined;
      if (refused) throw refused;
      try {
        return await perform(ctx, 'verifyPassword', state);
      } catch (error) {
        if (username && error instanceof BackendError && error.code === 'invalid_credentials') await throttle.fail(username, ctx.address);
        throw error;
      }
    },

    'POST /recover': async (ctx) => {
      const session = ctx.session;
      // A malformed body is refused as such, whatever the step.
      ACTION_INPUT.recover(ctx.body, { status: 'Idle' });
      if (inFlow(session)) return perform(ctx, 'recover', requireAllowed(session, 'recover'));
      // From the sign-in form: the transaction started ahead, else a new one.
      if (!options.passwordRecovery) throw notNow();
      const ahead = freshAttempt(session);
      return perform(ctx, 'recover', { status: 'Idle', canRecover: true } as FlowReply, ahead);
    },

    'POST /webauthn': async (ctx) => {
      const session = ctx.session;
      // A passkey sign-in answers the transaction started ahead for the form, when the org offered one.
      const offer = !inFlow(session) && session.prestarted ? session.formState : undefined;
      if (offer?.webauthn?.requestOptions && startedAhead(session)) {
        const state = { status: 'Idle', ...offer } as FlowReply;
        const ahead = freshAttempt(session);
        return perform(ctx, 'verifyWebAuthn', state, ahead);
      }
      return perform(ctx, 'verifyWebAuthn', requireAllowed(session, 'verifyWebAuthn'));
    },

    'POST /proceed': async (ctx) => {
      const session = ctx.session;
      if (inFlow(session)) return perform(ctx, 'proceed', requireAllowed(session, 'proceed'));
      // A link on the sign-in form ("Sign up", "Unlock account"): the transaction started ahead, else a new one
      // (where the driver checks that it offers the step).
      const state = idleReply(session);
      const ahead = freshAttempt(session);
      return perform(ctx, 'proceed', state, ahead);
    },

    'POST /cancel': async (ctx) => {
      if (hasIdxTransaction(ctx.session)) {
        // Cancelling is best effort: the user starts over whatever Okta says about the old transaction.
        const client = okta(ctx);
        await drive.cancel(driverContext(ctx, client), undefined).catch(() => undefined);
      }
      forgetFlow(ctx.session);
      return { status: 'Idle' };
    },

    'GET /OktaVerify/EnrollPoll': (ctx) => poll(ctx, 'enroll'),
    'GET /OktaVerify/ChallengePoll': (ctx) => poll(ctx, 'challenge'),

    // The page leaves for an identity provider: to Okta's address for it, which the session keeps and the browser
    // never saw. The transaction is the session's from here on, whatever it was started for.
    'GET /idp': navigation(async (ctx) => {
      let id: string;
      try {
        id = decodeURIComponent(ctx.in.path.slice(BACKEND_PATHS.idp.length + 1));
      } catch {
        return backToSignIn('redirect-invalid');
      }
      const { state, plan } = await idpTransaction(ctx);
      if (!allows('redirectToIdp', state, { id })) return backToSignIn('redirect-invalid');
      const href = idpAddress(plan, id);
      delete ctx.session.prestarted;
      ctx.session.flowState = state;
      ctx.session.plan = plan;
      return new Redirect(href);
    }),

    // A step no web page can answer: a new authorization request (PKCE, state, nonce) for the org's own sign-in page,
    // kept in the session for the callback; the IDX transaction is left behind.
    'GET /authorize': navigation(async (ctx) => {
      const session = ctx.session;
      if (!inFlow(session) || !allows('redirectToOkta', currentFlowState(session))) return backToSignIn('redirect-invalid');
      const client = okta(ctx);
      const { meta, url } = await hostedSignIn(client.idxClient);
      clearIdxTransaction(session);
      delete session.plan;
      client.idxClient.transactionManager?.save?.(meta, { muteWarning: true });
      return new Redirect(url);
    }),

    // The way back from an identity provider (`interaction_code`) or the org's sign-in page (`code`): checked against
    // the session's own request (state, PKCE), exchanged for tokens here, and the user signed in as after a password.
    'GET /callback': navigation(async (ctx) => {
      const params = callbackParams(ctx.in.query);
      const session = ctx.session;
      const client = okta(ctx);
      const meta = params && hasIdxTransaction(session) ? client.idxClient.transactionManager?.load?.() : null;
      let back: WayBack;
      try {
        back = await finishRedirect(client.idxClient, meta, params ?? {}, sameState);
      } catch (error) {
        // A way back this session did not start (or one already used) leaves its own sign-in alone.
        if (!(error instanceof FlowError && error.reason === 'redirect-invalid')) forgetFlow(session);
        throw error;
      }
      if ('tokens' in back) {
        await signedIn(ctx, back);
        return new Redirect(options.successUrl);
      }
      // The org's policy asks for more (an authenticator to enroll): the sign-in page goes on with that step.
      await settle(ctx, await resumeTransaction(client.idxClient, back.resume), client.http, 'start');
      return new Redirect(options.signInUrl);
    }),

    'GET /me': async (ctx) => {
      const user = ctx.session.user ?? null;
      return { signedIn: Boolean(user), user };
    },

    'POST /logout': async (ctx) => {
      ctx.destroy = true;
      return signOut(ctx.session, () => okta(ctx).authClient, options);
    },
  };

  // Every other action of the table is its endpoint and nothing more: the state it is allowed in, then the driver.
  for (const action of Object.keys(ACTION_INPUT) as (keyof DriverActions)[]) {
    const endpoint = ACTIONS[action].endpoint;
    const key = endpoint && `POST ${BACKEND_PATHS[endpoint]}`;
    if (key && !routes[key]) routes[key] = (ctx) => perform(ctx, action, requireAllowed(ctx.session, action));
  }

  const pollDone = (ctx: Context, status: string) => {
    // A final reply that says Success ends the sign-in element's flow without asking `GET /state`: Success is told
    // once, here, so that a page that comes back later starts a new sign-in instead of leaving again.
    if (status === 'Success') delete ctx.session.flowState;
    return { Refresh: null, ContinuePolling: false, Next: status === 'Success' ? options.successUrl : options.signInUrl, Status: status };
  };

  /**
   * The seed's two poll endpoints, answering its `OktaVerifyPollResponseModel` in PascalCase. When polling ends
   * elsewhere than Success, the next flow state stays in the session, so `GET /state` tells a sign-in element where
   * the flow went.
   */
  async function poll(ctx: Context, kind: PollKind) {
    if (!inFlow(ctx.session)) throw sessionExpired();
    const state = currentFlowState(ctx.session);
    // A code view polls only when it said so (`refresh`): an email's magic link, opened anywhere, completes it.
    if (pollKindOf(state) !== kind) return pollDone(ctx, state.status);
    const client = okta(ctx);
    const { tx, continuePolling } = await pollOnce(driverContext(ctx, client), kind);
    const reply = await settle(ctx, tx, client.http, 'poll');
    if (continuePolling) return { Refresh: reply.refresh ?? null, ContinuePolling: true, Next: null, Status: reply.status };
    return pollDone(ctx, reply.status);
  }

  /** Maps anything thrown to the contract's error, or null for a bug. */
  function toBackendError(error: unknown, ctx?: Context): BackendError | null {
    if (error instanceof BackendError) return error;
    // The driver refused the input, or found the step gone, before anything went to Okta.
    if (error instanceof FlowError) {
      if (error.code === 'session_expired') {
        if (ctx) forgetFlow(ctx.session);
        return sessionExpired();
      }
      const text = error.fields
        ? CHECK_FIELDS
        : error.reason === 'empty'
          ? (FORM_MESSAGES[error.code] ?? 'Fill in the required fields.')
          : error.message;
      return new BackendError(400, error.code, text, { fields: error.fields });
    }
    if (error instanceof StoreUnavailableError) return unavailable();
    if (ctx?.calls.some((call) => call.timedOut)) return upstreamTimeout();
    // Nothing answering at the issuer is a wrong issuer at the start; once Okta has answered this sign-in, an outage.
    const reached = ctx ? inFlow(ctx.session) : false;
    const config = misconfigured(error, options, reached ? [] : (ctx?.calls ?? []));
    if (config) return config;
    const e = error as { name?: string; message?: string } | null;
    if (e?.name === 'AuthSdkError' && /saved transaction could not be loaded/i.test(e.message ?? '')) return sessionExpired();
    // okta-auth-js errors: Okta unreachable, or it refused the client (wrong secret, unknown client, bad token).
    if (['AuthApiError', 'OAuthError', 'AuthSdkError', 'TypeError', 'FetchError', 'OktaTimeoutError'].includes(e?.name ?? '')) {
      return upstreamFailure();
    }
    return null;
  }

  const isHttps = (incoming: Incoming): boolean => {
    if (incoming.encrypted) return true;
    if (!options.trustProxy) return false;
    return forwardedEntry(incoming.headers['x-forwarded-proto'], options.trustProxy)?.toLowerCase() === 'https';
  };

  /** Where the request came from: the socket, or what the trusted proxies say they saw; one spelling per address. */
  const clientAddress = (incoming: Incoming): string | undefined => {
    if (options.clientAddress) {
      const given = options.clientAddress({ headers: incoming.headers, socketAddress: incoming.socketAddress });
      return normalizeAddress(given) ?? given;
    }
    const socket = normalizeAddress(incoming.socketAddress);
    if (!options.trustProxy) return socket;
    return normalizeAddress(forwardedEntry(incoming.headers['x-forwarded-for'], options.trustProxy)) ?? socket;
  };

  /** Waits for the session's earlier requests in this process, then for its lock in the store. */
  async function acquire(id: string): Promise<() => Promise<void>> {
    const previous = tails.get(id);
    let releaseLocal!: () => void;
    const mine = new Promise<void>((resolve) => {
      releaseLocal = resolve;
    });
    const tail = (previous ?? Promise.resolve()).then(() => mine);
    tails.set(id, tail);
    const releaseQueue = () => {
      releaseLocal();
      if (tails.get(id) === tail) tails.delete(id);
    };
    await previous;
    if (!store.lock) return async () => releaseQueue();
    try {
      const unlock = await store.lock(id, options.requestMs + 5000, options.requestMs + 1000).catch((error) => {
        // The store failing is not another request holding the session.
        if (error instanceof StoreUnavailableError) throw error;
        logger.warn?.(`[auth] session lock: ${(error as Error)?.message ?? error}`);
        throw busy();
      });
      return async () => {
        try {
          await unlock();
        } finally {
          releaseQueue();
        }
      };
    } catch (error) {
      releaseQueue();
      throw error;
    }
  }

  async function readJsonBody(incoming: Incoming): Promise<unknown> {
    if (incoming.method !== 'POST') return undefined;
    // POST bodies must be JSON. Besides the contract, this keeps other sites out: a cross-site form cannot send
    // `application/json`, and a cross-site `fetch` that does needs a CORS preflight this backend never grants.
    if (!/^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(incoming.headers['content-type'] ?? '')) {
      throw new BackendError(415, 'invalid_input', 'Send the request as JSON (Content-Type: application/json).');
    }
    if (incoming.parsedBody !== undefined) return jsonObject(incoming.parsedBody);
    const text = await incoming.readBody(options.bodyBytes, options.requestMs);
    if (!text.trim()) return {};
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw invalidInput('The request body is not valid JSON.');
    }
    return jsonObject(body);
  }

  async function handle(incoming: Incoming): Promise<Outgoing> {
    const headers: Record<string, string | string[]> = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    let ctx: Context | undefined;
    let release: (() => Promise<void>) | undefined;
    try {
      const method = incoming.method === 'HEAD' ? 'GET' : incoming.method;
      // `GET /idp/{id}`: one route for every identity provider.
      const idp = method === 'GET' && incoming.path.startsWith(`${BACKEND_PATHS.idp}/`);
      const route = routes[`${method} ${idp ? BACKEND_PATHS.idp : incoming.path}`];
      if (!route) {
        if (incoming.method === 'POST') await readJsonBody(incoming);
        throw new BackendError(404, 'not_found', 'No such endpoint.');
      }
      const body = await readJsonBody(incoming);

      const cookieValue = readCookie(incoming.headers.cookie, options.cookie.name);
      const signedId = cookieValue ? unsignSessionId(cookieValue, options.secrets) : undefined;
      // Tampered with, or signed with a secret no longer listed: treated as no cookie.
      if (cookieValue && !signedId) logger.warn?.(`[auth] ${incoming.method} ${incoming.path}: a session cookie with a wrong signature, ignored`);
      if (signedId) release = await acquire(signedId);
      let stored = signedId ? await store.get(signedId) : undefined;
      const now = Date.now();
      if (stored && signedId && !(stored.createdAt + options.absoluteMs > now)) {
        await store.destroy(signedId);
        stored = undefined;
      }
      ctx = {
        in: incoming,
        body,
        address: clientAddress(incoming),
        session: stored ?? { createdAt: now },
        id: stored ? signedId : undefined,
        loadedStatus: stored?.flowState?.status,
        loadedPrestarted: stored?.prestarted,
        regenerate: false,
        destroy: false,
        deadline: now + options.requestMs,
        calls: [],
      };
      const loaded = JSON.stringify(ctx.session);
      let status = 200;
      let reply: unknown;
      try {
        reply = await route(ctx);
      } catch (error) {
        const known = toBackendError(error, ctx);
        if (!known) throw error;
        logFailure(incoming, known, error);
        status = known.status;
        reply = known.body;
        if (known.retryAfter !== undefined) headers['Retry-After'] = String(known.retryAfter);
      }
      if (reply instanceof Redirect) {
        status = 302;
        headers.Location = reply.location;
        // The address of the way back holds a code: no page it leads to learns it.
        headers['Referrer-Policy'] = 'no-referrer';
        reply = undefined;
      }
      // Not for a cookie of ours that names no session: its session may have moved to a new id a moment ago, and
      // the pre-start's cookie would replace that one.
      if (ctx.prestart && status === 200 && !(signedId && !stored)) {
        // Waited for: where the host may freeze after the reply, where the offer is a passkey sign-in or identity
        // providers of this transaction's own, and until what the org's form offers everyone is known.
        const wait = Boolean(incoming.awaitBackground) || Boolean(options.passkeys || options.idps) || formOffer === undefined;
        const started = await prestart(ctx, wait, isHttps(incoming));
        headers['Set-Cookie'] = started.cookie;
        return { status, headers, body: started.offer ?? reply };
      }
      const cookie = await save(ctx, loaded, isHttps(incoming));
      if (cookie) headers['Set-Cookie'] = cookie;
      return { status, headers, body: reply };
    } catch (error) {
      const known = toBackendError(error, ctx);
      const reply = known ?? new BackendError(500, 'server', 'Something went wrong. Please try again.');
      if (known) logFailure(incoming, known, error);
      else logger.error?.(`[auth] ${incoming.method} ${incoming.path}: unexpected ${(error as Error)?.name ?? 'error'}: ${(error as Error)?.message ?? error}`);
      if (reply.retryAfter !== undefined) headers['Retry-After'] = String(reply.retryAfter);
      return { status: reply.status, headers, body: reply.body };
    } finally {
      await release?.().catch((error) => logger.warn?.(`[auth] session unlock: ${(error as Error)?.message ?? error}`));
    }
  }

  /**
   * Starts a transaction ahead of the login under a new session id, and answers the cookie at once: the work goes
   * on after the reply, holding the new session's lock, so a quick `POST /login` waits for it rather than racing it.
   */
  async function prestart(ctx: Context, wait: boolean, secure: boolean): Promise<{ cookie: string; offer?: FlowReply }> {
    const id = newSessionId();
    const unlock = await acquire(id);
    const session: SessionData = { createdAt: Date.now() };
    const work = (async () => {
      const now = Date.now();
      const ahead: Context = { ...ctx, session, id: undefined, calls: [], deadline: now + options.requestMs, prestart: false };
      const { idxClient } = okta(ahead);
      const started = await idxClient.idx.start();
      // The sign-in form, or an org that offers only identity providers.
      const onlyIdps = isRedirect(started.neededToProceed?.[0]);
      if ((stepName(started) !== 'identify' && !onlyIdps) || !hasIdxTransaction(session) || ahead.calls.some((c) => c.timedOut)) return;
      session.prestarted = true;
      session.savedAt = now;
      // What the form offers with this transaction: a passkey sign-in, "Forgot password?", "Sign up", IdPs.
      session.plan = planOf(started);
      const offer = toFlowState(started);
      if (offer.status === 'Idle') {
        const { status: _idle, ...offers } = offer;
        if (Object.keys(offers).length) session.formState = offers;
        formOffer = {};
        if (offers.links?.length) formOffer.links = offers.links;
        if (offers.idps?.length) formOffer.idps = offers.idps;
      } else session.formState = offer;
      await store.set(id, session, (options.prestart as { ttlMs: number }).ttlMs);
    })()
      .catch((error) => logger.warn?.(`[auth] pre-start: ${(error as Error)?.name ?? 'error'}: ${(error as Error)?.message ?? error}`))
      .finally(() => unlock().catch(() => undefined));
    if (wait) await work;
    const settings = { ...options.cookie, secure: options.cookie.secure === 'auto' ? secure : options.cookie.secure };
    const offer = wait && session.prestarted ? idleReply(session) : undefined;
    return { cookie: serializeCookie(signSessionId(id, options.secrets), settings), offer };
  }

  function logFailure(incoming: Incoming, reply: BackendError, error: unknown) {
    if (reply.hint) {
      logger.error?.(`[auth] ${incoming.method} ${incoming.path}: ${reply.code}: ${reply.hint}`);
    } else if (reply.status >= 500) {
      logger.error?.(`[auth] ${incoming.method} ${incoming.path}: ${(error as Error)?.name ?? 'error'}: ${(error as Error)?.message ?? error}`);
    } else {
      logger.warn?.(`[auth] ${incoming.method} ${incoming.path}: ${reply.status} ${reply.code}`);
    }
  }

  /**
   * Writes the session back. Only a session with something in it is stored: a sign-in in progress, a flow state or
   * a signed-in user. Returns the `Set-Cookie` to send, if any.
   */
  async function save(ctx: Context, loaded: string, secure: boolean): Promise<string | undefined> {
    const cookieSettings = {
      ...options.cookie,
      secure: options.cookie.secure === 'auto' ? secure : options.cookie.secure,
    };
    const session = ctx.session;
    if (ctx.loadedPrestarted && !session.prestarted) await prestartLimit?.release().catch(() => undefined);
    const hasContent = hasIdxTransaction(session) || Boolean(session.flowState) || Boolean(session.user);
    if (ctx.destroy || !hasContent) {
      // A cookie that named no session is left alone: it may be the old id of a session that has just moved on.
      if (!ctx.id && !ctx.destroy) return undefined;
      if (ctx.id) await store.destroy(ctx.id);
      return serializeCookie('', cookieSettings, true);
    }
    const now = Date.now();
    let cookie: string | undefined;
    // The sign-in moved on (login accepted, a step taken, success): a new id, so that a session id planted or seen
    // before is worth nothing after. Polls that keep waiting and steps that fail keep the id.
    const movedOn = session.flowState?.status !== ctx.loadedStatus;
    if (ctx.regenerate || movedOn || !ctx.id) {
      if (ctx.id) await store.destroy(ctx.id);
      ctx.id = newSessionId();
      cookie = serializeCookie(signSessionId(ctx.id, options.secrets), cookieSettings);
    } else if (JSON.stringify(session) === loaded && now - (session.savedAt ?? 0) < options.idleMs / 4) {
      return undefined; // unchanged, and touched recently enough for the idle timeout
    }
    session.savedAt = now;
    let ttl = sessionTtl(options, session, now);
    if (session.prestarted && options.prestart) ttl = Math.min(ttl, session.createdAt + options.prestart.ttlMs - now);
    if (ttl <= 0) {
      await store.destroy(ctx.id);
      return undefined;
    }
    await store.set(ctx.id, session, ttl);
    return cookie;
  }

  // ---- adapters ----

  const nodeHandler = (req: IncomingMessage, res: ServerResponse) => {
    const url = (req as { url?: string }).url ?? '/';
    const incoming: Incoming = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: routePath(url),
      headers: lowerHeaders(req.headers),
      readBody: (limit, timeoutMs) => readNodeBody(req, limit, timeoutMs),
      parsedBody: parsedBodyOf(req),
      query: new URLSearchParams(url.split('?')[1]?.split('#')[0] ?? ''),
      socketAddress: req.socket?.remoteAddress,
      encrypted: Boolean((req.socket as TLSSocket | undefined)?.encrypted),
      raw: req,
    };
    handle(incoming).then(
      (out) => {
        if (res.headersSent) {
          res.end();
          return;
        }
        res.statusCode = out.status;
        for (const [name, value] of Object.entries(out.headers)) res.setHeader(name, value);
        // The rest of a body that stalled is not waited for: the connection ends with this answer.
        if (out.status === 408) res.setHeader('Connection', 'close');
        if (out.body === undefined) {
          res.end();
          return;
        }
        const text = JSON.stringify(out.body);
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Content-Length', Buffer.byteLength(text));
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      (error) => {
        logger.error?.(`[auth] ${error?.message ?? error}`);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      },
    );
  };

  const routePath = (url: string): string => {
    let path = url.split('?')[0] || '/';
    if (options.basePath && (path === options.basePath || path.startsWith(`${options.basePath}/`))) {
      path = path.slice(options.basePath.length) || '/';
    }
    return path.length > 1 ? path.replace(/\/+$/, '') : path;
  };

  const handler = ((req: IncomingMessage, res: ServerResponse) => nodeHandler(req, res)) as SignInHandler;

  handler.fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const headers: Record<string, string | undefined> = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const out = await handle({
      method: request.method.toUpperCase(),
      path: routePath(url.pathname),
      headers,
      readBody: (limit, timeoutMs) => readWebBody(request, limit, timeoutMs),
      query: url.searchParams,
      encrypted: url.protocol === 'https:',
      awaitBackground: true,
      raw: request,
    });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(out.headers)) {
      for (const v of [value].flat()) responseHeaders.append(name, v);
    }
    if (out.body === undefined) return new Response(null, { status: out.status, headers: responseHeaders });
    responseHeaders.set('Content-Type', 'application/json; charset=utf-8');
    return new Response(request.method === 'HEAD' ? null : JSON.stringify(out.body), { status: out.status, headers: responseHeaders });
  };

  Object.assign(handler, appSessions({ options, acquire, client: (session) => oktaClient(session, Date.now() + options.requestMs) }));
  Object.defineProperty(handler, 'store', { value: options.store });
  const { secrets: _secrets, ...visible } = options;
  Object.defineProperty(handler, 'options', { value: Object.freeze(visible) });
  return handler;
}

function lowerHeaders(raw: IncomingMessage['headers']): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(raw)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** The body Express's (or another framework's) JSON parser already read, if the stream is used up. */
function parsedBodyOf(req: IncomingMessage): unknown {
  const body = (req as { body?: unknown }).body;
  return body !== undefined && req.readableEnded ? body : undefined;
}

const tooLarge = () => new BackendError(413, 'invalid_input', 'The request body is too large.');
const tooSlow = () => new BackendError(408, 'invalid_input', 'The request took too long to arrive. Please try again.');

function readNodeBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    // A body that stops arriving is answered within the request timeout, not after Node's own 5 minutes.
    const timer = setTimeout(() => settle(() => reject(tooSlow())), timeoutMs);
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        settle(() => reject(tooLarge()));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle(() => resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', () => settle(() => reject(new BackendError(400, 'invalid_input', 'The request body could not be read.'))));
  });
}

async function readWebBody(request: Request, limit: number, timeoutMs: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(tooSlow()), timeoutMs);
  });
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), late]);
      if (done) break;
      size += value.length;
      if (size > limit) throw tooLarge();
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
