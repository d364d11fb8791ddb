import type { WebAuthnAssertion, WebAuthnAttestation } from '../core/types.js';

/**
 * A security key's answer as Okta's form takes it. Binary values go as base64url (Okta reads base64url and standard
 * base64 alike); `transports` as the JSON text the Sign-In Widget sends; a passkey's `userHandle` only to the passkey
 * step.
 */
export function webauthnValues(credential: WebAuthnAttestation | WebAuthnAssertion, step: string): Record<string, unknown> {
  if ('attestation' in credential) {
    const { clientData, attestation, transports } = credential;
    return transports?.length ? { clientData, attestation, transports: JSON.stringify(transports) } : { clientData, attestation };
  }
  const { clientData, authenticatorData, signatureData, userHandle } = credential;
  const values: Record<string, unknown> = { clientData, authenticatorData, signatureData };
  if (step === 'challenge-webauthn-autofillui-authenticator' && userHandle) values.userHandle = userHandle;
  return values;
}
