/**
 * IDX mode: the browser runs Okta's embedded sign-in (interaction code flow) itself, through
 * `@okta/okta-auth-js` 8 in step mode (`idx.proceed({ step })`). okta-auth-js is loaded with `import()` when the
 * transport is created, and the transaction (interact + introspect) starts at once, so both overlap with the
 * user typing; `login` waits for them.
 *
 * Values are given to `idx.proceed` under the IDX API's own field names (`identifier`, `credentials.passcode`,
 * `authenticator.id`): the minimal client has no remediator classes to translate friendlier names, and an app's
 * full `OktaAuth` accepts the raw names as well.
 */
import {
  FlowError,
  offersOnForm,
  type FlowState,
  type PollKind,
  type PollResult,
  type Transport,
} from '../core/types.js';
import type { ActionInputs } from '../core/actions.js';
import { stateOf, stateToShow, stepName, tokensOf } from '../idx/map.js';
import { pickerEntries, remediation } from '../idx/read.js';
import { isRedirect } from '../idx/map-idp.js';
import { errorFromException, errorOf, flowError, type Operation } from '../idx/errors.js';
import { CALLBACK_PARAMS, callbackParams, finishRedirect, hostedSignIn, nonceMatches, resumeTransaction } from '../idx/redirect.js';
import { misconfiguration } from '../idx/misconfiguration.js';
import {
  ACTION_OPS,
  WEBAUTHN_STEPS,
  drive,
  idpAddress,
  planOf,
  pollOnce,
  refreshOf,
  type DriverActions as Actions,
  type DriverContext,
  type Driven,
  type StepPlan,
} from '../idx/driver.js';
import type { IdxAuthClient, IdxHttp, IdxTokens, IdxTransaction } from '../idx/types.js';
import type { IdxTransportOptions } from './config.js';
import { loadIdxClient } from './idx-client-load.js';
import { ActionTransport } from './action-transport.js';

export const DEFAULT_SCOPES: readonly string[] = ['openid', 'profile', 'email'];

/** Longest wait for the check that tells a CORS refusal from an issuer that does not answer. */
const PROBE_MS = 5000;

/**
 * Whether anything answers at the issuer, CORS aside: a `no-cors` request gets an opaque answer from any server, and
 * fails only when nothing answered (or after `PROBE_MS`).
 */
