import {
  FlowError,
  offersOnForm,
  toFlowError,
  type EnrollmentChannel,
  type FlowState,
  type PhoneMethod,
  type PollKind,
  type PollResult,
  type Transport,
  type WebAuthnAssertion,
  type WebAuthnAttestation,
} from './types.js';
import { pollKindOf } from './flow-rules.js';
import { allows, isEnrolling, type ActionInputs, type FlowAction } from './actions.js';
import {
  FlowErrorEvent,
  FlowPendingEvent,
  FlowPollCompleteEvent,
  FlowPollEvent,
  FlowPollRetryEvent,
  FlowStateEvent,
  FlowSuccessEvent,
  type SignInFlowEventMap,
} from './flow-events.js';
import type { PollerOptions } from './poller.js';
import { pageVisible } from './page-visible.js';
import { navigateSafely, type SafeNavigationOptions } from './safe-navigation.js';

export interface SignInFlowOptions {
  /**
   * Timing knobs for the flow's poller (clock, random, backoff, `ready`). By default polling pauses while the
   * page is hidden.
   */
  poller?: Omit<PollerOptions, 'poll' | 'signal' | 'initialDelay' | 'onReply' | 'onRetry'>;
  /**
   * How the page leaves for an identity provider or the org's sign-in page, read when it does: the origins it may go
   * to besides its own, and the function that goes (default `location.assign`).
   */
  navigation?: () => Pick<SafeNavigationOptions, 'allowedOrigins'> & { navigate?: (url: string) => void };
}

/** How long the page stays busy after it was sent away, in case it stays (a navigation the browser stopped). */
const LEAVING_MS = 10_000;


export { toFlowError };

/**
 * The sign-in flow as a state machine. Holds the current FlowState, allows only the actions that make sense
 * in it, calls the Transport with an AbortSignal, and reports through events:
 * `statechange`, `success`, `error`, `poll`, `pollretry`, `pollcomplete`, `pendingchange`.
 * In a poll status the flow polls by itself (one loop, paused while the page is hidden) until the reply says
 * polling is over, then moves to the state that follows.
 * A `session_expired` error takes the flow back to `Idle` with a message; an `access_denied` one, with the error.
 */
export class SignInFlow extends EventTarget {
  state: FlowState = { status: 'Idle' };
  pending = false;
  error: FlowError | null = null;

  private readonly requests = new Set<AbortController>();
  private polling?: AbortController;
  private disposed = false;

  constructor(
    readonly transport: Transport,
    private readonly options: SignInFlowOptions = {},
  ) {
    super();
  }

  /** Whether `action` is possible now (with `input`, when it matters: `proceed` names its step). */
  can<A extends FlowAction>(action: A, input?: ActionInputs[A]): boolean {
    if (this.disposed) return false;
    if (this.pending && action !== 'cancel') return false;
    return allows(action, this.state, input);
  }

  /**
   * Finishes a sign-in coming back from a redirect to this page, else picks up a transaction already in progress
   * (after a reload); stays Idle when there is none or on error. A way back that is refused or failed is reported, and
   * the sign-in form is there to start again.
   */
  async start(): Promise<FlowState> {
    if (await this.comeBack()) return this.state;
    const ctrl = this.begin(false);
    try {
      const refused = this.error;
      const resumed = await this.transport.resume(ctrl.signal);
      // A resumed Idle state matters only for what it offers (recovery, passkeys, links, IdPs) and only if nothing
      // happened meanwhile but a way back's refusal, which stays shown.
      const untouched = this.state.status === 'Idle' && !this.pending && this.error === refused;
      const offers = resumed?.status === 'Idle' && offersOnForm(resumed);
      if (resumed && !ctrl.signal.aborted && untouched && (resumed.status !== 'Idle' || offers)) this.apply(resumed, refused);
    } catch {
      // No transaction to resume is the common case; the form works either way.
    } finally {
      this.end(ctrl, false);
    }
    return this.state;
  }

  /** Whether this page is a sign-in coming back from a redirect, and finished it (a refused way back is reported). */
  private async comeBack(): Promise<boolean> {
    const ctrl = this.begin(false);
    try {
      const back = (await this.transport.callback?.(ctrl.signal)) ?? null;
      if (back && !ctrl.signal.aborted) {
        this.apply(back);
        return true;
      }
    } catch (error) {
      if (!ctrl.signal.aborted) this.report(error);
    } finally {
      this.end(ctrl, false);
    }
    return false;
  }

  async login(input: { username: string; password: string }): Promise<FlowState> {
    const at = await this.run('login', (s) => this.transport.login({ username: input.username, password: input.password }, s));
    const refused = this.error;
    if (refused?.code === 'invalid_credentials' && at.status === 'Idle' && !refused.reason) void this.afterRefusal(at, refused);
    return this.state;
  }

