/** Registers `<okta-signin>`, `<authenticator-picker>` and `<okta-verify-poller>` and exports their API. */
export { OktaSignin } from './elements/okta-signin/okta-signin.js';
export { AuthenticatorPicker } from './elements/authenticator-picker/authenticator-picker.js';
export { OktaVerifyPoller } from './elements/okta-verify-poller/okta-verify-poller.js';
export * from './api.js';
