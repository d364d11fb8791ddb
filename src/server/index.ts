/**
 * `okta-signin-elements-server`: what a Node server that speaks the backend contract shares with the elements.
 * The IDX mapping here is the one IDX mode uses in the browser, so both modes show the same steps the same way.
 * Pure functions over okta-auth-js 8 step-mode transactions: no DOM, no Lit, no network.
 */
export { stateOf, stateToShow, stepName, tokensOf } from '../idx/map.js';
export { remediation, pickerEntries } from '../idx/read.js';
export { identityProviders, idpLinks } from '../idx/map-idp.js';
export { errorOf, errorFromException, type Operation } from '../idx/errors.js';
export { safeText } from '../idx/safe-text.js';
export type { IdxTransaction, IdxRemediation, IdxMessage } from '../idx/types.js';
export {
  FlowError,
  ENROLLMENT_CHANNELS,
  isEnrollmentChannel,
  type ErrorCode,
  type FlowErrorReason,
  type FlowState,
  type FlowStatus,
  type EnrollmentChannel,
  type Authenticator,
  type IdentityProvider,
  type TokenSet,
} from '../core/types.js';
export { FLOW_STATUSES } from '../core/statuses.js';
export { BACKEND_ENDPOINTS, kebabCase, type BackendEndpoint } from '../transports/config.js';
export { BACKEND_PATHS } from '../transports/backend/transport.js';

// The request handler of the backend contract (README, "Server module").
export { createSignInHandler, type SignInHandler } from './handler.js';
export { DEFAULT_SCOPES, type SignInHandlerOptions, type ResolvedOptions, type Logger } from './options.js';
export { MemorySessionStore, type SessionStore, type SessionData, type SignedInUser } from './session.js';
export { BackendError } from './errors.js';
export { LoginThrottle, type LoginLimits } from './limits.js';
export { toFlowState, errorReply, type FlowReply } from './flow-reply.js';
export { retryAfterSeconds } from './okta-client.js';

// The signed-in session for the site's own routes (README, "Signed-in sessions").
export type { AppSession, AppSessions, AppSessionOptions, SessionTokens, SessionRequest, GuardOptions } from './app-session.js';
export { SignInDenied, type OnSignIn, type SignInEvent, type SignInVerdict } from './sign-in.js';
export type { SignOutReply } from './sign-out.js';
export type { StoredTokens } from './okta-tokens.js';
