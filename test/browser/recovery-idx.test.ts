// Password on its own, "Forgot password?", recovery and the new password's rules in IDX mode: okta-auth-js in the
// page against the local org, on its usual client (local-spa) and its identifier-first client (local-idfirst).
import { html } from 'lit';
import { env } from '../support/local-org.js';
import { recoverySuite } from '../support/recovery-suite.js';

describe('<okta-signin issuer> password and recovery', function () {
  this.timeout(90000);
  recoverySuite({
    async template({ idFirst, username }) {
      const e = await env();
      return html`<okta-signin
        issuer=${e.issuer}
        client-id=${idFirst ? e.idFirstClientId : e.spaClientId}
        redirect-uri=${e.redirectUri}
        username=${username ?? ''}
      ></okta-signin>`;
    },
  });
});
