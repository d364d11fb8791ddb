// Renders a sign-in transaction as the IDX response Okta sends for its current step.
import {
  CHANNEL_OPTIONS,
  METHOD_OPTIONS,
  OKTA_VERIFY_ID,
  PASSWORD_SETTINGS,
  fieldMessages,
  form,
  oktaVerifyAuthenticator,
  oktaVerifyEnrollment,
  passwordEnrollment,
  userObject,
} from './ion.mjs';

/**
 * @typedef {{ origin: string, pollRefreshMs: number, users: import('../store.mjs').OrgStore }} ViewContext
 * @typedef {{ messages?: object[], fieldErrors?: Record<string, object[]> }} ViewNotes
 */

const list = (value) => ({ type: 'array', value });
const obj = (value) => ({ type: 'object', value });

function identifyForm(c, notes) {
  const fe = notes.fieldErrors ?? {};
  return form(c, 'identify', '/idp/idx/identify', [
    { name: 'identifier', label: 'Username', required: true, ...fieldMessages(fe.identifier) },
    {
      name: 'credentials',
      type: 'object',
      form: { value: [{ name: 'passcode', label: 'Password', secret: true, ...fieldMessages(fe.passcode) }] },
      required: true,
    },
    { name: 'rememberMe', type: 'boolean', label: 'Keep me signed in' },
  ]);
}

const selectAuthenticate = (c) =>
  form(c, 'select-authenticator-authenticate', '/idp/idx/challenge', [
    {
      name: 'authenticator',
      type: 'object',
      options: [
        {
          label: 'Okta Verify',
          value: {
            form: {
              value: [
                { name: 'id', required: true, value: OKTA_VERIFY_ID, mutable: false },
                { name: 'methodType', type: 'string', required: false, options: METHOD_OPTIONS },
              ],
            },
          },
          relatesTo: '$.authenticators.value[0]',
        },
      ],
    },
  ]);

const oktaVerifyEnrollForm = () => ({
  form: {
    value: [
      { name: 'id', required: true, value: OKTA_VERIFY_ID, mutable: false },
      { name: 'channel', type: 'string', required: false, options: CHANNEL_OPTIONS },
    ],
  },
});

const selectEnroll = (c) =>
  form(c, 'select-authenticator-enroll', '/idp/idx/credential/enroll', [
    {
      name: 'authenticator',
      type: 'object',
      options: [{ label: 'Okta Verify', value: oktaVerifyEnrollForm(), relatesTo: '$.authenticators.value[0]' }],
    },
  ]);

const selectChannel = (c) =>
  form(c, 'select-enrollment-channel', '/idp/idx/credential/enroll', [
    { name: 'authenticator', type: 'object', label: 'Okta Verify', value: oktaVerifyEnrollForm() },
  ]);

const skip = (c) => form(c, 'skip', '/idp/idx/skip', []);

/**
 * @param {any} tx the transaction
 * @param {ViewContext} ctx
 * @param {ViewNotes} [notes] messages to show with this response
 */
