import type { FlowState, Transport } from '../../src/core/types.js';

/** A Transport with nothing in progress whose calls all answer Idle, but for the methods given. */
export function stubTransport(overrides: Partial<Transport> = {}): Transport {
  const idle = async (): Promise<FlowState> => ({ status: 'Idle' });
  return {
    kind: 'backend',
    resume: async () => null,
    login: idle,
    selectAuthenticator: idle,
    selectEnrollmentChannel: idle,
    sendEnrollmentChannelData: idle,
    verifyCode: idle,
    changePassword: idle,
    verifyPassword: idle,
    sendEnrollmentData: idle,
    resend: idle,
    recover: idle,
    verifyWebAuthn: idle,
    skip: idle,
    proceed: idle,
    cancel: idle,
    poll: async () => ({ continuePolling: false, refresh: null }),
    ...overrides,
  };
}
