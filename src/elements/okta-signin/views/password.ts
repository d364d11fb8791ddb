import { html } from 'lit';
import type { ViewHost } from './host.js';

/** New password twice; the match is checked before anything is sent. */
export const passwordView = (h: ViewHost) =>
  html`<form part="form password-change" @submit=${h.onSubmit}>
    <h2 part="title" tabindex="-1">${h.t.passwordTitle}</h2>
    <p>${h.t.passwordHelp}</p>
    <label for="new-password" part="label">${h.t.newPassword}</label>
    <input
      id="new-password"
      name="newPassword"
      part="input new-password"
      type="password"
      autocomplete="new-password"
      required
      aria-invalid=${h.invalid && !h.mismatch}
      aria-describedby="error"
    />
    <label for="confirm-password" part="label">${h.t.confirmPassword}</label>
    <input
      id="confirm-password"
      name="confirmPassword"
      part="input confirm-password"
      type="password"
      autocomplete="new-password"
      required
      aria-invalid=${h.invalid}
      aria-describedby="error"
    />
    <button part="submit" ?disabled=${h.pending}>${h.t.changePassword}</button>
  </form>`;
