import type { TemplateResult } from 'lit';
import type { FlowStatus } from '../../../core/types.js';
import type { ViewHost } from './host.js';
import { credentialsView } from './credentials.js';
import { pickerView } from './picker.js';
import { channelDataView, channelView, enrollPollView } from './enrollment.js';
import { codeView, pushView } from './challenge.js';
import { passwordView } from './password.js';
import { successView, terminalView } from './outcome.js';

/** The view for each status. */
export const VIEWS: Record<FlowStatus, (h: ViewHost) => TemplateResult> = {
  Idle: credentialsView,
  AwaitingAuthenticatorEnrollment: pickerView,
  AwaitingChallengeAuthenticatorSelection: pickerView,
  AwaitingEnrollmentChannelSelection: channelView,
  AwaitingEnrollmentChannelData: channelDataView,
  AwaitingEnrollmentPoll: enrollPollView,
  AwaitingChallengePoll: pushView,
  AwaitingChallengeCode: codeView,
  PasswordExpired: passwordView,
  Success: successView,
  Terminal: terminalView,
};
