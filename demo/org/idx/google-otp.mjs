// TOTP (RFC 6238, SHA-1, 6 digits, 30 s) for Google Authenticator, and the codes of the org's other apps and tokens: a new
// secret shown as an otpauth:// QR code and as text, the code shown now, and codes that work once.
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

const PERIOD = 30;

/** @param {string} secret @param {string} label @param {string} issuer */
const totp = (secret, label = 'user', issuer = 'Okta') =>
  new TOTP({ issuer, label, secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: PERIOD });

/**
 * Starts an enrollment: the secret, its otpauth:// URI (issuer = the org's host name, as Okta names itself) and QR.
 * @param {any} tx
 * @param {import('../store.mjs').User} user
 * @param {string} origin
 */
export async function startGoogleEnrollment(tx, user, origin) {
  const secret = new Secret({ size: 20 }).base32;
  // The issuer is the org's host name (no port: a colon would end the label's issuer part).
  const uri = totp(secret, user.username, new URL(origin).hostname).toString();
  tx.otpSecret = secret;
  tx.otpQrHref = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, scale: 6 });
}

/** The code an authenticator app or token shows now for a secret, and the seconds until it changes. */
export function currentCode(secret) {
  const seconds = Math.floor(Date.now() / 1000);
  return { code: totp(secret).generate(), expiresIn: PERIOD - (seconds % PERIOD) };
}

/**
 * Checks a code against a secret, accepting the previous and next period too. A code of a period at or before
 * the last one used is refused, so a code works once (RFC 6238 section 5.2).
 * @param {string} secret
 * @param {number} lastCounter the time step of the last accepted code (-1 for none)
 * @param {string} code
 * @returns {{ ok: true, counter: number } | { ok: false, reason: 'invalid'|'used' }}
 */
export function checkGoogleCode(secret, lastCounter, code) {
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'invalid' };
  const delta = totp(secret).validate({ token: code, window: 1 });
  if (delta === null) return { ok: false, reason: 'invalid' };
  const counter = Math.floor(Date.now() / 1000 / PERIOD) + delta;
  if (counter <= lastCounter) return { ok: false, reason: 'used' };
  return { ok: true, counter };
}
