// bob (must enroll Okta Verify) by QR code, email and SMS; carol (expired password); dave (may skip).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, login, decodeQr, sleep } from './backend-harness.mjs';

let stack;
before(async () => {
  stack = await startStack();
});
after(() => stack?.close());

async function startEnrollment(template) {
  const user = await stack.device.createUser(template);
  const browser = stack.browser();
  const offered = await login(browser, user);
  assert.equal(offered.status, 200);
  assert.equal(offered.json.status, 'AwaitingAuthenticatorEnrollment');
  const oktaVerify = offered.json.authenticators.find((a) => a.key === 'okta_verify');
  assert.ok(oktaVerify, 'Okta Verify is offered for enrollment');
  return { user, browser, offered, oktaVerify };
}

/** Polls EnrollPoll to the end, then asks GET /state where the flow went; finishes it if Okta Verify is now offered. */
async function finishEnrollment(browser, _user) {
  const replies = await browser.pollUntilDone('/OktaVerify/EnrollPoll');
  const last = replies.at(-1);
  assert.equal(last.status, 200, JSON.stringify(last.json));
  assert.equal(last.json.ContinuePolling, false);
  return last.json;
}

async function outboxMessageTo(to) {
  for (let i = 0; i < 50; i += 1) {
    const message = (await stack.device.outbox()).find((m) => m.to === to);
    if (message) return message;
    await sleep(100);
  }
  throw new Error(`no message to ${to}`);
}

test('bob: QR code enrollment, scanned and activated on the device, ends signed in', async () => {
  const { user, browser, offered, oktaVerify } = await startEnrollment('bob');
  assert.equal(offered.json.canSkip, false);

  const shown = await browser.post('/select-authenticator', { authenticatorId: oktaVerify.id });
  assert.equal(shown.status, 200);
  assert.equal(shown.json.status, 'AwaitingEnrollmentPoll');
  assert.equal(shown.json.enrollment.channel, 'qrcode');
  assert.deepEqual([...shown.json.enrollment.channels].sort(), ['email', 'qrcode', 'sms']);
  assert.match(shown.json.enrollment.qrCode, /^data:image\/png;base64,/);

  const waiting = await browser.poll('/OktaVerify/EnrollPoll');
  assert.equal(waiting.json.ContinuePolling, true);
  assert.equal(waiting.json.Status, 'AwaitingEnrollmentPoll');

  await stack.device.activate(decodeQr(shown.json.enrollment.qrCode));
  const done = await finishEnrollment(browser, user);
  assert.deepEqual(done, { Refresh: null, ContinuePolling: false, Next: '/signed-in', Status: 'Success' });
  assert.equal((await browser.get('/me')).json.user.email, user.username);
  assert.equal((await stack.device.user(user.username)).enrolled, true);
});

test('bob: email enrollment, the link opened from the outbox', async () => {
  const { user, browser, oktaVerify } = await startEnrollment('bob');
  await browser.post('/select-authenticator', { authenticatorId: oktaVerify.id });

  const asked = await browser.post('/enrollment-channel', { channel: 'email' });
  assert.equal(asked.status, 200);
  assert.equal(asked.json.status, 'AwaitingEnrollmentChannelData');
  assert.equal(asked.json.enrollment.channel, 'email');

  const bad = await browser.post('/enrollment-channel-data', { email: 'not an address' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.code, 'invalid_input');

  const sent = await browser.post('/enrollment-channel-data', { email: user.username });
  assert.equal(sent.status, 200);
  assert.equal(sent.json.status, 'AwaitingEnrollmentPoll');
  assert.equal(sent.json.enrollment.channel, 'email');
  assert.ok(sent.json.enrollment.sentTo, 'the page can say where the link went');

  const message = await outboxMessageTo(user.username);
  assert.equal(message.channel, 'email');
  await stack.device.activate(message.link);
  const done = await finishEnrollment(browser, user);
  assert.equal(done.Status, 'Success');
  assert.equal((await browser.get('/me')).json.user.email, user.username);
});

test('bob: SMS enrollment, the link opened from the outbox', async () => {
  const { user, browser, oktaVerify } = await startEnrollment('bob');
  await browser.post('/select-authenticator', { authenticatorId: oktaVerify.id });
  const asked = await browser.post('/enrollment-channel', { channel: 'sms' });
  assert.equal(asked.json.status, 'AwaitingEnrollmentChannelData');
  assert.equal(asked.json.enrollment.channel, 'sms');

  const bad = await browser.post('/enrollment-channel-data', { phoneNumber: 'call me' });
  assert.equal(bad.status, 400);
  assert.equal(bad.json.code, 'invalid_input');

  const phone = `+1555${String(Date.now()).slice(-7)}`;
  const sent = await browser.post('/enrollment-channel-data', { phoneNumber: phone });
  assert.equal(sent.status, 200, JSON.stringify(sent.json));
  assert.equal(sent.json.status, 'AwaitingEnrollmentPoll');
  assert.equal(sent.json.enrollment.channel, 'sms');

  const message = await outboxMessageTo(phone);
  assert.equal(message.channel, 'sms');
  await stack.device.activate(message.link);
  assert.equal((await finishEnrollment(browser, user)).Status, 'Success');
  assert.equal((await browser.get('/me')).json.signedIn, true);
});

test('bob: switching from email back to the QR code shows a QR code again', async () => {
  const { browser, oktaVerify } = await startEnrollment('bob');
  await browser.post('/select-authenticator', { authenticatorId: oktaVerify.id });
  await browser.post('/enrollment-channel', { channel: 'email' });
  const back = await browser.post('/enrollment-channel', { channel: 'qrcode' });
  assert.equal(back.status, 200);
  assert.equal(back.json.status, 'AwaitingEnrollmentPoll');
  assert.match(back.json.enrollment.qrCode, /^data:image\/png/);
  const unknown = await browser.post('/enrollment-channel', { channel: 'carrier-pigeon' });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.json.code, 'invalid_input');
});

