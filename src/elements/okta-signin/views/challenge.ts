import { html } from 'lit';
import type { ViewHost } from './host.js';
import { pollerView } from './poller.js';

/** Push sent, with the number challenge shown large when there is one. */
export const pushView = (h: ViewHost) => {
  const n = h.state.challenge?.correctAnswer;
  return html`<div class="col">
    <h2 part="title" tabindex="-1">${h.t.pushTitle}</h2>
    ${n == null
      ? html`<p>${h.t.pushHelp}</p>`
      : html`<p id="number-help">${h.t.numberHelp}</p>
          <p part="number">${n}</p>`}
    ${pollerView(h)}
  </div>`;
};

/** Enter the code Okta Verify shows. */
export const codeView = (h: ViewHost) =>
  html`<form part="form code" @submit=${h.onSubmit}>
    <h2 part="title" tabindex="-1">${h.t.codeTitle}</h2>
    <label for="code" part="label">${h.t.code}</label>
    <input
      id="code"
      name="code"
      part="input code"
      inputmode="numeric"
      autocomplete="one-time-code"
      pattern="[0-9 ]*"
      maxlength="12"
      required
      aria-invalid=${h.invalid}
      aria-describedby="error"
    />
    <button part="submit" ?disabled=${h.pending}>${h.t.verify}</button>
  </form>`;
