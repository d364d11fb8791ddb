// Moves a sign-in transaction between steps: what comes after each factor, Okta Verify's push and enrollment, the end.
import { randomInt } from 'node:crypto';
import QRCode from 'qrcode';
import { PASSWORD } from './authenticators.mjs';
import { startFastPass, startIdentityVerification } from './offsite.mjs';
import { optionalEnrollments, requiredEnrollments, verifyOptions } from './policy.mjs';
import { expiryWarningDue, postAuthStep } from './post-auth.mjs';
import { unlocked } from './unlock.mjs';

/**
 * Where a sign-in goes next, from the factors verified so far and the user's policies: change an expired
 * password, enroll what the policy requires, verify a second factor, or finish. Recovery goes to the new password.
 * @param {any} tx
 * @param {import('../store.mjs').User} user
 * @param {import('../store.mjs').OrgStore} store
 */
export function advance(tx, user, store) {
  tx.challenge = null;
  tx.notice = null;
  if (tx.purpose === 'recovery') {
    tx.step = 'reset-password';
    return;
  }
  if (tx.purpose === 'unlock') {
    unlocked(tx, user);
    return;
  }
  if (user.passwordExpired) {
    tx.step = 'reenroll-password';
    return;
  }
  if (expiryWarningDue(tx, user)) {
    tx.step = 'password-expiry-warning';
    return;
  }
  if (requiredEnrollments(user).length) {
    tx.step = 'select-enroll';
    return;
  }
  // Enrolling an authenticator in this sign-in proves it as well as verifying it would.
  const secondFactor = (tx.factors ?? []).some((key) => key !== PASSWORD);
  if (!secondFactor) {
    if (startFastPass(tx, user)) return;
    if (verifyOptions(user).length) {
      tx.step = 'select-authenticate';
      return;
    }
    if (optionalEnrollments(user).length) {
      tx.step = 'select-enroll';
      return;
    }
  }
  finish(tx, user, store);
}

/**
 * Ends an authenticated sign-in: the identity verification the policy asks for, the post-authentication steps still
 * to answer (grace period, keep-me-signed-in, consent), then success.
 * @param {any} tx
 * @param {import('../store.mjs').User} user
 * @param {import('../store.mjs').OrgStore} store
 */
export function finish(tx, user, store) {
  if (startIdentityVerification(tx, user, store)) return;
  const next = postAuthStep(tx, user, store);
  if (next) tx.step = next;
  else succeed(tx, user, store);
}

/**
 * Records a verified (or just enrolled) authenticator and moves on.
 * @param {any} tx
 * @param {import('../store.mjs').User} user
 * @param {import('../store.mjs').OrgStore} store
 * @param {string} key
 */
export function completeFactor(tx, user, store, key) {
  tx.factors = [...(tx.factors ?? []), key];
  if (tx.purpose === 'recovery') tx.recoveredWith = key;
  advance(tx, user, store);
}

/**
 * Ends the transaction with an interaction code the client exchanges at the token endpoint.
 * @param {any} tx
 * @param {import('../store.mjs').User} user
 * @param {import('../store.mjs').OrgStore} store
 */
export function succeed(tx, user, store) {
  tx.step = 'success';
  tx.push = null;
  tx.challenge = null;
  tx.interactionCode = store.issueCode({
    issuer: tx.issuer,
    audience: tx.audience,
    clientId: tx.clientId,
    redirectUri: tx.redirectUri,
    codeChallenge: tx.codeChallenge,
    nonce: tx.nonce,
    scopes: tx.scopes,
    username: user.username,
  });
}

/** Sends a number-challenge push: the sign-in page shows one number, the device offers three. */
export function startPush(tx) {
  const correctAnswer = randomInt(10, 100);
  const choices = new Set([correctAnswer]);
  while (choices.size < 3) choices.add(randomInt(10, 100));
  const shuffled = [...choices].sort(() => randomInt(3) - 1);
  tx.step = 'challenge-push';
  tx.lastPollAt = 0;
  tx.push = { id: `push-${randomInt(1e9)}`, correctAnswer, choices: shuffled, status: 'pending', createdAt: Date.now() };
}

/**
 * Starts an Okta Verify enrollment on a channel. The QR code and the links all carry the same kind of
 * single-use activation link.
 * @param {any} tx
 * @param {'qrcode'|'email'|'sms'} channel
 * @param {import('../store.mjs').OrgStore} store
 */
export async function startEnrollment(tx, channel, store) {
  tx.channel = channel;
  tx.channelTarget = null;
  tx.activated = false;
  tx.lastPollAt = 0;
  if (channel === 'qrcode') {
    const link = store.activationLink(tx);
    tx.qrHref = await QRCode.toDataURL(link, { errorCorrectionLevel: 'M', margin: 2, scale: 6 });
    tx.step = 'enroll-poll';
  } else {
    tx.step = 'enrollment-channel-data';
  }
}

/**
 * Sends the activation link by email or SMS (to the outbox) and waits for it to be opened.
 * @param {any} tx
 * @param {string} target email address or phone number
 * @param {import('../store.mjs').OrgStore} store
 */
export function sendActivation(tx, target, store) {
  tx.channelTarget = target;
  store.send({ channel: tx.channel, to: target, link: store.activationLink(tx) });
  tx.step = 'enroll-poll';
}

/** The sign-in part of a transaction as it stands before anyone is identified: at start and after a cancel. */
export function identifyStep() {
  return {
    step: 'identify',
    purpose: 'login',
    username: null,
    phantom: null,
    factors: [],
    challenge: null,
    push: null,
    channel: null,
    activated: false,
    interactionCode: null,
    done: {},
    notice: null,
  };
}
