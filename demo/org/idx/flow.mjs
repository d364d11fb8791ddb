// Moves a sign-in transaction between steps: what comes after the password, after Okta Verify, at the end.
import { randomInt } from 'node:crypto';
import QRCode from 'qrcode';

/**
 * Where a user goes once their password is accepted (and, for an expired one, changed).
 * @param {any} tx
 * @param {import('../store.mjs').User} user
 * @param {import('../store.mjs').OrgStore} store
 */
export function afterPassword(tx, user, store) {
  if (user.passwordExpired) {
    tx.step = 'reenroll-password';
  } else if (user.oktaVerify.enrolled) {
    tx.step = 'select-authenticate';
  } else if (user.oktaVerify.policy === 'none') {
    succeed(tx, user, store);
  } else {
    tx.step = 'select-enroll';
  }
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
  store.send(tx.channel, target, store.activationLink(tx));
  tx.step = 'enroll-poll';
}