  /**
   * After a refused password: an identifier-first org keeps asking for it on its own (with "Forgot password?"); the
   * sign-in form keeps what the org offers on it ("Unlock account" for a locked account), also when the login went
   * before the offer had arrived.
   */
  private async afterRefusal(at: FlowState, refused: FlowError): Promise<void> {
    const ctrl = this.begin(false);
    try {
      const next = await this.transport.resume(ctrl.signal);
      const offers = next?.status === 'AwaitingPassword' || (next?.status === 'Idle' && offersOnForm(next) && !offersOnForm(at));
      if (next && offers && !ctrl.signal.aborted && this.state === at && this.error === refused) this.apply(next, refused);
    } catch {
      // The sign-in form, with the message shown, is the fallback.
    } finally {
      this.end(ctrl, false);
    }
  }

  selectAuthenticator(input: { id: string; methodType?: string }): Promise<FlowState> {
    return this.run('selectAuthenticator', (s) =>
      this.transport.selectAuthenticator({ id: input.id, methodType: input.methodType }, s),
    );
  }

  selectEnrollmentChannel(channel: EnrollmentChannel): Promise<FlowState> {
    return this.run('selectEnrollmentChannel', (s) => this.transport.selectEnrollmentChannel(channel, s));
  }

  /** "Can't scan?": leave the QR code / link wait for the channel choice, without a server round trip. */
  showEnrollmentChannels(): FlowState {
    if (!this.can('showEnrollmentChannels')) throw notAllowed('showEnrollmentChannels', this.state);
    this.apply({ ...this.state, status: 'AwaitingEnrollmentChannelSelection', refresh: undefined });
    return this.state;
  }

  sendEnrollmentChannelData(input: { email?: string; phoneNumber?: string }): Promise<FlowState> {
    return this.run('sendEnrollmentChannelData', (s) => this.transport.sendEnrollmentChannelData(input, s));
  }

  verifyCode(code: string): Promise<FlowState> {
    return this.run('verifyCode', (s) => this.transport.verifyCode(code, s));
  }

  verifyPassword(input: { password: string }): Promise<FlowState> {
    return this.run('verifyPassword', (s) => this.transport.verifyPassword({ password: input.password }, s));
  }

  sendEnrollmentData(input: { phoneNumber: string; methodType: PhoneMethod }): Promise<FlowState> {
    return this.run('sendEnrollmentData', (s) =>
      this.transport.sendEnrollmentData({ phoneNumber: input.phoneNumber, methodType: input.methodType }, s),
    );
  }

  verifyWebAuthn(credential: WebAuthnAttestation | WebAuthnAssertion): Promise<FlowState> {
    return this.run('verifyWebAuthn', (s) => this.transport.verifyWebAuthn(credential, s));
  }

  /** "Send again": the code, push or link. The view stays; a new state may come with the answer. */
  resend(): Promise<FlowState> {
    return this.run('resend', (s) => this.transport.resend(s));
  }

  /** "Forgot password?", then the username it is for. */
  recover(input: { username?: string } = {}): Promise<FlowState> {
    const username = input.username?.trim();
    return this.run('recover', (s) => this.transport.recover(username ? { username } : {}, s));
  }

  /**
   * "Verify with something else" (or "Set up something else"): back to the picker the server sent with this step,
   * of the same transaction, without a round trip.
   */
  showAuthenticators(): FlowState {
    if (!this.can('showAuthenticators')) throw notAllowed('showAuthenticators', this.state);
    const { authenticators, canSkip } = this.state;
    this.apply(
      isEnrolling(this.state)
        ? { status: 'AwaitingAuthenticatorEnrollment', authenticators, canSkip }
        : { status: 'AwaitingChallengeAuthenticatorSelection', authenticators },
    );
    return this.state;
  }

  changePassword(input: { newPassword: string }): Promise<FlowState> {
    return this.run('changePassword', (s) => this.transport.changePassword({ newPassword: input.newPassword }, s));
  }

  skip(): Promise<FlowState> {
    return this.run('skip', (s) => this.transport.skip(s));
  }

  /** A generic step form with its values, or a link ("Sign up", "Unlock account") without any. */
  proceed(input: ActionInputs['proceed']): Promise<FlowState> {
    const { step, values } = input;
    return this.run('proceed', (s) => this.transport.proceed(values ? { step, values } : { step }, s), input);
  }

  /** Continue at an identity provider the state offers (`idps`): the page goes there, and comes back on the callback. */
  redirectToIdp(input: ActionInputs['redirectToIdp']): Promise<FlowState> {
    return this.leave('redirectToIdp', (s) => this.transport.redirectToIdp?.({ id: input.id }, s), { id: input.id });
  }

