import { html } from 'lit';
import type { ViewHost } from './host.js';

/** "Forgot password?": the username the recovery is for, prefilled with what was typed on the sign-in form. */
export const recoveryIdentifierView = (h: ViewHost) =>
  html`<form part="form recovery" @submit=${h.onSubmit}>
    <h2 part="title" tabindex="-1">${h.t.recovery.recoverTitle}</h2>
    <p id="recover-help">${h.t.recovery.recoverHelp}</p>
    <label for="recover-username" part="label">${h.t.username}</label>
    <input
      id="recover-username"
      name="username"
      part="input username"
      autocomplete="username"
      autocapitalize="none"
      spellcheck="false"
      required
      aria-invalid=${h.invalid}
      aria-describedby="error recover-help"
      .value=${h.username}
      @input=${h.onUsername}
    />
    <button part="submit" ?disabled=${h.pending}>${h.t.continue}</button>
  </form>`;
