// Sign up, unlock, the security question, a hardware token, consent, keep me signed in, the password expiry warning
// and the grace period in IDX mode: okta-auth-js in the page against the local org, on its usual client (local-spa)
// and on the client that asks for consent (local-consent).
import { html } from 'lit';
import { env } from '../support/local-org.js';
import { stepsSuite } from '../support/steps-suite.js';

describe('<okta-signin issuer> steps beside the factors', function () {
  this.timeout(90000);
  stepsSuite({
    kind: 'idx',
    async template({ consent }) {
      const e = await env();
      return html`<okta-signin issuer=${e.issuer} client-id=${consent ? e.consentClientId : e.spaClientId} redirect-uri=${e.redirectUri}></okta-signin>`;
    },
  });
});
