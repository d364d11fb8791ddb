// Random identifiers shaped like Okta's, and opaque secrets for handles and codes.
import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** @param {string} prefix a three-letter Okta object prefix (00u, aut, pfd...) */
export function oktaId(prefix) {
  let s = prefix;
  while (s.length < 20) s += ALPHA[randomInt(ALPHA.length)];
  return s;
}

/** An unguessable URL-safe token. */
export function opaque(bytes = 24) {
  return randomBytes(bytes).toString('base64url');
}

/** Compares a presented secret with the expected one in constant time. */
export function sameSecret(a, b) {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
}
