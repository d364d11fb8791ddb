import { FLOW_STATUSES } from './statuses.js';
import { ACTIONS, type FlowAction } from './actions.js';
import { type FlowState, type FlowStatus, type PollKind } from './types.js';

export type { FlowAction };

/**
 * Actions allowed in each status, read from the action table (`ACTIONS`), whose rules also say what the state must
 * offer: `skip` needs `canSkip`, `resend` `canResend`, `recover` `canRecover`, `proceed` a form or a link.
 */
export const ALLOWED_ACTIONS: Readonly<Record<FlowStatus, readonly FlowAction[]>> = Object.fromEntries(
  FLOW_STATUSES.map((status) => [status, (Object.keys(ACTIONS) as FlowAction[]).filter((a) => ACTIONS[a].statuses.includes(status))]),
) as Record<FlowStatus, FlowAction[]>;

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
