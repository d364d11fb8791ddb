import { FlowError, type Transport } from '../core/types.js';

type Method = Exclude<keyof Transport, 'kind'>;

const METHODS: readonly Method[] = [
  'resume',
  'login',
  'selectAuthenticator',
  'selectEnrollmentChannel',
  'sendEnrollmentChannelData',
  'verifyCode',
  'changePassword',
  'verifyPassword',
  'sendEnrollmentData',
  'resend',
  'recover',
  'verifyWebAuthn',
  'skip',
  'proceed',
  'cancel',
  'poll',
  'redirectToIdp',
  'redirectToOkta',
  'callback',
];

/**
 * A transport whose code is still on its way: the download starts when this is made, and every call waits for
 * it, so the form renders at once and the download overlaps with the user typing. A failed download surfaces on
 * the first call as a retryable `network` error (reason `load-failed`), and the next call tries again.
 */
export function lazyTransport(kind: Transport['kind'], load: () => Promise<Transport>): Transport {
  let ready: Promise<Transport> | undefined;
  const get = () =>
    (ready ??= load().catch((cause) => {
      ready = undefined;
      throw new FlowError('network', `${kind} transport did not load`, { retryable: true, reason: 'load-failed', cause });
    }));
  // Failures surface on the first call; no unhandled rejection before that.
  get().catch(() => undefined);
  // Each method waits for the real transport and calls its namesake with the same arguments.
  const t = { kind } as Record<string, unknown>;
  for (const name of METHODS) {
    t[name] = (...args: unknown[]) => get().then((real) => (real[name] as (...a: unknown[]) => unknown)(...args));
  }
  return t as unknown as Transport;
}
