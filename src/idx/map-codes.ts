/**
 * The steps that verify or enroll with a one-time code: Okta Verify's code, and (by key) Email, Phone and Google
 * Authenticator.
 */
import { FlowError, type FlowState } from '../core/types.js';
import type { IdxAuthenticatorValue, IdxRemediation, IdxTransaction } from './types.js';

/** `challenge-authenticator` for an authenticator that answers with a code. */
export function codeChallengeState(_tx: IdxTransaction, _r: IdxRemediation | undefined, current: IdxAuthenticatorValue | undefined): FlowState {
  if (current?.key && current.key !== 'okta_verify') throw unsupported(`challenge-authenticator (${current.key})`);
  return { status: 'AwaitingChallengeCode', challenge: { methodType: current?.methods?.[0]?.type ?? 'totp' } };
}

/** `enroll-authenticator` for an authenticator that answers with a code. */
export function codeEnrollState(_tx: IdxTransaction, _r: IdxRemediation | undefined, current: IdxAuthenticatorValue | undefined): FlowState {
  throw unsupported(`enroll-authenticator (${current?.key ?? 'unknown'})`);
}

const unsupported = (step: string) => new FlowError('config', `Unsupported IDX step: ${step}`, { reason: 'unsupported-step' });
