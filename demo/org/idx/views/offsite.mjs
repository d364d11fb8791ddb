// The steps finished away from the page, as Okta sends them: `redirect-idp` (IdP buttons on identify, IdP
// discovery, the IdP authenticator), `redirect-idverify` (identity verification) and Okta FastPass's signed-nonce
// challenge (`challenge-poll` with a loopback challenge for Okta Verify).
import { EXTERNAL_IDP, authenticatorObject, enrollmentObject } from '../authenticators.mjs';
import { form, oktaVerifyAuthenticator } from '../ion.mjs';
import { currentIdp } from '../offsite.mjs';
import { buttonIdps } from '../../sso/config.mjs';

/** @typedef {import('./index.mjs').View} View */

const obj = (value) => ({ type: 'object', value });
const list = (value) => ({ type: 'array', value });

/** The ports Okta Verify's loopback server may listen on, as the page is told to probe them. */
const LOOPBACK_PORTS = ['8769', '65111', '65112', '65121'];

/**
 * A `redirect-idp` remediation: the browser goes to the org (GET, not a form post), which sends it on to the IdP.
 * @param {View} v
 * @param {import('../../sso/config.mjs').IdpRecord} idp
 * @param {object} [extra]
 */
const redirectIdp = (v, idp, extra = {}) => ({
  name: 'redirect-idp',
  type: idp.type,
  idp: { id: idp.id, name: idp.name },
  href: `${v.ctx.origin}/sso/idps/${encodeURIComponent(idp.id)}?stateToken=${encodeURIComponent(v.tx.stateHandle)}`,
  method: 'GET',
  ...extra,
});

/** The IdPs a routing rule shows on the first screen. @param {View} v */
export const idpButtons = (v) => buttonIdps(v.ctx.users.data).map((idp) => redirectIdp(v, idp));

/** IdP discovery sent the username to an IdP: that redirect is the only way on. @param {View} v */
export const routedToIdp = (v) => [redirectIdp(v, currentIdp(v.tx, v.ctx.users.data))];

/** The IdP authenticator was chosen: its redirect, and the picker again. @param {View} v */
export function challengeIdp(v) {
  const idp = currentIdp(v.tx, v.ctx.users.data);
  const logo = idp.logoUri ? { logoUri: new URL(idp.logoUri, v.ctx.origin).href } : {};
  v.body.currentAuthenticatorEnrollment = obj(enrollmentObject(v.user, EXTERNAL_IDP));
  v.body.currentAuthenticator = obj({ ...authenticatorObject(EXTERNAL_IDP), ...logo });
  return [redirectIdp(v, idp, { relatesTo: ['$.currentAuthenticatorEnrollment'] }), v.verifyPicker()];
}

/** The policy asks the vendor to verify the user's identity: its redirect is the only way on. @param {View} v */
export function redirectIdverify(v) {
  const vendor = v.ctx.users.data.identityVerification;
  return [
    {
      name: 'redirect-idverify',
      type: 'ID_PROOFING',
      href: `${v.ctx.origin}/idp/identity-verification?stateTokenExternalId=${encodeURIComponent(v.tx.idverify.externalId)}`,
      method: 'GET',
      idp: { id: vendor.id, name: vendor.name },
    },
  ];
}

/**
 * Okta FastPass: the page is to hand `challengeRequest` to Okta Verify's loopback server, then poll until Okta
 * Verify has answered; the picker offers the same challenge again.
 * @param {View} v
 */
export function challengeFastPass(v) {
  const ov = oktaVerifyAuthenticator(['signed_nonce']);
  v.body.authenticators = list([ov]);
  v.body.currentAuthenticator = obj({
    ...ov,
    contextualData: {
      challenge: obj({ challengeMethod: 'LOOPBACK', challengeRequest: v.tx.fastPass.challengeRequest, domain: 'http://localhost', ports: LOOPBACK_PORTS }),
    },
  });
  return [
    form(v.c, 'challenge-poll', '/idp/idx/authenticators/poll', [], { relatesTo: ['$.currentAuthenticator'], refresh: v.ctx.pollRefreshMs }),
    v.verifyPicker(),
  ];
}
