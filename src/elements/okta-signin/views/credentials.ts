import { html } from 'lit';
import { strings } from '../../shared/messages.js';
import type { ViewHost } from './host.js';

/** The sign-in form: the element's own, or the page's own form in the `credentials` slot. */
export const credentialsView = (h: ViewHost) =>
  h.pageForm
    ? html`<div class="col">
        <h2 part="title" tabindex="-1">${strings.signIn}</h2>
        <slot name="credentials"></slot>
      </div>`
    : html`<form part="form credentials" @submit=${h.onSubmit}>
    <h2 part="title" tabindex="-1">${strings.signIn}</h2>
    <label for="username" part="label">${strings.username}</label>
    <input
      id="username"
      name="username"
      part="input username"
      autocomplete="username"
      autocapitalize="none"
      spellcheck="false"
      required
      .value=${h.username}
      @input=${h.onUsername}
    />
    <label for="password" part="label">${strings.password}</label>
    <input id="password" name="password" part="input password" type="password" autocomplete="current-password" required />
    <button part="submit" ?disabled=${h.pending}>${strings.signIn}</button>
  </form>`;
