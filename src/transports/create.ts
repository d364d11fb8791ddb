import { FlowError, type FlowErrorReason, type Transport } from '../core/types.js';
import type { TransportConfig } from './config.js';
import { createLazyIdxTransport } from './lazy-idx.js';
import { lazyTransport } from './lazy.js';

const config = (reason: FlowErrorReason, message: string) => new FlowError('config', message, { reason });

/**
 * The transport for a configuration: backend mode when `backend` is set, IDX mode when `issuer` is set.
 * Synchronous so that the form renders at once; the transport's code (in IDX mode with okta-auth-js) starts
 * loading now and each call waits for it.
 */
export function createTransport(settings: TransportConfig): Transport {
  const backend = settings.backend?.trim();
  const issuer = settings.issuer?.trim();
  if (backend && issuer) throw config('both-modes', 'backend or issuer, not both');
  // Each transport reads only its own options from the configuration.
  if (backend) {
    const options = { ...settings, baseUrl: backend };
    // The backend transport's code (requests, reply parsing) is not needed to paint the form: it loads alongside.
    return lazyTransport('backend', () => import('./backend/transport.js').then((m) => m.createBackendTransport(options)));
  }
  if (!issuer) throw config('no-mode', 'no backend or issuer');
  const { clientId, redirectUri } = settings;
  if (!clientId || !redirectUri) throw config('idx-incomplete', 'issuer needs client-id and redirect-uri');
  return createLazyIdxTransport({ ...settings, issuer, clientId, redirectUri });
}
