import { LitElement, html, nothing } from 'lit';
import { runPoller } from '../../core/poller.js';
import { navigateSafely, parseAllowedOrigins } from '../../core/safe-navigation.js';
import { FlowError, type FlowStatus, type PollResult } from '../../core/types.js';
import { toFlowError, type SignInFlow } from '../../core/flow.js';
import { pollKindOf } from '../../core/flow-rules.js';
import { pageVisible } from '../../core/page-visible.js';
import { pollEndpoint } from '../../transports/backend/poll-endpoint.js';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../../transports/backend/request.js';
import { emit } from '../shared/events.js';
import { errorDetail, errorText } from '../shared/messages.js';
// The English sentences this shows (added to the English table when it loads).
import '../shared/messages-steps.js';
import { Translator, type StringsOverride } from '../shared/i18n.js';
import { baseStyles } from '../shared/styles.js';
import { pollerStyles } from './okta-verify-poller.styles.js';
import { define } from '../shared/define.js';

type Phase = 'idle' | 'waiting' | 'retrying' | 'done' | 'failed';

/**
 * Waits for Okta Verify by polling, with an `aria-live` status. With `endpoint` it replaces the seed's inline
 * `poll()` script: when a reply says `ContinuePolling: false` it navigates to `Next` (same-origin or
 * `allowed-origins` only). Its requests are `<okta-signin>`'s poll requests: network errors, 5xx and unreadable
 * replies (HTML from a proxy, a login page, a body of the wrong shape) are tried again with backoff before it gives
 * up. With a `poll` function it only reports; the caller decides what comes next.
 * Starts when connected with an endpoint or poll function, stops when removed. With a `flow` (as inside
 * `<okta-signin>`) it sends nothing and fires nothing: it shows the progress of the flow's own polling.
 *
 * @fires okta-poll - `{ continuePolling, refresh }` on every reply.
 * @fires okta-poll-complete - `{ next, status }` when polling ends; cancelable (prevents the navigation).
 * @fires okta-error - `{ code, message, retryable, hint? }` when polling fails for good or `Next` is not allowed.
 * @slot - Content shown above the status (instructions, a QR code).
 * @csspart status - The live status line.
 * @csspart spinner - The progress indicator.
 * @tagname okta-verify-poller
 * @cssprop --okta-signin-color - Text color (light `#1d1d21`, dark `#ececf1`).
 * @cssprop --okta-signin-background - Background (light `#fff`, dark `#1d1d21`).
 * @cssprop --okta-signin-accent - Buttons, focus rings, selection (light `#1662dd`, dark `#6ea1ff`).
 * @cssprop --okta-signin-on-accent - Text on the accent color (light `#fff`, dark `#0b0b0e`).
 * @cssprop --okta-signin-border-color - Field and option borders (light `#8c8c96`, dark `#77777f`).
 * @cssprop --okta-signin-error-color - Error text (light `#c4161c`, dark `#ff8a8a`).
 * @cssprop [--okta-signin-radius=6px] - Corner radius.
 * @cssprop [--okta-signin-gap=0.75rem] - Space between pieces.
 * @cssprop [--okta-signin-font=inherit] - Font.
 */
export class OktaVerifyPoller extends LitElement {
  static override styles = [baseStyles, pollerStyles];
  static override properties = {
    endpoint: {},
    poll: { attribute: false },
    flow: { attribute: false },
    interval: { type: Number },
    timeout: { type: Number },
    allowedOrigins: { attribute: 'allowed-origins' },
    navigate: { attribute: false },
    phase: { state: true },
    failure: { state: true },
    strings: { attribute: false },
  };

  /** A seed-style poll endpoint answering `{ Refresh, ContinuePolling, Next }`. */
  endpoint?: string;
  /** A poll function to call instead of an endpoint. */
  poll?: (signal: AbortSignal) => Promise<PollResult & { status?: FlowStatus }>;
  /** A SignInFlow whose polling this element shows, instead of polling itself. */
  flow?: SignInFlow;
  /** Delay before the first poll, ms. */
  interval = 4000;
  /**
   * With `endpoint`: a request with no answer after this many ms fails as a network error and is tried again.
   * Default 30000, as `<okta-signin>`'s requests.
   */
  timeout = DEFAULT_REQUEST_TIMEOUT_MS;
  /** Space-separated origins `Next` may point to besides this page's. */
  allowedOrigins = '';
  /** Replaces `location.assign` for the final navigation. */
  navigate?: (url: string) => void;
  /** Text for this element only, over its language's (`lang` on it or an ancestor, else the browser's). */
  strings?: StringsOverride;

