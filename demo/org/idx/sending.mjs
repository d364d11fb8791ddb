// Shared by the verify and enroll endpoints: which authenticator a posted id names, and Okta's answer when a
// code may not be sent again yet.
import { idxMessage } from '../http.mjs';
import { EMAIL, GOOGLE_OTP, KEY_BY_ID, OKTA_VERIFY, PASSWORD, PHONE, WEBAUTHN } from './authenticators.mjs';
import { extraEnrollmentIds } from './extra-authenticators.mjs';
import { passwordEnrollment } from './ion.mjs';

/**
 * The authenticator key of a posted `authenticator.id`: an authenticator id, or one of the user's enrollment ids
 * (okta-auth-js sends the enrollment id when the form relates to `currentAuthenticatorEnrollment`).
 * @param {unknown} id
 * @param {import('../store.mjs').User} user
 */
export function keyOf(id, user) {
  if (typeof id !== 'string' || !id) return null;
  if (KEY_BY_ID[id]) return KEY_BY_ID[id];
  const enrollments = {
    [OKTA_VERIFY]: user.oktaVerify.enrollmentId,
    [EMAIL]: user.email.enrollmentId,
    [PHONE]: user.phone.enrollmentId,
    [GOOGLE_OTP]: user.googleOtp.enrollmentId,
    [PASSWORD]: passwordEnrollment(user).id,
    ...extraEnrollmentIds(user),
  };
  if (user.webauthn.credentials.some((c) => c.enrollmentId === id)) return WEBAUTHN;
  return Object.keys(enrollments).find((key) => enrollments[key] === id) ?? null;
}

/** Okta's messages for a send refused by its rate limit: per SMS, per call, and the generic one for email. */
export function rateLimitMessage(method) {
  if (method === 'sms') return idxMessage('You have reached the limit of sms requests, please try again later.', 'errors.E0000150');
  if (method === 'voice') return idxMessage('You have reached the limit of call requests, please try again later.', 'errors.E0000151');
  return idxMessage('Too many requests', 'tooManyRequests');
}

/**
 * @param {import('./routes.mjs').Kit} kit
 * @param {import('express').Response} res
 * @param {any} tx
 * @param {{ retryAfterMs: number }} refused
 * @param {string} method
 */
export const sendFailed = (kit, res, tx, refused, method) => kit.tooMany(res, tx, refused.retryAfterMs, rateLimitMessage(method));
