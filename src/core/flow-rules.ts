import type { FlowStatus, PollKind } from './types.js';

/** What a user can ask the flow to do. */
export type FlowAction =
  | 'login'
  | 'selectAuthenticator'
  | 'selectEnrollmentChannel'
  | 'showEnrollmentChannels'
  | 'sendEnrollmentChannelData'
  | 'verifyCode'
  | 'changePassword'
  | 'skip'
  | 'cancel';

/** Actions allowed in each status (`cancel` is allowed in every status but Idle; `skip` also needs canSkip). */
export const ALLOWED_ACTIONS: Readonly<Record<FlowStatus, readonly FlowAction[]>> = {
  Idle: ['login'],
  Success: [],
  Terminal: [],
  PasswordExpired: ['changePassword'],
  AwaitingAuthenticatorEnrollment: ['selectAuthenticator', 'skip'],
  AwaitingChallengeAuthenticatorSelection: ['selectAuthenticator'],
  AwaitingEnrollmentChannelSelection: ['selectEnrollmentChannel'],
  AwaitingEnrollmentChannelData: ['sendEnrollmentChannelData', 'selectEnrollmentChannel', 'showEnrollmentChannels'],
  AwaitingEnrollmentPoll: ['showEnrollmentChannels', 'selectEnrollmentChannel'],
  AwaitingChallengePoll: [],
  AwaitingChallengeCode: ['verifyCode'],
};

export function pollKindOf(status: FlowStatus): PollKind | null {
  if (status === 'AwaitingEnrollmentPoll') return 'enroll';
  if (status === 'AwaitingChallengePoll') return 'challenge';
  return null;
}
