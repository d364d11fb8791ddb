import { html } from 'lit';
import type { OktaSignin } from '../okta-signin.js';
import '../../okta-verify-poller/okta-verify-poller.js';

export const pollerView = (h: OktaSignin) =>
  html`<okta-verify-poller
    part="poller"
    .poll=${h.pollOnce}
    interval=${h.flowState.refresh ?? 4000}
    @okta-error=${h.onPollError}
    @okta-poll-complete=${h.onPollComplete}
  ></okta-verify-poller>`;
