import { LitElement, html, nothing } from 'lit';
import { runPoller } from '../../core/poller.js';
import { navigateSafely, parseAllowedOrigins } from '../../core/safe-navigation.js';
import { FlowError, type FlowStatus, type PollResult } from '../../core/types.js';
import { toFlowError } from '../../core/flow.js';
import { fetchPollReply } from '../../transports/backend.js';
import { emit } from '../shared/events.js';
import { errorText, strings } from '../shared/messages.js';
import { baseStyles } from '../shared/styles.js';
import { pollerStyles } from './okta-verify-poller.styles.js';
import { define } from '../shared/define.js';
import { pageVisible } from '../shared/page-visible.js';

type Phase = 'idle' | 'waiting' | 'retrying' | 'done' | 'failed';

/**
 * Waits for Okta Verify by polling, with an `aria-live` status. With `endpoint` it replaces the seed's inline
 * `poll()` script: when a reply says `ContinuePolling: false` it navigates to `Next` (same-origin or
 * `allowed-origins` only). With a `poll` function it only reports; the caller decides what comes next.
 * Starts when connected with an endpoint or poll function, stops when removed.
 *
 * @fires okta-poll - `{ continuePolling, refresh }` on every reply.
 * @fires okta-poll-complete - `{ next, status }` when polling ends; cancelable (prevents the navigation).
 * @fires okta-error - `{ code, message, retryable }` when polling fails for good or `Next` is not allowed.
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
    interval: { type: Number },
    allowedOrigins: { attribute: 'allowed-origins' },
    navigate: { attribute: false },
    phase: { attribute: false },
    failure: { attribute: false },
  };

  /** A seed-style poll endpoint answering `{ Refresh, ContinuePolling, Next }`. */
  endpoint?: string;
  /** A poll function to call instead of an endpoint. */
  poll?: (signal: AbortSignal) => Promise<PollResult & { status?: FlowStatus }>;
  /** Delay before the first poll, ms. */
  interval = 4000;
  /** Space-separated origins `Next` may point to besides this page's. */
  allowedOrigins = '';
  /** Replaces `location.assign` for the final navigation. */
  navigate?: (url: string) => void;

  private phase: Phase = 'idle';
  private failure = '';
  private ctrl?: AbortController;
  private started = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!this.started || changed.has('endpoint') || changed.has('poll') || changed.has('interval')) this.start();
  }

  /** (Re)starts polling from the initial delay; does nothing without an endpoint or poll function. */
  start(): void {
    this.stop();
    this.started = true;
    const poll = this.poll ?? (this.endpoint ? (s: AbortSignal) => fetchPollReply(this.endpoint!, s) : undefined);
    if (!poll || !this.isConnected) return;
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

  /** Stops polling: clears the timer and aborts the request in flight. */
  stop(): void {
    this.ctrl?.abort();
    this.ctrl = undefined;
    if (this.busy) this.phase = 'idle';
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
    this.phase = 'failed';
    this.failure = errorText(e);
    emit(this, 'okta-error', { code: e.code, message: this.failure, retryable: e.retryable });
  }

  protected override render() {
    const text = { idle: '', waiting: strings.waiting, retrying: strings.retrying, done: strings.done, failed: this.failure }[this.phase];
    return html`<slot></slot>
      <div part="status" role="status" aria-live="polite">
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
