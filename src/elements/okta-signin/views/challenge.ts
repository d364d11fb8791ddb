import { html } from 'lit';
import type { ViewHost } from './host.js';
import { pollerView } from './poller.js';
import { otherAuthenticator, resendButton } from './code-parts.js';

/** Push sent, with the number challenge shown large when there is one; "Send again" and other authenticators when offered. */
export const pushView = (h: ViewHost) => {
  const n = h.state.challenge?.correctAnswer;
  return html`<div class="col">
    <h2 part="title" tabindex="-1">${h.t.pushTitle}</h2>
    ${n == null
      ? html`<p>${h.t.pushHelp}</p>`
      : html`<p id="number-help">${h.t.numberHelp}</p>
          <p part="number">${n}</p>`}
    ${pollerView(h)} ${resendButton(h, h.t.codes.resendPush)} ${otherAuthenticator(h)}
  </div>`;
};
