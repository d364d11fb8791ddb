// The password's routes of the reference backend over HTTP against the local org: the password asked on its own
// (identifier first), "Forgot password?" from the sign-in form and from the password, the new password with the
// org's rules, the same answers for an unknown user, bad input and wrong-state 409s, and no password anywhere.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { FORM_OFFER, startStack, login } from './backend-harness.mjs';

const NEW_PASSWORD = 'Recovered-2-Passw0rd';
const WRONG = 'Wrong-passw0rd';

/** The newest email the org sent to `to`. */
async function lastEmail(stack, to) {
  const messages = (await stack.device.outbox()).filter((m) => m.to === to && m.channel === 'email');
  assert.ok(messages.length, `an email to ${to}`);
  return messages.at(-1);
}

/** No reply and no log line holds any of the passwords. */
function assertNoPassword(stack, texts, passwords) {
  for (const password of passwords) {
    for (const t of [...texts, ...stack.logs]) assert.ok(!String(t).includes(password), `a password leaked: ${t}`);
  }
}

describe('local-web: recovery from the sign-in form', () => {
  let stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack?.close());

  test('GET /state offers "Forgot password?", which the reset ends signed in with the rules shown', async () => {
    const user = await stack.device.createUser('hank');
    const browser = stack.browser();
    const texts = [];
    const state = await browser.get('/state');
    assert.deepEqual(state.json, { status: 'Idle', canRecover: true, ...FORM_OFFER });
    const asked = await browser.post('/recover');
    texts.push(asked.text);
    assert.equal(asked.status, 200);
    assert.deepEqual(asked.json, { status: 'AwaitingRecoveryIdentifier' });
    assert.deepEqual((await browser.get('/state')).json, asked.json, 'GET /state resumes it');

    const picker = await browser.post('/recover', { username: user.username });
    texts.push(picker.text);
    assert.equal(picker.json.status, 'AwaitingChallengeAuthenticatorSelection');
    const email = picker.json.authenticators.find((a) => a.key === 'okta_email');
    assert.ok(email, 'Email is offered');
    const sent = await browser.post('/select-authenticator', { authenticatorId: email.id });
    texts.push(sent.text);
    assert.equal(sent.status, 200, sent.text);
    assert.equal(sent.json.status, 'AwaitingChallengeCode', sent.text);
    const { code } = await lastEmail(stack, user.username);
    const verified = await browser.post('/verify-code', { code });
    texts.push(verified.text);
    assert.equal(verified.status, 200, verified.text);
    assert.equal(verified.json.status, 'AwaitingPasswordReset');
    assert.deepEqual(verified.json.passwordRules, {
      minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, excludeUsername: true, historyCount: 1,
    });

    const weak = await browser.post('/change-password', { newPassword: 'short' });
    texts.push(weak.text);
    assert.equal(weak.status, 400);
    assert.equal(weak.json.code, 'invalid_input');
    assert.match(weak.json.message, /requirements/i);
    assert.equal((await browser.get('/state')).json.status, 'AwaitingPasswordReset', 'the form stays');
    const done = await browser.post('/change-password', { newPassword: NEW_PASSWORD });
    texts.push(done.text);
    assert.equal(done.status, 200, done.text);
    assert.deepEqual(done.json, { status: 'Success', next: '/signed-in' });

    const again = stack.browser();
    const signedIn = await login(again, { username: user.username, password: NEW_PASSWORD });
    assert.equal(signedIn.status, 200);
    assert.equal(signedIn.json.status, 'AwaitingChallengeAuthenticatorSelection');
    assertNoPassword(stack, texts, ['short', NEW_PASSWORD, user.password]);
  });

  test('an unknown user gets the same answers as a known one, and nothing is sent', async () => {
    const user = await stack.device.createUser('hank');
    const stranger = `nobody-${Date.now()}@example.com`;
    const shape = async (username) => {
      const browser = stack.browser();
      await browser.post('/recover');
      const picker = await browser.post('/recover', { username });
      const choice = picker.json.authenticators[0];
      const sent = await browser.post('/select-authenticator', { authenticatorId: choice.id });
      return { picker: { ...picker.json, authenticators: picker.json.authenticators.map((a) => ({ ...a, id: 'x' })) }, sent: sent.status, next: sent.json.status };
    };
    const known = await shape(user.username);
    const unknown = await shape(stranger);
    assert.deepEqual(unknown, known);
    assert.equal((await stack.device.outbox()).filter((m) => m.to === stranger).length, 0, 'nothing is sent to an unknown user');
  });

  test('bad input: 400 with a clear message; steps out of turn: 409', async () => {
    const browser = stack.browser();
    for (const body of [{ username: 7 }, { username: ['x'] }, { username: { a: 1 } }, { username: 'x'.repeat(300) }]) {
      const res = await browser.post('/recover', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.json.code, 'invalid_input');
      assert.ok(res.json.message.length > 5);
    }
    const notJson = await browser.request('POST', '/recover', { body: 'username=x', contentType: 'application/x-www-form-urlencoded' });
    assert.equal(notJson.status, 415);
    await browser.post('/recover');
    const empty = await browser.post('/recover', { username: '   ' });
    assert.equal(empty.status, 400);
    assert.match(empty.json.message, /username/);
    // The username is asked: no password, no new password, no second "Forgot password?" without a username.
    const password = await browser.post('/verify-password', { password: 'x' });
    assert.equal(password.status, 409);
    const change = await browser.post('/change-password', { newPassword: NEW_PASSWORD });
    assert.equal(change.status, 409);

    const fresh = stack.browser();
    const noFlow = await fresh.post('/verify-password', { password: 'x' });
    assert.equal(noFlow.status, 401);
    assert.equal(noFlow.json.code, 'session_expired');
    const alice = await stack.device.createUser('alice');
    const signedIn = stack.browser();
    await login(signedIn, alice);
    const later = await signedIn.post('/recover', { username: alice.username });
    assert.equal(later.status, 409, 'no recovery from the authenticator choice');
    const nothingToCheck = await signedIn.post('/verify-password', { password: alice.password });
    assert.equal(nothingToCheck.status, 409);
  });
});

