// What the reference backend answers when things go wrong: bad credentials, bad input, wrong order,
// an expired transaction, Okta's rate limit, Okta unreachable. Never a 500, never a stack trace.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import express from 'express';
import { createServer } from 'node:http';
import { FORM_OFFER, startStack, login, sleep, Browser } from './backend-harness.mjs';
import { createBackend } from '../../demo/server/index.mjs';

/** Every error reply has the contract's shape and nothing more: `key` only when Okta named its message. */
function assertError(reply, status, code, key) {
  assert.equal(reply.status, status, `${status} expected, got ${reply.status}: ${reply.text}`);
  assert.match(reply.headers.get('content-type'), /^application\/json/);
  assert.deepEqual(Object.keys(reply.json).sort(), key ? ['code', 'key', 'message'] : ['code', 'message']);
  assert.equal(reply.json.key, key);
  assert.equal(reply.json.code, code);
  assert.ok(reply.json.message.length > 0);
  assert.doesNotMatch(reply.text, /at [\w.<>]+ \(|node_modules|\.mjs:\d+/, 'no stack trace');
}

describe('against the local org', () => {
  let stack;
  before(async () => {
    stack = await startStack();
  });
  after(() => stack?.close());

  test('wrong password: 400 invalid_credentials (401 is kept for an expired transaction), nothing signed in', async () => {
    const user = await stack.device.createUser('alice');
    const browser = stack.browser();
    const reply = await browser.post('/login', { username: user.username, password: 'wrong-password' });
    assertError(reply, 400, 'invalid_credentials', 'errors.E0000004');
    assert.equal((await browser.get('/me')).json.signedIn, false);
    assert.equal((await browser.get('/state')).json.status, 'Idle');
  });

  test('unknown user: the same 400 invalid_credentials as a wrong password', async () => {
    const wrong = await stack.browser().post('/login', { username: (await stack.device.createUser('alice')).username, password: 'wrong-password' });
    const reply = await stack.browser().post('/login', { username: 'nobody@example.com', password: 'Passw0rd!' });
    assertError(reply, 400, 'invalid_credentials', 'errors.E0000004');
    assert.deepEqual(reply.json, wrong.json, 'word for word, key and all');
    assert.doesNotMatch(reply.json.message, /nobody/);
  });

  test('malformed JSON: 400 invalid_input on every POST endpoint', async () => {
    const browser = stack.browser();
    for (const path of ['/login', '/select-authenticator', '/enrollment-channel', '/verify-code', '/skip', '/cancel']) {
      assertError(await browser.request('POST', path, { body: '{"username": ' }), 400, 'invalid_input');
    }
  });

  test('not JSON at all: 415, and a form post from another site gets nowhere', async () => {
    const browser = stack.browser();
    const form = await browser.request('POST', '/login', {
      body: 'username=a&password=b',
      contentType: 'application/x-www-form-urlencoded',
    });
    assertError(form, 415, 'invalid_input');
    assertError(await browser.request('POST', '/login', { body: 'hi', contentType: 'text/plain' }), 415, 'invalid_input');
  });

  test('missing or wrong-typed fields: 400 invalid_input with a message naming the field', async () => {
    const browser = stack.browser();
    for (const body of [{}, { username: 'a@example.com' }, { password: 'x' }, { username: 1, password: 2 }, [], { username: ' ', password: 'x' }]) {
      assertError(await browser.post('/login', body), 400, 'invalid_input');
    }
    assert.match((await browser.post('/login', { username: 'a@example.com' })).json.message, /password/i);
    const huge = await browser.post('/login', { username: 'a'.repeat(20000), password: 'x' });
    assertError(huge, 413, 'invalid_input');
  });

  test('each step needs its own turn: 401 without a transaction, 409 out of order, 400 for bad fields', async () => {
    const fresh = stack.browser();
    assertError(await fresh.post('/select-authenticator', { authenticatorId: 'x' }), 401, 'session_expired');
    assertError(await fresh.post('/verify-code', { code: '123456' }), 401, 'session_expired');
    assertError(await fresh.get('/OktaVerify/ChallengePoll'), 401, 'session_expired');

    const user = await stack.device.createUser('alice');
    const browser = stack.browser();
    await login(browser, user);
    assertError(await browser.post('/verify-code', { code: '123456' }), 409, 'invalid_input');
    assertError(await browser.post('/change-password', { newPassword: 'x' }), 409, 'invalid_input');
    assertError(await browser.post('/select-authenticator', {}), 400, 'invalid_input');
    assertError(await browser.post('/select-authenticator', { authenticatorId: 'aut-not-offered' }), 400, 'invalid_input');

    const totp = (await browser.get('/state')).json.authenticators.find((a) => a.methodType === 'totp');
    await browser.post('/select-authenticator', { authenticatorId: totp.id, methodType: 'totp' });
    for (const code of ['', 'abcdef', '12', { n: 1 }]) {
      assertError(await browser.post('/verify-code', { code }), 400, 'invalid_input');
    }
    assert.equal((await browser.get('/state')).json.status, 'AwaitingChallengeCode', 'bad input keeps the step');
  });

  test('cancel starts over, and is harmless without a transaction', async () => {
    const user = await stack.device.createUser('alice');
    const browser = stack.browser();
    await login(browser, user);
    const cancelled = await browser.post('/cancel');
    assert.equal(cancelled.status, 200);
    assert.deepEqual(cancelled.json, { status: 'Idle' });
    assert.deepEqual((await browser.get('/state')).json, { status: 'Idle', canRecover: true, ...FORM_OFFER });
    assertError(await browser.post('/select-authenticator', { authenticatorId: 'x' }), 401, 'session_expired');
    assert.deepEqual((await stack.browser().post('/cancel')).json, { status: 'Idle' });
  });

  test('unknown endpoints: 404 in the same JSON shape', async () => {
    assertError(await stack.browser().get('/nope'), 404, 'not_found');
  });

  test('logs say what failed without the password', async () => {
    const user = await stack.device.createUser('alice');
    await stack.browser().post('/login', { username: user.username, password: 'Secret-Wrong-123' });
    assert.ok(stack.logs.length > 0);
    assert.ok(stack.logs.every((line) => !line.includes('Secret-Wrong-123') && !line.includes(user.password)));
  });
});

test('an expired transaction: 401 session_expired, and the flow is forgotten', async () => {
  const stack = await startStack({ org: { stateHandleTtlMs: 1200 } });
  try {
    const user = await stack.device.createUser('alice');
    const browser = stack.browser();
    const picked = await login(browser, user);
    assert.equal(picked.json.status, 'AwaitingChallengeAuthenticatorSelection');
    await sleep(1500);
    const push = picked.json.authenticators.find((a) => a.methodType === 'push');
    const reply = await browser.post('/select-authenticator', { authenticatorId: push.id, methodType: 'push' });
    assertError(reply, 401, 'session_expired');
    assert.deepEqual((await browser.get('/state')).json, { status: 'Idle', canRecover: true, ...FORM_OFFER });
  } finally {
    await stack.close();
  }
});

test("Okta's 429 on a poll passes through with Retry-After, and polling resumes after the wait", async () => {
  const stack = await startStack({ org: { pollRefreshMs: 1500, minPollIntervalMs: 1500 } });
  try {
    const user = await stack.device.createUser('alice');
    const browser = stack.browser();
    const picked = await login(browser, user);
    const push = picked.json.authenticators.find((a) => a.methodType === 'push');
    await browser.post('/select-authenticator', { authenticatorId: push.id, methodType: 'push' });
    const first = await browser.get('/OktaVerify/ChallengePoll');
    assert.equal(first.status, 200);
    const tooSoon = await browser.get('/OktaVerify/ChallengePoll');
    assertError(tooSoon, 429, 'rate_limited');
    const wait = Number(tooSoon.headers.get('retry-after'));
    assert.ok(wait >= 1 && wait <= 60, `Retry-After ${tooSoon.headers.get('retry-after')}`);
    assert.equal((await browser.get('/state')).json.status, 'AwaitingChallengePoll', 'a 429 keeps the transaction');
    await sleep(wait * 1000);
    const later = await browser.get('/OktaVerify/ChallengePoll');
    assert.equal(later.status, 200);
    assert.equal(later.json.ContinuePolling, true);
  } finally {
    await stack.close();
  }
});

test('Okta unreachable: 502 server, not a crash', async () => {
  const app = express();
  app.use(
    '/auth',
    createBackend({
      issuer: 'http://localhost:9/oauth2/default',
      clientId: 'local-web',
      clientSecret: 'local-web-secret',
      redirectUri: 'http://localhost:9/login/callback',
      logger: { warn() {}, error() {} },
    }),
  );
  const server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  try {
    const browser = new Browser(`http://localhost:${server.address().port}/auth`);
    assertError(await browser.post('/login', { username: 'a@example.com', password: 'x' }), 502, 'server');
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('createBackend refuses a configuration without issuer, client id or redirect URI', () => {
  assert.throws(() => createBackend({ clientId: 'x', redirectUri: 'http://localhost/cb' }), /issuer/);
  assert.throws(() => createBackend({ issuer: 'http://localhost/oauth2/default', redirectUri: 'http://localhost/cb' }), /clientId/);
});

test('mounted in a host that presets 404 (as Koa does), replies still say 200', async () => {
  const backend = createBackend({
    issuer: 'http://localhost:9/oauth2/default',
    clientId: 'local-web',
    redirectUri: 'http://localhost:9/login/callback',
  });
  const server = createServer((req, res) => {
    res.statusCode = 404;
    req.url = req.url.replace(/^\/auth/, '') || '/';
    backend(req, res, () => res.end());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const browser = new Browser(`http://localhost:${server.address().port}/auth`);
    const state = await browser.get('/state');
    assert.equal(state.status, 200);
    assert.deepEqual(state.json, { status: 'Idle', canRecover: true });
    assert.equal((await browser.get('/me')).status, 200);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
