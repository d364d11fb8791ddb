import { FlowError, type Transport } from '../core/types.js';
import type { IdxTransportOptions } from './config.js';

type Method = Exclude<keyof Transport, 'kind'>;

/**
 * IDX mode before its code has arrived: okta-auth-js starts downloading when this is made, and every call waits
 * for it, so the form renders at once and the download overlaps with the user typing.
 */
export function createLazyIdxTransport(options: IdxTransportOptions): Transport {
  const ready = import('./idx.js').then(
    ({ createIdxTransport }) => createIdxTransport(options),
    (cause) => {
      throw new FlowError('network', 'IDX code did not load', { retryable: true, reason: 'load-failed', cause });
    },
  );
  // Failures surface on the first call; no unhandled rejection before that.
  ready.catch(() => undefined);
  // Each method waits for the real transport and calls its namesake with the same arguments.
  // The types of `Transport` check the object below; inside, one untyped call serves every method.
  const later = <M extends Method>(name: M): Transport[M] =>
    ((...args: unknown[]) => ready.then((t) => (t[name] as (...a: unknown[]) => unknown)(...args))) as unknown as Transport[M];
  return {
    kind: 'idx',
    resume: later('resume'),
    login: later('login'),
    selectAuthenticator: later('selectAuthenticator'),
    selectEnrollmentChannel: later('selectEnrollmentChannel'),
    sendEnrollmentChannelData: later('sendEnrollmentChannelData'),
    verifyCode: later('verifyCode'),
    changePassword: later('changePassword'),
    verifyPassword: later('verifyPassword'),
    sendEnrollmentData: later('sendEnrollmentData'),
    resend: later('resend'),
    recover: later('recover'),
    verifyWebAuthn: later('verifyWebAuthn'),
    skip: later('skip'),
    cancel: later('cancel'),
    poll: later('poll'),
  };
}
