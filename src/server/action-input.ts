/**
 * Each action's request body, read and checked before anything goes to Okta: the reverse of the action table's
 * `body` (src/core/actions.ts). A wrong type, a missing field or an oversized value is a 400 with a clear message.
 */
import { ENROLLMENT_CHANNELS, type EnrollmentChannel, type FlowState, type FormValue, type FormValues } from '../core/types.js';
import type { DriverActions } from '../idx/driver.js';
import { invalidInput } from './errors.js';
import { emailAddress, optionalString, phoneMethod, phoneNumber, requiredString, verificationCode } from './validate.js';
import { webauthnCredential } from './validate-webauthn.js';

type Parse<A extends keyof DriverActions> = (body: unknown, state: FlowState) => DriverActions[A];

const field = (body: unknown, name: string): unknown =>
  body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)[name] : undefined;

// A step form has a few dozen fields; each value is short (the form's own limits are checked by the driver).
const MAX_VALUES = 50;
const MAX_VALUE_LENGTH = 4096;

/** `{ step, values }` of a generic step form: plain values only, by field name. */
function proceedInput(body: unknown): DriverActions['proceed'] {
  const step = requiredString(body, 'step', { label: 'step', max: 64 });
  const raw = field(body, 'values');
  if (raw === undefined || raw === null) return { step };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalidInput('Send the form values as an object.');
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > MAX_VALUES) throw invalidInput('The form has too many values.');
  const values: FormValues = {};
  for (const [name, value] of entries) {
    const plain = typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
    if (!plain) throw invalidInput('Each form value must be text, a number or true/false.');
    if (typeof value === 'string' && value.length > MAX_VALUE_LENGTH) throw invalidInput('A form value is too long.');
    values[name] = value as FormValue;
  }
  return { step, values };
}

export const ACTION_INPUT: { readonly [A in keyof DriverActions]: Parse<A> } = {
  login: (body) => ({
    username: requiredString(body, 'username', { label: 'username' }),
    password: requiredString(body, 'password', { label: 'password', trim: false, max: 1024 }),
  }),
  selectAuthenticator: (body) => ({
    id: requiredString(body, 'authenticatorId', { label: 'authenticator' }),
    methodType: optionalString(body, 'methodType', { label: 'method', max: 32 }),
  }),
  selectEnrollmentChannel: (body) => {
    const channel = requiredString(body, 'channel', { label: 'channel' });
    if (!(ENROLLMENT_CHANNELS as readonly string[]).includes(channel)) throw invalidInput('Choose QR code, email or SMS.');
    return channel as EnrollmentChannel;
  },
  sendEnrollmentChannelData: (body, state) =>
    state.enrollment?.channel === 'sms' ? { phoneNumber: phoneNumber(body) } : { email: emailAddress(body) },
  sendEnrollmentData: (body) => ({ phoneNumber: phoneNumber(body), methodType: phoneMethod(body) }),
  verifyCode: (body) => verificationCode(body),
  verifyPassword: (body) => ({ password: requiredString(body, 'password', { label: 'password', trim: false, max: 1024 }) }),
  changePassword: (body) => ({ newPassword: requiredString(body, 'newPassword', { label: 'new password', trim: false, max: 1024 }) }),
  resend: () => undefined,
  recover: (body, state) => {
    const username = optionalString(body, 'username', { label: 'username' });
    // The recovery form asks whose password is forgotten: it needs an answer.
    if (!username && state.status === 'AwaitingRecoveryIdentifier') throw invalidInput('Enter your username.');
    return username ? { username } : {};
  },
  verifyWebAuthn: (body, state) =>
    webauthnCredential(body, state.status === 'AwaitingWebAuthnEnrollment' ? 'attestation' : state.status === 'Idle' ? 'passkey' : 'assertion'),
  skip: () => undefined,
  proceed: (body) => proceedInput(body),
  cancel: () => undefined,
};
