// Each browser's IDX transaction lives in its own server-side session: two users at once never mix, the
// cookie carries only a session id, and signing in and out behave.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, login, decodeQr, sleep } from './backend-harness.mjs';
import { MemorySessionStore } from 'okta-signin-elements-server';
import { configFromEnv } from '../../demo/server/index.mjs';

let stack;
before(async () => {
  stack = await startStack();
});
after(() => stack?.close());

test('two users at once in two sessions: alice by push, bob by QR, interleaved, each ends as themself', async () => {
  const alice = await stack.device.createUser('alice');
  const bob = await stack.device.createUser('bob');
  const aliceBrowser = stack.browser();
  const bobBrowser = stack.browser();

  const aliceOffer = await login(aliceBrowser, alice);
  const bobOffer = await login(bobBrowser, bob);
  assert.equal(aliceOffer.json.status, 'AwaitingChallengeAuthenticatorSelection');
  assert.equal(bobOffer.json.status, 'AwaitingAuthenticatorEnrollment');
  assert.equal((await aliceBrowser.get('/state')).json.status, 'AwaitingChallengeAuthenticatorSelection');

  const push = aliceOffer.json.authenticators.find((a) => a.methodType === 'push');
  const sent = await aliceBrowser.post('/select-authenticator', { authenticatorId: push.id, methodType: 'push' });
  const shown = await bobBrowser.post('/select-authenticator', {
    authenticatorId: bobOffer.json.authenticators.find((a) => a.key === 'okta_verify').id,
  });
  assert.equal(sent.json.status, 'AwaitingChallengePoll');
  assert.equal(shown.json.status, 'AwaitingEnrollmentPoll');

  // Each poll endpoint answers for its own session's flow only.
  assert.equal((await aliceBrowser.poll('/OktaVerify/EnrollPoll')).json.Status, 'AwaitingChallengePoll');
  assert.equal((await bobBrowser.poll('/OktaVerify/ChallengePoll')).json.Status, 'AwaitingEnrollmentPoll');

  await stack.device.activate(decodeQr(shown.json.enrollment.qrCode));
  await stack.device.pendingPush(alice.username);
  await stack.device.answerPush(alice.username, 'approve', sent.json.challenge.correctAnswer);

  const [aliceDone, bobDone] = await Promise.all([
    aliceBrowser.pollUntilDone('/OktaVerify/ChallengePoll'),
    bobBrowser.pollUntilDone('/OktaVerify/EnrollPoll'),
  ]);
  assert.equal(aliceDone.at(-1).json.Status, 'Success');
  assert.equal(bobDone.at(-1).json.Status, 'Success');
  assert.equal((await aliceBrowser.get('/me')).json.user.email, alice.username);
  assert.equal((await bobBrowser.get('/me')).json.user.email, bob.username);
});

test('a poll still running when the user switches channel does not bring the old step back', async () => {
  // A session store that is slow to save the "waiting for enrollment" step: without one request at a time per
  // session, the poll's older copy of the session would be saved after the channel switch.
  const store = new MemorySessionStore();
  const set = store.set.bind(store);
  store.set = async (id, data, ttl) => {
    const slow = data.flowState?.status === 'AwaitingEnrollmentPoll';
    await sleep(slow ? 300 : 0);
    return set(id, data, ttl);
  };
  const slowStack = await startStack({ backend: { sessionStore: store } });
  try {
    const user = await slowStack.device.createUser('bob');
    const browser = slowStack.browser();
    const offered = await login(browser, user);
    await browser.post('/select-authenticator', {
      authenticatorId: offered.json.authenticators.find((a) => a.key === 'okta_verify').id,
    });
    await sleep(250);
    const [polled, switched] = await Promise.all([
      browser.get('/OktaVerify/EnrollPoll'),
      sleep(20).then(() => browser.post('/enrollment-channel', { channel: 'email' })),
    ]);
    assert.equal(polled.status, 200);
    assert.equal(switched.json.status, 'AwaitingEnrollmentChannelData');
    assert.equal((await browser.get('/state')).json.status, 'AwaitingEnrollmentChannelData');
    const sent = await browser.post('/enrollment-channel-data', { email: user.username });
    assert.equal(sent.json.status, 'AwaitingEnrollmentPoll');
  } finally {
    await slowStack.close();
  }
});

