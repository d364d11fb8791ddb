import { html } from 'lit';
import type { ViewHost } from './host.js';
import '../../okta-verify-poller/okta-verify-poller.js';

/** The wait for Okta Verify: the flow polls; the poller only shows its progress. */
export const pollerView = (h: ViewHost) => html`<okta-verify-poller part="poller" .flow=${h.flow} .strings=${h.t}></okta-verify-poller>`;