  /** Finish on the org's own sign-in page a step no web page can answer (`UnsupportedStep`). */
  redirectToOkta(): Promise<FlowState> {
    return this.leave('redirectToOkta', (s) => this.transport.redirectToOkta?.(s));
  }

  /**
   * Sends the page to the address the transport gives, when it is this page's origin or an allowed one. The flow
   * stays busy while the page leaves (at most `LEAVING_MS`, and no longer once it is shown again from the history).
   */
  private async leave<A extends FlowAction>(
    action: A,
    where: (signal: AbortSignal) => Promise<string> | undefined,
    input?: ActionInputs[A],
  ): Promise<FlowState> {
    if (!this.can(action, input)) throw notAllowed(action, this.state);
    const ctrl = this.begin(true);
    try {
      const url = await where(ctrl.signal);
      if (ctrl.signal.aborted) return this.state;
      if (url === undefined) throw new FlowError('config', `The transport cannot ${action}`);
      const { allowedOrigins, navigate } = this.options.navigation?.() ?? {};
      if (!navigateSafely(url, { allowedOrigins, navigate })) throw new FlowError('unsafe_navigation', 'The sign-in page to go to is not allowed.');
      if (!navigate) await whileLeaving(ctrl.signal);
    } catch (error) {
      if (!ctrl.signal.aborted) this.report(error);
    } finally {
      this.end(ctrl, true);
    }
    return this.state;
  }

  /** Start over: stops every request and the poller, tells the server, and returns to Idle whatever it answers. */
  async cancel(): Promise<FlowState> {
    if (!this.can('cancel')) throw notAllowed('cancel', this.state);
    this.abortAll();
    const ctrl = this.begin(true);
    try {
      await this.transport.cancel(ctrl.signal);
    } catch {
      // The server may have dropped the transaction already; starting over is right either way.
    } finally {
      this.end(ctrl, true);
    }
    if (!this.disposed) {
      this.apply({ status: 'Idle' });
      // The form again, with what the next transaction offers ("Forgot password?").
      void this.start();
    }
    return this.state;
  }

  /** After a denied push, back to the authenticator choice when the server offers it, keeping the message. */
  private async offerOtherMethods(at: FlowState, error: FlowError, signal: AbortSignal): Promise<void> {
    try {
      const next = await this.transport.resume(signal);
      if (next && next.status !== 'Idle' && !signal.aborted && this.state === at && !pollKindOf(next)) this.apply(next, error);
    } catch {
      // Staying on the push view, with the message shown, is the fallback.
    }
  }

  /**
   * A refused security key answer used up its challenge: the server's state carries the next one. The view gets
   * it with the error still shown, so that "Try again" answers the new challenge.
   */
  private async nextWebAuthnChallenge(at: FlowState, signal: AbortSignal): Promise<void> {
    const error = this.error;
    if (!error || error.code === 'session_expired' || this.state !== at) return;
    try {
      const next = await this.transport.resume(signal);
      if (next?.webauthn && !signal.aborted && this.state === at) this.apply(next, error);
    } catch {
      // The old options stay; the next answer is refused with a clear message and the flow can start over.
    }
  }

  /** Records and announces an error; `session_expired` and `access_denied` also return to Idle. */
  report(error: unknown): void {
    const e = toFlowError(error);
    if (this.disposed || this.error === e) return;
    this.error = e;
    this.dispatchEvent(new FlowErrorEvent(e));
    if (e.code === 'session_expired') {
      this.abortAll();
      this.apply({ status: 'Idle', message: e.message }, e);
    } else if (e.code === 'access_denied') {
      // The sign-in is over: the form again, with the reason.
      this.abortAll();
      this.apply({ status: 'Idle' }, e);
    }
  }

  /** Stops every request and timer for good; the flow does nothing afterwards. */
  dispose(): void {
    this.disposed = true;
    this.abortAll();
  }

  private async run<A extends FlowAction>(action: A, call: (signal: AbortSignal) => Promise<FlowState>, input?: ActionInputs[A]): Promise<FlowState> {
    if (!this.can(action, input)) throw notAllowed(action, this.state);
    const ctrl = this.begin(true);
    const at = this.state;
    try {
      const next = await call(ctrl.signal);
      if (!ctrl.signal.aborted) this.apply(next);
    } catch (error) {
      if (!ctrl.signal.aborted) this.report(error);
      if (action === 'verifyWebAuthn' && !ctrl.signal.aborted) await this.nextWebAuthnChallenge(at, ctrl.signal);
    } finally {
      this.end(ctrl, true);
    }
    return this.state;
  }

