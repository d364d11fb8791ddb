// Faults between the backend and Okta: a stalled call, slow calls, Okta unreachable, Okta's 429 with an absurd
// Retry-After. Each test holds a figure: how long until the user gets an answer, what Retry-After the browser is
// told, what the operator's log says.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, login, orgFetch } from '../node/backend-harness.mjs';
import { freePort } from '../support/servers.mjs';
import { observe } from './report.mjs';

const okta = orgFetch();
let stack;
before(async () => {
  stack = await startStack({ backend: { fetch: okta.fetch, timeouts: { oktaCall: 800, request: 2000 } } });
});
after(() => stack?.close());

test('a stalled Okta call ends in 504 after timeouts.oktaCall, and the same session is not held behind it longer', async (t) => {
  const user = await stack.device.createUser('alice');
  const browser = stack.browser();
  const picker = await login(browser, user);
  const push = picker.json.authenticators.find((a) => a.methodType === 'push');
  okta.rules.push({ path: /\/idp\/idx\/challenge$/, hang: true, once: true });

  const started = Date.now();
  const stalled = browser.post('/select-authenticator', { authenticatorId: push.id, methodType: 'push' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const state = await browser.get('/state');
  const stateMs = Date.now() - started;
  const reply = await stalled;
  const replyMs = Date.now() - started;

  t.diagnostic(`stalled call: 504 after ${replyMs} ms; GET /state of the same session answered after ${stateMs} ms`);
  assert.equal(reply.status, 504);
  assert.equal(reply.json.code, 'server');
  assert.match(reply.json.message, /too long/);
  assert.ok(replyMs >= 750 && replyMs < 1500, `time to message ${replyMs} ms (timeout 800 ms)`);
  assert.equal(state.status, 200);
  assert.ok(stateMs < 1500, `GET /state waited ${stateMs} ms behind the stalled call`);
  assert.equal(state.json.status, 'AwaitingChallengeAuthenticatorSelection', 'the flow is where it was');

  // The user tries again and goes on.
  const retried = await browser.post('/select-authenticator', { authenticatorId: push.id, methodType: 'push' });
  assert.equal(retried.json.status, 'AwaitingChallengePoll');
});

test('a request never spends longer than timeouts.request on Okta, however many calls it makes', async (t) => {
  const user = await stack.device.createUser('dave');
  const browser = stack.browser();
  // Every call answers just under the per-call timeout: login makes three, the request budget ends the third.
  okta.rules.push({ path: /\/(v1\/interact|idp\/idx\/introspect|idp\/idx\/identify)$/, delay: 700 });
  const started = Date.now();
  const reply = await login(browser, user);
  const ms = Date.now() - started;
  okta.rules.length = 0;
  t.diagnostic(`slow calls: 504 after ${ms} ms`);
  assert.equal(reply.status, 504, reply.text);
  assert.ok(ms >= 1900 && ms < 2600, `answered in ${ms} ms (3 calls of 700 ms, request budget 2000 ms)`);
});

test('a fetch that ignores its abort signal still cannot hold a request past the timeout', async () => {
  const user = await stack.device.createUser('alice');
  const browser = stack.browser();
  const picker = await login(browser, user);
  const totp = picker.json.authenticators.find((a) => a.methodType === 'totp');
  okta.rules.push({ path: /\/idp\/idx\/challenge$/, hang: 'deaf', once: true });
  const started = Date.now();
  const reply = await browser.post('/select-authenticator', { authenticatorId: totp.id, methodType: 'totp' });
  assert.equal(reply.status, 504);
  assert.ok(Date.now() - started < 1500);
});

test("Okta's 429 with Retry-After of a day reaches the browser as 300 s; Retry-After 0 as 1 s", async () => {
  const user = await stack.device.createUser('alice');
  for (const [given, told] of [['86400', '300'], ['0', '1']]) {
    okta.rules.push({
      path: /\/idp\/idx\/identify$/,
      once: true,
      reply: () =>
        new Response(JSON.stringify({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' }), {
          status: 429,
          headers: { 'content-type': 'application/json', 'retry-after': given },
        }),
    });
    const reply = await login(stack.browser(), user);
    assert.equal(reply.status, 429, reply.text);
    assert.equal(reply.json.code, 'rate_limited');
    assert.equal(reply.headers.get('retry-after'), told, `Okta said ${given}`);
  }
});

test('Okta unreachable mid sign-in (connection refused): 502 at once, the flow kept; reachable again, it goes on', async (t) => {
  const user = await stack.device.createUser('alice');
  const browser = stack.browser();
  const picker = await login(browser, user);
  const totp = picker.json.authenticators.find((a) => a.methodType === 'totp');
  // Every call to Okta now meets a closed port, as when its address stops answering.
  const closed = `http://127.0.0.1:${await freePort()}/`;
  okta.rules.push({ path: /./, reply: () => fetch(closed) });
  try {
    const step = await observe(t, stack.logs, 'alice picks a code while Okta is unreachable', () =>
      browser.post('/select-authenticator', { authenticatorId: totp.id, methodType: 'totp' }),
    );
    assert.equal(step.reply.status, 502);
    assert.deepEqual(step.reply.json, { code: 'server', message: 'The sign-in service could not be reached. Please try again.' });
    assert.ok(step.ms < 1000, `answered after ${step.ms} ms`);
    assert.ok(step.lines.some((line) => /Okta unreachable: POST http:\/\/localhost:\d+\/idp\/idx\/challenge: fetch failed \(ECONNREFUSED\)/.test(line)), step.lines.join(' | '));
    const other = await stack.device.createUser('dave');
    const fresh = await observe(t, stack.logs, 'someone else signs in while Okta is unreachable', () => login(stack.browser(), other));
    assert.equal(fresh.reply.status, 502);
    assert.equal((await browser.get('/state')).json.status, 'AwaitingChallengeAuthenticatorSelection', 'the flow is where it was');
  } finally {
    okta.rules.length = 0;
  }
  const again = await observe(t, stack.logs, 'Okta answers again: alice tries once more', () =>
    browser.post('/select-authenticator', { authenticatorId: totp.id, methodType: 'totp' }),
  );
  assert.equal(again.reply.json.status, 'AwaitingChallengeCode');
  const { totp: code } = await stack.device.user(user.username);
  assert.equal((await browser.post('/verify-code', { code: code.code })).json.status, 'Success');
});
