import { invalidInput } from './errors.js';

const field = (body: unknown, name: string): unknown =>
  body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)[name] : undefined;

/** Reads one required string field of a JSON body. */
export function requiredString(
  body: unknown,
  name: string,
  { max = 256, label = name, trim = true }: { max?: number; label?: string; trim?: boolean } = {},
): string {
  const raw = field(body, name);
  if (typeof raw !== 'string') throw invalidInput(`Enter your ${label}.`);
  const value = trim ? raw.trim() : raw;
  if (!value) throw invalidInput(`Enter your ${label}.`);
  if (value.length > max) throw invalidInput(`The ${label} is too long.`);
  return value;
}

/** Reads one optional string field: absent, null or blank is undefined; any other type is refused. */
export function optionalString(body: unknown, name: string, { max = 256, label = name }: { max?: number; label?: string } = {}): string | undefined {
  const raw = field(body, name);
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') throw invalidInput(`The ${label} must be text.`);
  const value = raw.trim();
  if (value.length > max) throw invalidInput(`The ${label} is too long.`);
  return value || undefined;
}

/** A request body is a JSON object (or nothing): `[]`, `"text"`, `123` and `null` are refused. */
export function jsonObject(body: unknown): Record<string, unknown> {
  if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>;
  throw invalidInput('Send the request body as a JSON object.');
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
const PHONE = /^\+?[0-9][0-9 ().-]{5,24}$/;
const CODE = /^[0-9]{4,10}$/;

export function emailAddress(body: unknown): string {
  const email = requiredString(body, 'email', { label: 'email address', max: 320 });
  if (!EMAIL.test(email)) throw invalidInput('Enter a valid email address.');
  return email;
}

export function phoneNumber(body: unknown): string {
  const phone = requiredString(body, 'phoneNumber', { label: 'phone number', max: 32 });
  if (!PHONE.test(phone)) throw invalidInput('Enter a valid phone number, for example +1 555 010 0100.');
  return phone.replace(/[ ().-]/g, '');
}

export function verificationCode(body: unknown): string {
  const code = requiredString(body, 'code', { label: 'code', max: 32 }).replace(/\s+/g, '');
  if (!CODE.test(code)) throw invalidInput('Enter the code you received or that your app shows (digits only).');
  return code;
}

/** How a phone gets its code: a text message or a voice call. */
export function phoneMethod(body: unknown): 'sms' | 'voice' {
  const method = requiredString(body, 'methodType', { label: 'choice of text message or voice call', max: 16 });
  if (method !== 'sms' && method !== 'voice') throw invalidInput('Choose "sms" (a text message) or "voice" (a voice call).');
  return method;
}
