/** Security key or biometric (`webauthn`): the options for the browser's WebAuthn calls. */
import { FlowError, type FlowState } from '../core/types.js';
import type { IdxAuthenticatorValue, IdxRemediation, IdxTransaction } from './types.js';

/** `challenge-authenticator` for `webauthn`. */
export function webauthnChallengeState(_tx: IdxTransaction, _r: IdxRemediation | undefined, _current: IdxAuthenticatorValue | undefined): FlowState {
  throw unsupported('challenge-authenticator (webauthn)');
}

/** `enroll-authenticator` for `webauthn`. */
export function webauthnEnrollState(_tx: IdxTransaction, _r: IdxRemediation | undefined, _current: IdxAuthenticatorValue | undefined): FlowState {
  throw unsupported('enroll-authenticator (webauthn)');
}

const unsupported = (step: string) => new FlowError('config', `Unsupported IDX step: ${step}`, { reason: 'unsupported-step' });
