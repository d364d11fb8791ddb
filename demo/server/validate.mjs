import { invalidInput } from './errors.mjs';

/**
 * Reads one required string field of a JSON body.
 * @param {unknown} body
 * @param {string} name
 * @param {{ max?: number, label?: string, trim?: boolean }} [rules]
 */
export function requiredString(body, name, { max = 256, label = name, trim = true } = {}) {
  const raw = body && typeof body === 'object' && !Array.isArray(body) ? body[name] : undefined;
  if (typeof raw !== 'string') throw invalidInput(`Enter your ${label}.`);
  const value = trim ? raw.trim() : raw;
  if (!value) throw invalidInput(`Enter your ${label}.`);
  if (value.length > max) throw invalidInput(`The ${label} is too long.`);
  return value;
}

export function optionalString(body, name) {
  const raw = body && typeof body === 'object' && !Array.isArray(body) ? body[name] : undefined;
  return typeof raw === 'string' && raw.trim() ? raw.trim() : undefined;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
const PHONE = /^\+?[0-9][0-9 ().-]{5,24}$/;
const CODE = /^[0-9]{4,10}$/;

export function emailAddress(body) {
  const email = requiredString(body, 'email', { label: 'email address', max: 320 });
  if (!EMAIL.test(email)) throw invalidInput('Enter a valid email address.');
  return email;
}

export function phoneNumber(body) {
  const phone = requiredString(body, 'phoneNumber', { label: 'phone number', max: 32 });
  if (!PHONE.test(phone)) throw invalidInput('Enter a valid phone number, for example +1 555 010 0100.');
  return phone.replace(/[ ().-]/g, '');
}

export function verificationCode(body) {
  const code = requiredString(body, 'code', { label: 'code', max: 32 }).replace(/\s+/g, '');
  if (!CODE.test(code)) throw invalidInput('Enter the code shown in Okta Verify (digits only).');
  return code;
}
