import { html } from 'lit';
import type { ViewHost } from './host.js';

/** The autofill hints the views give (the ones whose meaning is plain from Okta's field names). */
export type Autocomplete = 'current-password' | 'new-password' | 'one-time-code' | 'off' | 'username' | 'email' | 'given-name' | 'family-name' | 'tel';

export interface PasswordFieldOptions {
  id: string;
  name: string;
  label: string;
  /** `current-password`, `new-password`, or what a step form's secret is (`one-time-code`, `off`). */
  autocomplete: Autocomplete;
  /** Space-separated parts of the field besides `input`. */
  part: string;
  invalid: boolean;
  /** Extra ids the field is described by (the rules' list). */
  describedBy?: string;
  /** The id of the error text the field is described by (default `error`, the view's error region). */
  errorId?: string;
  onInput?: (e: Event) => void;
  /** Whether the field must be filled (default: yes). */
  required?: boolean;
}

/**
 * A password field with its show-password toggle: a plain button (it never submits) that says what it does, is
 * pressed while the password shows, and controls the field. Focus stays on it when it is used.
 */
export const passwordField = (h: ViewHost, o: PasswordFieldOptions) => {
  const shown = h.revealed.includes(o.id);
  const error = o.errorId ?? 'error';
  return html`<label for=${o.id} part="label">${o.label}</label>
    <div class="pw">
      <input
        id=${o.id}
        name=${o.name}
        part="input ${o.part}"
        type=${shown ? 'text' : 'password'}
        autocomplete=${o.autocomplete}
        autocapitalize="none"
        spellcheck="false"
        ?required=${o.required ?? true}
        aria-invalid=${o.invalid}
        aria-describedby=${o.describedBy ? `${error} ${o.describedBy}` : error}
        @input=${o.onInput}
      />
      <button type="button" class="link" part="reveal" aria-controls=${o.id} aria-pressed=${shown} @click=${h.onReveal}>
        ${shown ? h.t.recovery.hide : h.t.recovery.show}
      </button>
    </div>`;
};