describe('local-idfirst: the password on its own', () => {
  let stack;
  before(async () => {
    stack = await startStack({ backend: { clientId: 'local-idfirst', clientSecret: undefined } });
  });
  after(() => stack?.close());

  test('hank: username and password, then an Email code, signed in', async () => {
    const user = await stack.device.createUser('hank');
    const browser = stack.browser();
    const picked = await login(browser, user);
    assert.equal(picked.status, 200, picked.text);
    assert.equal(picked.json.status, 'AwaitingChallengeAuthenticatorSelection');
    assert.deepEqual(picked.json.authenticators.map((a) => a.key), ['okta_email']);
  });

  test('a wrong password asks for the password on its own; a wrong one again is refused; the right one goes on', async () => {
    const user = await stack.device.createUser('hank');
    const browser = stack.browser();
    const texts = [];
    const wrong = await login(browser, { username: user.username, password: WRONG });
    texts.push(wrong.text);
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.code, 'invalid_credentials');
    const state = await browser.get('/state');
    assert.deepEqual(state.json, { status: 'AwaitingPassword', authenticator: { key: 'okta_password' }, canRecover: true });

    for (const body of [{}, { password: '' }, { password: 5 }, { password: 'x'.repeat(1100) }]) {
      const bad = await browser.post('/verify-password', body);
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.equal(bad.json.code, 'invalid_input');
    }
    const again = await browser.post('/verify-password', { password: WRONG });
    texts.push(again.text);
    assert.equal(again.status, 400);
    assert.equal(again.json.code, 'invalid_credentials');
    assert.equal((await browser.get('/state')).json.status, 'AwaitingPassword');
    const right = await browser.post('/verify-password', { password: user.password });
    texts.push(right.text);
    assert.equal(right.status, 200);
    assert.equal(right.json.status, 'AwaitingChallengeAuthenticatorSelection');
    const twice = await browser.post('/verify-password', { password: user.password });
    assert.equal(twice.status, 409);
    assertNoPassword(stack, texts, [WRONG, user.password]);
  });

  test('an unknown user is asked for the password on its own too', async () => {
    const browser = stack.browser();
    const wrong = await login(browser, { username: `nobody-${Date.now()}@example.com`, password: WRONG });
    assert.equal(wrong.json.code, 'invalid_credentials');
    assert.deepEqual((await browser.get('/state')).json, { status: 'AwaitingPassword', authenticator: { key: 'okta_password' }, canRecover: true });
  });

  test('"Forgot password?" on the password goes to the recovery authenticators', async () => {
    const user = await stack.device.createUser('hank');
    const browser = stack.browser();
    await login(browser, { username: user.username, password: WRONG });
    const picker = await browser.post('/recover');
    assert.equal(picker.status, 200, picker.text);
    assert.equal(picker.json.status, 'AwaitingChallengeAuthenticatorSelection');
    assert.deepEqual(picker.json.authenticators.map((a) => a.key), ['okta_email']);
  });

  test('"Forgot password?" from the sign-in form: the username first, then the recovery authenticators', async () => {
    const user = await stack.device.createUser('hank');
    const browser = stack.browser();
    // The pre-started transaction tells that the identifier-first form offers no recovery, as IDX mode shows it; the
    // endpoint still takes it (a site's own link), by the username first.
    assert.deepEqual((await browser.get('/state')).json, { status: 'Idle', ...FORM_OFFER });
    const asked = await browser.post('/recover');
    assert.deepEqual(asked.json, { status: 'AwaitingRecoveryIdentifier' });
    const picker = await browser.post('/recover', { username: user.username });
    assert.equal(picker.status, 200, picker.text);
    assert.equal(picker.json.status, 'AwaitingChallengeAuthenticatorSelection');
    assert.deepEqual(picker.json.authenticators.map((a) => a.key), ['okta_email']);
  });
});

describe('passwordRecovery: false', () => {
  let stack;
  before(async () => {
    stack = await startStack({ backend: { passwordRecovery: false, prestart: false } });
  });
  after(() => stack?.close());

  test('no "Forgot password?" and no recovery', async () => {
    const browser = stack.browser();
    assert.deepEqual((await browser.get('/state')).json, { status: 'Idle' });
    assert.equal((await browser.post('/recover')).status, 409);
  });
});
