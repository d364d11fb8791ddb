// One-time codes sent by email, SMS or voice call: sending (with a magic link for email), resend limits,
// checking a code, and the magic link that verifies an email challenge from another device.
import { randomInt } from 'node:crypto';
import { opaque } from '../ids.mjs';

/**
 * @typedef {{ id: string, key: string, method: 'email'|'sms'|'voice', target: string, code: string|null,
 *   expiresAt: number, verified: boolean }} CodeChallenge
 * @typedef {{ store: import('../store.mjs').OrgStore, codeTtlMs: number, resendIntervalMs: number }} CodeEnv
 */

const newCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * Sends a fresh code for `key` by `method` (an email also carries a magic link) and makes it the transaction's
 * challenge; an earlier code of the transaction stops working. A send sooner than `resendIntervalMs` after the
 * previous one by the same method is refused, as Okta limits SMS, calls and emails.
 * A phantom user (no such account) gets the same answer, but nothing is sent and no code matches.
 * @param {any} tx
 * @param {import('../store.mjs').User} user
 * @param {{ key: string, method: 'email'|'sms'|'voice', target: string }} what
 * @param {CodeEnv} env
 * @returns {{ retryAfterMs: number } | null} null when sent
 */
export function sendCode(tx, user, { key, method, target }, env) {
  const now = Date.now();
  tx.lastSentAt ??= {};
  const last = tx.lastSentAt[method];
  if (last && now - last < env.resendIntervalMs) return { retryAfterMs: env.resendIntervalMs - (now - last) };
  tx.lastSentAt[method] = now;
  const id = opaque(9);
  const code = user.phantom ? null : newCode();
  tx.challenge = { id, key, method, target, code, expiresAt: now + env.codeTtlMs, verified: false };
  if (code) {
    const link = method === 'email' ? env.store.emailLink(tx, id) : undefined;
    env.store.send({ channel: method, to: target, code, link });
  }
  return null;
}

/**
 * Whether `passcode` is the live code of the transaction's challenge. Okta answers a wrong code and an expired
 * one alike ("Invalid code. Try again.").
 * @param {CodeChallenge|null} challenge
 * @param {string} passcode
 */
export function codeMatches(challenge, passcode) {
  return Boolean(challenge?.code) && challenge.expiresAt > Date.now() && passcode === challenge.code;
}

/**
 * Opens an email magic link: marks its challenge verified if it is still the live one, so the sign-in's next
 * poll completes it.
 * @param {import('../store.mjs').OrgStore} store
 * @param {string} token
 * @returns {'verified'|'expired'}
 */
export function openEmailLink(store, token) {
  const found = store.takeEmailLink(token);
  const tx = found && store.transactionByState(found.txStateHandle);
  const challenge = tx?.challenge;
  if (!tx || tx.expiresAt <= Date.now() || challenge?.id !== found.challengeId || challenge.expiresAt <= Date.now()) return 'expired';
  challenge.verified = true;
  return 'verified';
}
