import { html } from 'lit';
import type { ViewHost } from './host.js';
import { passwordField } from './password-field.js';
import { rulesView } from './password-checklist.js';
import { metRules } from './password-rules.js';

/**
 * A new password twice, with the org's rules as a checklist; the match is checked before anything is sent. An
 * expired password's replacement (`PasswordExpired`) and the one chosen in recovery (`AwaitingPasswordReset`).
 */
const newPasswordForm = (h: ViewHost, title: string, help: string, submit: string, part: string) => {
  const rules = !!h.state.passwordRules;
  return html`<form part="form ${part}" @submit=${h.onSubmit}>
    <h2 part="title" tabindex="-1">${title}</h2>
    <p>${help}</p>
    ${rulesView(h)}
    ${passwordField(h, {
      id: 'new-password',
      name: 'newPassword',
      label: h.t.newPassword,
      autocomplete: 'new-password',
      part: 'new-password',
      invalid: h.invalid && !h.mismatch,
      describedBy: rules ? 'rules' : undefined,
      onInput: (e: Event) => h.onRulesMet(metRules(h.state.passwordRules, (e.target as HTMLInputElement).value, h.username)),
    })}
    ${passwordField(h, {
      id: 'confirm-password',
      name: 'confirmPassword',
      label: h.t.confirmPassword,
      autocomplete: 'new-password',
      part: 'confirm-password',
      invalid: h.invalid,
    })}
    <button part="submit" ?disabled=${h.pending}>${submit}</button>
  </form>`;
};

/** An expired password's replacement. */
export const passwordView = (h: ViewHost) => newPasswordForm(h, h.t.passwordTitle, h.t.passwordHelp, h.t.changePassword, 'password-change');

/** Recovery's new password, once the user is verified. */
export const passwordResetView = (h: ViewHost) =>
  newPasswordForm(h, h.t.recovery.resetTitle, h.t.recovery.resetHelp, h.t.recovery.setPassword, 'password-reset');
