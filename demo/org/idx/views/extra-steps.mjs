// The views of the self-service, post-authentication and typed-answer steps, by transaction step, for the table in
// views/index.mjs.
import { customOtp } from '../custom-otp.mjs';
import { securityQuestion } from '../security-question.mjs';
import { challengeCustomOtp, challengeSecurityQuestion, enrollPassword, enrollSecurityQuestion } from './answers.mjs';
import { consent, consentDenied, expiryWarning, gracePeriod, keepMeSignedIn } from './post-auth.mjs';
import { enrollProfile, unlockAccount } from './self-service.mjs';

export { identifyExtras } from './self-service.mjs';

/** A new user's first password: an enrollment step. */
export const ENROLL_PASSWORD = 'enroll-password';

/** @type {Record<string, (v: import('./index.mjs').View) => object[]>} */
export const EXTRA_STEP_VIEWS = {
  'enroll-profile': enrollProfile,
  'unlock-account': unlockAccount,
  [ENROLL_PASSWORD]: enrollPassword,
  [securityQuestion.enrollStep]: enrollSecurityQuestion,
  [securityQuestion.challengeStep]: challengeSecurityQuestion,
  [customOtp.challengeStep]: challengeCustomOtp,
  'password-expiry-warning': expiryWarning,
  'grace-period': gracePeriod,
  'keep-me-signed-in': keepMeSignedIn,
  consent,
  'consent-denied': consentDenied,
};
