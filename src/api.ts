/** Everything the package exports besides the element classes: events, text, the flow core and the transports. */
export * from './elements/shared/events.js';
export { strings, errorText, type Strings, type Template } from './elements/shared/messages.js';
export { LANGUAGES, loadLanguage, type Language, type Messages, type StringsOverride } from './elements/shared/i18n.js';
export * from './core/index.js';
export { createTransport } from './transports/create.js';
export { handleSignInRedirect } from './transports/redirect-callback.js';
export {
  BACKEND_ENDPOINTS,
  type BackendEndpoint,
  type BackendRequestOptions,
  type BackendTransportOptions,
  type IdxTransportOptions,
  type TokenStorage,
  type TransportConfig,
} from './transports/config.js';
export { BackendTransport, createBackendTransport, BACKEND_PATHS } from './transports/backend/transport.js';
export { parseFlowReply } from './transports/backend/flow-reply.js';
export { parsePollReply, type PollReply } from './transports/backend/poll-reply.js';
export { fetchPollReply, pollEndpoint } from './transports/backend/poll-endpoint.js';
