// The authenticator pickers: `select-authenticator-authenticate` (options relate to the user's enrollments, as
// Okta's do, WebAuthn's to `authenticators`) and `select-authenticator-enroll` (options relate to `authenticators`).
import { EMAIL, EXTERNAL_IDP, GOOGLE_OTP, ID_BY_KEY, OKTA_VERIFY, PASSWORD, PHONE, PHONE_METHOD_OPTIONS, WEBAUTHN } from './authenticators.mjs';
import { EXTRA } from './extra-authenticators.mjs';
import { CHANNEL_OPTIONS, METHOD_OPTIONS, form } from './ion.mjs';

const LABELS = {
  [OKTA_VERIFY]: 'Okta Verify',
  [PASSWORD]: 'Password',
  [EMAIL]: 'Email',
  [PHONE]: 'Phone',
  [GOOGLE_OTP]: 'Google Authenticator',
  [WEBAUTHN]: 'Security Key or Biometric',
  [EXTERNAL_IDP]: 'IdP Authenticator',
};

/** @param {string} key @param {{ passkeys?: boolean }} org */
const labelOf = (key, org) => (key === WEBAUTHN && org.passkeys ? 'Passkeys' : LABELS[key] ?? EXTRA[key]?.label);

const idField = (key) => ({ name: 'id', required: true, value: ID_BY_KEY[key], mutable: false });
const fixedMethod = (value) => ({ name: 'methodType', required: false, value, mutable: false });

/** @param {string} key @param {import('../store.mjs').User} user */
function verifyFields(key, user) {
  switch (key) {
    case OKTA_VERIFY:
      // A FastPass-only policy offers Okta Verify's signed nonce and nothing else.
      if (user.oktaVerify.fastPassOnly) return [idField(key), fixedMethod('signed_nonce')];
      return [idField(key), { name: 'methodType', type: 'string', required: false, options: METHOD_OPTIONS }];
    case EXTERNAL_IDP:
      return [idField(key)];
    case PHONE:
      return [
        idField(key),
        { name: 'methodType', type: 'string', required: false, options: PHONE_METHOD_OPTIONS },
        { name: 'enrollmentId', required: true, value: user.phone.enrollmentId, mutable: false },
      ];
    case EMAIL:
      return [idField(key), fixedMethod('email')];
    case GOOGLE_OTP:
      return [idField(key), fixedMethod('otp')];
    case WEBAUTHN:
      return [idField(key), fixedMethod('webauthn')];
    default:
      return [idField(key), fixedMethod(EXTRA[key]?.methodType ?? 'password')];
  }
}

/** @param {string} key */
function enrollFields(key) {
  switch (key) {
    case OKTA_VERIFY:
      return [idField(key), { name: 'channel', type: 'string', required: false, options: CHANNEL_OPTIONS }];
    case PHONE:
      return [
        idField(key),
        { name: 'methodType', type: 'string', required: false, options: PHONE_METHOD_OPTIONS },
        { name: 'phoneNumber', required: false, type: 'string', label: 'Phone number' },
      ];
    case EMAIL:
      return [idField(key), fixedMethod('email')];
    case WEBAUTHN:
      return [idField(key), fixedMethod('webauthn')];
    case PASSWORD:
      return [idField(key), fixedMethod('password')];
    default:
      return EXTRA[key] ? [idField(key), fixedMethod(EXTRA[key].methodType)] : [idField(key)];
  }
}

/**
 * Options relate to the user's enrollment, except WebAuthn's, which relates to the authenticator (a user may have
 * several security keys), as Okta's do.
 * @param {{ origin: string, stateHandle: string }} c
 * @param {import('../store.mjs').User} user
 * @param {string[]} keys the authenticators offered, which are also `authenticators` in this order
 * @param {string[]} enrolled the key of each entry of `authenticatorEnrollments`, in its order
 * @param {{ passkeys?: boolean }} [org]
 */
export const selectAuthenticate = (c, user, keys, enrolled, org = {}) =>
  form(c, 'select-authenticator-authenticate', '/idp/idx/challenge', [
    {
      name: 'authenticator',
      type: 'object',
      options: keys.map((key) => ({
        label: labelOf(key, org),
        value: { form: { value: verifyFields(key, user) } },
        relatesTo: key === WEBAUTHN ? `$.authenticators.value[${keys.indexOf(key)}]` : `$.authenticatorEnrollments.value[${enrolled.indexOf(key)}]`,
      })),
    },
  ]);

/**
 * @param {{ origin: string, stateHandle: string }} c
 * @param {string[]} keys the authenticators offered, which are also `authenticators` in this order
 * @param {{ passkeys?: boolean }} [org]
 */
export const selectEnroll = (c, keys, org = {}) =>
  form(c, 'select-authenticator-enroll', '/idp/idx/credential/enroll', [
    {
      name: 'authenticator',
      type: 'object',
      options: keys.map((key, i) => ({
        label: labelOf(key, org),
        value: { form: { value: enrollFields(key) } },
        relatesTo: `$.authenticators.value[${i}]`,
      })),
    },
  ]);

/** Okta Verify's enrollment form, also used by `select-enrollment-channel`. */
export const oktaVerifyEnrollForm = () => ({ form: { value: enrollFields(OKTA_VERIFY) } });
