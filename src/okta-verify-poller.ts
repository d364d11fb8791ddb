/** `okta-signin-elements/okta-verify-poller`: registers `<okta-verify-poller>` alone. */
// First and last: the element's modules load where there is no DOM too (see no-dom-start.ts).
import './elements/shared/no-dom-start.js';
export { OktaVerifyPoller } from './elements/okta-verify-poller/okta-verify-poller.js';
import './elements/shared/no-dom-end.js';
