/** Registers `<okta-signin>`, `<authenticator-picker>` and `<okta-verify-poller>` and exports their API. */
// First and last: the elements' modules load where there is no DOM too (see no-dom-start.ts).
import './elements/shared/no-dom-start.js';
export { OktaSignin } from './elements/okta-signin/okta-signin.js';
export { AuthenticatorPicker } from './elements/authenticator-picker/authenticator-picker.js';
export { OktaVerifyPoller } from './elements/okta-verify-poller/okta-verify-poller.js';
export * from './api.js';
import './elements/shared/no-dom-end.js';