async function issuerAnswers(issuer: string): Promise<boolean> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), PROBE_MS);
  try {
    await fetch(`${issuer}/.well-known/openid-configuration`, { mode: 'no-cors', credentials: 'omit', signal: controller.signal });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

interface Loaded {
  client: IdxAuthClient;
  http?: IdxHttp;
  /**
   * The client that keeps a transaction while the page is away at an identity provider or the org's sign-in page,
   * in okta-auth-js's transaction storage in this tab's sessionStorage, and finishes it on the way back. An app's own
   * OktaAuth keeps it in the storage it was configured with.
   */
  keeper: IdxAuthClient;
}

export function createIdxTransport(options: IdxTransportOptions): Transport {
  return new IdxTransport(options);
}

/** The state of a transaction at a security key step (or the form with a passkey offer), else undefined. */
function webauthnStateOf(tx: IdxTransaction): FlowState | undefined {
  try {
    const state = stateOf(tx);
    return state.webauthn ? state : undefined;
  } catch {
    return undefined;
  }
}

function aborted(signal?: AbortSignal): unknown {
  return signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Settles with `promise`, or rejects as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(aborted(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** Whether an error leaves nothing to go on with. A denied push does not: the org offers the choice again. */
const endsTransaction = (err: FlowError) =>
  (!err.retryable || err.code === 'session_expired') && err.code !== 'push_rejected';

class IdxTransport extends ActionTransport implements Transport {
  readonly kind = 'idx' as const;
  private readonly options: IdxTransportOptions;
  private readonly loaded: Promise<Loaded>;
  /** The started transaction: interact + introspect, begun before the user submits. */
  private started: Promise<IdxTransaction> | null = null;
  /** Calls run one at a time: okta-auth-js keeps one saved IDX response per client. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The transaction the user is at. */
  private current: IdxTransaction | undefined;
  /** A step of the driver's own (the username asked for an identifier-first recovery), with its plan. */
  private own: Extract<Driven, { plan: StepPlan }> | undefined;

  constructor(options: IdxTransportOptions) {
    super();
    this.options = options;
    this.loaded = this.load();
    this.loaded.catch(() => undefined);
    // A page coming back from a redirect finishes that sign-in first: no new one is started for it.
    if (!this.comingBack()) this.queue = this.warmUp().catch(() => undefined);
  }

  /** The way back's parameters, when this page is the redirect URI and carries them; else null. */
  private comingBack() {
    const location = globalThis.location;
    if (!location) return null;
    const here = new URL(location.href);
    let back: URL;
    try {
      back = new URL(this.options.redirectUri, location.href);
    } catch {
      return null;
    }
    return here.origin === back.origin && here.pathname === back.pathname ? callbackParams(here.searchParams) : null;
  }

  private load(): Promise<Loaded> {
    const given = this.options.authClient as IdxAuthClient | undefined;
    if (given) {
      if (typeof given.idx?.proceed !== 'function' || typeof given.idx?.start !== 'function') {
        return Promise.reject(new FlowError('config', 'authClient has no IDX API', { reason: 'auth-client' }));
      }
      return Promise.resolve({ client: given, keeper: given });
    }
    const { issuer, clientId, redirectUri } = this.options;
    const scopes = this.options.scopes?.length ? [...this.options.scopes] : [...DEFAULT_SCOPES];
    return loadIdxClient().then(
      (m) => {
        try {
          const keeper = m.createAuthClient({ issuer, clientId, redirectUri, scopes, transactionStorage: 'sessionStorage' }).client;
          return { ...m.createAuthClient({ issuer, clientId, redirectUri, scopes }), keeper };
        } catch (e) {
          // okta-auth-js checks the settings when the client is made (issuer must be an http(s) URL, ...).
          throw flowError('config', undefined, { cause: e, reason: 'idx-settings' });
        }
      },
      (e) => {
        // An app that bundles IDX mode without okta-auth-js (an optional peer dependency): the import names it.
        if (/@okta\/okta-auth-js/.test(String((e as Error | undefined)?.message))) {
          const hint = 'IDX mode needs @okta/okta-auth-js 8 beside okta-signin-elements: npm install @okta/okta-auth-js (the script-tag file carries its own copy).';
          throw flowError('config', undefined, { cause: e, hint });
        }
        throw flowError('network', undefined, { cause: e, reason: 'load-failed' });
      },
    );
  }

  /** Starts a transaction unless one is started or starting. */
  private warmUp(): Promise<IdxTransaction> {
    if (!this.started) {
      const started = this.loaded.then(async ({ client, http }) => {
        try {
          const tx = await client.idx.start();
          const err = errorOf(tx, 'start', http?.retryAfterMs);
          if (err) throw err;
          if (tx.status !== 'PENDING') throw flowError('server');
          return tx;
        } catch (e) {
          throw await this.explain(errorFromException(e, 'start', http?.retryAfterMs), e, client);
        }
      });
      started.catch(() => {
        if (this.started === started) this.started = null;
      });
      this.started = started;
    }
    return this.started;
  }

  /**
   * A failed start that the app's settings explain becomes `config`, with a hint for the developer (never shown).
   * A request that got no answer at all is either the org refusing this page's origin (CORS: the browser hides the
   * answer) or nothing at the issuer: a `no-cors` request to the issuer tells them apart.
   */
  private async explain(error: FlowError, cause: unknown, client: IdxAuthClient): Promise<FlowError> {
    const { clientId, redirectUri } = this.options;
    const issuer = this.options.issuer ?? (client as { options?: { issuer?: string } }).options?.issuer;
    const hint = misconfiguration(cause, { issuer, clientId, redirectUri });
    if (hint) return flowError('config', undefined, { cause, hint });
    if (error.code !== 'network' || error.reason || !issuer) return error;
    if (await issuerAnswers(issuer)) {
      const origin = globalThis.location?.origin ?? 'this page\'s origin';
      return flowError('config', undefined, {
        cause,
        hint: `The org at ${new URL(issuer).origin} answered, but not to ${origin}: add ${origin} as a Trusted Origin with CORS (Okta Admin Console: Security > API > Trusted Origins).`,
      });
    }
    return new FlowError(error.code, error.message, { retryable: error.retryable, cause, hint: `Nothing answered at ${issuer}: check the issuer, or the network.` });
  }

  /** Forgets the transaction; the next `login` starts another. */
  private reset(): void {
    this.started = null;
    this.current = undefined;
    this.own = undefined;
  }

  /** Runs `work` after the calls before it, with the signal wired to the request in flight. */
  private run<T>(op: Operation, signal: AbortSignal | undefined, work: (client: IdxAuthClient, http?: IdxHttp) => Promise<T>) {
    const task = this.queue.then(async () => {
      if (signal?.aborted) throw aborted(signal);
      const { client, http } = await this.loaded;
      if (http) http.signal = signal;
      try {
        return await work(client, http);
      } catch (e) {
        if (signal?.aborted) throw aborted(signal);
        const err = errorFromException(e, op, http?.retryAfterMs);
        if (endsTransaction(err)) this.reset();
        throw err;
      } finally {
        if (http && http.signal === signal) http.signal = undefined;
      }
    });
    this.queue = task.catch(() => undefined);
    return untilAborted(task, signal);
  }

  /** The error the transaction stands for, thrown; otherwise the transaction. */
  private check(tx: IdxTransaction, op: Operation, http?: IdxHttp): IdxTransaction {
    const err = errorOf(tx, op, http?.retryAfterMs);
    if (err) {
      if (endsTransaction(err)) this.reset();
      // An answer that still offers a step (a refused code, key or field, a denied push, the password asked again)
      // is where the user is now: a refused key's answer carries the next challenge, which `resume` hands over.
      else if (tx.neededToProceed?.length && stepName(tx) !== 'identify') {
        this.current = tx;
        this.own = undefined;
      }
      throw err;
    }
    return tx;
  }

  /** The state to show for a transaction that is not an error: tokens on success, else the next view. */
  private async settle(tx: IdxTransaction, client: IdxAuthClient): Promise<FlowState> {
    if (tx.status === 'SUCCESS') {
      this.reset();
      // okta-auth-js checks the id_token's signature, iss, aud and lifetime, but not its nonce in this flow.
      if (!nonceMatches(tx.tokens, tx.meta?.nonce)) throw flowError('server', undefined, { retryable: false, reason: 'unverified' });
      return this.succeed(client, tx.tokens);
    }
    if (tx.status === 'CANCELED') {
      this.reset();
      return { status: 'Idle' };
    }
    const state = stateToShow(tx);
    this.own = undefined;
    if (state.status === 'Terminal') this.reset();
    else this.current = tx;
    return state;
  }

  /** Success with the tokens, kept in the token storage the page asked for. */
  private async succeed(client: IdxAuthClient, tokens: IdxTokens | undefined): Promise<FlowState> {
    const storage = this.options.tokenStorage;
    if (storage && storage !== 'none' && tokens) {
      const { storeTokens } = await import('./idx-token-store.js');
      storeTokens(client, tokens, storage);
    }
    return { status: 'Success', tokens: tokensOf({ tokens }) };
  }

  /** What the driver sees of this transport's transaction. */
  private context(client: IdxAuthClient): DriverContext {
    const tx = this.current;
    let state: FlowState | undefined;
    try {
      state = this.own?.state ?? (tx ? stateOf(tx) : undefined);
    } catch {
      // A step this library does not drive offers nothing to check input against.
    }
    return {
      client,
      plan: this.own?.plan ?? (tx ? planOf(tx) : undefined),
      state,
      start: async (fresh) => {
        if (fresh) this.reset();
        try {
          return await this.warmUp();
        } catch (e) {
          if (fresh) throw e;
          // The transaction started ahead failed (the org was briefly away): start another once.
          this.reset();
          return this.warmUp();
        }
      },
    };
  }

  /** Runs one action of the driver and maps what it led to. */
  protected act<A extends keyof Actions>(action: A, input: Actions[A], signal?: AbortSignal): Promise<FlowState> {
    return this.run(ACTION_OPS[action], signal, async (client, http) => {
      const driven = await (drive[action] as (ctx: DriverContext, input: Actions[A]) => Promise<Driven>)(this.context(client), input);
      if ('state' in driven) {
        if (driven.state.status === 'Idle') this.reset();
        else this.own = driven;
        return driven.state;
      }
      return this.settle(this.check(driven.tx, driven.op, http), client);
    });
  }

  async resume(signal?: AbortSignal): Promise<FlowState | null> {
    // The transaction lives in memory: nothing survives a reload. Warm up; never delay the form.
    const warming = this.warmUp();
    warming.catch(() => undefined);
    const tx = this.current;
    // A security key step (after a refused key: with its new challenge).
    const keyState = tx && WEBAUTHN_STEPS.some((n) => remediation(tx, n)) ? webauthnStateOf(tx) : undefined;
    if (keyState) return keyState;
    // What there is to resume is the authenticator choice the org offers again after a denied push.
    const choice = tx && remediation(tx, 'resend') ? remediation(tx, 'select-authenticator-authenticate') : undefined;
    if (choice) return { status: 'AwaitingChallengeAuthenticatorSelection', authenticators: pickerEntries(choice, 'verify') };
    // Or the password asked again on its own, after an identifier-first org refused the one given with the username.
    if (tx && stepName(tx) === 'challenge-authenticator' && remediation(tx, 'challenge-authenticator')?.relatesTo?.value?.key === 'okta_password') {
      return stateOf(tx);
    }
    if (tx) return null;
    // Else the sign-in form, with what the transaction started ahead offers (passkeys, "Forgot password?", IdPs), or
    // the identity providers of an org that offers nothing else.
    try {
      const started = await untilAborted(warming, signal);
      if (this.current) return null;
      if (isRedirect(started.neededToProceed?.[0])) {
        this.current = started;
        return stateOf(started);
      }
      if (stepName(started) !== 'identify') return null;
      const state = stateOf(started);
      return offersOnForm(state) ? state : null;
    } catch {
      return null;
    }
  }

  override login(input: ActionInputs['login'], signal?: AbortSignal): Promise<FlowState> {
    // A transaction left at another step (the password asked again) is not the sign-in form's: start afresh.
    if (this.current || this.own) this.queue = this.queue.then(() => this.reset());
    return super.login(input, signal);
  }

  override cancel(signal?: AbortSignal): Promise<FlowState> {
    const done = super.cancel(signal);
    // The form is back: start the next transaction while the user types again.
    return done.then((state) => {
      this.queue = this.queue.then(() => this.warmUp()).catch(() => undefined);
      return state;
    });
  }

  redirectToIdp(input: ActionInputs['redirectToIdp'], signal?: AbortSignal): Promise<string> {
    return this.run('select', signal, async () => {
      const { keeper } = await this.loaded;
      const tx = this.current ?? (await this.warmUp());
      const href = idpAddress(planOf(tx), input.id);
      // The transaction goes to this tab's storage, to be finished when the page comes back on the redirect URI.
      if (!tx.meta) throw flowError('session_expired');
      keeper.transactionManager?.save?.(tx.meta, { muteWarning: true });
      return href;
    });
  }

  redirectToOkta(signal?: AbortSignal): Promise<string> {
    return this.run('start', signal, async () => {
      const { keeper } = await this.loaded;
      const { meta, url } = await hostedSignIn(keeper);
      keeper.transactionManager?.save?.(meta, { muteWarning: true });
      return url;
    });
  }

  async callback(signal?: AbortSignal): Promise<FlowState | null> {
    const params = this.comingBack();
    if (!params) return null;
    // Read once: a reload, or the address shared, does not finish it again.
    const url = new URL(globalThis.location.href);
    for (const name of CALLBACK_PARAMS) url.searchParams.delete(name);
    globalThis.history?.replaceState(globalThis.history.state, '', url.href);
    return this.run('login', signal, async (client, http) => {
      const { keeper } = await this.loaded;
      const meta = keeper.transactionManager?.load?.();
      keeper.transactionManager?.clear();
      const back = await finishRedirect(keeper, meta, params);
      if ('tokens' in back) {
        this.reset();
        return this.succeed(keeper, back.tokens);
      }
      // The org's policy asks for more: the transaction goes on here, from where the identity provider left it.
      this.reset();
      const tx = await resumeTransaction(client, back.resume);
      return this.settle(this.check(tx, 'start', http), client);
    });
  }

  poll(kind: PollKind, signal?: AbortSignal): Promise<PollResult> {
    return this.run('poll', signal, async (client, http) => {
      const { tx, continuePolling } = await pollOnce(this.context(client), kind);
      const checked = this.check(tx, 'poll', http);
      if (continuePolling) {
        this.current = checked;
        return { continuePolling: true, refresh: refreshOf(checked, kind) };
      }
      return { continuePolling: false, refresh: null, state: await this.settle(checked, client) };
    });
  }
}
