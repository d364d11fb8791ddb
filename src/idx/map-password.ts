/** The password asked for on its own: identifier-first orgs, or the password chosen in the picker. */
import type { FlowState } from '../core/types.js';
import type { IdxAuthenticatorValue, IdxRemediation, IdxTransaction } from './types.js';

/** `challenge-authenticator` for `okta_password`. */
export function passwordChallengeState(_tx: IdxTransaction, _r: IdxRemediation | undefined, _current: IdxAuthenticatorValue | undefined): FlowState {
  return { status: 'AwaitingPassword', authenticator: { key: 'okta_password' } };
}
