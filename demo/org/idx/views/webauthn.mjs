// Steps of Security Key or Biometric (WebAuthn): enrollment (the creation options in `activationData`), challenge
// (the request options in `challengeData`, the allowed credentials in `authenticatorEnrollments`) and, in an org
// with passkeys, the passkey sign-in Okta offers on identify (`challenge-webauthn-autofillui-authenticator`).
import { WEBAUTHN, authenticatorObject } from '../authenticators.mjs';
import { form } from '../ion.mjs';
import { activationData, challengeData } from '../webauthn.mjs';

const obj = (value) => ({ type: 'object', value });

/** @typedef {import('./index.mjs').View} View */

/** @param {string} name @param {string} label @param {object} [extra] */
const hidden = (name, label, extra = {}) => ({ name, label, required: true, visible: false, ...extra });

/** @param {View} v */
export function enrollWebauthn(v) {
  const { c, tx, user, ctx } = v;
  const authenticator = authenticatorObject(WEBAUTHN, undefined, ctx);
  v.body.currentAuthenticator = obj({
    ...authenticator,
    catalogKey: WEBAUTHN,
    settings: {},
    contextualData: { activationData: activationData(ctx, user, tx.challenge) },
  });
  v.body.enrollmentAuthenticator = obj(authenticator);
  const credentials = {
    name: 'credentials',
    form: {
      value: [
        hidden('clientData', 'Client Data', { hint: 'webauthn' }),
        hidden('attestation', 'Attestation', { hint: 'webauthn' }),
        // Okta lists these as required; clients that do not send them (okta-auth-js without getTransports) are accepted.
        hidden('transports', 'Transports', { hint: 'webauthn' }),
        hidden('clientExtensions', 'clientExtensions', { hint: 'webauthn' }),
      ],
    },
  };
  return [
    form(c, 'enroll-authenticator', '/idp/idx/challenge/answer', [credentials], { relatesTo: ['$.currentAuthenticator'] }),
    v.enrollPicker(),
    ...v.skip(),
  ];
}

/** @param {View} v */
export function challengeWebauthn(v) {
  const { c, tx, ctx } = v;
  v.body.currentAuthenticator = obj({
    ...authenticatorObject(WEBAUTHN, undefined, ctx),
    contextualData: { challengeData: challengeData(ctx, tx.challenge, 'challenge') },
  });
  const credentials = {
    name: 'credentials',
    type: 'object',
    form: { value: [hidden('clientData', 'Client Data'), hidden('authenticatorData', 'Authenticator Data'), hidden('signatureData', 'Signature Data')] },
    required: true,
  };
  return [form(c, 'challenge-authenticator', '/idp/idx/challenge/answer', [credentials], { relatesTo: ['$.currentAuthenticator'] }), v.verifyPicker()];
}

/**
 * A passkey instead of a username: the identify step's extra remediations and `webauthnAutofillUIChallenge`, as
 * Okta sends them. `challenge-webauthn-autofillui-authenticator` is for conditional mediation (autofill);
 * `launch-passkeys-authenticator` for a "Sign in with a passkey" button. Both post the assertion and its
 * `userHandle` (the user id) to one endpoint.
 * @param {View} v
 */
export function passkeySignIn(v) {
  const { c, tx, ctx } = v;
  v.body.webauthnAutofillUIChallenge = obj({ challengeData: challengeData(ctx, tx.autofill, 'autofill') });
  const fields = [
    {
      name: 'credentials',
      type: 'object',
      form: {
        value: [
          hidden('authenticatorData', 'Authenticator Data'),
          hidden('clientData', 'Client Data'),
          hidden('signatureData', 'Signature Data'),
          { name: 'userHandle', label: 'User Handle', required: false, visible: false },
        ],
      },
      required: true,
    },
  ];
  const extra = { relatesTo: ['webauthnAutofillUIChallenge'] };
  return [
    form(c, 'launch-passkeys-authenticator', '/idp/idx/challenge/answer/webauthn-autofillui', fields, extra),
    form(c, 'challenge-webauthn-autofillui-authenticator', '/idp/idx/challenge/answer/webauthn-autofillui', fields, extra),
  ];
}
