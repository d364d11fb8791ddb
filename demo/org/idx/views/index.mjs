// Renders a sign-in transaction as the IDX response Okta sends for its current step: the common envelope here,
// each step's remediations in the module of its authenticator.
import { PASSWORD, WEBAUTHN, authenticatorObject, enrollmentList } from '../authenticators.mjs';
import { form, userObject } from '../ion.mjs';
import { selectAuthenticate, selectEnroll } from '../pickers.mjs';
import { enrolledKeys, optionalEnrollments, recoveryOptions, requiredEnrollments, verifyOptions } from '../policy.mjs';
import { EXTRA_ENROLL_STEPS, EXTRA_VERIFY_STEPS } from '../extra-authenticators.mjs';
import { challengeCode, enrollCode, phoneEnrollmentData, phoneVerificationData } from './codes.mjs';
import { ENROLL_PASSWORD, EXTRA_STEP_VIEWS, identifyExtras } from './extra-steps.mjs';
import * as ov from './okta-verify.mjs';
import * as password from './password.mjs';
import { challengeWebauthn, enrollWebauthn, passkeySignIn } from './webauthn.mjs';
import * as offsite from './offsite.mjs';

/**
 * @typedef {{ origin: string, pollRefreshMs: number, users: import('../../store.mjs').OrgStore,
 *   appLabel?: (clientId: string) => string|undefined, identifierFirst: (clientId: string) => boolean,
 *   rpId: string, trustedOrigins: string[], passkeys: boolean, webauthnTimeoutMs: number }} ViewContext
 * @typedef {{ messages?: object[], fieldErrors?: Record<string, object[]> }} ViewNotes
 * @typedef {{ c: { origin: string, stateHandle: string }, tx: any, user: import('../../store.mjs').User,
 *   ctx: ViewContext, fe: Record<string, object[]>, messages: object[], body: Record<string, any>,
 *   identifierFirst: boolean, verifyPicker: () => object, enrollPicker: () => object, skip: () => object[] }} View
 */

const list = (value) => ({ type: 'array', value });
const obj = (value) => ({ type: 'object', value });

export const VERIFY_STEPS = ['select-authenticate', 'verification-data', 'challenge-push', 'push-rejected', 'challenge-totp', 'challenge-code', 'challenge-password', 'challenge-webauthn', 'challenge-idp', 'challenge-fastpass', ...EXTRA_VERIFY_STEPS];
export const ENROLL_STEPS = ['select-enroll', 'enrollment-channel-data', 'enroll-poll', 'enrollment-data', 'enroll-code', 'enroll-webauthn', ENROLL_PASSWORD, ...EXTRA_ENROLL_STEPS];

/** @type {Record<string, (v: View) => object[]>} */
const STEPS = {
  identify: (v) => [...password.identify(v), ...(v.ctx.passkeys ? passkeySignIn(v) : []), ...offsite.idpButtons(v), ...identifyExtras(v)],
  'identify-recovery': password.identifyRecovery,
  'challenge-password': password.challengePassword,
  'reenroll-password': password.reenrollPassword,
  'reset-password': password.resetPassword,
  'select-authenticate': (v) => [v.verifyPicker()],
  'verification-data': (v) => (v.tx.current === 'phone_number' ? phoneVerificationData(v) : ov.verificationData(v)),
  'challenge-push': ov.challengePush,
  'push-rejected': ov.pushRejected,
  'challenge-totp': ov.challengeTotp,
  'challenge-code': challengeCode,
  'select-enroll': (v) => [v.enrollPicker(), ...v.skip()],
  'enrollment-channel-data': ov.enrollmentChannelData,
  'enroll-poll': ov.enrollPoll,
  'enrollment-data': phoneEnrollmentData,
  'enroll-code': enrollCode,
  'enroll-webauthn': enrollWebauthn,
  'challenge-webauthn': challengeWebauthn,
  'redirect-idp': offsite.routedToIdp,
  'challenge-idp': offsite.challengeIdp,
  'redirect-idverify': offsite.redirectIdverify,
  'challenge-fastpass': offsite.challengeFastPass,
  ...EXTRA_STEP_VIEWS,
};

