// The org's authenticators as IDX describes them: the authenticator objects (what can be enrolled) and a user's
// enrollments (what they have, with Okta's masked profile), keyed by Okta's authenticator keys.
import { EXTRA, EXTRA_KEYS, EXTRA_KEY_BY_ID } from './extra-authenticators.mjs';
import { OKTA_VERIFY_ID, PASSWORD_ID, oktaVerifyAuthenticator, oktaVerifyEnrollment, passwordEnrollment } from './ion.mjs';

export const OKTA_VERIFY = 'okta_verify';
export const PASSWORD = 'okta_password';
export const EMAIL = 'okta_email';
export const PHONE = 'phone_number';
export const GOOGLE_OTP = 'google_otp';
export const WEBAUTHN = 'webauthn';
export const EXTERNAL_IDP = 'external_idp';

export const EMAIL_ID = 'aut1okta0email000001';
export const PHONE_ID = 'aut1okta0phone000001';
export const GOOGLE_OTP_ID = 'aut1google0otp000001';
export const WEBAUTHN_ID = 'aut1webauthn00000001';
export const EXTERNAL_IDP_ID = 'aut1external0idp0001';

/** Authenticator id -> key, for the ids a client posts back. */
export const KEY_BY_ID = {
  [OKTA_VERIFY_ID]: OKTA_VERIFY,
  [PASSWORD_ID]: PASSWORD,
  [EMAIL_ID]: EMAIL,
  [PHONE_ID]: PHONE,
  [GOOGLE_OTP_ID]: GOOGLE_OTP,
  [WEBAUTHN_ID]: WEBAUTHN,
  [EXTERNAL_IDP_ID]: EXTERNAL_IDP,
  ...EXTRA_KEY_BY_ID,
};

export const ID_BY_KEY = Object.fromEntries(Object.entries(KEY_BY_ID).map(([id, key]) => [key, id]));

export const PHONE_METHOD_OPTIONS = [
  { label: 'SMS', value: 'sms' },
  { label: 'Voice call', value: 'voice' },
];

const methods = (...types) => types.map((type) => ({ type }));

/**
 * The authenticator object of a key, as listed in `authenticators` and `currentAuthenticator`.
 * @param {string} key
 * @param {string[]} [only] the methods to list (e.g. the one a code was sent by)
 * @param {{ passkeys?: boolean }} [org] an org with passkeys calls WebAuthn "Passkeys", as Okta does
 */
export function authenticatorObject(key, only, org = {}) {
  switch (key) {
    case OKTA_VERIFY:
      return oktaVerifyAuthenticator(only);
    case PASSWORD:
      return { type: 'password', key, id: PASSWORD_ID, displayName: 'Password', methods: methods('password') };
    case EMAIL:
      return { type: 'email', key, id: EMAIL_ID, displayName: 'Email', methods: methods('email') };
    case PHONE:
      return { type: 'phone', key, id: PHONE_ID, displayName: 'Phone', methods: methods(...(only ?? ['sms', 'voice'])) };
    case GOOGLE_OTP:
      return { type: 'app', key, id: GOOGLE_OTP_ID, displayName: 'Google Authenticator', methods: methods('otp') };
    case WEBAUTHN:
      return { type: 'security_key', key, id: WEBAUTHN_ID, displayName: org.passkeys ? 'Passkeys' : 'Security Key or Biometric', methods: methods('webauthn') };
    case EXTERNAL_IDP:
      return { key, type: 'federated', id: EXTERNAL_IDP_ID, displayName: 'IdP Authenticator', methods: methods('idp') };
    default:
      if (EXTRA[key]) return EXTRA[key].authenticator();
      throw new Error(`unknown authenticator ${key}`);
  }
}

/** "erin@example.com" -> "e***n@example.com", the way Okta shows where an email went. */
export function maskEmail(address) {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  const local = address.slice(0, at);
  return `${local[0]}***${local.length > 1 ? local[local.length - 1] : ''}${address.slice(at)}`;
}

/** "+15550100001" -> "+1 XXX-XXX-0001", as Okta masks a phone number. */
export function maskPhone(number) {
  const digits = number.replace(/\D/g, '');
  const last4 = digits.slice(-4);
  const country = digits.length > 10 ? digits.slice(0, digits.length - 10) : '';
  return `${country ? `+${country} ` : ''}XXX-XXX-${last4}`;
}

/**
 * The user's enrollment of a key, as listed in `authenticatorEnrollments` and `currentAuthenticatorEnrollment`.
 * @param {import('../store.mjs').User} user
 * @param {string} key
 * @param {string[]} [only] the methods to list
 */
export function enrollmentObject(user, key, only) {
  switch (key) {
    case OKTA_VERIFY:
      return oktaVerifyEnrollment(user);
    case PASSWORD:
      return passwordEnrollment(user);
    case EMAIL:
      return { profile: { email: maskEmail(user.email.address) }, ...authenticatorObject(EMAIL), id: user.email.enrollmentId };
    case PHONE:
      return { profile: { phoneNumber: maskPhone(user.phone.number) }, ...authenticatorObject(PHONE, only), id: user.phone.enrollmentId };
    case GOOGLE_OTP:
      return { ...authenticatorObject(GOOGLE_OTP), id: user.googleOtp.enrollmentId };
    case EXTERNAL_IDP:
      // As Okta lists it: the enrollment carries the authenticator's id.
      return authenticatorObject(EXTERNAL_IDP);
    default:
      if (EXTRA[key]) return EXTRA[key].enrollment(user);
      throw new Error(`unknown authenticator ${key}`);
  }
}

/**
 * The user's WebAuthn enrollments, one per credential as Okta lists them, each with its `credentialId` (base64url),
 * from which clients build `excludeCredentials` and `allowCredentials`.
 * @param {import('../store.mjs').User} user
 */
export const webauthnEnrollments = (user) =>
  user.webauthn.credentials.map((c) => ({
    type: 'security_key',
    key: WEBAUTHN,
    id: c.enrollmentId,
    authenticatorId: WEBAUTHN_ID,
    displayName: c.name,
    credentialId: c.id,
    ...(c.transports.length ? { transports: c.transports } : {}),
    methods: methods('webauthn'),
  }));

/**
 * Every enrollment of the listed keys, in their order: one entry per key, and one per credential for WebAuthn.
 * @param {import('../store.mjs').User} user
 * @param {string[]} keys
 */
export const enrollmentList = (user, keys) => keys.flatMap((key) => (key === WEBAUTHN ? webauthnEnrollments(user) : [enrollmentObject(user, key)]));

/** Keys in the order Okta lists a user's enrollments (the password last, as the org always did). */
export const ENROLLMENT_ORDER = [OKTA_VERIFY, EMAIL, PHONE, GOOGLE_OTP, WEBAUTHN, EXTERNAL_IDP, ...EXTRA_KEYS, PASSWORD];
