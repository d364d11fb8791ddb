import type { Transport } from '../core/types.js';
import type { IdxTransportOptions } from './config.js';
import { lazyTransport } from './lazy.js';

/** IDX mode before its code (and okta-auth-js) has arrived. */
export function createLazyIdxTransport(options: IdxTransportOptions): Transport {
  return lazyTransport('idx', () => import('./idx.js').then(({ createIdxTransport }) => createIdxTransport(options)));
}
