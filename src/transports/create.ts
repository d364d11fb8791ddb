import { FlowError, type Transport } from '../core/types.js';
import { createBackendTransport, type BackendEndpoint, type BackendRequestOptions } from './backend.js';

export interface TransportConfig extends BackendRequestOptions {
  /** Backend mode: base URL of the site's sign-in endpoints. */
  backend?: string;
  endpoints?: Partial<Record<BackendEndpoint, string>>;
  /** IDX mode: the authorization server. */
  issuer?: string;
  clientId?: string;
  redirectUri?: string;
  scopes?: string[];
  tokenStorage?: 'none' | 'memory' | 'localStorage' | 'sessionStorage' | 'cookie';
  /** IDX mode: an existing OktaAuth instance. */
  authClient?: unknown;
}

const METHODS = [
  'resume',
  'login',
  'selectAuthenticator',
  'selectEnrollmentChannel',
  'sendEnrollmentChannelData',
  'verifyCode',
  'changePassword',
  'skip',
  'cancel',
  'poll',
] as const;

/**
 * The transport for a configuration: backend mode when `backend` is set, IDX mode when `issuer` is set.
 * Synchronous so that the form renders at once; in IDX mode the IDX code (and okta-auth-js) starts loading
 * now and each call waits for it.
 */
export function createTransport(config: TransportConfig): Transport {
  const backend = config.backend?.trim();
  const issuer = config.issuer?.trim();
  if (backend && issuer) {
    throw new FlowError('config', 'Sign-in is misconfigured: set "backend" or "issuer", not both.');
  }
  // Each transport reads only its own options from the configuration.
  if (backend) return createBackendTransport({ ...config, baseUrl: backend });
  if (!issuer) {
    throw new FlowError('config', 'Sign-in is not configured: set "backend" (your server) or "issuer" (your Okta org).');
  }
  const { clientId, redirectUri } = config;
  if (!clientId || !redirectUri) {
    throw new FlowError('config', 'Sign-in is not configured: IDX mode needs "client-id" and "redirect-uri" with "issuer".');
  }
  const options = { ...config, issuer, clientId, redirectUri };
  const ready: Promise<Transport> = import('./idx.js').then(
    ({ createIdxTransport }) => createIdxTransport(options),
    (cause) => {
      throw new FlowError('network', 'IDX code did not load', {
        retryable: true,
        cause,
      });
    },
  );
  // Failures surface on the first call; no unhandled rejection before that.
  ready.catch(() => {});
  const lazy = { kind: 'idx' } as Record<string, unknown>;
  for (const name of METHODS) {
    lazy[name] = (...args: unknown[]) =>
      ready.then((t) => (t[name] as (...a: unknown[]) => Promise<unknown>).apply(t, args));
  }
  return lazy as unknown as Transport;
}
