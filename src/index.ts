/** Registers `<okta-signin>`, `<authenticator-picker>` and `<okta-verify-poller>` and exports their API. */
export { OktaSignin } from './elements/okta-signin/okta-signin.js';
export { AuthenticatorPicker } from './elements/authenticator-picker/authenticator-picker.js';
export { OktaVerifyPoller } from './elements/okta-verify-poller/okta-verify-poller.js';
export * from './elements/shared/events.js';
export { strings, errorText } from './elements/shared/messages.js';
export * from './core/index.js';
export { createTransport, type TransportConfig } from './transports/create.js';
export {
  BackendTransport,
  createBackendTransport,
  BACKEND_PATHS,
  type BackendEndpoint,
  type BackendTransportOptions,
} from './transports/backend.js';
