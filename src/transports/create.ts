import { FlowError, type FlowErrorReason, type Transport } from '../core/types.js';
import { createBackendTransport } from './backend/transport.js';
import type { TransportConfig } from './config.js';
import { createLazyIdxTransport } from './lazy-idx.js';

const config = (reason: FlowErrorReason, message: string) => new FlowError('config', message, { reason });

/**
 * The transport for a configuration: backend mode when `backend` is set, IDX mode when `issuer` is set.
 * Synchronous so that the form renders at once; in IDX mode the IDX code (and okta-auth-js) starts loading
 * now and each call waits for it.
 */
export function createTransport(settings: TransportConfig): Transport {
  const backend = settings.backend?.trim();
  const issuer = settings.issuer?.trim();
  if (backend && issuer) throw config('both-modes', 'backend or issuer, not both');
  // Each transport reads only its own options from the configuration.
  if (backend) return createBackendTransport({ ...settings, baseUrl: backend });
  if (!issuer) throw config('no-mode', 'no backend or issuer');
  const { clientId, redirectUri } = settings;
  if (!clientId || !redirectUri) throw config('idx-incomplete', 'issuer needs client-id and redirect-uri');
  return createLazyIdxTransport({ ...settings, issuer, clientId, redirectUri });
}