  private phase: Phase = 'idle';
  // The error, not its text, so that a change of language re-words it.
  private failure?: FlowError;
  private i18n = new Translator(this);
  private ctrl?: AbortController;
  private started = false;
  private watched?: SignInFlow;

  // Progress of a flow's polling: each reply means waiting again, each passing failure a retry, an error the end.
  private readonly onFlowEvent = (e: Event) => {
    if (e.type === 'poll') this.phase = 'waiting';
    else if (e.type === 'pollretry') this.phase = 'retrying';
    else if (e.type === 'error') this.failWith((e as Event & { error: FlowError }).error);
  };

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    this.i18n.refresh();
    if (!this.started || ['endpoint', 'poll', 'interval', 'timeout', 'flow'].some((p) => changed.has(p))) this.start();
  }

  /** (Re)starts polling from the initial delay; does nothing without an endpoint, poll function or flow. */
  start(): void {
    this.stop();
    this.started = true;
    if (!this.isConnected) return;
    if (this.flow) return this.watch(this.flow);
    const timeoutMs = Number.isFinite(this.timeout) && this.timeout > 0 ? this.timeout : DEFAULT_REQUEST_TIMEOUT_MS;
    const poll = this.poll ?? (this.endpoint ? pollEndpoint(this.endpoint, { timeoutMs }) : undefined);
    if (!poll) return;
    const ctrl = (this.ctrl = new AbortController());
    this.phase = 'waiting';
    runPoller({
      poll,
      initialDelay: Number.isFinite(this.interval) ? this.interval : 4000,
      signal: ctrl.signal,
      ready: pageVisible,
      onReply: (r) => {
        this.phase = 'waiting';
        emit(this, 'okta-poll', { continuePolling: r.continuePolling, refresh: r.refresh });
      },
      onRetry: () => (this.phase = 'retrying'),
    }).then(
      (r) => !ctrl.signal.aborted && this.complete(r),
      (e) => !ctrl.signal.aborted && this.fail(toFlowError(e)),
    );
  }

  /** Stops polling: clears the timer and aborts the request in flight (with a flow: stops showing it). */
  stop(): void {
    this.ctrl?.abort();
    this.ctrl = undefined;
    for (const type of ['poll', 'pollretry', 'error']) this.watched?.removeEventListener(type, this.onFlowEvent);
    this.watched = undefined;
    if (this.busy) this.phase = 'idle';
  }

  private watch(flow: SignInFlow) {
    this.watched = flow;
    for (const type of ['poll', 'pollretry', 'error']) flow.addEventListener(type, this.onFlowEvent);
    if (pollKindOf(flow.state)) this.phase = 'waiting';
  }

  private get busy() {
    return this.phase === 'waiting' || this.phase === 'retrying';
  }

  private complete(r: PollResult & { status?: FlowStatus }) {
    this.phase = 'done';
    const go = emit(this, 'okta-poll-complete', { next: r.next, status: r.status ?? r.state?.status }, true);
    if (!go || this.poll || !this.endpoint) return;
    const ok = navigateSafely(r.next, { allowedOrigins: parseAllowedOrigins(this.allowedOrigins), navigate: this.navigate });
    if (!ok) this.fail(new FlowError('unsafe_navigation', 'The next page is not allowed.'));
  }

  private fail(e: FlowError) {
    this.failWith(e);
    emit(this, 'okta-error', errorDetail(e, this.i18n.t));
  }

  private failWith(e: FlowError) {
    this.phase = 'failed';
    this.failure = e;
  }

  protected override render() {
    const { t, lang, dir } = this.i18n;
    const failed = this.failure ? errorText(this.failure, t) : '';
    const text = { idle: '', waiting: t.waiting, retrying: t.retrying, done: t.done, failed }[this.phase];
    return html`<slot></slot>
      <div part="status" role="status" aria-live="polite" lang=${lang} dir=${dir}>
        ${this.busy ? html`<span part="spinner" aria-hidden="true"></span>` : nothing}<span>${text}</span>
      </div>`;
  }
}

define('okta-verify-poller', OktaVerifyPoller);

declare global {
  interface HTMLElementTagNameMap {
    'okta-verify-poller': OktaVerifyPoller;
  }
}
