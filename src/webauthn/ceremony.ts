/**
 * The browser's part of WebAuthn: JSON options (binary values in base64url) to `navigator.credentials.create` /
 * `.get`, and the credential back as the base64url fields Okta takes. No Lit and no view here; the views load this
 * module only when a security key step or a passkey offer comes.
 *
 * Written out rather than taken from a library: the conversions are short, and the ceremony must stop on the
 * caller's own AbortSignal (the element leaving the page, the user starting over), which the usual helper
 * libraries replace with a global abort service of their own.
 */
import type { WebAuthnAssertion, WebAuthnAttestation } from '../core/types.js';

type Json = Record<string, unknown>;

/** Why a ceremony did not give a credential, in the terms the view words. */
export type WebAuthnFailure =
  /** The user cancelled, the dialog timed out, or no key answered (`NotAllowedError`). */
  | 'cancelled'
  /** Enrollment: this key holds a credential for this account already (`InvalidStateError`). */
  | 'already-registered'
  /** The page's origin or the RP id is not allowed (`SecurityError`). */
  | 'security'
  /** The browser has no WebAuthn (no `PublicKeyCredential`), or refused the options (`NotSupportedError`). */
  | 'unsupported'
  /** Stopped on purpose: the element left the page, or the user started over. */
  | 'aborted'
  /** The options from the server were unusable, or anything else went wrong. */
  | 'failed';

