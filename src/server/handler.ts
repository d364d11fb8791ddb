/**
 * The backend contract (README, "Backend contract") over Okta's IDX API with `@okta/okta-auth-js` (step mode), as
 * one framework-free request handler: a Node `http` handler that is also Connect/Express middleware, and a
 * web-standard `fetch(Request) => Response` for Next.js route handlers, Hono, Deno, Bun and the like.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { ENROLLMENT_CHANNELS, FLOW_STATUSES } from '../core/types.js';
import { remediation, stepName } from '../idx/map.js';
import { RECOVER_FROM_CHALLENGE, RECOVER_FROM_IDENTIFY, offers } from '../idx/map-password.js';
import type { Operation } from '../idx/errors.js';
import type { IdxTransaction } from '../idx/types.js';
import { BackendError, busy, invalidInput, rateLimited, sessionExpired, upstreamFailure, upstreamTimeout } from './errors.js';
import { errorReply, toFlowState, type FlowReply } from './flow-reply.js';
import { LoginThrottle, PrestartLimit } from './limits.js';
import { clearIdxTransaction, createOktaClient, hasIdxTransaction, memoryStorage, type LastResponse } from './okta-client.js';
import { resolveOptions, type ResolvedOptions, type SignInHandlerOptions } from './options.js';
import {
  MemorySessionStore,
  newSessionId,
  readCookie,
  serializeCookie,
  signSessionId,
  unsignSessionId,
  type SessionData,
  type SessionStore,
} from './session.js';
import { emailAddress, optionalString, phoneMethod, phoneNumber, requiredString, verificationCode } from './validate.js';
import { ENROLLING } from '../core/flow-rules.js';
import { webauthnCredential } from './validate-webauthn.js';
import { appSessions, sessionTtl, type AppSessions } from './app-session.js';
import { finishSignIn } from './sign-in.js';
import { revokeTokens } from './okta-tokens.js';
import { signOut } from './sign-out.js';

/** A request as the handler sees it, whatever server it came from. */
interface Incoming {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  /** Reads the body as text, at most `limit` bytes (throws 413 beyond). */
  readBody: (limit: number) => Promise<string>;
  /** A body a framework already parsed (Express's `express.json()`). */
  parsedBody?: unknown;
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
  /** A new id at save (sign-in), the old one destroyed. */
  regenerate: boolean;
  destroy: boolean;
  deadline: number;
  calls: LastResponse[];
  /** `GET /state` asked for a transaction to be started ahead of the login. */
  prestart?: boolean;
}

type Route = (ctx: Context) => Promise<unknown>;

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

const WEBAUTHN_STATES = ['AwaitingWebAuthnEnrollment', 'AwaitingWebAuthnChallenge'];

const ENROLLMENT_STATES = ['AwaitingEnrollmentPoll', 'AwaitingEnrollmentChannelSelection', 'AwaitingEnrollmentChannelData'];
/** The steps whose view may lead to the authenticator picker: the picker itself, or any step that carries it. */
const SELECTING_STATES = FLOW_STATUSES.filter((s) => !['Idle', 'Success', 'Terminal'].includes(s));
/** The steps whose code, push or link can be sent again. */
const RESEND_STATES = ['AwaitingChallengeCode', 'AwaitingEnrollmentCode', 'AwaitingChallengePoll'];
/** The statuses a poll endpoint serves: its poll status, and a code view with `refresh` (an email's magic link). */
const POLLING_STATES: Record<string, string[]> = {
  'enroll-poll': ['AwaitingEnrollmentPoll', 'AwaitingEnrollmentCode'],
  'challenge-poll': ['AwaitingChallengePoll', 'AwaitingChallengeCode'],
};

/** Forgets the sign-in attempt (not the signed-in user). */
function forgetFlow(session: SessionData): void {
  clearIdxTransaction(session);
  delete session.flowState;
  delete session.username;
  delete session.prestarted;
  delete session.recoverable;
  delete session.recoverByIdentify;
}