export function render(tx, ctx, notes = {}) {
  const c = { origin: ctx.origin, stateHandle: tx.stateHandle };
  const user = tx.username ? ctx.users.findUser(tx.username) : undefined;
  const body = {
    version: '1.0.0',
    stateHandle: tx.stateHandle,
    expiresAt: new Date(tx.expiresAt).toISOString(),
    intent: 'LOGIN',
  };
  const remediation = [];
  const messages = [...(notes.messages ?? [])];
  const fe = notes.fieldErrors ?? {};
  const optional = user?.oktaVerify.policy === 'optional';

  switch (tx.step) {
    case 'identify':
      remediation.push(identifyForm(c, notes));
      break;

    case 'select-authenticate':
      remediation.push(selectAuthenticate(c));
      break;

    case 'verification-data':
      remediation.push(
        form(
          c,
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
        selectAuthenticate(c),
      );
      body.currentAuthenticator = obj(oktaVerifyAuthenticator());
      break;

    case 'challenge-push':
      remediation.push(
        form(c, 'challenge-poll', '/idp/idx/authenticators/poll', [], {
          relatesTo: ['$.currentAuthenticator'],
          refresh: ctx.pollRefreshMs,
        }),
        selectAuthenticate(c),
      );
      body.currentAuthenticator = obj({
        resend: form(c, 'resend', '/idp/idx/challenge', [
          { name: 'authenticator', required: true, value: { methodType: 'push', id: OKTA_VERIFY_ID }, visible: false, mutable: false },
        ]),
        contextualData: { correctAnswer: String(tx.push.correctAnswer) },
        ...oktaVerifyAuthenticator(['push']),
      });
      break;

    case 'push-rejected':
      remediation.push(
        form(
          c,
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
        selectAuthenticate(c),
      );
      body.currentAuthenticator = obj(oktaVerifyAuthenticator(['push']));
      break;

    case 'challenge-totp':
      remediation.push(
        form(
          c,
          'challenge-authenticator',
          '/idp/idx/challenge/answer',
          [
            {
              name: 'credentials',
              type: 'object',
              form: { value: [{ name: 'totp', label: 'Enter code', required: true, visible: true, ...fieldMessages(fe.totp) }] },
              required: true,
            },
          ],
          { relatesTo: ['$.currentAuthenticator'] },
        ),
        selectAuthenticate(c),
      );
      body.currentAuthenticator = obj(oktaVerifyAuthenticator(['totp']));
      break;

    case 'reenroll-password':
      remediation.push(
        form(
          c,
          'reenroll-authenticator',
          '/idp/idx/challenge/answer',
          [
            {
              name: 'credentials',
              type: 'object',
              form: { value: [{ name: 'passcode', label: 'New password', secret: true, ...fieldMessages(fe.passcode) }] },
              required: true,
            },
          ],
          { relatesTo: ['$.currentAuthenticatorEnrollment'] },
        ),
      );
      body.currentAuthenticatorEnrollment = obj({ ...passwordEnrollment(user), settings: PASSWORD_SETTINGS });
      if (!messages.length) messages.push({ message: 'Your password has expired', i18n: { key: 'password.expired.title.generic', params: [] }, class: 'INFO' });
      break;

    case 'select-enroll':
      remediation.push(selectEnroll(c));
      if (optional) remediation.push(skip(c));
      break;

    case 'enrollment-channel-data': {
      const field =
        tx.channel === 'email'
          ? { name: 'email', label: 'Email', required: true, visible: true, ...fieldMessages(fe.email) }
          : { name: 'phoneNumber', label: 'Phone Number', required: true, visible: true, ...fieldMessages(fe.phoneNumber) };
      remediation.push(form(c, 'enrollment-channel-data', '/idp/idx/challenge/send', [field]), selectChannel(c), selectEnroll(c));
      if (optional) remediation.push(skip(c));
      body.currentAuthenticator = obj({ contextualData: { selectedChannel: tx.channel }, ...oktaVerifyAuthenticator(['totp']) });
      break;
    }

    case 'enroll-poll': {
      remediation.push(
        form(c, 'enroll-poll', '/idp/idx/challenge/poll', [], { refresh: ctx.pollRefreshMs }),
        selectChannel(c),
        selectEnroll(c),
      );
      if (optional) remediation.push(skip(c));
      const contextualData =
        tx.channel === 'qrcode'
          ? { qrcode: { method: 'embedded', href: tx.qrHref, type: 'image/png' }, selectedChannel: 'qrcode' }
          : tx.channel === 'email'
            ? { selectedChannel: 'email', email: tx.channelTarget }
            : { selectedChannel: 'sms', phoneNumber: tx.channelTarget };
      body.currentAuthenticator = obj({
        ...(tx.channel === 'qrcode' ? {} : { resend: form(c, 'resend', '/idp/idx/challenge/resend', []) }),
        contextualData,
        ...oktaVerifyAuthenticator(['totp']),
      });
      body.enrollmentAuthenticator = obj(oktaVerifyAuthenticator(['totp']));
      break;
    }

    case 'success':
      delete body.stateHandle;
      body.successWithInteractionCode = {
        rel: ['create-form'],
        name: 'issue',
        href: `${tx.issuer}/v1/token`,
        method: 'POST',
        value: [
          { name: 'grant_type', required: true, value: 'interaction_code' },
          { name: 'interaction_code', required: true, value: tx.interactionCode },
          { name: 'client_id', required: true, value: tx.clientId },
          { name: 'code_verifier', required: true },
        ],
        accepts: 'application/x-www-form-urlencoded',
      };
      break;

    default:
      throw new Error(`unknown transaction step ${tx.step}`);
  }

  if (messages.length) body.messages = list(messages);
  if (remediation.length) body.remediation = list(remediation);
  if (user && tx.step !== 'identify') {
    const enrolling = ['select-enroll', 'enrollment-channel-data', 'enroll-poll'].includes(tx.step);
    const authenticating = ['select-authenticate', 'verification-data', 'challenge-push', 'push-rejected', 'challenge-totp'].includes(tx.step);
    if (enrolling || authenticating) body.authenticators = list([oktaVerifyAuthenticator()]);
    body.authenticatorEnrollments = list([
      ...(user.oktaVerify.enrolled ? [oktaVerifyEnrollment(user)] : []),
      passwordEnrollment(user),
    ]);
    body.user = userObject(user);
  }
  body.cancel = form(c, 'cancel', '/idp/idx/cancel', []);
  body.app = obj({ name: 'oidc_client', label: ctx.appLabel?.(tx.clientId) ?? tx.clientId, id: tx.clientId });
  return body;
}
