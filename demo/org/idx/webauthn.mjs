// Security Key or Biometric (WebAuthn): the creation and request options Okta sends, and the checks of what comes
// back, done by @simplewebauthn/server: the challenge, the origin (one the org trusts), the RP id, the type, user
// presence (and verification when asked for), the attestation, the signature with the enrolled key, and a sign count
// that must go up. Each challenge can be answered once, within `webauthnTimeoutMs`.
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { decodeAttestationObject, isoBase64URL, parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import { idxMessage } from '../http.mjs';
import { opaque } from '../ids.mjs';

/**
 * @typedef {{ origin: string, rpId: string, trustedOrigins: string[], passkeys: boolean, webauthnTimeoutMs: number }} WebAuthnEnv
 * @typedef {{ value: string, expiresAt: number }} WebAuthnChallenge
 * @typedef {import('../store.mjs').User} User
 * @typedef {import('../store.mjs').WebAuthnCredential} WebAuthnCredential
 */

const ES256 = -7;
const RS256 = -257;
const TRANSPORTS = new Set(['usb', 'nfc', 'ble', 'internal', 'hybrid', 'smart-card', 'cable']);

/** Okta's answer to an assertion that none of the user's security keys or biometrics validates. */
export const assertionFailed = () =>
  idxMessage(
    'None of the WebAuthn authenticators the user has enrolled for was able to validate the assertion',
    'authfactor.webauthn.error.assertion_validation_failure',
  );

/** Okta's answers to an enrollment it refuses. @param {string} message @param {string} key @param {string[]} [params] */
const enrollMessage = (message, key, params = []) => ({ message, i18n: { key: `authfactor.webauthn.error.${key}`, params }, class: 'ERROR' });
const invalidEnrollment = (reason) => enrollMessage(`Invalid data in the WebAuthn enrollment request. ${reason}`, 'invalid_enrollment_request_data', [reason]);

/**
 * A fresh challenge: 20 random bytes in base64url, as Okta's look.
 * @param {WebAuthnEnv} env
 * @returns {WebAuthnChallenge}
 */
export const newChallenge = (env) => ({ value: opaque(20), expiresAt: Date.now() + env.webauthnTimeoutMs });

/**
 * The user verification the org asks for: passkeys sign in without a password, so they must verify the user.
 * @param {WebAuthnEnv} env
 * @param {'enroll'|'challenge'|'autofill'} purpose
 */
export function userVerification(env, purpose) {
  if (purpose === 'autofill') return 'required';
  if (purpose === 'enroll') return env.passkeys ? 'required' : 'discouraged';
  return 'preferred';
}

/** The FIDO AppID extension Okta adds for old U2F keys; browsers take it only from an https origin. */
const appid = (env) => (env.origin.startsWith('https:') ? { appid: env.origin } : {});

/**
 * `currentAuthenticator.value.contextualData.activationData`: PublicKeyCredentialCreationOptions with binary values
 * as base64url strings, as Okta sends them (okta-auth-js's buildCredentialCreationOptions decodes `challenge` and
 * `user.id`, and builds `excludeCredentials` from `authenticatorEnrollments`). No `rp.id`: it is the page's host,
 * which must be the org's RP id.
 * @param {WebAuthnEnv} env
 * @param {User} user
 * @param {WebAuthnChallenge} challenge
 */
export function activationData(env, user, challenge) {
  const name = `${user.firstName} ${user.lastName}`.trim();
  return {
    rp: { name: 'Local Okta org' },
    user: { displayName: name || user.username, name: user.username, id: user.id },
    pubKeyCredParams: [
      { type: 'public-key', alg: ES256 },
      { type: 'public-key', alg: RS256 },
    ],
    challenge: challenge.value,
    attestation: 'direct',
    authenticatorSelection: env.passkeys
      ? { residentKey: 'required', requireResidentKey: true, userVerification: userVerification(env, 'enroll') }
      : { userVerification: userVerification(env, 'enroll') },
    hints: [env.passkeys ? 'client-device' : 'security-key'],
    excludeCredentials: user.webauthn.credentials.map((c) => ({ type: 'public-key', id: c.id })),
    u2fParams: { appid: env.origin },
  };
}

/**
 * `contextualData.challengeData` (and `webauthnAutofillUIChallenge.value.challengeData`): okta-auth-js's
 * buildCredentialRequestOptions takes the challenge and user verification from here and the allowed credentials
 * from `authenticatorEnrollments`.
 * @param {WebAuthnEnv} env
 * @param {WebAuthnChallenge} challenge
 * @param {'challenge'|'autofill'} purpose
 */
export const challengeData = (env, challenge, purpose) => ({
  challenge: challenge.value,
  userVerification: userVerification(env, purpose),
  ...(env.passkeys ? { hints: ['client-device'] } : {}),
  extensions: appid(env),
});

/**
 * A binary value as clients post it: okta-auth-js and the Sign-In Widget send standard base64 (btoa), others
 * base64url. Returns base64url without padding, or null.
 * @param {unknown} value
 */
export function toBase64url(value) {
  if (typeof value !== 'string' || !value || value.length > 16384) return null;
  const t = value.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return /^[A-Za-z0-9_-]+$/.test(t) ? t : null;
}

/** The client data JSON, parsed, or null. @param {string} clientData base64url */
function clientDataOf(clientData) {
  try {
    const parsed = JSON.parse(Buffer.from(clientData, 'base64url').toString('utf8'));
    return parsed !== null && typeof parsed === 'object' ? parsed : null;
  } catch {
    return null;
  }
}

/** `credentials.transports`: a JSON array in a string, as okta-auth-js's getAttestation sends it, or an array. */
function transportsOf(value) {
  let list = value;
  if (typeof value === 'string') {
    try {
      list = JSON.parse(value);
    } catch {
      return [];
    }
  }
  return Array.isArray(list) ? [...new Set(list.filter((t) => typeof t === 'string' && TRANSPORTS.has(t)))] : [];
}

/** The credential id in an attestation object's authenticator data (base64url), or null. */
function attestedCredentialId(attestation) {
  try {
    const decoded = decodeAttestationObject(isoBase64URL.toBuffer(attestation));
    const { credentialID } = parseAuthenticatorData(decoded.get('authData'));
    return credentialID ? isoBase64URL.fromBuffer(credentialID) : null;
  } catch {
    return null;
  }
}

/**
 * Checks `credentials.{clientData, attestation, transports}` of an enrollment against the challenge it answers.
 * @param {WebAuthnEnv} env
 * @param {Record<string, unknown>} credentials
 * @param {WebAuthnChallenge|null} challenge the enrollment's challenge, already taken (it works once)
 * @param {(credentialId: string) => boolean} known whether a credential is enrolled already (by anyone)
 * @returns {Promise<{ ok: true, credential: Omit<WebAuthnCredential, 'enrollmentId'|'createdAt'> } | { ok: false, message: object }>}
 */
export async function checkAttestation(env, credentials, challenge, known) {
  const clientData = toBase64url(credentials.clientData);
  const attestation = toBase64url(credentials.attestation);
  if (!clientData || !attestation) return { ok: false, message: invalidEnrollment('Client data and attestation are required.') };
  const data = clientDataOf(clientData);
  if (!data) return { ok: false, message: enrollMessage('Client data parsing failed', 'clientdata_parsing_failed') };
  if (data.type !== 'webauthn.create') {
    return { ok: false, message: enrollMessage("Message type in client data doesn't match expected message type.", 'clientdata_message_type_mismatch') };
  }
  if (typeof data.challenge !== 'string' || !data.challenge) {
    return { ok: false, message: enrollMessage('No challenge parameter in client data', 'clientdata_challenge_missing') };
  }
  if (!challenge || challenge.expiresAt <= Date.now() || data.challenge !== challenge.value) {
    return { ok: false, message: enrollMessage("Challenge in client data doesn't match with server side value", 'clientdata_challenge_mismatch') };
  }
  if (typeof data.origin !== 'string' || !data.origin) {
    return { ok: false, message: enrollMessage('No origin parameter in client data', 'clientdata_origin_missing') };
  }
  if (!env.trustedOrigins.includes(data.origin)) {
    const origin = data.origin.slice(0, 200);
    return { ok: false, message: enrollMessage(`Origin parameter in client data doesn't match. clientData origin was ${origin}`, 'clientdata_origin_mismatch', [origin]) };
  }
  const id = attestedCredentialId(attestation);
  if (!id) return { ok: false, message: invalidEnrollment('The attestation carries no credential.') };
  if (known(id)) return { ok: false, message: invalidEnrollment('This authenticator is already enrolled.') };
  let verified;
  try {
    verified = await verifyRegistrationResponse({
      response: {
        id,
        rawId: id,
        type: 'public-key',
        response: { clientDataJSON: clientData, attestationObject: attestation },
        clientExtensionResults: {},
      },
      expectedChallenge: challenge.value,
      expectedOrigin: env.trustedOrigins,
      expectedRPID: env.rpId,
      requireUserVerification: userVerification(env, 'enroll') === 'required',
      supportedAlgorithmIDs: [ES256, RS256],
    });
  } catch {
    return { ok: false, message: invalidEnrollment('The attestation could not be verified.') };
  }
  if (!verified.verified) return { ok: false, message: invalidEnrollment('The attestation could not be verified.') };
  const info = verified.registrationInfo;
  return {
    ok: true,
    credential: {
      id: info.credential.id,
      publicKey: info.credential.publicKey,
      counter: info.credential.counter,
      transports: transportsOf(credentials.transports),
      name: env.passkeys ? 'Passkey' : 'Security Key or Biometric',
      aaguid: info.aaguid,
      discoverable: null,
    },
  };
}

/**
 * Checks `credentials.{clientData, authenticatorData, signatureData}` (and the optional `id` and `userHandle`)
 * against the challenge and each of the candidate credentials, as Okta tries each of the user's enrollments.
 * A credential id that is not a candidate, a non-increasing sign count, a wrong origin, RP id or challenge, a
 * challenge answered before or expired: all fail alike.
 * @param {WebAuthnEnv} env
 * @param {Record<string, unknown>} credentials
 * @param {WebAuthnChallenge|null} challenge already taken (it works once)
 * @param {WebAuthnCredential[]} candidates
 * @param {'challenge'|'autofill'} purpose
 * @returns {Promise<WebAuthnCredential|null>} the credential that signed, its sign count updated
 */
export async function checkAssertion(env, credentials, challenge, candidates, purpose) {
  const clientData = toBase64url(credentials.clientData);
  const authenticatorData = toBase64url(credentials.authenticatorData);
  const signature = toBase64url(credentials.signatureData);
  if (!clientData || !authenticatorData || !signature || !challenge || challenge.expiresAt <= Date.now()) return null;
  const userHandle = credentials.userHandle == null || credentials.userHandle === '' ? undefined : toBase64url(credentials.userHandle);
  if (userHandle === null) return null;
  const id = credentials.id == null || credentials.id === '' ? undefined : toBase64url(credentials.id);
  if (id === null) return null;
  const tried = id === undefined ? candidates : candidates.filter((c) => c.id === id);
  for (const candidate of tried) {
    try {
      const result = await verifyAuthenticationResponse({
        response: {
          id: candidate.id,
          rawId: candidate.id,
          type: 'public-key',
          response: { clientDataJSON: clientData, authenticatorData, signature, ...(userHandle ? { userHandle } : {}) },
          clientExtensionResults: {},
        },
        expectedChallenge: challenge.value,
        expectedOrigin: env.trustedOrigins,
        expectedRPID: env.rpId,
        expectedType: 'webauthn.get',
        credential: { id: candidate.id, publicKey: candidate.publicKey, counter: candidate.counter },
        requireUserVerification: userVerification(env, purpose) === 'required',
      });
      if (result.verified) {
        candidate.counter = result.authenticationInfo.newCounter;
        return candidate;
      }
    } catch {
      // Not this credential (or not valid at all): try the next.
    }
  }
  return null;
}