/** A sign-in in progress: an IDX transaction someone has logged in with (not one started ahead). */
const inFlow = (session: SessionData | undefined): boolean => hasIdxTransaction(session) && !session?.prestarted;

const currentFlowState = (session: SessionData): FlowReply => session.flowState ?? ({ status: 'Idle' } as FlowReply);

/** Checks that the sign-in is at one of `statuses`, so that each endpoint only takes its own step. */
function requireState(session: SessionData, statuses: string[]): FlowReply {
  if (!inFlow(session)) throw sessionExpired();
  const state = currentFlowState(session);
  if (!statuses.includes(state.status)) {
    throw new BackendError(409, 'invalid_input', 'That step is not available now. Please start over.');
  }
  return state;
}

/** The Node request handler and web `fetch` handler of the backend contract. */
export function createSignInHandler(userOptions: SignInHandlerOptions): SignInHandler {
  const options = resolveOptions(userOptions, () => new MemorySessionStore());
  const { store, logger } = options;
  const cache = memoryStorage();
  const throttle = new LoginThrottle(options.limits);
  const prestartLimit = options.prestart
    ? new PrestartLimit(options.prestart.perAddress, options.prestart.windowSeconds, options.limits.redis)
    : undefined;
  /** This process's queue of each session's requests (the store's lock, if any, covers other processes). */
  const tails = new Map<string, Promise<void>>();

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
      else if (error.code !== 'rate_limited' && transaction.neededToProceed?.length) {
        session.flowState = toFlowState(transaction);
      }
      throw error;
    }
    if (transaction.status === 'CANCELED') {
      forgetFlow(session);
      return { status: 'Idle' } as FlowReply;
    }
    if (transaction.status === 'SUCCESS') {
      const signedIn = await finishSignIn(transaction, ctx.in.raw, {
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
      ctx.session = { createdAt: Date.now(), ...signedIn, flowState: reply };
      ctx.regenerate = true;
      return reply;
    }
    if (!transaction.neededToProceed?.length) {
      // An answer without remediations: Okta refused the request itself (rate limit, gone, broken).
      if (http.status === 429) throw rateLimited(http.retryAfter ?? 60);
      forgetFlow(session);
      if (http.status === 401 || http.status === 403 || http.status === 404) throw sessionExpired();
      if ((http.status ?? 0) >= 500) throw upstreamFailure();
      return toFlowState(transaction);
    }
    const state = toFlowState(transaction);
    session.flowState = state;
    return state;
  }

  /** Identifier-first recovery: identify the username, then "Forgot password?" on its password challenge. */
  async function recoverAfterIdentify(ctx: Context, username: string): Promise<FlowReply> {
    delete ctx.session.recoverByIdentify;
    const { authClient, http } = okta(ctx);
    let transaction = (await authClient.idx.proceed({ step: 'identify', identifier: username } as never)) as IdxTransaction;
    if (offers(transaction, RECOVER_FROM_CHALLENGE) && !errorReply(transaction, 'recover', http)) {
      transaction = (await authClient.idx.proceed({ actions: [RECOVER_FROM_CHALLENGE] })) as IdxTransaction;
    }
    return settle(ctx, transaction, http, 'recover');
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
      if (state.status === 'Idle' && !inFlow(ctx.session)) {
        // "Forgot password?" as the transaction started ahead offers it, else as configured.
        const recoverable = options.passwordRecovery && (!ctx.session.prestarted || Boolean(ctx.session.recoverable));
        return recoverable ? { ...state, canRecover: true } : state;
      }
      return state;
    },

    'POST /login': async (ctx) => {
      const username = requiredString(ctx.body, 'username', { label: 'username' });
      const password = requiredString(ctx.body, 'password', { label: 'password', trim: false, max: 1024 });
      const refused = await throttle.check(username, ctx.address).catch((error) => {
        logger.error?.(`[auth] login throttle unavailable: ${(error as Error)?.message ?? error}`);
        return undefined;
      });
      if (refused) throw refused;
      const prestarted = Boolean(ctx.session.prestarted) && hasIdxTransaction(ctx.session);
      const idx = ctx.session.idx;
      forgetFlow(ctx.session);
      if (prestarted) ctx.session.idx = idx;
      ctx.session.username = username;
      try {
        const { authClient, http } = okta(ctx);
        const identify = () => authClient.idx.proceed({ step: 'identify', username, password }) as Promise<IdxTransaction>;
        let transaction: IdxTransaction | undefined;
        if (prestarted) {
          // The transaction started ahead (GET /state); if Okta has let it go meanwhile, start another.
          transaction = await identify().catch((error) => {
            if (http.timedOut) throw error;
            return undefined;
          });
          if (transaction && errorReply(transaction, 'login', http)?.code === 'session_expired') transaction = undefined;
          if (!transaction) clearIdxTransaction(ctx.session);
        }
        if (!transaction) {
          const started = (await authClient.idx.start()) as IdxTransaction;
          if (stepName(started) !== 'identify') return await settle(ctx, started, http, 'start');
          transaction = await identify();
        }
        // Orgs that ask for the username first then ask for the password as a separate challenge.
        const next = remediation(transaction, stepName(transaction) ?? '');
        if (next?.name === 'challenge-authenticator' && (next as { relatesTo?: { value?: { key?: string } } }).relatesTo?.value?.key === 'okta_password') {
          transaction = (await authClient.idx.proceed({ step: 'challenge-authenticator', password })) as IdxTransaction;
        }
        return await settle(ctx, transaction, http, 'login');
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

    'POST /select-authenticator': async (ctx) => {
      const state = requireState(ctx.session, SELECTING_STATES);
      // "Verify with something else": a step that carries the picker may go back to it.
      if (!state.authenticators?.length) throw new BackendError(409, 'invalid_input', 'That step is not available now. Please start over.');
      const id = requiredString(ctx.body, 'authenticatorId', { label: 'authenticator' });
      const methodType = optionalString(ctx.body, 'methodType');
      const choice = ((state.authenticators ?? []) as Array<{ id: string; methodType?: string }>).find(
        (a) => a.id === id && (!methodType || !a.methodType || a.methodType === methodType),
      );
      if (!choice) throw invalidInput('Choose one of the listed authenticators.');
      const method = methodType ?? choice.methodType;
      const enrolling = state.status === 'AwaitingAuthenticatorEnrollment' || ENROLLING.includes(state.status);
      const { authClient, http } = okta(ctx);
      let transaction = (await authClient.idx.proceed({
        step: enrolling ? 'select-authenticator-enroll' : 'select-authenticator-authenticate',
        authenticator: { id, ...(method && !enrolling ? { methodType: method } : {}) },
      } as never)) as IdxTransaction;
      // Some orgs ask for the method in a second step even when it came with the selection.
      if (stepName(transaction) === 'authenticator-verification-data' && method) {
        transaction = (await authClient.idx.proceed({ step: 'authenticator-verification-data', methodType: method } as never)) as IdxTransaction;
      }
      return settle(ctx, transaction, http, 'select');
    },

    'POST /enrollment-channel': async (ctx) => {
      requireState(ctx.session, ENROLLMENT_STATES);
      const channel = requiredString(ctx.body, 'channel', { label: 'channel' });
      if (!(ENROLLMENT_CHANNELS as readonly string[]).includes(channel)) throw invalidInput('Choose QR code, email or SMS.');
      const { authClient, http } = okta(ctx);
      const transaction = (await authClient.idx.proceed({ step: 'select-enrollment-channel', channel } as never)) as IdxTransaction;
      return settle(ctx, transaction, http, 'channel');
    },

    'POST /enrollment-channel-data': async (ctx) => {
      const state = requireState(ctx.session, ['AwaitingEnrollmentChannelData']);
      const wantsPhone = (state.enrollment as { channel?: string } | undefined)?.channel === 'sms';
      const values = wantsPhone ? { phoneNumber: phoneNumber(ctx.body) } : { email: emailAddress(ctx.body) };
      const { authClient, http } = okta(ctx);
      const transaction = (await authClient.idx.proceed({ step: 'enrollment-channel-data', ...values } as never)) as IdxTransaction;
      return settle(ctx, transaction, http, 'channel-data');
    },

    'POST /verify-code': async (ctx) => {
      const state = requireState(ctx.session, ['AwaitingChallengeCode', 'AwaitingEnrollmentCode']);
      const code = verificationCode(ctx.body);
      const step = state.status === 'AwaitingEnrollmentCode' ? 'enroll-authenticator' : 'challenge-authenticator';
      const { authClient, http } = okta(ctx);
      const transaction = (await authClient.idx.proceed({ step, verificationCode: code })) as IdxTransaction;
      return settle(ctx, transaction, http, 'code');
    },

    'POST /enrollment-data': async (ctx) => {
      requireState(ctx.session, ['AwaitingEnrollmentData']);
      const number = phoneNumber(ctx.body);
      const methodType = phoneMethod(ctx.body);
      const { authClient, http } = okta(ctx);
      const transaction = (await authClient.idx.proceed({
        step: 'authenticator-enrollment-data',
        phoneNumber: number,
        methodType,
      } as never)) as IdxTransaction;
      return settle(ctx, transaction, http, 'channel-data');
    },

    'POST /resend': async (ctx) => {
      const state = requireState(ctx.session, RESEND_STATES);
      if (!state.canResend) throw new BackendError(409, 'invalid_input', 'Nothing can be sent again now.');
      // okta-auth-js (step mode) runs a resend only as the named action of what it belongs to: the enrollment a code
      // challenge verifies, or the authenticator being enrolled or pushed to.
      const action = state.status === 'AwaitingChallengeCode' ? 'currentAuthenticatorEnrollment-resend' : 'currentAuthenticator-resend';
      const { authClient, http } = okta(ctx);
      const transaction = (await authClient.idx.proceed({ actions: [action] })) as IdxTransaction;
      return settle(ctx, transaction, http, 'resend');
    },

    'POST /change-password': async (ctx) => {
      const state = requireState(ctx.session, ['PasswordExpired', 'AwaitingPasswordReset']);
      const newPassword = requiredString(ctx.body, 'newPassword', { label: 'new password', trim: false, max: 1024 });
      const { authClient, http } = okta(ctx);
      // The recovery's new password: reset-authenticator is outside okta-auth-js's default flow, so its field goes by its wire name.
      const values = state.status === 'AwaitingPasswordReset'
        ? { step: 'reset-authenticator', credentials: { passcode: newPassword } }
        : { step: 'reenroll-authenticator', newPassword };
      const transaction = (await authClient.idx.proceed(values as never)) as IdxTransaction;
      return settle(ctx, transaction, http, 'password');
    },

    'POST /verify-password': async (ctx) => {
      requireState(ctx.session, ['AwaitingPassword']);
      const password = requiredString(ctx.body, 'password', { label: 'password', trim: false, max: 1024 });
      const username = ctx.session.username;
      const refused = username
        ? await throttle.check(username, ctx.address).catch((error) => {
            logger.error?.(`[auth] login throttle unavailable: ${(error as Error)?.message ?? error}`);
            return undefined;
          })
        : undefined;
      if (refused) throw refused;
      const { authClient, http } = okta(ctx);
      const transaction = (await authClient.idx.proceed({ step: 'challenge-authenticator', password })) as IdxTransaction;
      try {
        return await settle(ctx, transaction, http, 'login');
      } catch (error) {
        if (username && error instanceof BackendError && error.code === 'invalid_credentials') await throttle.fail(username, ctx.address);
        throw error;
      }
    },

    'POST /recover': async (ctx) => {
      const given = (ctx.body as { username?: unknown } | undefined)?.username;
      if (given !== undefined && given !== null && typeof given !== 'string') throw invalidInput('Enter your username.');
      const username = optionalString(ctx.body, 'username');
      if (username && username.length > 256) throw invalidInput('The username is too long.');
      const session = ctx.session;
      const state = inFlow(session) ? currentFlowState(session) : ({ status: 'Idle' } as FlowReply);
      const notNow = () => new BackendError(409, 'invalid_input', 'That step is not available now. Please start over.');
      if (state.status === 'AwaitingRecoveryIdentifier') {
        if (!username) throw invalidInput('Enter your username.');
        const { authClient, http } = okta(ctx);
        if (session.recoverByIdentify) return recoverAfterIdentify(ctx, username);
        const transaction = (await authClient.idx.proceed({ step: 'identify-recovery', identifier: username } as never)) as IdxTransaction;
        return settle(ctx, transaction, http, 'recover');
      }
      if (state.status === 'AwaitingPassword' || state.status === 'AwaitingWebAuthnChallenge') {
        if (!state.canRecover) throw notNow();
        const { authClient, http } = okta(ctx);
        const transaction = (await authClient.idx.proceed({ actions: [RECOVER_FROM_CHALLENGE] })) as IdxTransaction;
        return settle(ctx, transaction, http, 'recover');
      }
      if (state.status !== 'Idle' || !options.passwordRecovery) throw notNow();
      // From the sign-in form: the transaction started ahead, else a new one.
      const prestarted = Boolean(session.prestarted) && hasIdxTransaction(session);
      const recoverable = Boolean(session.recoverable);
      const idx = session.idx;
      forgetFlow(session);
      if (prestarted) session.idx = idx;
      const { authClient, http } = okta(ctx);
      let fromIdentify = prestarted && recoverable;
      if (!prestarted) {
        const started = (await authClient.idx.start()) as IdxTransaction;
        if (stepName(started) !== 'identify') return settle(ctx, started, http, 'start');
        fromIdentify = offers(started, RECOVER_FROM_IDENTIFY);
      }
      if (!fromIdentify) {
        // An identifier-first org: the username, then "Forgot password?" on its password challenge.
        if (username) return recoverAfterIdentify(ctx, username);
        session.recoverByIdentify = true;
        const asked = { status: 'AwaitingRecoveryIdentifier' } as FlowReply;
        session.flowState = asked;
        return asked;
      }
      let transaction = (await authClient.idx.proceed({ actions: [RECOVER_FROM_IDENTIFY] })) as IdxTransaction;
      if (username && remediation(transaction, 'identify-recovery') && !errorReply(transaction, 'recover', http)) {
        transaction = (await authClient.idx.proceed({ step: 'identify-recovery', identifier: username } as never)) as IdxTransaction;
      }
      return settle(ctx, transaction, http, 'recover');
    },

    'POST /skip': async (ctx) => {
      const state = requireState(ctx.session, ['AwaitingAuthenticatorEnrollment', ...ENROLLMENT_STATES]);
      if (!state.canSkip) throw new BackendError(409, 'invalid_input', 'This step cannot be skipped.');
      const { authClient, http } = okta(ctx);
      const transaction = (await authClient.idx.proceed({ step: 'skip' } as never)) as IdxTransaction;
      return settle(ctx, transaction, http, 'skip');
    },

    'POST /webauthn': async (ctx) => {
      const session = ctx.session;
      // A passkey sign-in answers the transaction started ahead for the form, when the org offered one.
      const passkey = !inFlow(session) && Boolean(session.prestarted) && hasIdxTransaction(session) && Boolean(session.flowState?.webauthn?.requestOptions);
      const state = passkey ? currentFlowState(session) : requireState(session, WEBAUTHN_STATES);
      const enrolling = state.status === 'AwaitingWebAuthnEnrollment';
      const credentials = webauthnCredential(ctx.body, enrolling ? 'attestation' : passkey ? 'passkey' : 'assertion');
      const step = enrolling ? 'enroll-authenticator' : passkey ? 'challenge-webauthn-autofillui-authenticator' : 'challenge-authenticator';
      const { authClient, http } = okta(ctx);
      const transaction = (await authClient.idx.proceed({ step, credentials } as never)) as IdxTransaction;
      return settle(ctx, transaction, http, 'webauthn');
    },

    'POST /cancel': async (ctx) => {
      if (hasIdxTransaction(ctx.session)) {
        const { authClient } = okta(ctx);
        // Cancelling is best effort: the user starts over whatever Okta says about the old transaction.
        await authClient.idx.cancel().catch(() => undefined);
      }
      forgetFlow(ctx.session);
      return { status: 'Idle' };
    },

    'GET /OktaVerify/EnrollPoll': (ctx) => poll(ctx, 'enroll-poll'),
    'GET /OktaVerify/ChallengePoll': (ctx) => poll(ctx, 'challenge-poll'),

    'GET /me': async (ctx) => {
      const user = ctx.session.user ?? null;
      return { signedIn: Boolean(user), user };
    },

    'POST /logout': async (ctx) => {
      ctx.destroy = true;
      return signOut(ctx.session, () => okta(ctx).authClient, options);
    },
  };

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
  async function poll(ctx: Context, step: string) {
    if (!inFlow(ctx.session)) throw sessionExpired();
    const state = currentFlowState(ctx.session);
    const [pollStatus, codeStatus] = POLLING_STATES[step];
    // A code view polls only when it said so (`refresh`): an email's magic link, opened anywhere, completes it.
    const waiting = state.status === pollStatus || (state.status === codeStatus && state.refresh !== undefined);
    if (!waiting) return pollDone(ctx, state.status);
    const { authClient, http } = okta(ctx);
    const transaction = (await authClient.idx.proceed({ step } as never)) as IdxTransaction;
    const reply = await settle(ctx, transaction, http, 'poll');
    if (reply.status === state.status) {
      return { Refresh: reply.refresh ?? null, ContinuePolling: true, Next: null, Status: reply.status };
    }
    return pollDone(ctx, reply.status);
  }

  /** Maps anything thrown to the contract's error, or null for a bug. */
  function toBackendError(error: unknown, ctx?: Context): BackendError | null {
    if (error instanceof BackendError) return error;
    if (ctx?.calls.some((call) => call.timedOut)) return upstreamTimeout();
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
    return incoming.headers['x-forwarded-proto']?.split(',')[0].trim().toLowerCase() === 'https';
  };

  const clientAddress = (incoming: Incoming): string | undefined => {
    if (options.clientAddress) return options.clientAddress({ headers: incoming.headers, socketAddress: incoming.socketAddress });
    if (options.trustProxy) {
      const forwarded = incoming.headers['x-forwarded-for']?.split(',')[0].trim();
      if (forwarded) return forwarded;
    }
    return incoming.socketAddress;
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
      const unlock = await store.lock(id, options.requestMs + 5000, options.requestMs + 1000);
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
    if (incoming.parsedBody !== undefined) return incoming.parsedBody;
    const text = await incoming.readBody(options.bodyBytes);
    if (!text.trim()) return {};
    try {
      return JSON.parse(text);
    } catch {
      throw invalidInput('The request body is not valid JSON.');
    }
  }

  async function handle(incoming: Incoming): Promise<Outgoing> {
    const headers: Record<string, string | string[]> = { 'Cache-Control': 'no-store' };
    let ctx: Context | undefined;
    let release: (() => Promise<void>) | undefined;
    try {
      const route = routes[`${incoming.method === 'HEAD' ? 'GET' : incoming.method} ${incoming.path}`];
      if (!route) {
        if (incoming.method === 'POST') await readJsonBody(incoming);
        throw new BackendError(404, 'not_found', 'No such endpoint.');
      }
      const body = await readJsonBody(incoming);

      const cookieValue = readCookie(incoming.headers.cookie, options.cookie.name);
      const signedId = cookieValue ? unsignSessionId(cookieValue, options.secrets) : undefined;
      if (signedId) {
        release = await acquire(signedId).catch((error) => {
          logger.warn?.(`[auth] session lock: ${(error as Error)?.message ?? error}`);
          throw busy();
        });
      }
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
      if (ctx.prestart && status === 200) {
        const passkeys = Boolean(options.passkeys);
        const started = await prestart(ctx, Boolean(incoming.awaitBackground) || passkeys, isHttps(incoming));
        headers['Set-Cookie'] = started.cookie;
        return { status, headers, body: passkeys && started.offer ? started.offer : reply };
      }
      const cookie = await save(ctx, loaded, Boolean(cookieValue), isHttps(incoming));
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
      const { authClient } = okta(ahead);
      const started = (await authClient.idx.start()) as IdxTransaction;
      if (stepName(started) !== 'identify' || !hasIdxTransaction(session) || ahead.calls.some((c) => c.timedOut)) return;
      session.prestarted = true;
      if (offers(started, RECOVER_FROM_IDENTIFY)) session.recoverable = true;
      session.savedAt = now;
      // An org with passkeys offers a passkey sign-in on identify: `GET /state` hands it to the form.
      const offer = toFlowState(started);
      if (offer.status === 'Idle' && offer.webauthn) session.flowState = offer;
      await store.set(id, session, (options.prestart as { ttlMs: number }).ttlMs);
    })()
      .catch((error) => logger.warn?.(`[auth] pre-start: ${(error as Error)?.name ?? 'error'}: ${(error as Error)?.message ?? error}`))
      .finally(() => unlock().catch(() => undefined));
    if (wait) await work;
    const settings = { ...options.cookie, secure: options.cookie.secure === 'auto' ? secure : options.cookie.secure };
    const offer = wait && session.prestarted && session.flowState?.webauthn ? session.flowState : undefined;
    return { cookie: serializeCookie(signSessionId(id, options.secrets), settings), offer };
  }

  function logFailure(incoming: Incoming, reply: BackendError, error: unknown) {
    if (reply.status >= 500) {
      logger.error?.(`[auth] ${incoming.method} ${incoming.path}: ${(error as Error)?.name ?? 'error'}: ${(error as Error)?.message ?? error}`);
    } else {
      logger.warn?.(`[auth] ${incoming.method} ${incoming.path}: ${reply.status} ${reply.code}`);
    }
  }

  /**
   * Writes the session back. Only a session with something in it is stored: a sign-in in progress, a flow state or
   * a signed-in user. Returns the `Set-Cookie` to send, if any.
   */
  async function save(ctx: Context, loaded: string, hadCookie: boolean, secure: boolean): Promise<string | undefined> {
    const cookieSettings = {
      ...options.cookie,
      secure: options.cookie.secure === 'auto' ? secure : options.cookie.secure,
    };
    const session = ctx.session;
    const hasContent = hasIdxTransaction(session) || Boolean(session.flowState) || Boolean(session.user);
    if (ctx.destroy || !hasContent) {
      if (ctx.id) await store.destroy(ctx.id);
      return hadCookie ? serializeCookie('', cookieSettings, true) : undefined;
    }
    const now = Date.now();
    let cookie: string | undefined;
    if (ctx.regenerate || !ctx.id) {
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
      readBody: (limit) => readNodeBody(req, limit),
      parsedBody: parsedBodyOf(req),
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
        const text = JSON.stringify(out.body);
        res.statusCode = out.status;
        for (const [name, value] of Object.entries(out.headers)) res.setHeader(name, value);
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
      readBody: (limit) => readWebBody(request, limit),
      encrypted: url.protocol === 'https:',
      awaitBackground: true,
      raw: request,
    });
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(out.headers)) {
      for (const v of [value].flat()) responseHeaders.append(name, v);
    }
    responseHeaders.set('Content-Type', 'application/json; charset=utf-8');
    return new Response(request.method === 'HEAD' ? null : JSON.stringify(out.body), { status: out.status, headers: responseHeaders });
  };

  Object.assign(handler, appSessions({ options, acquire, client: (session) => oktaClient(session, Date.now() + options.requestMs) }));
  Object.defineProperty(handler, 'store', { value: store });
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

function readNodeBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', () => {
      if (!failed) reject(new BackendError(400, 'invalid_input', 'The request body could not be read.'));
    });
  });
}

async function readWebBody(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