export class WebAuthnCeremonyError extends Error {
  constructor(
    readonly failure: WebAuthnFailure,
    options?: { cause?: unknown },
  ) {
    super(`WebAuthn ceremony failed: ${failure}`);
    this.name = 'WebAuthnCeremonyError';
    if (options?.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function toBase64url(data: ArrayBuffer | ArrayBufferView): string {
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url (padding allowed); throws a `failed` ceremony error for anything else. */
export function fromBase64url(text: unknown): Uint8Array<ArrayBuffer> {
  if (typeof text !== 'string') throw new WebAuthnCeremonyError('failed');
  const t = text.replace(/=+$/, '');
  if (!BASE64URL.test(t) || t.length % 4 === 1) throw new WebAuthnCeremonyError('failed');
  const binary = atob(t.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (t.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function descriptors(list: unknown): PublicKeyCredentialDescriptor[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isObject).map((d) => {
    const descriptor: PublicKeyCredentialDescriptor = { type: 'public-key', id: fromBase64url(d.id) };
    if (Array.isArray(d.transports)) descriptor.transports = d.transports.filter((t): t is AuthenticatorTransport => typeof t === 'string');
    return descriptor;
  });
}

/** `PublicKeyCredentialCreationOptionsJSON` to the options `navigator.credentials.create` takes. */
export function toCreationOptions(json: unknown): PublicKeyCredentialCreationOptions {
  if (!isObject(json) || !isObject(json.rp) || !isObject(json.user) || !Array.isArray(json.pubKeyCredParams)) {
    throw new WebAuthnCeremonyError('failed');
  }
  const { rp, user } = json;
  const options: PublicKeyCredentialCreationOptions = {
    rp: { name: String(rp.name ?? ''), ...(typeof rp.id === 'string' ? { id: rp.id } : {}) },
    user: { id: fromBase64url(user.id), name: String(user.name ?? ''), displayName: String(user.displayName ?? user.name ?? '') },
    challenge: fromBase64url(json.challenge),
    pubKeyCredParams: json.pubKeyCredParams.filter(isObject).map((p) => ({ type: 'public-key', alg: Number(p.alg) })),
    excludeCredentials: descriptors(json.excludeCredentials),
  };
  if (typeof json.timeout === 'number') options.timeout = json.timeout;
  if (typeof json.attestation === 'string') options.attestation = json.attestation as AttestationConveyancePreference;
  if (isObject(json.authenticatorSelection)) options.authenticatorSelection = json.authenticatorSelection as AuthenticatorSelectionCriteria;
  if (Array.isArray(json.hints)) (options as { hints?: unknown }).hints = json.hints;
  return options;
}

/** `PublicKeyCredentialRequestOptionsJSON` to the options `navigator.credentials.get` takes. */
export function toRequestOptions(json: unknown): PublicKeyCredentialRequestOptions {
  if (!isObject(json)) throw new WebAuthnCeremonyError('failed');
  const options: PublicKeyCredentialRequestOptions = {
    challenge: fromBase64url(json.challenge),
    allowCredentials: descriptors(json.allowCredentials),
  };
  if (typeof json.rpId === 'string') options.rpId = json.rpId;
  if (typeof json.timeout === 'number') options.timeout = json.timeout;
  if (typeof json.userVerification === 'string') options.userVerification = json.userVerification as UserVerificationRequirement;
  if (isObject(json.extensions)) options.extensions = json.extensions as AuthenticationExtensionsClientInputs;
  if (Array.isArray(json.hints)) (options as { hints?: unknown }).hints = json.hints;
  return options;
}

/** Whether this browser has WebAuthn at all. */
export function webauthnAvailable(): boolean {
  return typeof globalThis.PublicKeyCredential === 'function' && typeof navigator.credentials?.get === 'function';
}

/** Whether the browser offers passkeys in the username field's autofill (conditional mediation). */
export async function conditionalMediationAvailable(): Promise<boolean> {
  if (!webauthnAvailable()) return false;
  const check = (PublicKeyCredential as { isConditionalMediationAvailable?: () => Promise<boolean> }).isConditionalMediationAvailable;
  try {
    return typeof check === 'function' ? await check.call(PublicKeyCredential) : false;
  } catch {
    return false;
  }
}

/** A DOMException (or anything thrown) as the failure the view words. */
export function failureOf(error: unknown, signal?: AbortSignal): WebAuthnFailure {
  if (error instanceof WebAuthnCeremonyError) return error.failure;
  if (signal?.aborted) return 'aborted';
  switch ((error as { name?: string } | null)?.name) {
    case 'AbortError':
      return 'aborted';
    case 'NotAllowedError':
      return 'cancelled';
    case 'InvalidStateError':
      return 'already-registered';
    case 'SecurityError':
      return 'security';
    case 'NotSupportedError':
      return 'unsupported';
    default:
      return 'failed';
  }
}

async function ceremony<T>(run: () => Promise<Credential | null>, signal: AbortSignal | undefined, read: (c: PublicKeyCredential) => T): Promise<T> {
  if (!webauthnAvailable()) throw new WebAuthnCeremonyError('unsupported');
  if (signal?.aborted) throw new WebAuthnCeremonyError('aborted');
  let credential: Credential | null;
  try {
    credential = await run();
  } catch (error) {
    throw new WebAuthnCeremonyError(failureOf(error, signal), { cause: error });
  }
  if (signal?.aborted) throw new WebAuthnCeremonyError('aborted');
  if (!credential || credential.type !== 'public-key') throw new WebAuthnCeremonyError('failed');
  return read(credential as PublicKeyCredential);
}

/** Registers a new credential (`navigator.credentials.create`) and returns it as Okta's enrollment takes it. */
export function createCredential(optionsJson: unknown, signal?: AbortSignal): Promise<WebAuthnAttestation> {
  const publicKey = toCreationOptions(optionsJson);
  return ceremony(
    () => navigator.credentials.create({ publicKey, signal }),
    signal,
    (credential) => {
      const response = credential.response as AuthenticatorAttestationResponse;
      const attestation: WebAuthnAttestation = {
        clientData: toBase64url(response.clientDataJSON),
        attestation: toBase64url(response.attestationObject),
      };
      const transports = typeof response.getTransports === 'function' ? response.getTransports() : [];
      if (transports.length) attestation.transports = transports;
      return attestation;
    },
  );
}

/**
 * Signs the challenge with a credential (`navigator.credentials.get`). With `conditional`, the browser offers its
 * passkeys in the username field's autofill and the promise waits until one is chosen (or the signal aborts).
 */
export function getAssertion(optionsJson: unknown, signal?: AbortSignal, conditional = false): Promise<WebAuthnAssertion> {
  const publicKey = toRequestOptions(optionsJson);
  return ceremony(
    () => navigator.credentials.get({ publicKey, signal, ...(conditional ? { mediation: 'conditional' as CredentialMediationRequirement } : {}) }),
    signal,
    (credential) => {
      const response = credential.response as AuthenticatorAssertionResponse;
      const assertion: WebAuthnAssertion = {
        clientData: toBase64url(response.clientDataJSON),
        authenticatorData: toBase64url(response.authenticatorData),
        signatureData: toBase64url(response.signature),
        credentialId: toBase64url(credential.rawId),
      };
      if (response.userHandle && response.userHandle.byteLength) assertion.userHandle = toBase64url(response.userHandle);
      return assertion;
    },
  );
}
