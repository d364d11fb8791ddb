/**
 * Security key or biometric (`webauthn`): the options for the browser's WebAuthn calls, as JSON with binary values
 * in base64url (the shapes of `PublicKeyCredentialCreationOptionsJSON` and `PublicKeyCredentialRequestOptionsJSON`).
 * Okta sends the creation options in `currentAuthenticator.contextualData.activationData`, the request options in
 * `contextualData.challengeData` (passkeys: `webauthnAutofillUIChallenge.challengeData`), and the user's keys in
 * `authenticatorEnrollments`; okta-auth-js's `buildCredential*Options` read the same fields.
 */
import type { Authenticator, FlowState } from '../core/types.js';
import type { IdxAuthenticatorValue, IdxRemediation, IdxTransaction } from './types.js';
import { pickerEntries, remediation } from './read.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;
/** Okta's binary values are base64url; a stray `+`, `/` or padding is mended rather than refused. */
const base64url = (v: unknown): string | undefined => {
  if (typeof v !== 'string' || !v) return undefined;
  const t = v.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return BASE64URL.test(t) ? t : undefined;
};
const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const strings = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? [...(v as string[])] : undefined;

/** The webauthn credentials the user has enrolled, as `{ type, id, transports? }` descriptors. */
function enrolledCredentials(tx: IdxTransaction): Json[] {
  const enrollments = (tx.context as { authenticatorEnrollments?: { value?: unknown } } | undefined)?.authenticatorEnrollments?.value;
  if (!Array.isArray(enrollments)) return [];
  const out: Json[] = [];
  for (const e of enrollments as Json[]) {
    if (!isObject(e) || e.key !== 'webauthn') continue;
    const id = base64url(e.credentialId);
    if (!id) continue;
    const transports = strings(e.transports) ?? strings(isObject(e.profile) ? e.profile.transports : undefined);
    out.push(transports ? { type: 'public-key', id, transports } : { type: 'public-key', id });
  }
  return out;
}

/** `activationData` as creation options; undefined when a required part is missing. */
export function creationOptionsOf(data: unknown, exclude: Json[]): Json | undefined {
  if (!isObject(data) || !isObject(data.user) || !isObject(data.rp)) return undefined;
  const challenge = base64url(data.challenge);
  const userId = base64url(data.user.id);
  const name = text(data.user.name);
  if (!challenge || !userId || !name) return undefined;
  const params = Array.isArray(data.pubKeyCredParams)
    ? data.pubKeyCredParams.filter((p): p is Json => isObject(p) && typeof p.alg === 'number').map((p) => ({ type: 'public-key', alg: p.alg }))
    : [];
  const options: Json = {
    rp: { name: text(data.rp.name) ?? 'Okta', ...(text(data.rp.id) ? { id: data.rp.id } : {}) },
    user: { id: userId, name, displayName: text(data.user.displayName) ?? name },
    challenge,
    pubKeyCredParams: params.length ? params : [{ type: 'public-key', alg: -7 }, { type: 'public-key', alg: -257 }],
    excludeCredentials: exclude,
  };
  if (typeof data.timeout === 'number') options.timeout = data.timeout;
  if (text(data.attestation)) options.attestation = data.attestation;
  if (isObject(data.authenticatorSelection)) options.authenticatorSelection = { ...data.authenticatorSelection };
  if (strings(data.hints)) options.hints = strings(data.hints);
  return options;
}

/** `challengeData` as request options; undefined without a challenge. */
export function requestOptionsOf(data: unknown, allow: Json[]): Json | undefined {
  if (!isObject(data)) return undefined;
  const challenge = base64url(data.challenge);
  if (!challenge) return undefined;
  const options: Json = { challenge, allowCredentials: allow };
  if (text(data.rpId)) options.rpId = data.rpId;
  if (text(data.userVerification)) options.userVerification = data.userVerification;
  if (typeof data.timeout === 'number') options.timeout = data.timeout;
  if (strings(data.hints)) options.hints = strings(data.hints);
  // Okta's `appid` extension is for old U2F keys on https origins; an empty one is left out.
  if (isObject(data.extensions) && Object.keys(data.extensions).length) options.extensions = { ...data.extensions };
  return options;
}

const contextual = (current: IdxAuthenticatorValue | undefined): Json =>
  (isObject(current?.contextualData) ? current?.contextualData : {}) as Json;

/** The picker the step offers besides the key, for "Verify with something else". */
function others(tx: IdxTransaction, mode: 'enroll' | 'verify'): Authenticator[] {
  const picker = remediation(tx, mode === 'enroll' ? 'select-authenticator-enroll' : 'select-authenticator-authenticate');
  return picker ? pickerEntries(picker, mode) : [];
}

/** `challenge-authenticator` for `webauthn`. */
export function webauthnChallengeState(tx: IdxTransaction, r: IdxRemediation | undefined, current: IdxAuthenticatorValue | undefined): FlowState {
  const related = (r?.relatesTo?.value ?? current) as IdxAuthenticatorValue | undefined;
  const requestOptions = requestOptionsOf(contextual(related).challengeData ?? contextual(current).challengeData, enrolledCredentials(tx));
  const state: FlowState = { status: 'AwaitingWebAuthnChallenge', authenticator: { key: 'webauthn' } };
  if (requestOptions) state.webauthn = { requestOptions };
  const authenticators = others(tx, 'verify');
  if (authenticators.length) state.authenticators = authenticators;
  if (remediation(tx, 'currentAuthenticator-recover')) state.canRecover = true;
  return state;
}

/** `enroll-authenticator` for `webauthn`. */
export function webauthnEnrollState(tx: IdxTransaction, _r: IdxRemediation | undefined, current: IdxAuthenticatorValue | undefined): FlowState {
  const creationOptions = creationOptionsOf(contextual(current).activationData, enrolledCredentials(tx));
  const state: FlowState = { status: 'AwaitingWebAuthnEnrollment', authenticator: { key: 'webauthn' } };
  if (creationOptions) state.webauthn = { creationOptions };
  const authenticators = others(tx, 'enroll');
  if (authenticators.length) state.authenticators = authenticators;
  if (remediation(tx, 'skip') || tx.nextStep?.canSkip) state.canSkip = true;
  return state;
}

/** The passkey sign-in Okta offers on identify: request options without allowed credentials (the browser lists its passkeys). */
export function passkeyOffer(tx: IdxTransaction): FlowState['webauthn'] | undefined {
  if (!remediation(tx, 'challenge-webauthn-autofillui-authenticator')) return undefined;
  const raw = (tx as { rawIdxState?: { webauthnAutofillUIChallenge?: { value?: Json } } }).rawIdxState?.webauthnAutofillUIChallenge?.value;
  const related = remediation(tx, 'challenge-webauthn-autofillui-authenticator')?.relatesTo?.value as Json | undefined;
  const requestOptions = requestOptionsOf(raw?.challengeData ?? related?.challengeData, []);
  return requestOptions ? { requestOptions } : undefined;
}