/**
 * The authenticators a verify step offers: the password alone while it is being challenged, the recovery
 * authenticators while recovering, else those that satisfy the second factor.
 * @param {any} tx
 * @param {import('../../store.mjs').User} user
 */
export function verifyKeys(tx, user) {
  if (tx.step === 'challenge-password') return [PASSWORD];
  // Unlocking verifies with what can recover a password (the code goes to Email; Phone is offered as the other way).
  return tx.purpose === 'recovery' || tx.purpose === 'unlock' ? recoveryOptions(user) : verifyOptions(user);
}

/** The authenticators an enrollment step offers: what must be enrolled, else what may be. */
export const enrollKeys = (user) => [...requiredEnrollments(user), ...optionalEnrollments(user)];

/** Whether the user may skip enrolling: nothing is required and something is offered. */
export const canSkip = (user) => requiredEnrollments(user).length === 0 && optionalEnrollments(user).length > 0;

/**
 * @param {any} tx the transaction
 * @param {ViewContext} ctx
 * @param {ViewNotes} [notes] messages to show with this response
 */
export function render(tx, ctx, notes = {}) {
  const c = { origin: ctx.origin, stateHandle: tx.stateHandle };
  const user = tx.phantom ?? (tx.username ? ctx.users.findUser(tx.username) : undefined);
  const body = {
    version: '1.0.0',
    stateHandle: tx.stateHandle,
    expiresAt: new Date(tx.expiresAt).toISOString(),
    intent: 'LOGIN',
  };
  // Until the password (or a passkey) is proven (identifier first, recovery), the answer shows only what the step
  // needs, so it reads the same for every account, and for no account.
  // A new user registering is who they say: the answers show their profile and enrollments as they grow.
  const proven = ((tx.factors ?? []).some((key) => key === PASSWORD || key === WEBAUTHN) || tx.purpose === 'registration') && !user?.phantom;
  const verifying = user && VERIFY_STEPS.includes(tx.step) ? verifyKeys(tx, user) : [];
  const enrolling = user && ENROLL_STEPS.includes(tx.step) ? enrollKeys(user) : [];
  const enrolled = user ? (proven ? enrolledKeys(user) : verifying) : [];
  const enrollments = user ? enrollmentList(user, enrolled) : [];
  // The key of each entry of authenticatorEnrollments (WebAuthn has one per credential), for the picker's relatesTo.
  const enrollmentKeys = enrollments.map((e) => e.key);

  /** @type {View} */
  const v = {
    c,
    tx,
    user,
    ctx,
    fe: notes.fieldErrors ?? {},
    messages: [...(notes.messages ?? [])],
    body,
    identifierFirst: ctx.identifierFirst(tx.clientId),
    verifyPicker: () => selectAuthenticate(c, user, verifying, enrollmentKeys, ctx),
    enrollPicker: () => selectEnroll(c, enrolling, ctx),
    skip: () => (canSkip(user) ? [form(c, 'skip', '/idp/idx/skip', [])] : []),
  };

  let remediation = [];
  if (tx.step === 'success') {
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
  } else {
    const view = STEPS[tx.step];
    if (!view) throw new Error(`unknown transaction step ${tx.step}`);
    remediation = view(v);
  }
  // A notice the step carries until the user acts (e.g. "Account successfully unlocked!"), unless an error replaces it.
  if (tx.notice && !v.messages.length) v.messages.push(tx.notice);

  if (v.messages.length) body.messages = list(v.messages);
  if (remediation.length) body.remediation = list(remediation);
  if (user && !['identify', 'identify-recovery'].includes(tx.step)) {
    const offered = verifying.length ? verifying : enrolling;
    // A step may list its authenticators itself (FastPass: Okta Verify with the signed nonce only).
    if (offered.length && !body.authenticators) body.authenticators = list(offered.map((key) => authenticatorObject(key, undefined, ctx)));
    body.authenticatorEnrollments = list(enrollments);
    body.user = proven ? userObject(user) : obj({ id: user.id, identifier: user.username });
  }
  body.cancel = form(c, 'cancel', '/idp/idx/cancel', []);
  body.app = obj({ name: 'oidc_client', label: ctx.appLabel?.(tx.clientId) ?? tx.clientId, id: tx.clientId });
  return body;
}