test('the session cookie is HttpOnly, SameSite=Lax, holds only an id, and changes at sign-in', async () => {
  const user = await stack.device.createUser('dave');
  const browser = stack.browser();
  const offered = await login(browser, user);
  const [cookie] = offered.setCookie;
  assert.match(cookie, /^okta_signin\.sid=/);
  assert.match(cookie, /HttpOnly/i);
  assert.match(cookie, /SameSite=Lax/i);
  assert.ok(cookie.length < 200, 'only a signed session id');
  assert.doesNotMatch(decodeURIComponent(cookie), /Passw0rd|dave|eyJ/);
  const before = browser.cookies.get('okta_signin.sid');

  const skipped = await browser.post('/skip');
  assert.equal(skipped.json.status, 'Success');
  const after = browser.cookies.get('okta_signin.sid');
  assert.notEqual(after, before, 'a new session id once signed in');
  assert.doesNotMatch(skipped.text + JSON.stringify(skipped.setCookie), /eyJ|Passw0rd/);
});

test('replies never echo the password', async () => {
  const user = await stack.device.createUser('carol');
  const browser = stack.browser();
  const replies = [await login(browser, user), await browser.get('/state')];
  const changed = await browser.post('/change-password', { newPassword: 'Another-Pa55word!' });
  replies.push(changed, await browser.get('/me'));
  for (const reply of replies) {
    assert.doesNotMatch(reply.text, /Passw0rd|Another-Pa55word/);
  }
});

test('logout ends the session: /me is signed out and the cookie is cleared', async () => {
  const user = await stack.device.createUser('dave');
  const browser = stack.browser();
  await login(browser, user);
  await browser.post('/skip');
  assert.equal((await browser.get('/me')).json.signedIn, true);
  const out = await browser.post('/logout');
  assert.equal(out.status, 200);
  assert.deepEqual(out.json, { signedIn: false, user: null });
  assert.deepEqual((await browser.get('/me')).json, { signedIn: false, user: null });
});

test('configFromEnv: the local org by default, a real org from the environment', () => {
  const local = configFromEnv({ PORT: '9000' });
  assert.equal(local.issuer, 'http://localhost:9000/oauth2/default');
  assert.equal(local.clientId, 'local-web');
  assert.equal(local.clientSecret, 'local-web-secret');
  assert.equal(local.redirectUri, 'http://localhost:9000/login/callback');
  assert.deepEqual(local.scopes, ['openid', 'profile', 'email']);

  const real = configFromEnv({
    OKTA_ISSUER: 'https://example.okta.com/oauth2/default',
    OKTA_CLIENT_ID: '0oa1',
    OKTA_CLIENT_SECRET: 's3cret',
    OKTA_REDIRECT_URI: 'https://app.example.com/login/callback',
    OKTA_SCOPES: 'openid profile,email offline_access',
  });
  assert.deepEqual(real, {
    issuer: 'https://example.okta.com/oauth2/default',
    clientId: '0oa1',
    clientSecret: 's3cret',
    redirectUri: 'https://app.example.com/login/callback',
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    sessionSecret: undefined,
  });
  assert.equal(configFromEnv({ OKTA_CLIENT_ID: '0oa2' }).clientSecret, undefined, 'no local secret for a real client');
});

test('the server-side session never holds the password, mid-flow or after sign-in', async () => {
  const store = new MemorySessionStore();
  const all = new Map();
  const set = store.set.bind(store);
  store.set = async (id, data, ttl) => {
    all.set(id, data);
    return set(id, data, ttl);
  };
  const storeStack = await startStack({ backend: { sessionStore: store } });
  try {
    const user = await storeStack.device.createUser('alice');
    const browser = storeStack.browser();
    const picker = await login(browser, user);
    assert.equal(picker.json.status, 'AwaitingChallengeAuthenticatorSelection');
    const sessions = async () => Object.fromEntries(all);
    const midFlow = JSON.stringify(await sessions());
    assert.match(midFlow, /stateHandle|idx/i, 'the IDX transaction is in the session');
    assert.ok(!midFlow.includes(user.password), 'no password in the session mid-flow');

    const totp = picker.json.authenticators.find((a) => a.methodType === 'totp');
    await browser.post('/select-authenticator', { authenticatorId: totp.id, methodType: 'totp' });
    const { totp: code } = await storeStack.device.user(user.username);
    const done = await browser.post('/verify-code', { code: code.code });
    assert.equal(done.json.status, 'Success');
    assert.ok(!JSON.stringify(await sessions()).includes(user.password), 'no password in the session after sign-in');
  } finally {
    await storeStack.close();
  }
});
