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
  type EnrollmentChannel,
  type FlowState,
  type PhoneMethod,
  type PollKind,
  type WebAuthnAssertion,
  type WebAuthnAttestation,
  type PollResult,
  type Transport,
} from '../core/types.js';
import { formValue, pickerEntries, remediation, stateOf, stepName, tokensOf } from '../idx/map.js';
import { errorFromException, errorOf, flowError, type Operation } from '../idx/errors.js';
import { RECOVER_FROM_CHALLENGE, RECOVER_FROM_IDENTIFY, offers } from '../idx/map-password.js';
import type { IdxAuthClient, IdxHttp, IdxTransaction } from '../idx/types.js';
import type { IdxTransportOptions } from './config.js';
import { loadIdxClient } from './idx-client-load.js';

export const DEFAULT_SCOPES: readonly string[] = ['openid', 'profile', 'email'];

interface Loaded {
  client: IdxAuthClient;
  http?: IdxHttp;
}

export function createIdxTransport(options: IdxTransportOptions): Transport {
  return new IdxTransport(options);
}

/** Steps a security key answers; after a refusal the transaction stays at one with a new challenge. */
const WEBAUTHN_STEPS = ['enroll-authenticator', 'challenge-authenticator', 'challenge-webauthn-autofillui-authenticator'];

/**
 * The key's answer as Okta's form takes it. Binary values go as base64url (Okta reads base64url and standard
 * base64 alike); `transports` as the JSON text the Sign-In Widget sends; a passkey's `userHandle` only to the
 * passkey step.
 */
