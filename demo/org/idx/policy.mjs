// The org's sign-on, enrollment and recovery policies, per user: which authenticators must be enrolled, which
// may verify the second factor, and which can recover a forgotten password.
import { EXTRA } from './extra-authenticators.mjs';
import { EMAIL, ENROLLMENT_ORDER, EXTERNAL_IDP, GOOGLE_OTP, OKTA_VERIFY, PASSWORD, PHONE, WEBAUTHN } from './authenticators.mjs';

/**
 * @param {import('../store.mjs').User} user
 * @param {string} key
 */
export function isEnrolled(user, key) {
  switch (key) {
    case OKTA_VERIFY:
      return user.oktaVerify.enrolled;
    case EMAIL:
      return user.email.enrolled;
    case PHONE:
      return user.phone.enrolled;
    case GOOGLE_OTP:
      return user.googleOtp.enrolled;
    case WEBAUTHN:
      return user.webauthn.credentials.length > 0;
    case EXTERNAL_IDP:
      return Boolean(user.externalIdp?.enrolled);
    case PASSWORD:
      // Null only for someone who has not set one yet (a new self-registered user) and for a phantom.
      return user.password !== null;
    default:
      return Boolean(EXTRA[key]?.enrolled(user));
  }
}

/** Authenticators the user must enroll before signing in, in the policy's order. */
export const requiredEnrollments = (user) => user.signOn.enroll.filter((key) => !isEnrolled(user, key));

/** Authenticators the user is offered to enroll but may skip (Okta Verify for dave). */
export const optionalEnrollments = (user) => user.signOn.optional.filter((key) => !isEnrolled(user, key));

/** Enrolled authenticators that satisfy the second factor, in the order the picker lists them. */
export const verifyOptions = (user) => user.signOn.verifyWith.filter((key) => isEnrolled(user, key));

/** Enrolled authenticators that can prove who is recovering a password (the org's recovery policy: email or phone). */
export const recoveryOptions = (user) => [EMAIL, PHONE].filter((key) => isEnrolled(user, key));

/** The user's enrollments, in Okta's listing order. */
export const enrolledKeys = (user) => ENROLLMENT_ORDER.filter((key) => isEnrolled(user, key));

/**
 * The sign-on policy of a user record: Okta Verify's `policy` plus the record's `signOn` lists. Verification
 * defaults to what must be enrolled, so a user who enrolled an authenticator is later asked for it.
 * @param {import('../data.mjs').UserRecord} record
 */
export function signOnPolicy(record) {
  const ov = record.oktaVerify.policy;
  const enroll = [...(ov === 'required' ? [OKTA_VERIFY] : []), ...(record.signOn?.enroll ?? [])];
  const optional = ov === 'optional' ? [OKTA_VERIFY] : [];
  const verifyWith = record.signOn?.verifyWith ?? [...enroll, ...optional];
  return { enroll, optional, verifyWith };
}
