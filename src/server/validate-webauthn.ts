/**
 * The body of `POST /webauthn`: a security key's answer as base64url fields, each bounded, before any of it goes to
 * Okta. Okta checks the signature, challenge and origin; this only keeps malformed and oversized values out.
 */
import type { WebAuthnAssertion, WebAuthnAttestation } from '../core/types.js';
import { invalidInput } from './errors.js';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

// Generous bounds: client data is a short JSON text; an attestation with a certificate chain is a few KB.
const LIMITS = {
  clientData: 4096,
  attestation: 12_288,
  authenticatorData: 2048,
  signatureData: 1024,
  userHandle: 128,
  credentialId: 1366,
} as const;

type Field = keyof typeof LIMITS;

const REQUIRED: Record<'attestation' | 'assertion' | 'passkey', Field[]> = {
  attestation: ['clientData', 'attestation'],
  assertion: ['clientData', 'authenticatorData', 'signatureData'],
  passkey: ['clientData', 'authenticatorData', 'signatureData', 'userHandle'],
};

const TRANSPORTS = new Set(['usb', 'nfc', 'ble', 'internal', 'hybrid', 'smart-card', 'cable']);

function base64urlField(body: Record<string, unknown>, name: Field, required: boolean): string | undefined {
  const value = body[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || !value) throw invalidInput(`The security key's answer has no ${name}.`);
  if (value.length > LIMITS[name]) throw invalidInput(`The security key's ${name} is too long.`);
  if (!BASE64URL.test(value)) throw invalidInput(`The security key's ${name} is not base64url.`);
  return value;
}

/**
 * The credential fields Okta's step takes: `clientData` + `attestation` (+ `transports`) for an enrollment, `clientData` + `authenticatorData` + `signatureData` for a challenge, and the
 * `userHandle` as well for a passkey sign-in. Throws a 400 for anything else.
 */
export function webauthnCredential(body: unknown, kind: 'attestation' | 'assertion' | 'passkey'): WebAuthnAttestation | WebAuthnAssertion {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidInput("Send the security key's answer.");
  const b = body as Record<string, unknown>;
  const values: Record<string, string | string[]> = {};
  for (const name of REQUIRED[kind]) values[name] = base64urlField(b, name, true)!;
  if (kind === 'attestation' && b.transports !== undefined) {
    const list = b.transports;
    if (!Array.isArray(list) || list.length > 8 || !list.every((t) => typeof t === 'string' && TRANSPORTS.has(t))) {
      throw invalidInput("The security key's transports are not valid.");
    }
    if (list.length) values.transports = list as string[];
  }
  // The credential id is checked but not sent: Okta finds the credential by the user's enrollments.
  if (kind !== 'attestation') base64urlField(b, 'credentialId', false);
  return values as unknown as WebAuthnAttestation | WebAuthnAssertion;
}
