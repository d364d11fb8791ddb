import { LitElement, css, html, nothing } from 'lit';
import { baseStyles } from '../../shared/styles.js';
import { format, type Template } from '../../shared/messages.js';
import { define } from '../../shared/define.js';

/**
 * "Send again", disabled with a visible countdown after each send. A polite status says once when sending again
 * is possible and once when it was sent; the countdown itself is not announced. The timer stops when the element
 * leaves the page. Part of `<okta-signin>`'s views (its `resend` part), not an element of its own.
 *
 * @internal
 */
export class OktaResendButton extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: contents;
      }
      .sr {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip-path: inset(50%);
      }
    `,
  ];
  static override properties = {
    delay: { type: Number },
    since: { attribute: false },
    onResend: { attribute: false },
    disabled: { type: Boolean },
    label: {},
    waitLabel: { attribute: false },
    readyText: {},
    sentText: {},
    left: { state: true },
    status: { state: true },
  };

  /** Seconds to wait after each send. */
  delay = 30;
  /** What was sent last: a new value starts the countdown again. */
  since?: unknown;
  disabled = false;
  /** Called when the user asks to send again. */
  onResend?: () => void;
  label = 'Send again';
  /** The button while it waits; `{s}` is the seconds left. */
  waitLabel: Template = 'Send again in {s} s';
  readyText = '';
  sentText = '';
  private left = 0;
  private status = '';
  private timer?: ReturnType<typeof setInterval>;
  private clicked = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.restart();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stop();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('since') && changed.get('since') !== undefined) {
      if (this.clicked) this.status = this.sentText;
      this.clicked = false;
      this.restart();
    }
  }

  private restart() {
    this.stop();
    this.left = Math.max(0, Math.round(this.delay));
    if (!this.left) return;
    this.timer = setInterval(() => {
      this.left = Math.max(0, this.left - 1);
      if (!this.left) {
        this.stop();
        this.status = this.readyText;
      }
    }, 1000);
  }

  private stop() {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  private onClick() {
    if (this.disabled || this.left) return;
    this.clicked = true;
    this.status = '';
    this.onResend?.();
  }

  protected override render() {
    const waiting = this.left > 0;
    return html`<button type="button" class="link" part="resend" ?disabled=${this.disabled || waiting} @click=${this.onClick}>
        ${waiting ? format(this.waitLabel, { s: this.left }) : this.label}
      </button>
      <span class="sr" role="status">${this.status || nothing}</span>`;
  }
}

define('okta-resend-button', OktaResendButton);

declare global {
  interface HTMLElementTagNameMap {
    'okta-resend-button': OktaResendButton;
  }
}
