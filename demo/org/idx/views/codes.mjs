// Steps of the authenticators that verify by a code: Email (code or magic link, with polling), Phone (SMS or
// voice) and Google Authenticator (QR code and shared secret), for enrollment and for challenge.
import { EMAIL, GOOGLE_OTP, ID_BY_KEY, PHONE, PHONE_METHOD_OPTIONS, authenticatorObject, enrollmentObject } from '../authenticators.mjs';
import { fieldMessages, form } from '../ion.mjs';

const obj = (value) => ({ type: 'object', value });

/** @typedef {import('./index.mjs').View} View */

const codeField = (v) => ({
  name: 'credentials',
  type: 'object',
  form: { value: [{ name: 'passcode', label: 'Enter code', required: true, visible: true, ...fieldMessages(v.fe.passcode) }] },
  required: true,
});

const resend = (c) => form(c, 'resend', '/idp/idx/challenge/resend', []);
const poll = (v) => form(v.c, 'poll', '/idp/idx/challenge/poll', [], { refresh: v.ctx.pollRefreshMs });

/**
 * Okta's actions on the authenticator a code went to: resend for email and phone; poll for email, which
 * completes once the magic link is opened.
 * @param {View} v
 * @param {string} key
 */
const actions = (v, key) => ({
  ...(key === EMAIL || key === PHONE ? { resend: resend(v.c) } : {}),
  ...(key === EMAIL ? { poll: poll(v), contextualData: { useEmailMagicLink: true } } : {}),
});

/** @param {View} v */
export function challengeCode(v) {
  const { c, tx, user } = v;
  const { key, method } = tx.challenge;
  if (key === GOOGLE_OTP) {
    v.body.currentAuthenticator = obj(authenticatorObject(GOOGLE_OTP));
    return [form(c, 'challenge-authenticator', '/idp/idx/challenge/answer', [codeField(v)], { relatesTo: ['$.currentAuthenticator'] }), v.verifyPicker()];
  }
  v.body.currentAuthenticatorEnrollment = obj({ ...actions(v, key), ...enrollmentObject(user, key, [method]) });
  const relatesTo = ['$.currentAuthenticatorEnrollment'];
  return [
    form(c, 'challenge-authenticator', '/idp/idx/challenge/answer', [codeField(v)], { relatesTo }),
    // Okta polls an email challenge through currentAuthenticatorEnrollment.poll; the remediation lets clients that
    // poll remediations (okta-auth-js's poll(), `proceed({ step: 'challenge-poll' })`) do the same.
    ...(key === EMAIL ? [form(c, 'challenge-poll', '/idp/idx/challenge/poll', [], { relatesTo, refresh: v.ctx.pollRefreshMs })] : []),
    v.verifyPicker(),
  ];
}

/** @param {View} v */
export function enrollCode(v) {
  const { c, tx } = v;
  const { key, method } = tx.challenge;
  const contextualData =
    key === GOOGLE_OTP
      ? { contextualData: { qrcode: { method: 'embedded', href: tx.otpQrHref, type: 'image/png' }, sharedSecret: tx.otpSecret } }
      : {};
  v.body.currentAuthenticator = obj({ ...actions(v, key), ...contextualData, ...authenticatorObject(key, method ? [method] : undefined) });
  v.body.enrollmentAuthenticator = obj(authenticatorObject(key, method ? [method] : undefined));
  return [
    form(c, 'enroll-authenticator', '/idp/idx/challenge/answer', [codeField(v)], { relatesTo: ['$.currentAuthenticator'] }),
    ...(key === EMAIL ? [form(c, 'enroll-poll', '/idp/idx/challenge/poll', [], { refresh: v.ctx.pollRefreshMs })] : []),
    v.enrollPicker(),
    ...v.skip(),
  ];
}

/** Phone enrollment: the number and SMS or voice. @param {View} v */
export function phoneEnrollmentData(v) {
  v.body.currentAuthenticator = obj(authenticatorObject(PHONE));
  return [
    form(
      v.c,
      'authenticator-enrollment-data',
      '/idp/idx/credential/enroll',
      [
        {
          name: 'authenticator',
          label: 'Phone',
          form: {
            value: [
              { name: 'id', required: true, value: ID_BY_KEY[PHONE], mutable: false },
              { name: 'methodType', type: 'string', required: true, options: PHONE_METHOD_OPTIONS, ...fieldMessages(v.fe.methodType) },
              { name: 'phoneNumber', label: 'Phone number', required: true, ...fieldMessages(v.fe.phoneNumber) },
            ],
          },
        },
      ],
      { relatesTo: ['$.currentAuthenticator'] },
    ),
    v.enrollPicker(),
    ...v.skip(),
  ];
}

/** Phone challenge: SMS or voice. @param {View} v */
export function phoneVerificationData(v) {
  v.body.currentAuthenticatorEnrollment = obj(enrollmentObject(v.user, PHONE));
  return [
    form(
      v.c,
      'authenticator-verification-data',
      '/idp/idx/challenge',
      [
        {
          name: 'authenticator',
          type: 'object',
          label: 'Phone',
          form: {
            value: [
              { name: 'id', required: true, value: ID_BY_KEY[PHONE], mutable: false },
              { name: 'methodType', type: 'string', required: true, options: PHONE_METHOD_OPTIONS },
            ],
          },
        },
      ],
      { relatesTo: ['$.currentAuthenticatorEnrollment'] },
    ),
    v.verifyPicker(),
  ];
}
