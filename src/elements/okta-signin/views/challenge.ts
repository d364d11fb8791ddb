import { html } from 'lit';
import { strings } from '../../shared/messages.js';
import type { ViewHost } from './host.js';
import { pollerView } from './poller.js';

/** Push sent, with the number challenge shown large when there is one. */
export const pushView = (h: ViewHost) => {
  const n = h.state.challenge?.correctAnswer;
  return html`<div class="col">
    <h2 part="title" tabindex="-1">${strings.pushTitle}</h2>
    ${n == null
      ? html`<p>${strings.pushHelp}</p>`
      : html`<p id="number-help">${strings.numberHelp}</p>
          <p part="number">${n}</p>`}
    ${pollerView(h)}
  </div>`;
};

/** Enter the code Okta Verify shows. */
export const codeView = (h: ViewHost) =>
  html`<form part="form code" @submit=${h.onSubmit}>
    <h2 part="title" tabindex="-1">${strings.codeTitle}</h2>
    <label for="code" part="label">${strings.code}</label>
    <input
      id="code"
      name="code"
      part="input code"
      inputmode="numeric"
      autocomplete="one-time-code"
      pattern="[0-9 ]*"
      maxlength="12"
      required
    />
    <button part="submit" ?disabled=${h.pending}>${strings.verify}</button>
  </form>`;
