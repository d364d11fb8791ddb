import type { FlowState, FlowStatus, PollKind } from './types.js';

/** What a user can ask the flow to do. */
export type FlowAction =
  | 'login'
  | 'selectAuthenticator'
  | 'showAuthenticators'
  | 'selectEnrollmentChannel'
  | 'showEnrollmentChannels'
  | 'sendEnrollmentChannelData'
  | 'sendEnrollmentData'
  | 'verifyCode'
  | 'verifyPassword'
  | 'verifyWebAuthn'
  | 'resend'
  | 'recover'
  | 'changePassword'
  | 'skip'
  | 'cancel';

/**
 * Actions allowed in each status. `cancel` is allowed in every status but Idle; `skip` also needs `canSkip`,
 * `resend` needs `canResend`, `recover` (but in `AwaitingRecoveryIdentifier`) needs `canRecover`, and
 * `showAuthenticators` needs the state's `authenticators`.
 */
export const ALLOWED_ACTIONS: Readonly<Record<FlowStatus, readonly FlowAction[]>> = {
  Idle: ['login', 'recover', 'verifyWebAuthn'],
  Success: [],
  Terminal: [],
  PasswordExpired: ['changePassword', 'skip'],
  AwaitingAuthenticatorEnrollment: ['selectAuthenticator', 'skip'],
  AwaitingChallengeAuthenticatorSelection: ['selectAuthenticator'],
  AwaitingEnrollmentChannelSelection: ['selectEnrollmentChannel', 'showAuthenticators'],
  AwaitingEnrollmentChannelData: ['sendEnrollmentChannelData', 'selectEnrollmentChannel', 'showEnrollmentChannels', 'showAuthenticators'],
  AwaitingEnrollmentPoll: ['showEnrollmentChannels', 'selectEnrollmentChannel', 'showAuthenticators'],
  AwaitingChallengePoll: ['resend', 'showAuthenticators'],
  AwaitingChallengeCode: ['verifyCode', 'resend', 'showAuthenticators'],
  AwaitingPassword: ['verifyPassword', 'recover', 'showAuthenticators'],
  AwaitingEnrollmentData: ['sendEnrollmentData', 'showAuthenticators', 'skip'],
  AwaitingEnrollmentCode: ['verifyCode', 'resend', 'showAuthenticators', 'skip'],
  AwaitingRecoveryIdentifier: ['recover'],
  AwaitingPasswordReset: ['changePassword'],
  AwaitingWebAuthnEnrollment: ['verifyWebAuthn', 'showAuthenticators', 'skip'],
  AwaitingWebAuthnChallenge: ['verifyWebAuthn', 'showAuthenticators', 'recover'],
};

/** Statuses of enrolling an authenticator: "Verify with something else" goes back to the enrollment picker. */
export const ENROLLING: readonly FlowStatus[] = [
  'AwaitingEnrollmentChannelSelection',
  'AwaitingEnrollmentChannelData',
  'AwaitingEnrollmentPoll',
  'AwaitingEnrollmentData',
  'AwaitingEnrollmentCode',
  'AwaitingWebAuthnEnrollment',
];

/**
 * Whether the flow polls in this state, and which poll endpoint. The two poll statuses always do; a code view
 * does when the server gave a `refresh`: an email's magic link, opened anywhere, completes the step too.
 */
export function pollKindOf(state: FlowState): PollKind | null {
  const { status } = state;
  if (status === 'AwaitingEnrollmentPoll') return 'enroll';
  if (status === 'AwaitingChallengePoll') return 'challenge';
  if (state.refresh !== undefined && status === 'AwaitingEnrollmentCode') return 'enroll';
  if (state.refresh !== undefined && status === 'AwaitingChallengeCode') return 'challenge';
  return null;
}
