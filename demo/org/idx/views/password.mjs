// The password's steps: identify (with the password, or the username alone for identifier-first apps), the
// password as a challenge, an expired password, and recovery (identify-recovery, then the new password).
import { PASSWORD, authenticatorObject, enrollmentObject } from '../authenticators.mjs';
import { PASSWORD_SETTINGS, fieldMessages, form } from '../ion.mjs';

const obj = (value) => ({ type: 'object', value });

/** @typedef {import('./index.mjs').View} View */

/** The "Forgot password?" action Okta puts on the password (okta-auth-js: `currentAuthenticator-recover`). */
const recover = (c) => form(c, 'recover', '/idp/idx/recover', []);

const passcode = (label, messages) => ({ name: 'passcode', label, secret: true, ...fieldMessages(messages) });

/** @param {View} v */
export function identify(v) {
  const { c, fe } = v;
  const fields = [{ name: 'identifier', label: 'Username', required: true, ...fieldMessages(fe.identifier) }];
  if (!v.identifierFirst) {
    fields.push({ name: 'credentials', type: 'object', form: { value: [passcode('Password', fe.passcode)] }, required: true });
    v.body.currentAuthenticator = obj({ ...authenticatorObject(PASSWORD), recover: recover(c) });
  }
  fields.push({ name: 'rememberMe', type: 'boolean', label: 'Keep me signed in' });
  return [form(c, 'identify', '/idp/idx/identify', fields)];
}

/** @param {View} v */
export function identifyRecovery(v) {
  return [form(v.c, 'identify-recovery', '/idp/idx/identify', [{ name: 'identifier', label: 'Username', required: true, ...fieldMessages(v.fe.identifier) }])];
}

/** @param {View} v */
export function challengePassword(v) {
  const { c, user } = v;
  v.body.currentAuthenticatorEnrollment = obj({ ...enrollmentObject(user, PASSWORD), recover: recover(c) });
  return [
    form(
      c,
      'challenge-authenticator',
      '/idp/idx/challenge/answer',
      [{ name: 'credentials', type: 'object', form: { value: [passcode('Password', v.fe.passcode)] }, required: true }],
      { relatesTo: ['$.currentAuthenticatorEnrollment'] },
    ),
    v.verifyPicker(),
  ];
}

const withRules = () => ({ ...authenticatorObject(PASSWORD), settings: PASSWORD_SETTINGS });

/** @param {View} v */
export function reenrollPassword(v) {
  // As Okta sends an expired password: the form relates to currentAuthenticator, which carries the rules.
  v.body.currentAuthenticator = obj(withRules());
  if (!v.messages.length) {
    v.messages.push({ message: 'Your password has expired', i18n: { key: 'password.expired.title.generic', params: [] }, class: 'INFO' });
  }
  return [
    form(
      v.c,
      'reenroll-authenticator',
      '/idp/idx/challenge/answer',
      [{ name: 'credentials', type: 'object', form: { value: [passcode('New password', v.fe.passcode)] }, required: true }],
      { relatesTo: ['$.currentAuthenticator'] },
    ),
  ];
}

/** @param {View} v */
export function resetPassword(v) {
  v.body.currentAuthenticator = obj(withRules());
  v.body.recoveryAuthenticator = obj(withRules());
  return [
    form(
      v.c,
      'reset-authenticator',
      '/idp/idx/challenge/answer',
      [
        {
          name: 'credentials',
          type: 'object',
          form: {
            value: [
              passcode('New password', v.fe.passcode),
              { name: 'revokeSessions', type: 'boolean', label: 'Sign me out of all other devices' },
            ],
          },
          required: true,
        },
      ],
      { relatesTo: ['$.currentAuthenticator'] },
    ),
  ];
}