function webauthnValues(credential: WebAuthnAttestation | WebAuthnAssertion, step: string): Record<string, unknown> {
  if ('attestation' in credential) {
    const { clientData, attestation, transports } = credential;
    return transports?.length ? { clientData, attestation, transports: JSON.stringify(transports) } : { clientData, attestation };
  }
  const { clientData, authenticatorData, signatureData, userHandle } = credential;
  const values: Record<string, unknown> = { clientData, authenticatorData, signatureData };
  if (step === 'challenge-webauthn-autofillui-authenticator' && userHandle) values.userHandle = userHandle;
  return values;
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

const POLL_STEP: Record<PollKind, string> = { enroll: 'enroll-poll', challenge: 'challenge-poll' };
const RESEND_ACTIONS = ['currentAuthenticatorEnrollment-resend', 'currentAuthenticator-resend'];

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

class IdxTransport implements Transport {
  readonly kind = 'idx' as const;
  private readonly options: IdxTransportOptions;
  private readonly loaded: Promise<Loaded>;
  /** The started transaction: interact + introspect, begun before the user submits. */
  private started: Promise<IdxTransaction> | null = null;
  /** Calls run one at a time: okta-auth-js keeps one saved IDX response per client. */
  private queue: Promise<unknown> = Promise.resolve();
  private current: IdxTransaction | undefined;
  /**
   * Recovery in an identifier-first org, whose sign-in form offers no "Forgot password?": the username is asked
   * here, then identified, then recovered from the password challenge.
   */
  private recoverByIdentify = false;

  constructor(options: IdxTransportOptions) {
    this.options = options;
    this.loaded = this.load();
    this.loaded.catch(() => undefined);
    this.queue = this.warmUp().catch(() => undefined);
  }

  private load(): Promise<Loaded> {
    const given = this.options.authClient as IdxAuthClient | undefined;
    if (given) {
      if (typeof given.idx?.proceed !== 'function' || typeof given.idx?.start !== 'function') {
        return Promise.reject(new FlowError('config', 'authClient has no IDX API', { reason: 'auth-client' }));
      }
      return Promise.resolve({ client: given });
    }
    const { issuer, clientId, redirectUri } = this.options;
    const scopes = this.options.scopes?.length ? [...this.options.scopes] : [...DEFAULT_SCOPES];
    return loadIdxClient().then(
      (m) => {
        try {
          return m.createAuthClient({ issuer, clientId, redirectUri, scopes });
        } catch (e) {
          // okta-auth-js checks the settings when the client is made (issuer must be an http(s) URL, ...).
          throw flowError('config', undefined, { cause: e, reason: 'idx-settings' });
        }
      },
      (e) => {
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
          throw errorFromException(e, 'start', http?.retryAfterMs);
        }
      });
      started.catch(() => {
        if (this.started === started) this.started = null;
      });
      this.started = started;
    }
    return this.started;
  }

  /** Forgets the transaction; the next `login` starts another. */
  private reset(): void {
    this.started = null;
    this.current = undefined;
    this.recoverByIdentify = false;
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
      // A denied push leaves the transaction alive: the org offers the authenticator choice again.
      if (err.code === 'push_rejected') this.current = tx;
      else if (endsTransaction(err)) this.reset();
      throw err;
    }
    return tx;
  }

  /** The state to show for a transaction that is not an error: tokens on success, else the next view. */
  private async settle(tx: IdxTransaction, client: IdxAuthClient): Promise<FlowState> {
    if (tx.status === 'SUCCESS') {
      this.reset();
      const tokens = tokensOf(tx);
      // okta-auth-js checks the id_token's signature, iss, aud and lifetime, but not its nonce in this flow.
      const nonce = tx.meta?.nonce;
      if (tokens.idTokenClaims && nonce && tokens.idTokenClaims.nonce !== nonce) {
        throw flowError('server', undefined, { retryable: false, reason: 'unverified' });
      }
      const storage = this.options.tokenStorage;
      if (storage && storage !== 'none' && tx.tokens) {
        const { storeTokens } = await import('./idx-token-store.js');
        storeTokens(client, tx.tokens, storage);
      }
      return { status: 'Success', tokens };
    }
    if (tx.status === 'CANCELED') {
      this.reset();
      return { status: 'Idle' };
    }
    const state = stateOf(tx);
    if (state.status === 'Terminal') this.reset();
    else this.current = tx;
    return state;
  }

  /** Proceeds with one step and maps the outcome. */
  private async step(client: IdxAuthClient, http: IdxHttp | undefined, op: Operation, values: Record<string, unknown>) {
    const tx = this.check(await client.idx.proceed(values), op, http);
    return this.settle(tx, client);
  }

  private requireStep(...names: string[]): string {
    const found = names.find((n) => this.current && remediation(this.current, n));
    if (!found) {
      throw new FlowError('session_expired', 'IDX step no longer available');
    }
    return found;
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
    // Else the sign-in form, with what the transaction started ahead offers (passkeys, "Forgot password?").
    try {
      const started = await untilAborted(warming, signal);
      if (this.current || stepName(started) !== 'identify') return null;
      const state = stateOf(started);
      return state.canRecover || state.webauthn ? state : null;
    } catch {
      return null;
    }
  }

  login(input: { username: string; password: string }, signal?: AbortSignal): Promise<FlowState> {
    const username = input.username.trim();
    if (!username || !input.password) {
      return Promise.reject(flowError('invalid_credentials', undefined, { reason: 'empty' }));
    }
    return this.run('login', signal, async (client, http) => {
      // A transaction left at another step (the password asked again) is not the sign-in form's: start afresh.
      if (this.current) this.reset();
      let tx = await this.identify(client, input.password, username);
      // A transaction started long ago may have expired while the user was away: start again once.
      if (errorOf(tx, 'login')?.code === 'session_expired') {
        this.reset();
        tx = await this.identify(client, input.password, username);
      }
      tx = this.check(tx, 'login', http);
      // Orgs whose policy asks for the password after the username (identifier first) get it here, from memory.
      for (let i = 0; i < 2 && tx.status === 'PENDING'; i++) {
        const name = stepName(tx);
        const first = name ? remediation(tx, name) : undefined;
        if (name === 'challenge-authenticator' && first?.relatesTo?.value?.key === 'okta_password') {
          const answered = await client.idx.proceed({ step: name, credentials: { passcode: input.password } });
          // A refused password leaves the password challenge open: `resume` offers it on its own.
          if (errorOf(answered, 'login', http?.retryAfterMs)?.code === 'invalid_credentials' && remediation(answered, name)) {
            this.current = answered;
          }
          tx = this.check(answered, 'login', http);
        } else break;
      }
      return this.settle(tx, client);
    });
  }

  private async identify(client: IdxAuthClient, password: string, username: string): Promise<IdxTransaction> {
    try {
      await this.warmUp();
    } catch {
      this.reset();
      await this.warmUp();
    }
    return client.idx.proceed({ step: 'identify', identifier: username, credentials: { passcode: password } });
  }

  selectAuthenticator(input: { id: string; methodType?: string }, signal?: AbortSignal): Promise<FlowState> {
    return this.run('select', signal, async (client, http) => {
      const step = this.requireStep('select-authenticator-authenticate', 'select-authenticator-enroll');
      const authenticator = input.methodType ? { id: input.id, methodType: input.methodType } : { id: input.id };
      let tx = this.check(await client.idx.proceed({ step, authenticator }), 'select', http);
      // Some policies ask for the Okta Verify method in a second step even when it came with the selection.
      if (input.methodType && stepName(tx) === 'authenticator-verification-data') {
        tx = this.check(
          await client.idx.proceed({ step: 'authenticator-verification-data', authenticator, methodType: input.methodType }),
          'select',
          http,
        );
      }
      return this.settle(tx, client);
    });
  }

  selectEnrollmentChannel(channel: EnrollmentChannel, signal?: AbortSignal): Promise<FlowState> {
    return this.run('channel', signal, async (client, http) => {
      const step = this.requireStep('select-enrollment-channel');
      const id = formValue(remediation(this.current!, step), 'authenticator', 'id');
      return this.step(client, http, 'channel', { step, authenticator: { id, channel } });
    });
  }

  sendEnrollmentChannelData(input: { email?: string; phoneNumber?: string }, signal?: AbortSignal): Promise<FlowState> {
    const email = input.email?.trim();
    const phoneNumber = input.phoneNumber?.trim();
    if (!email && !phoneNumber) return Promise.reject(flowError('invalid_input', undefined, { reason: 'empty' }));
    return this.run('channel-data', signal, async (client, http) => {
      const step = this.requireStep('enrollment-channel-data');
      return this.step(client, http, 'channel-data', { step, ...(email ? { email } : { phoneNumber }) });
    });
  }

  verifyCode(code: string, signal?: AbortSignal): Promise<FlowState> {
    const totp = code.replace(/\s+/g, '');
    if (!totp) return Promise.reject(flowError('invalid_code', undefined, { reason: 'empty' }));
    return this.run('code', signal, async (client, http) => {
      const step = this.requireStep('challenge-authenticator', 'enroll-authenticator');
      // Okta Verify's code field is `totp`; every other authenticator's is `passcode`.
      const key = this.current?.context?.currentAuthenticatorEnrollment?.value?.key ?? this.current?.context?.currentAuthenticator?.value?.key;
      const credentials = key === 'okta_verify' ? { totp } : { passcode: totp };
      return this.step(client, http, 'code', { step, credentials });
    });
  }

  changePassword(input: { newPassword: string }, signal?: AbortSignal): Promise<FlowState> {
    if (!input.newPassword) return Promise.reject(flowError('invalid_input', undefined, { reason: 'empty' }));
    return this.run('password', signal, async (client, http) => {
      const step = this.requireStep('reenroll-authenticator', 'reset-authenticator');
      return this.step(client, http, 'password', { step, credentials: { passcode: input.newPassword } });
    });
  }

  verifyPassword(input: { password: string }, signal?: AbortSignal): Promise<FlowState> {
    if (!input.password) return Promise.reject(flowError('invalid_credentials', undefined, { reason: 'empty' }));
    return this.run('login', signal, async (client, http) => {
      const step = this.requireStep('challenge-authenticator');
      return this.step(client, http, 'login', { step, credentials: { passcode: input.password } });
    });
  }

  sendEnrollmentData(input: { phoneNumber: string; methodType: PhoneMethod }, signal?: AbortSignal): Promise<FlowState> {
    const phoneNumber = input.phoneNumber.trim();
    if (!phoneNumber) return Promise.reject(flowError('invalid_input', undefined, { reason: 'empty' }));
    return this.run('channel-data', signal, async (client, http) => {
      const step = this.requireStep('authenticator-enrollment-data');
      const id = formValue(remediation(this.current!, step), 'authenticator', 'id');
      return this.step(client, http, 'channel-data', { step, authenticator: { id, methodType: input.methodType, phoneNumber } });
    });
  }

  resend(signal?: AbortSignal): Promise<FlowState> {
    return this.run('resend', signal, async (client, http) => {
      const tx = this.current;
      if (!tx) throw new FlowError('session_expired', 'No transaction to resend in');
      // In step mode okta-auth-js runs a resend only as the named action of the authenticator it belongs to (the
      // enrollment being verified, or the authenticator being enrolled or pushed to); `resend: true` is legacy mode's.
      const action = RESEND_ACTIONS.find((name) => tx.availableSteps?.some((s) => s.name === name));
      if (!action) throw new FlowError('session_expired', 'Nothing to send again');
      return this.step(client, http, 'resend', { actions: [action] });
    });
  }

  recover(input: { username?: string }, signal?: AbortSignal): Promise<FlowState> {
    const username = input.username?.trim();
    const empty = () => flowError('invalid_input', undefined, { reason: 'empty' });
    return this.run('recover', signal, async (client, http) => {
      const tx = this.current;
      // The username of a recovery already started: the same answer whether or not the account exists.
      if (tx && remediation(tx, 'identify-recovery')) {
        if (!username) throw empty();
        return this.step(client, http, 'recover', { step: 'identify-recovery', identifier: username });
      }
      if (this.recoverByIdentify) {
        if (!username) throw empty();
        return this.recoverAfterIdentify(client, http, username);
      }
      // "Forgot password?" on the password asked on its own: the org goes on with that user.
      if (tx && offers(tx, RECOVER_FROM_CHALLENGE)) return this.step(client, http, 'recover', { actions: [RECOVER_FROM_CHALLENGE] });
      if (tx && !offers(tx, RECOVER_FROM_IDENTIFY)) throw new FlowError('session_expired', 'IDX step no longer available');
      // From the sign-in form: the transaction started ahead.
      const started = tx ?? (await this.warmUp());
      if (offers(started, RECOVER_FROM_IDENTIFY)) {
        let next = this.check(await client.idx.proceed({ actions: [RECOVER_FROM_IDENTIFY] }), 'recover', http);
        if (username && remediation(next, 'identify-recovery')) {
          next = this.check(await client.idx.proceed({ step: 'identify-recovery', identifier: username }), 'recover', http);
        }
        return this.settle(next, client);
      }
      if (stepName(started) !== 'identify') throw flowError('server');
      // An identifier-first org: the username, then "Forgot password?" on its password challenge.
      if (username) return this.recoverAfterIdentify(client, http, username);
      this.recoverByIdentify = true;
      return { status: 'AwaitingRecoveryIdentifier' } as FlowState;
    });
  }

  private async recoverAfterIdentify(client: IdxAuthClient, http: IdxHttp | undefined, username: string): Promise<FlowState> {
    this.recoverByIdentify = false;
    let tx = this.check(await client.idx.proceed({ step: 'identify', identifier: username }), 'recover', http);
    if (offers(tx, RECOVER_FROM_CHALLENGE)) tx = this.check(await client.idx.proceed({ actions: [RECOVER_FROM_CHALLENGE] }), 'recover', http);
    return this.settle(tx, client);
  }

  verifyWebAuthn(credential: WebAuthnAttestation | WebAuthnAssertion, signal?: AbortSignal): Promise<FlowState> {
    return this.run('webauthn', signal, async (client, http) => {
      // A passkey sign-in answers the transaction started for the form.
      if (!this.current) this.current = await this.warmUp();
      const step = this.requireStep('enroll-authenticator', 'challenge-authenticator', 'challenge-webauthn-autofillui-authenticator');
      const tx = await client.idx.proceed({ step, credentials: webauthnValues(credential, step) });
      const err = errorOf(tx, 'webauthn', http?.retryAfterMs);
      // A refused key used up its challenge: the answer carries the next one, which `resume` hands to the flow.
      if (err && err.code !== 'session_expired' && tx.neededToProceed?.length) {
        this.current = tx;
        throw err;
      }
      return this.settle(this.check(tx, 'webauthn', http), client);
    });
  }

  skip(signal?: AbortSignal): Promise<FlowState> {
    return this.run('skip', signal, async (client, http) => {
      const step = this.requireStep('skip');
      return this.step(client, http, 'skip', { step });
    });
  }

  proceed(input: { step: string; values?: Record<string, unknown> }, signal?: AbortSignal): Promise<FlowState> {
    return this.run('skip', signal, async (client, http) => {
      const step = this.requireStep(input.step);
      return this.step(client, http, 'skip', { step, ...(input.values ?? {}) });
    });
  }

  cancel(signal?: AbortSignal): Promise<FlowState> {
    const done = this.run('skip', signal, async (client) => {
      if (this.current) {
        try {
          await client.idx.proceed({ actions: ['cancel'] });
        } catch {
          // The transaction is abandoned either way; Okta expires it.
        }
      }
      this.reset();
      client.transactionManager?.clear();
      return { status: 'Idle' } as FlowState;
    });
    // The form is back: start the next transaction while the user types again.
    return done.then((state) => {
      this.queue = this.queue.then(() => this.warmUp()).catch(() => undefined);
      return state;
    });
  }

  poll(kind: PollKind, signal?: AbortSignal): Promise<PollResult> {
    return this.run('poll', signal, async (client, http) => {
      const step = this.requireStep(POLL_STEP[kind]);
      // The view the poll started from: the poll step itself, or a code view that also polls (an email's link).
      const waitingIn = stepName(this.current!);
      const tx = this.check(await client.idx.proceed({ step }), 'poll', http);
      if (tx.status === 'PENDING' && remediation(tx, step) && stepName(tx) === waitingIn) {
        this.current = tx;
        const refresh = remediation(tx, step)?.refresh;
        return { continuePolling: true, refresh: typeof refresh === 'number' && refresh >= 0 ? refresh : null };
      }
      const state = await this.settle(tx, client);
      return { continuePolling: false, refresh: null, state };
    });
  }
}
