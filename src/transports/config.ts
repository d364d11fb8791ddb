/**
 * The public configuration of the transports: what an element (or an app) passes to `createTransport`.
 * Elements configure transports only through these types and names.
 */

export { BACKEND_ENDPOINTS, kebabCase, type BackendEndpoint } from '../core/endpoints.js';
import type { BackendEndpoint } from '../core/endpoints.js';

export interface BackendRequestOptions {
  /** Default `'same-origin'`: the session cookie goes along. */
  credentials?: RequestCredentials;
  csrfToken?: string;
  /** Default `X-CSRF-Token`. */
  csrfHeader?: string;
  /** Replaces the global fetch (tests, instrumentation). */
  fetch?: typeof fetch;
  /** A request with no answer after this many ms fails as a `network` error (retryable). Default 30000, as in IDX mode. */
  timeoutMs?: number;
}

export interface BackendTransportOptions extends BackendRequestOptions {
  /** Base URL the default paths are appended to, e.g. `/auth`. */
  baseUrl: string;
  /** Full URLs that replace the default path of an endpoint. */
  endpoints?: Partial<Record<BackendEndpoint, string>>;
}

export type TokenStorage = 'none' | 'memory' | 'localStorage' | 'sessionStorage' | 'cookie';

export interface IdxTransportOptions {
  /** The authorization server, e.g. `https://example.okta.com/oauth2/default`. */
  issuer: string;
  clientId: string;
  /** Must be registered on the Okta app; the interaction code flow never navigates to it. */
  redirectUri: string;
  /** Default `['openid', 'profile', 'email']`. */
  scopes?: string[];
  /** Where okta-auth-js's token manager keeps the tokens. Unset or `'none'`: the tokens are only handed over. */
  tokenStorage?: TokenStorage;
  /** An existing `OktaAuth` instance (apps that already use okta-auth-js); its own options and storage apply. */
  authClient?: unknown;
}

/** Either mode's settings: backend mode when `backend` is set, IDX mode when `issuer` is set. */
export interface TransportConfig extends BackendRequestOptions, Partial<Omit<IdxTransportOptions, 'issuer'>> {
  /** Backend mode: base URL of the site's sign-in endpoints. */
  backend?: string;
  endpoints?: Partial<Record<BackendEndpoint, string>>;
  /** IDX mode: the authorization server. */
  issuer?: string;
}
