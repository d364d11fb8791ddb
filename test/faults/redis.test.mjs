// Redis faults under the reference backend with sessions, locks and failed-login counts in Redis: Redis killed in
// the middle of a sign-in and started again, and Redis frozen. The user gets a bounded wait, then 503 with
// Retry-After and a message that the service is briefly unavailable; the operator's log names Redis; and once
// Redis is back the sign-in goes on where it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { RedisSessionStore } from 'okta-signin-elements-server/redis';
import { startStack, login, orgFetch, sleep } from '../node/backend-harness.mjs';
import { redisUnavailable, startRedis } from '../node/redis-server.mjs';
import { observe } from './report.mjs';

const skip = redisUnavailable();
if (skip) console.log(`# SKIP faults/redis: ${skip}`);
const BRIEFLY = 'The sign-in service is briefly unavailable. Please try again in a moment.';

const okta = orgFetch();
let redis;
let client;
let stack;
before(async () => {
  if (skip) return;
  redis = await startRedis({ persist: true });
  client = await redis.client();
  stack = await startStack({ backend: { fetch: okta.fetch, sessionStore: new RedisSessionStore(client), limits: { redis: client } } });
});
after(async () => {
  await stack?.close();
  await redis?.stop();
});

async function until(condition, what, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function assertBriefly({ reply, ms, lines }, maxMs) {
  assert.equal(reply.status, 503, reply.text);
  assert.deepEqual(reply.json, { code: 'server', message: BRIEFLY });
  assert.equal(reply.headers.get('retry-after'), '5');
  assert.ok(ms < maxMs, `answered after ${ms} ms`);
  assert.ok(lines.some((line) => /Redis unavailable/.test(line)), `the log names Redis: ${lines.join(' | ')}`);
}

test('Redis killed mid sign-in: 503 at once for every request that needs it; started again, the sign-in goes on', { skip }, async (t) => {
  const user = await stack.device.createUser('alice');
  const browser = stack.browser();
  const picker = await login(browser, user);
  const push = picker.json.authenticators.find((a) => a.methodType === 'push');
  const sent = await browser.post('/select-authenticator', { authenticatorId: push.id, methodType: 'push' });
  assert.equal(sent.json.status, 'AwaitingChallengePoll');

  await redis.kill();
  await until(() => !client.isReady, 'the client to notice');
  t.diagnostic('Redis killed (SIGKILL) while alice waits for her push');

  const logs = stack.logs;
  assertBriefly(await observe(t, logs, 'her page polls', () => browser.get('/OktaVerify/ChallengePoll')), 1000);
  assertBriefly(await observe(t, logs, 'she reloads the page (GET /state)', () => browser.get('/state')), 1000);
  okta.reset();
  const other = await stack.device.createUser('dave');
  assertBriefly(await observe(t, logs, 'someone else signs in (POST /login)', () => login(stack.browser(), other)), 1000);
  assert.equal(okta.total(), 0, 'no login reaches Okta uncounted');
  assertBriefly(await observe(t, logs, 'someone asks for a password reset (POST /recover)', () => stack.browser().post('/recover', { username: other.username })), 3000);
  const visitor = await observe(t, logs, 'a new visitor opens the sign-in page (GET /state)', () => stack.browser().get('/state'));
  assert.equal(visitor.reply.status, 200, 'a page without a session needs no Redis');
  assert.equal(visitor.reply.json.status, 'Idle');

  await redis.restart();
  await until(() => client.isReady, 'the client to reconnect');
  t.diagnostic('Redis started again (its append-only file kept the sessions)');
  await stack.device.pendingPush(user.username);
  await stack.device.answerPush(user.username, 'approve', sent.json.challenge.correctAnswer);
  const done = await observe(t, logs, 'her page polls on after she approves', async () => (await browser.pollUntilDone('/OktaVerify/ChallengePoll')).at(-1));
  assert.equal(done.reply.json.Status, 'Success');
  assert.equal((await browser.get('/me')).json.user.email, user.username);
  assert.equal((await login(stack.browser(), other)).json.status, 'AwaitingAuthenticatorEnrollment', 'logins work again');
});

test('Redis frozen (SIGSTOP): each request waits at most the store timeout (2 s), then 503; thawed, nothing is stuck', { skip }, async (t) => {
  const user = await stack.device.createUser('dave');
  const browser = stack.browser();
  assert.equal((await login(browser, user)).json.status, 'AwaitingAuthenticatorEnrollment');

  redis.pause();
  t.diagnostic('Redis frozen (SIGSTOP): connected, answering nothing');
  try {
    const logs = stack.logs;
    const state = await observe(t, logs, 'dave reloads the page (GET /state)', () => browser.get('/state'));
    assertBriefly(state, 3000);
    assert.ok(state.ms >= 1900, `waited ${state.ms} ms, the store timeout is 2000 ms`);
    const other = await stack.device.createUser('dave');
    assertBriefly(await observe(t, logs, 'someone else signs in (POST /login)', () => login(stack.browser(), other)), 3000);
  } finally {
    redis.resume();
  }
  t.diagnostic('Redis thawed (SIGCONT)');
  // The lock Redis took late, after the request had given up, was released right behind it: no 503 "busy".
  const started = Date.now();
  const state = await browser.get('/state');
  assert.equal(state.status, 200, state.text);
  assert.equal(state.json.status, 'AwaitingAuthenticatorEnrollment');
  assert.ok(Date.now() - started < 1000, 'the session is not held by a stale lock');
  assert.equal((await browser.post('/skip')).json.status, 'Success');
});