  private apply(next: FlowState, error: FlowError | null = null): void {
    this.stopPolling();
    const previous = this.state;
    // A step no web page can answer is reported too, with its name, unless another error is shown.
    const unsupported =
      next.status === 'UnsupportedStep' && !error
        ? new FlowError('config', `Unsupported IDX step: ${next.unsupportedStep}`, { reason: 'unsupported-step', step: next.unsupportedStep })
        : undefined;
    this.state = next;
    this.error = error ?? unsupported ?? null;
    this.dispatchEvent(new FlowStateEvent(next, previous));
    if (unsupported && !this.disposed) this.dispatchEvent(new FlowErrorEvent(unsupported));
    if (next.status === 'Success') this.dispatchEvent(new FlowSuccessEvent(next.next, next.tokens));
    else if (!this.disposed) this.startPolling();
  }

  private startPolling(): void {
    const at = this.state;
    const kind = pollKindOf(at);
    if (!kind) return;
    const ctrl = new AbortController();
    this.polling = ctrl;
    const current = () => !ctrl.signal.aborted && this.state === at;
    // The poller's code is needed only once a step polls, so it is not part of the first paint.
    import('./poller.js').then(
      ({ runPoller, DEFAULT_POLL_INTERVAL }) => {
        if (!current()) return;
        return runPoller({
          ready: pageVisible,
          ...this.options.poller,
          poll: (signal) => this.pollOnce(kind, signal),
          initialDelay: at.refresh ?? DEFAULT_POLL_INTERVAL,
          signal: ctrl.signal,
          onReply: (result) => current() && this.dispatchEvent(new FlowPollEvent(result)),
          onRetry: (error, delayMs) => current() && this.dispatchEvent(new FlowPollRetryEvent(error, delayMs)),
        }).then(
          (result) => {
            if (!current()) return;
            const next = result.state ?? { status: 'Terminal' };
            this.dispatchEvent(new FlowPollCompleteEvent(result, next));
            if (current()) this.apply(next);
          },
          async (error) => {
            if (!current()) return;
            const e = toFlowError(error);
            this.report(e);
            if (e.code === 'push_rejected') await this.offerOtherMethods(at, e, ctrl.signal);
          },
        );
      },
      (cause) => {
        if (current()) this.report(new FlowError('network', 'poller did not load', { retryable: true, reason: 'load-failed', cause }));
      },
    );
  }

  /**
   * One poll request. A final reply without a state is completed from the transport's `resume`, inside the same
   * request slot so that a passing failure there is retried like the poll itself. Anything that is not a FlowError
   * (a custom transport's bug) becomes `unknown`, which ends polling instead of being retried as a network error.
   */
  private async pollOnce(kind: PollKind, signal: AbortSignal): Promise<PollResult> {
    try {
      const result = await this.transport.poll(kind, signal);
      if (result.continuePolling || result.state) return result;
      // Nothing to resume (the sign-in form, whatever it offers) means the transaction ended.
      const resumed = await this.transport.resume(signal);
      return { ...result, state: resumed && resumed.status !== 'Idle' ? resumed : { status: 'Terminal' } };
    } catch (error) {
      throw signal.aborted ? error : toFlowError(error);
    }
  }

  private stopPolling(): void {
    this.polling?.abort();
    this.polling = undefined;
  }

  private abortAll(): void {
    this.stopPolling();
    for (const c of this.requests) c.abort();
    this.requests.clear();
    this.setPending(false);
  }

  private begin(pending: boolean): AbortController {
    const ctrl = new AbortController();
    this.requests.add(ctrl);
    if (pending) this.setPending(true);
    return ctrl;
  }

  private end(ctrl: AbortController, pending: boolean): void {
    if (!this.requests.delete(ctrl)) return;
    if (pending) this.setPending(false);
  }

  private setPending(pending: boolean): void {
    if (this.pending === pending) return;
    this.pending = pending;
    this.dispatchEvent(new FlowPendingEvent(pending));
  }
}

/** Resolves when the page is shown again from the history (it left and came back), after `LEAVING_MS`, or on abort. */
function whileLeaving(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      globalThis.removeEventListener?.('pageshow', done);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, LEAVING_MS);
    globalThis.addEventListener?.('pageshow', done);
    signal.addEventListener('abort', done);
  });
}

function notAllowed(action: FlowAction, state: FlowState): FlowError {
  return new FlowError('invalid_input', `${action} not allowed in ${state.status}`);
}

type Listener<E> = ((event: E) => void) | { handleEvent(event: E): void };

export interface SignInFlow {
  addEventListener<K extends keyof SignInFlowEventMap>(
    type: K,
    listener: Listener<SignInFlowEventMap[K]> | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof SignInFlowEventMap>(
    type: K,
    listener: Listener<SignInFlowEventMap[K]> | null,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}
