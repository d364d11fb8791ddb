// Email (okta_email) as erin verifies with it: a code or a magic link read from the outbox, polling, resend,
// wrong and expired codes, driven by the real okta-auth-js 8 in step mode (and once in legacy mode).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  POLL_MS,
  lastMessageTo,
  messagesTo,
  newUser,
  offeredKeys,
  oktaClient,
  remediationNames,
  signIn,
  sleep,
  startTestOrg,
  verifyTokens,
} from './org-helpers.mjs';

const RESEND_MS = 400;

/** Signs erin in with her password and chooses Email; returns the challenge transaction. */
async function emailChallenge(org, username, auth = oktaClient(org)) {
  const identified = await signIn(auth, username);
  assert.equal(identified.nextStep.name, 'select-authenticator-authenticate');
  assert.deepEqual(offeredKeys(identified), ['okta_email', 'phone_number']);
  const tx = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'okta_email' });
  assert.equal(tx.nextStep.name, 'challenge-authenticator');
  return { auth, tx };
}

describe('erin: Email challenge', () => {
  let org;
  before(async () => {
    org = await startTestOrg({ resendIntervalMs: RESEND_MS });
  });
  after(() => org.close());

  test('the code from the email signs in; the answer is shaped as Okta sends it', async () => {
    const { username } = await newUser(org, 'erin');
    const { auth, tx } = await emailChallenge(org, username);
    assert.deepEqual(remediationNames(tx), ['challenge-authenticator', 'challenge-poll', 'select-authenticator-authenticate']);
    const enrollment = tx.context.currentAuthenticatorEnrollment.value;
    assert.equal(enrollment.key, 'okta_email');
    assert.match(enrollment.profile.email, /^e\*\*\*.@example\.com$/);
    assert.ok(tx.availableSteps.some((s) => s.name === 'currentAuthenticatorEnrollment-resend'));
    assert.ok(tx.availableSteps.some((s) => s.name === 'currentAuthenticatorEnrollment-poll' && s.refresh === POLL_MS));
    assert.equal(tx.availableSteps.find((s) => s.name === 'challenge-poll').poll.refresh, POLL_MS);

    const email = await lastMessageTo(org, username, 'email');
    assert.match(email.code, /^\d{6}$/);
    assert.match(email.link, new RegExp(`^${org.origin}/email/verify/[\\w-]+$`));
    assert.ok(!Number.isNaN(Date.parse(email.sentAt)) && email.sentAt.endsWith('Z'));

    const done = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: email.code });
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { username });
  });

  test('the magic link opened on another device completes the sign-in the page keeps polling, once', async () => {
    const { username } = await newUser(org, 'erin');
    const { auth, tx } = await emailChallenge(org, username);
    await sleep(tx.availableSteps.find((s) => s.name === 'challenge-poll').poll.refresh);
    const waiting = await auth.idx.proceed({ step: 'challenge-poll' });
    assert.equal(waiting.nextStep.name, 'challenge-authenticator', 'still waiting before the link is opened');

    const { link } = await lastMessageTo(org, username, 'email');
    const opened = await fetch(link); // the phone's browser: no cookies, no origin, nothing of the sign-in page
    assert.equal(opened.status, 200);
    assert.match(await opened.text(), /Return to the original tab/);
    const again = await fetch(link);
    assert.equal(again.status, 410, 'a link works once');

    await sleep(POLL_MS);
    // Okta's own poll action on the enrollment works as well as the remediation.
    const done = await auth.idx.proceed({ actions: ['currentAuthenticatorEnrollment-poll'] });
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { username });
  });

  test('a wrong code gets "Invalid code. Try again." and the right one still works', async () => {
    const { username } = await newUser(org, 'erin');
    const { auth } = await emailChallenge(org, username);
    const { code } = await lastMessageTo(org, username, 'email');
    const wrong = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: code === '000000' ? '111111' : '000000' });
    assert.notEqual(wrong.status, 'SUCCESS');
    assert.equal(wrong.messages[0].i18n.key, 'api.authn.error.PASSCODE_INVALID');
    assert.equal(wrong.messages[0].message, 'Invalid code. Try again.');
    assert.equal(wrong.nextStep.name, 'challenge-authenticator');
    const done = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: code });
    assert.equal(done.status, 'SUCCESS');
  });

  test('resend: a new code replaces the old one; resending too soon is refused with 429 and Retry-After', async () => {
    const { username } = await newUser(org, 'erin');
    const { auth } = await emailChallenge(org, username);
    const first = await lastMessageTo(org, username, 'email');

    const tooSoon = await auth.idx.proceed({ actions: ['currentAuthenticatorEnrollment-resend'] });
    assert.equal(tooSoon.messages[0].i18n.key, 'tooManyRequests');
    assert.equal(tooSoon.nextStep.name, 'challenge-authenticator', 'the challenge goes on');
    assert.equal((await messagesTo(org, username, 'email')).length, 1, 'nothing was sent');

    const raw = await fetch(`${org.origin}/idp/idx/challenge/resend`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ stateHandle: tooSoon.context.stateHandle }),
    });
    assert.equal(raw.status, 429);
    assert.ok(Number(raw.headers.get('retry-after')) >= 1);

    await sleep(RESEND_MS);
    const resent = await auth.idx.proceed({ actions: ['currentAuthenticatorEnrollment-resend'] });
    assert.equal(resent.nextStep.name, 'challenge-authenticator');
    const second = await lastMessageTo(org, username, 'email');
    assert.notEqual(second.sentAt + second.code, first.sentAt + first.code);
    assert.equal((await fetch(first.link)).status, 410, 'the first link died with its code');
    if (first.code !== second.code) {
      const stale = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: first.code });
      assert.equal(stale.messages[0].i18n.key, 'api.authn.error.PASSCODE_INVALID');
    }
    const done = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: second.code });
    assert.equal(done.status, 'SUCCESS');
  });

  test('an expired code and an expired link are refused', async () => {
    const shortOrg = await startTestOrg({ codeTtlMs: 150 });
    try {
      const { username } = await newUser(shortOrg, 'erin');
      const { auth } = await emailChallenge(shortOrg, username);
      const { code, link } = await lastMessageTo(shortOrg, username, 'email');
      await sleep(250);
      const late = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: code });
      assert.notEqual(late.status, 'SUCCESS');
      assert.equal(late.messages[0].i18n.key, 'api.authn.error.PASSCODE_INVALID');
      assert.equal((await fetch(link)).status, 410);
      const polled = await auth.idx.proceed({ step: 'challenge-poll' });
      assert.equal(polled.nextStep.name, 'challenge-authenticator', 'an expired link verifies nothing');
    } finally {
      await shortOrg.close();
    }
  });

  test('legacy mode (okta-auth-js 7.x shapes): authenticate, choose Email, enter the code', async () => {
    const { username } = await newUser(org, 'erin');
    const auth = oktaClient(org, { idx: { enableLegacyMode: true } });
    const identified = await auth.idx.authenticate({ username, password: 'Passw0rd!' });
    assert.equal(identified.nextStep.name, 'select-authenticator-authenticate');
    const challenged = await auth.idx.proceed({ authenticator: 'okta_email' });
    assert.equal(challenged.nextStep.name, 'challenge-authenticator');
    assert.ok(challenged.nextStep.canResend);
    const { code } = await lastMessageTo(org, username, 'email');
    const done = await auth.idx.proceed({ verificationCode: code });
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { username });
  });
});
