// Sign up, unlock, the security question, a hardware token, consent, keep me signed in, the password expiry warning
// and the grace period in backend mode: the reference backend at /auth (client local-web), and the one at
// /auth-consent on the client that asks for consent (local-consent), against the local org.
import { html } from 'lit';
import { env } from '../support/local-org.js';
import { stepsSuite } from '../support/steps-suite.js';

const cancel = (path: string) => fetch(`${path}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

describe('<okta-signin backend> steps beside the factors', function () {
  this.timeout(90000);
  stepsSuite({
    kind: 'backend',
    async template({ consent }) {
      const e = await env();
      return html`<okta-signin backend=${consent ? e.consentBackend : e.backend} .navigate=${() => undefined}></okta-signin>`;
    },
    async reset() {
      const e = await env();
      // Tests share one cookie jar, so one session per backend: start each from nothing.
      await Promise.all([cancel(e.backend), cancel(e.consentBackend)]);
    },
  });
});
