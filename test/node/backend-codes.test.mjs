// Email, Phone and Google Authenticator through the reference backend over HTTP: codes read from the outbox,
// POST /enrollment-data, POST /resend, /verify-code while enrolling, the email link completing a polled challenge,
// "Verify with something else", and bad input or a route in the wrong state.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { TOTP } from 'otpauth';
import { startStack, login, sleep } from './backend-harness.mjs';

const RESEND_MS = 400;
const ERIN_PHONE = '+15550100001';

let stack;
before(async () => {
  stack = await startStack({ org: { resendIntervalMs: RESEND_MS } });
});
after(() => stack?.close());

/** The newest message to `to` (by channel) sent after `since`. */
async function newest(to, channel, since) {
  for (let i = 0; i < 50; i += 1) {
    const found = (await stack.device.outbox()).filter((m) => m.to === to && m.channel === channel && m.sentAt >= since);
    if (found.length) return found.at(-1);
    await sleep(50);
  }
  throw new Error(`no ${channel} message to ${to}`);
}

const choice = (reply, key, methodType) => {
  const found = reply.json.authenticators.find((a) => a.key === key && (!methodType || a.methodType === methodType));
  assert.ok(found, `${key} ${methodType ?? ''} is offered`);
  return found;
};

describe('erin: Email and Phone challenges', () => {
  test('Email: where the code went, Send again, refresh; the emailed code signs in', async () => {
    const user = await stack.device.createUser('erin');
    const browser = stack.browser();
    const picked = await login(browser, user);
    assert.equal(picked.json.status, 'AwaitingChallengeAuthenticatorSelection');
    const since = new Date().toISOString();
    const email = choice(picked, 'okta_email');
    const sent = await browser.post('/select-authenticator', { authenticatorId: email.id, methodType: email.methodType });
    assert.equal(sent.status, 200);
    assert.equal(sent.json.status, 'AwaitingChallengeCode');
    assert.deepEqual(sent.json.authenticator, { key: 'okta_email', methodType: 'email' });
    assert.match(sent.json.code.sentTo, /^e\*\*\*.@example\.com$/);
    assert.equal(sent.json.canResend, true);
    assert.ok(sent.json.refresh > 0, 'the page polls: the link works too');
    assert.ok(sent.json.authenticators.some((a) => a.key === 'phone_number'), 'Verify with something else');

    const waiting = await browser.poll('/OktaVerify/ChallengePoll');
    assert.equal(waiting.json.ContinuePolling, true);
    assert.equal(waiting.json.Status, 'AwaitingChallengeCode');

    const { code } = await newest(user.username, 'email', since);
    const done = await browser.post('/verify-code', { code });
    assert.equal(done.status, 200);
    assert.equal(done.json.status, 'Success');
  });

  test('Email: the link opened on another device ends the polling signed in', async () => {
    const user = await stack.device.createUser('erin');
    const browser = stack.browser();
    const picked = await login(browser, user);
    const since = new Date().toISOString();
    await browser.post('/select-authenticator', { authenticatorId: choice(picked, 'okta_email').id });
    const { link } = await newest(user.username, 'email', since);
    assert.equal((await fetch(link)).status, 200);
    const replies = await browser.pollUntilDone('/OktaVerify/ChallengePoll');
    assert.deepEqual(replies.at(-1).json, { Refresh: null, ContinuePolling: false, Next: '/signed-in', Status: 'Success' });
  });

  test('Phone by SMS: a wrong code is refused, Send again too soon gets 429, later a new code signs in', async () => {
    const user = await stack.device.createUser('erin');
    const browser = stack.browser();
    const picked = await login(browser, user);
    const sms = choice(picked, 'phone_number', 'sms');
    const since = new Date().toISOString();
    const sent = await browser.post('/select-authenticator', { authenticatorId: sms.id, methodType: 'sms' });
    assert.equal(sent.json.status, 'AwaitingChallengeCode');
    assert.deepEqual(sent.json.authenticator, { key: 'phone_number', methodType: 'sms' });
    assert.equal(sent.json.code.sentTo, '+1 XXX-XXX-0001');
    assert.equal(sent.json.canResend, true);
    assert.equal(sent.json.refresh, undefined, 'a text message has no link: nothing to poll');
    const first = await newest(ERIN_PHONE, 'sms', since);

    const wrong = await browser.post('/verify-code', { code: first.code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.code, 'invalid_code');

    const tooSoon = await browser.post('/resend', {});
    assert.equal(tooSoon.status, 429);
    assert.equal(tooSoon.json.code, 'rate_limited');
    assert.ok(Number(tooSoon.headers.get('retry-after')) >= 1);
    assert.equal((await browser.get('/state')).json.status, 'AwaitingChallengeCode', 'the challenge goes on');

    await sleep(RESEND_MS + 50);
    const resent = await browser.post('/resend', {});
    assert.equal(resent.status, 200);
    assert.equal(resent.json.status, 'AwaitingChallengeCode');
    const texts = (await stack.device.outbox()).filter((m) => m.to === ERIN_PHONE && m.channel === 'sms' && m.sentAt >= since);
    assert.equal(texts.length, 2);
    const done = await browser.post('/verify-code', { code: texts[1].code });
    assert.equal(done.json.status, 'Success');
  });

  test('Verify with something else: from the Email code to Phone by voice, without the password again', async () => {
    const user = await stack.device.createUser('erin');
    const browser = stack.browser();
    const picked = await login(browser, user);
    const sent = await browser.post('/select-authenticator', { authenticatorId: choice(picked, 'okta_email').id });
    const voice = choice(sent, 'phone_number', 'voice');
    const since = new Date().toISOString();
    const called = await browser.post('/select-authenticator', { authenticatorId: voice.id, methodType: 'voice' });
    assert.equal(called.status, 200);
    assert.deepEqual(called.json.authenticator, { key: 'phone_number', methodType: 'voice' });
    const { code } = await newest(ERIN_PHONE, 'voice', since);
    assert.equal((await browser.post('/verify-code', { code })).json.status, 'Success');
  });
});

describe('enrollments', () => {
  test('gina: phone number and SMS (POST /enrollment-data), its code, then Email by its code', async () => {
    const user = await stack.device.createUser('gina');
    const browser = stack.browser();
    const picked = await login(browser, user);
    assert.equal(picked.json.status, 'AwaitingAuthenticatorEnrollment');
    const asked = await browser.post('/select-authenticator', { authenticatorId: choice(picked, 'phone_number').id });
    assert.equal(asked.json.status, 'AwaitingEnrollmentData');
    assert.deepEqual(asked.json.authenticator, { key: 'phone_number' });

    const badNumber = await browser.post('/enrollment-data', { phoneNumber: 'call me', methodType: 'sms' });
    assert.equal(badNumber.status, 400);
    assert.match(badNumber.json.message, /valid phone number/);
    const badMethod = await browser.post('/enrollment-data', { phoneNumber: '+1 555 010 0091', methodType: 'fax' });
    assert.equal(badMethod.status, 400);
    assert.match(badMethod.json.message, /"sms".*"voice"/);
    const refused = await browser.post('/enrollment-data', { phoneNumber: '+0 555 010 0001', methodType: 'sms' });
    assert.equal(refused.status, 400);
    assert.equal(refused.json.message, 'Invalid Phone Number.', "Okta's own words");
    assert.equal(refused.json.key, 'api.factors.error.sms.invalid_phone', "and Okta's message key");
    assert.equal((await browser.get('/state')).json.status, 'AwaitingEnrollmentData');

    const since = new Date().toISOString();
    const enrolling = await browser.post('/enrollment-data', { phoneNumber: '+1 555 010 0091', methodType: 'sms' });
    assert.equal(enrolling.status, 200);
    assert.equal(enrolling.json.status, 'AwaitingEnrollmentCode');
    assert.equal(enrolling.json.canResend, true);
    const sms = await newest('+15550100091', 'sms', since);
    const phoneDone = await browser.post('/verify-code', { code: sms.code });
    assert.equal(phoneDone.json.status, 'AwaitingAuthenticatorEnrollment', 'then Email');

    const emailStep = await browser.post('/select-authenticator', { authenticatorId: choice(phoneDone, 'okta_email').id });
    assert.equal(emailStep.json.status, 'AwaitingEnrollmentCode');
    assert.deepEqual(emailStep.json.authenticator, { key: 'okta_email', methodType: 'email' });
    assert.ok(emailStep.json.refresh > 0);
    const email = await newest(user.username, 'email', since);
    const done = await browser.post('/verify-code', { code: email.code });
    assert.equal(done.json.status, 'Success');
  });

  test('frank: Google Authenticator shows its QR code and secret; a code from the secret enrolls, once', async () => {
    const user = await stack.device.createUser('frank');
    const browser = stack.browser();
    const picked = await login(browser, user);
    const setup = await browser.post('/select-authenticator', { authenticatorId: choice(picked, 'google_otp').id });
    assert.equal(setup.json.status, 'AwaitingEnrollmentCode');
    assert.deepEqual(setup.json.authenticator, { key: 'google_otp', methodType: 'otp' });
    assert.match(setup.json.code.qrCode, /^data:image\/png;base64,/);
    assert.match(setup.json.code.secret, /^[A-Z2-7]+=*$/);
    assert.equal(setup.json.canResend, undefined);
    const totp = new TOTP({ secret: setup.json.code.secret });
    const done = await browser.post('/verify-code', { code: totp.generate() });
    assert.equal(done.json.status, 'Success');
  });
});

describe('bad requests', () => {
  test('each new route answers 409 in a step that is not its own, and 401 without a sign-in', async () => {
    const user = await stack.device.createUser('erin');
    const browser = stack.browser();
    assert.equal((await browser.post('/resend', {})).status, 401);
    await login(browser, user);
    const wrongStep = await browser.post('/enrollment-data', { phoneNumber: '+1 555 010 0092', methodType: 'sms' });
    assert.equal(wrongStep.status, 409);
    assert.equal(wrongStep.json.code, 'invalid_input');
    assert.equal((await browser.post('/resend', {})).status, 409);
    assert.equal((await browser.post('/verify-code', { code: '123456' })).status, 409);
  });

  test('a code that is not digits gets a clear 400', async () => {
    const user = await stack.device.createUser('erin');
    const browser = stack.browser();
    const picked = await login(browser, user);
    await browser.post('/select-authenticator', { authenticatorId: choice(picked, 'okta_email').id });
    const bad = await browser.post('/verify-code', { code: 'abc' });
    assert.equal(bad.status, 400);
    assert.match(bad.json.message, /digits only/);
  });
});
