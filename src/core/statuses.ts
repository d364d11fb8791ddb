import type { FlowStatus } from './types.js';

/**
 * Every status, in the order of a sign-in. A module of its own, outside the file that paints the sign-in form: only
 * the flow, the backend replies' readers and the action table need the list.
 */
export const FLOW_STATUSES: readonly FlowStatus[] = [
  'Idle',
  'Success',
  'PasswordExpired',
  'AwaitingAuthenticatorEnrollment',
  'AwaitingChallengeAuthenticatorSelection',
  'AwaitingEnrollmentChannelSelection',
  'AwaitingEnrollmentChannelData',
  'AwaitingEnrollmentPoll',
  'AwaitingChallengePoll',
  'AwaitingChallengeCode',
  'AwaitingPassword',
  'AwaitingEnrollmentData',
  'AwaitingEnrollmentCode',
  'AwaitingRecoveryIdentifier',
  'AwaitingPasswordReset',
  'AwaitingWebAuthnEnrollment',
  'AwaitingWebAuthnChallenge',
  'AwaitingInput',
  'AwaitingIdentityProvider',
  'UnsupportedStep',
  'Terminal',
];
