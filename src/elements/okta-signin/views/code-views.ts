import type { Views } from './index.js';
import { codeView } from './code.js';
import { phoneView } from './phone.js';

/** Views of the steps that verify or enroll with a code sent by email, SMS or voice, or shown by an app. */
export const CODE_VIEWS: Views = {
  AwaitingChallengeCode: codeView,
  AwaitingEnrollmentCode: codeView,
  AwaitingEnrollmentData: phoneView,
};
