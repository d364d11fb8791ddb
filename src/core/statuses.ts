import type { FlowStatus } from './types.js';

/**
 * Every status, in the order of `FlowStatus`. Apart from the types, so that the script that paints the sign-in form,
 * which never needs the list, does not carry it: the flow, the transports and servers read it.
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
