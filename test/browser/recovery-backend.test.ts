// Password on its own, "Forgot password?", recovery and the new password's rules in backend mode: the reference
// backends at /auth (client local-web) and /auth-idfirst (identifier first) against the local org.
import { html } from 'lit';
import { env } from '../support/local-org.js';
import { recoverySuite } from '../support/recovery-suite.js';

const cancel = (path: string) => fetch(`${path}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

describe('<okta-signin backend> password and recovery', function () {
  this.timeout(90000);
  recoverySuite({
    async template({ idFirst, username }) {
      const e = await env();
      const backend = idFirst ? e.backendIdFirst : e.backend;
      return html`<okta-signin backend=${backend} username=${username ?? ''} .navigate=${() => undefined}></okta-signin>`;
    },
    async reset() {
      const e = await env();
      // Tests share one cookie jar, so one session per backend: start each from nothing.
      await Promise.all([cancel(e.backend), cancel(e.backendIdFirst)]);
    },
  });
});
