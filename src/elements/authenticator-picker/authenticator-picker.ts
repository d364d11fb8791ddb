import { LitElement, html, nothing } from 'lit';
import type { Authenticator } from '../../core/types.js';
import { emit } from '../shared/events.js';
import { authenticatorName } from '../shared/authenticator-name.js';
// The English sentences this shows (added to the English table when it loads).
import '../shared/messages-steps.js';
import { Translator, type StringsOverride } from '../shared/i18n.js';
import { baseStyles } from '../shared/styles.js';
import { pickerStyles } from './authenticator-picker.styles.js';
import { define } from '../shared/define.js';

const MOVES: Record<string, number> = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 };

/**
 * A radio group of authenticators. Arrow keys move the choice (roving tabindex), Space chooses,
 * Enter chooses and submits.
 *
 * @fires okta-authenticator-select - `{ authenticator }` when the user submits a choice.
 * @fires okta-skip - `{}` when the user skips (only with `can-skip`).
 * @csspart label - The group's label.
 * @csspart group - The radio group.
 * @csspart option - One authenticator; `option selected` when chosen.
 * @csspart submit - The submit button.
 * @csspart skip - The skip button.
 * @tagname authenticator-picker
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
export class AuthenticatorPicker extends LitElement {
  static override styles = [baseStyles, pickerStyles];
  static override properties = {
    authenticators: { attribute: false },
    mode: { reflect: true },
    canSkip: { type: Boolean, attribute: 'can-skip' },
    disabled: { type: Boolean, reflect: true },
    label: {},
    selected: { attribute: false },
    strings: { attribute: false },
  };

  /**
   * The choices. Each is named in the element's language from its `key` (and `methodType`); `name`, rendered as
   * text, is the name for keys the string table does not know.
   */
  authenticators: Authenticator[] = [];
  /** `enroll` (set up a method) or `verify` (sign in with one); changes the label. */
  mode: 'enroll' | 'verify' = 'verify';
  /** Shows a skip button (optional enrollment). */
  canSkip = false;
  /** Disables choosing and submitting (while a request is pending). */
  disabled = false;
  /** Overrides the group's label. */
  label?: string;
  /** Text for this element only, over its language's (`lang` on it or an ancestor, else the browser's). */
  strings?: StringsOverride;
  private i18n = new Translator(this);

  /** Index of the chosen authenticator. */
  selected = 0;

  /** The chosen authenticator. */
  get value(): Authenticator | undefined {
    return this.authenticators[this.selected];
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('authenticators')) this.selected = 0;
    this.i18n.refresh();
  }

  protected override render() {
    const { t, lang, dir } = this.i18n;
    const label = this.label ?? (this.mode === 'enroll' ? t.enrollLabel : t.verifyLabel);
    return html`<form lang=${lang} dir=${dir} @submit=${this.submit}>
      <p id="label" part="label">${label}</p>
      <div role="radiogroup" aria-labelledby="label" part="group" @keydown=${this.keydown}>
        ${this.authenticators.map((a, i) => {
          const on = i === this.selected;
          return html`<div
            role="radio"
            part=${on ? 'option selected' : 'option'}
            aria-checked=${on}
            aria-disabled=${this.disabled || nothing}
            tabindex=${on ? 0 : -1}
            @click=${() => this.choose(i)}
          >
            ${authenticatorName(a, t)}
          </div>`;
        })}
      </div>
      <button part="submit" ?disabled=${this.disabled || !this.value}>${t.continue}</button>
      ${this.canSkip
        ? html`<button type="button" class="link" part="skip" ?disabled=${this.disabled} @click=${this.skip}>
            ${t.skip}
          </button>`
        : nothing}
    </form>`;
  }

  private async choose(index: number, focus = false) {
    if (this.disabled || !this.authenticators[index]) return;
    this.selected = index;
    if (focus) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[role=radio][tabindex="0"]')?.focus();
    }
  }

  private keydown(e: KeyboardEvent) {
    const n = this.authenticators.length;
    if (!n) return;
    const move = MOVES[e.key];
    let target: number | undefined;
    if (move) target = (this.selected + move + n) % n;
    else if (e.key === 'Home') target = 0;
    else if (e.key === 'End') target = n - 1;
    else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      this.choose(this.focusedIndex());
      if (e.key === 'Enter') this.submit();
      return;
    } else return;
    e.preventDefault();
    this.choose(target, true);
  }

  private focusedIndex(): number {
    const radios = [...this.renderRoot.querySelectorAll('[role=radio]')];
    const i = radios.indexOf((this.renderRoot as ShadowRoot).activeElement as Element);
    return i < 0 ? this.selected : i;
  }

  private submit(e?: Event) {
    e?.preventDefault();
    const authenticator = this.value;
    if (this.disabled || !authenticator) return;
    emit(this, 'okta-authenticator-select', { authenticator: { ...authenticator } });
  }

  private skip() {
    if (!this.disabled) emit(this, 'okta-skip', {});
  }
}

define('authenticator-picker', AuthenticatorPicker);

declare global {
  interface HTMLElementTagNameMap {
    'authenticator-picker': AuthenticatorPicker;
  }
}