test('bob cannot skip a required enrollment', async () => {
  const { browser } = await startEnrollment('bob');
  const skipped = await browser.post('/skip');
  assert.equal(skipped.status, 409);
  assert.equal(skipped.json.code, 'invalid_input');
  assert.equal((await browser.get('/me')).json.signedIn, false);
});

test('carol: expired password changed, then signed in with the new one', async () => {
  const user = await stack.device.createUser('carol');
  const browser = stack.browser();
  const expired = await login(browser, user);
  assert.equal(expired.status, 200);
  assert.equal(expired.json.status, 'PasswordExpired');
  assert.equal(typeof (expired.json.message ?? ''), 'string', "Okta's notice, if any, comes as text");

  const empty = await browser.post('/change-password', { newPassword: '' });
  assert.equal(empty.status, 400);
  assert.equal(empty.json.code, 'invalid_input');

  const newPassword = `N3w-${Date.now()}-Pass!`;
  const changed = await browser.post('/change-password', { newPassword });
  assert.equal(changed.status, 200, JSON.stringify(changed.json));
  assert.deepEqual(changed.json, { status: 'Success', next: '/signed-in' });
  assert.equal((await browser.get('/me')).json.user.email, user.username);

  const again = stack.browser();
  assert.equal((await login(again, user)).json.code, 'invalid_credentials', 'the old password no longer works');
  const withNew = await again.post('/login', { username: user.username, password: newPassword });
  assert.equal(withNew.json.status, 'Success');
});

test('dave: optional enrollment skipped ends signed in', async () => {
  const { user, browser, offered } = await startEnrollment('dave');
  assert.equal(offered.json.canSkip, true);
  const skipped = await browser.post('/skip');
  assert.equal(skipped.status, 200);
  assert.deepEqual(skipped.json, { status: 'Success', next: '/signed-in' });
  assert.equal((await browser.get('/me')).json.user.email, user.username);
});

// An optional enrollment of any authenticator, not only Okta Verify: its enrollment view offers "Skip for now"
// (canSkip), and Okta takes the skip there, so POST /skip must too.
for (const [key, status] of [
  ['okta_email', 'AwaitingEnrollmentCode'],
  ['phone_number', 'AwaitingEnrollmentData'],
  ['google_otp', 'AwaitingEnrollmentCode'],
  ['webauthn', 'AwaitingWebAuthnEnrollment'],
]) {
  test(`an optional ${key} enrollment that says canSkip is skipped from its own view and ends signed in`, async () => {
    const user = await stack.device.createUser('dave');
    // The org's sign-on policy for this user: nothing required, this authenticator offered and skippable.
    stack.org.store.findUser(user.username).signOn = { enroll: [], optional: [key], verifyWith: [] };
    const browser = stack.browser();
    const offered = await login(browser, user);
    assert.equal(offered.json.status, 'AwaitingAuthenticatorEnrollment');
    const choice = offered.json.authenticators.find((a) => a.key === key);
    assert.ok(choice, `${key} is offered`);
    const shown = await browser.post('/select-authenticator', { authenticatorId: choice.id });
    assert.equal(shown.json.status, status, JSON.stringify(shown.json));
    assert.equal(shown.json.canSkip, true, 'the view offers Skip for now');
    const skipped = await browser.post('/skip');
    assert.equal(skipped.status, 200, JSON.stringify(skipped.json));
    assert.deepEqual(skipped.json, { status: 'Success', next: '/signed-in' });
    assert.equal((await browser.get('/me')).json.user.email, user.username);
  });
}
