import type { Views } from './index.js';
// The English sentences this shows (added to the English table when it loads).
import '../../shared/messages-steps.js';
import { pickerView } from './picker.js';
import { channelDataView, channelView, enrollPollView } from './enrollment.js';
import { pushView } from './challenge.js';
import { passwordView } from './password.js';
import { CODE_VIEWS } from './code-views.js';
import { RECOVERY_VIEWS } from './recovery-views.js';
import { WEBAUTHN_VIEWS } from './webauthn-views.js';
import { IDP_VIEWS } from './idp.js';
import { formStepView } from './form-step.js';

/** The view for each status after the sign-in form, and the sign-in form's identity provider buttons. */
export const STEP_VIEWS: Views = {
  AwaitingAuthenticatorEnrollment: pickerView,
  AwaitingChallengeAuthenticatorSelection: pickerView,
  AwaitingEnrollmentChannelSelection: channelView,
  AwaitingEnrollmentChannelData: channelDataView,
  AwaitingEnrollmentPoll: enrollPollView,
  AwaitingChallengePoll: pushView,
  PasswordExpired: passwordView,
  AwaitingInput: formStepView,
  ...CODE_VIEWS,
  ...RECOVERY_VIEWS,
  ...WEBAUTHN_VIEWS,
  ...IDP_VIEWS,
};
