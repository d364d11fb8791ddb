// Okta Verify's steps: choosing push or code, the number challenge, a denied push, TOTP, and enrollment by QR code,
// email or SMS link.
import { METHOD_OPTIONS, OKTA_VERIFY_ID, fieldMessages, form, oktaVerifyAuthenticator } from '../ion.mjs';
import { oktaVerifyEnrollForm } from '../pickers.mjs';

const obj = (value) => ({ type: 'object', value });

const selectChannel = (c) =>
  form(c, 'select-enrollment-channel', '/idp/idx/credential/enroll', [
    { name: 'authenticator', type: 'object', label: 'Okta Verify', value: oktaVerifyEnrollForm() },
  ]);

/** @typedef {import('./index.mjs').View} View */

/** @param {View} v */
export function verificationData(v) {
  v.body.currentAuthenticator = obj(oktaVerifyAuthenticator());
  return [
    form(
      v.c,
      'authenticator-verification-data',
      '/idp/idx/challenge',
      [
        {
          name: 'authenticator',
          label: 'Okta Verify',
          form: {
            value: [
              { name: 'id', required: true, value: OKTA_VERIFY_ID, mutable: false },
              { name: 'methodType', type: 'string', required: true, options: METHOD_OPTIONS },
            ],
          },
        },
      ],
      { relatesTo: ['$.currentAuthenticator'] },
    ),
    v.verifyPicker(),
  ];
}

/** @param {View} v */
export function challengePush(v) {
  const { c, tx } = v;
  v.body.currentAuthenticator = obj({
    resend: form(c, 'resend', '/idp/idx/challenge', [
      { name: 'authenticator', required: true, value: { methodType: 'push', id: OKTA_VERIFY_ID }, visible: false, mutable: false },
    ]),
    contextualData: { correctAnswer: String(tx.push.correctAnswer) },
    ...oktaVerifyAuthenticator(['push']),
  });
  return [
    form(c, 'challenge-poll', '/idp/idx/authenticators/poll', [], { relatesTo: ['$.currentAuthenticator'], refresh: v.ctx.pollRefreshMs }),
    v.verifyPicker(),
  ];
}

/** @param {View} v */
export function pushRejected(v) {
  v.body.currentAuthenticator = obj(oktaVerifyAuthenticator(['push']));
  return [
    form(
      v.c,
      'resend',
      '/idp/idx/challenge',
      [
        {
          name: 'authenticator',
          type: 'object',
          label: 'Okta Verify',
          value: {
            form: {
              value: [
                { name: 'id', value: OKTA_VERIFY_ID, required: true, mutable: false },
                { name: 'methodType', value: 'push', label: 'PUSH', required: true, mutable: false },
              ],
            },
          },
        },
      ],
      { relatesTo: ['$.currentAuthenticator'] },
    ),
    v.verifyPicker(),
  ];
}

/** @param {View} v */
export function challengeTotp(v) {
  v.body.currentAuthenticator = obj(oktaVerifyAuthenticator(['totp']));
  return [
    form(
      v.c,
      'challenge-authenticator',
      '/idp/idx/challenge/answer',
      [
        {
          name: 'credentials',
          type: 'object',
          form: { value: [{ name: 'totp', label: 'Enter code', required: true, visible: true, ...fieldMessages(v.fe.totp) }] },
          required: true,
        },
      ],
      { relatesTo: ['$.currentAuthenticator'] },
    ),
    v.verifyPicker(),
  ];
}

/** @param {View} v */
export function enrollmentChannelData(v) {
  const { c, tx, fe } = v;
  const field =
    tx.channel === 'email'
      ? { name: 'email', label: 'Email', required: true, visible: true, ...fieldMessages(fe.email) }
      : { name: 'phoneNumber', label: 'Phone Number', required: true, visible: true, ...fieldMessages(fe.phoneNumber) };
  v.body.currentAuthenticator = obj({ contextualData: { selectedChannel: tx.channel }, ...oktaVerifyAuthenticator(['totp']) });
  return [form(c, 'enrollment-channel-data', '/idp/idx/challenge/send', [field]), selectChannel(c), v.enrollPicker(), ...v.skip()];
}

/** @param {View} v */
export function enrollPoll(v) {
  const { c, tx } = v;
  const contextualData =
    tx.channel === 'qrcode'
      ? { qrcode: { method: 'embedded', href: tx.qrHref, type: 'image/png' }, selectedChannel: 'qrcode' }
      : tx.channel === 'email'
        ? { selectedChannel: 'email', email: tx.channelTarget }
        : { selectedChannel: 'sms', phoneNumber: tx.channelTarget };
  v.body.currentAuthenticator = obj({
    ...(tx.channel === 'qrcode' ? {} : { resend: form(c, 'resend', '/idp/idx/challenge/resend', []) }),
    contextualData,
    ...oktaVerifyAuthenticator(['totp']),
  });
  v.body.enrollmentAuthenticator = obj(oktaVerifyAuthenticator(['totp']));
  return [
    form(c, 'enroll-poll', '/idp/idx/challenge/poll', [], { refresh: v.ctx.pollRefreshMs }),
    selectChannel(c),
    v.enrollPicker(),
    ...v.skip(),
  ];
}
