import { html, nothing } from 'lit';
import type { ViewHost } from './host.js';
import { passwordField } from './password-field.js';
import { forgotLink } from './forgot.js';

/** The password asked for on its own (identifier-first orgs, or the password chosen in the picker). */
export const passwordOnlyView = (h: ViewHost) =>
  html`<form part="form password-only" @submit=${h.onSubmit}>
      <h2 part="title" tabindex="-1">${h.t.recovery.passwordTitle}</h2>
      ${h.username ? html`<p part="identifier">${h.username}</p>` : nothing}
      ${passwordField(h, {
        id: 'password',
        name: 'password',
        label: h.t.password,
        autocomplete: 'current-password',
        part: 'password',
        invalid: h.invalid,
      })}
      <button part="submit" ?disabled=${h.pending}>${h.t.verify}</button>
    </form>
    ${forgotLink(h)}
    ${h.state.authenticators?.length
      ? html`<button type="button" class="link" part="other-authenticator" ?disabled=${h.pending} @click=${() => h.act('showAuthenticators')}>
          ${h.t.recovery.otherWay}
        </button>`
      : nothing}`;
