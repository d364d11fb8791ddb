// A Custom OTP authenticator (`custom_otp`): a hardware token the administrator issues, as Okta's custom OTP
// authenticators are provisioned through the Factors API, never by the user at sign-in. Its codes are TOTP
// (SHA-1, 6 digits, 30 s); the device page shows the current one, as the token's display would.
import { Secret } from 'otpauth';
import { idxMessage } from '../http.mjs';
import { oktaId } from '../ids.mjs';
import { currentCode } from './google-otp.mjs';

export const CUSTOM_OTP = 'custom_otp';
export const CUSTOM_OTP_ID = 'aut1custom0otp000001';
const DISPLAY_NAME = 'Hardware token';
const methods = [{ type: 'otp' }];

/** The authenticator as the org lists it, and what the challenge step needs. */
export const customOtp = {
  key: CUSTOM_OTP,
  id: CUSTOM_OTP_ID,
  label: DISPLAY_NAME,
  methodType: 'otp',
  challengeStep: 'challenge-custom-otp',
  // Okta offers no enrollment at sign-in: choosing it answers `enroll.hotp.restricted` (see enrollRestricted).
  enrollStep: null,
  authenticator: () => ({ type: 'security_key', key: CUSTOM_OTP, id: CUSTOM_OTP_ID, displayName: DISPLAY_NAME, methods }),
  /** @param {import('../store.mjs').User} user */
  enrollment: (user) => ({ type: 'security_key', key: CUSTOM_OTP, id: user.customOtp.enrollmentId, displayName: DISPLAY_NAME, methods }),
  enrolled: (user) => Boolean(user.customOtp?.enrolled),
  enrollmentId: (user) => user.customOtp?.enrollmentId ?? null,
  initialState: (record) => ({ customOtp: record.customOtp?.enrolled ? issued() : notIssued() }),
};

const notIssued = () => ({ enrolled: false, enrollmentId: null, secret: null, lastCounter: -1 });
const issued = () => ({ enrolled: true, enrollmentId: oktaId('uft'), secret: new Secret({ size: 20 }).base32, lastCounter: -1 });

/** The administrator issues a new token to the user (a new secret; codes of an earlier token stop working). */
export function issueToken(user) {
  user.customOtp = issued();
}

/** The administrator takes the token back: the user has no Custom OTP enrollment any more. */
export function revokeToken(user) {
  user.customOtp = notIssued();
}

/** What the token shows now, or null for a user without one. @param {import('../store.mjs').User} user */
export const tokenDisplay = (user) => (user.customOtp?.enrolled ? currentCode(user.customOtp.secret) : null);

/** Okta's answer when a user picks a Custom OTP authenticator to enroll. */
export const enrollRestricted = () => idxMessage('Contact your administrator to continue enrollment', 'enroll.hotp.restricted');
