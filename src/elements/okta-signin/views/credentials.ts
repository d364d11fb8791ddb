import { html } from 'lit';
import type { ViewHost } from './host.js';
import { forgotLink } from './forgot.js';
import { passwordField } from './password-field.js';

/** The sign-in form: the element's own, or the page's own form in the `credentials` slot. */
export const credentialsView = (h: ViewHost) =>
  h.pageForm
    ? html`<div class="col">
        <h2 part="title" tabindex="-1">${h.t.signIn}</h2>
        <slot name="credentials"></slot>
        ${forgotLink(h)}
      </div>`
    : html`<form part="form credentials" @submit=${h.onSubmit}>
    <h2 part="title" tabindex="-1">${h.t.signIn}</h2>
    <label for="username" part="label">${h.t.username}</label>
    <input
      id="username"
      name="username"
      part="input username"
      autocomplete=${h.state.webauthn?.requestOptions ? 'username webauthn' : 'username'}
      autocapitalize="none"
      spellcheck="false"
      required
      aria-invalid=${h.invalid}
      aria-describedby="error"
      .value=${h.username}
      @input=${h.onUsername}
    />
    ${passwordField(h, {
      id: 'password',
      name: 'password',
      label: h.t.password,
      autocomplete: 'current-password',
      part: 'password',
      invalid: h.invalid,
    })}
    <button part="submit" ?disabled=${h.pending}>${h.t.signIn}</button>
    ${forgotLink(h)}
  </form>`;
