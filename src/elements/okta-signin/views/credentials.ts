import { html } from 'lit';
import type { ViewHost } from './host.js';
import { forgotLink } from './forgot.js';
import { passwordField } from './password-field.js';

/**
 * The username and password fields with their labels, for the shadow form (ids `username`, `password`, described by
 * the view's error region) and the light-DOM one (ids under the element's own prefix, described by the form's own
 * copy of the error text).
 */
export const signInFields = (h: ViewHost, idPrefix = '', errorId = 'error') =>
  html`<label for="${idPrefix}username" part="label">${h.t.username}</label>
  <input
    id="${idPrefix}username"
    name="username"
    part="input username"
    autocomplete=${h.state.webauthn?.requestOptions ? 'username webauthn' : 'username'}
    autocapitalize="none"
    spellcheck="false"
    required
    aria-invalid=${h.invalid}
    aria-describedby=${errorId}
    .value=${h.username}
    @input=${h.onUsername}
  />
  ${passwordField(h, {
    id: `${idPrefix}password`,
    name: 'password',
    label: h.t.password,
    autocomplete: 'current-password',
    part: 'password',
    invalid: h.invalid,
    errorId,
  })}`;

/** The sign-in form: the element's own, or the page's own form in the `credentials` slot. */
export const credentialsView = (h: ViewHost) =>
  h.lightForm
    ? html`<div class="col">
        <h2 part="title" tabindex="-1">${h.t.signIn}</h2>
        <slot name="credentials"></slot>
        ${forgotLink(h)}
      </div>`
    : html`<form part="form credentials" @submit=${h.onSubmit}>
        <h2 part="title" tabindex="-1">${h.t.signIn}</h2>
        ${signInFields(h)}
        <button part="submit" ?disabled=${h.pending}>${h.t.signIn}</button>
        ${forgotLink(h)}
      </form>`;
