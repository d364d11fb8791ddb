// alice (Okta Verify enrolled) through the reference backend: push with number challenge, TOTP, denied push.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, login } from './backend-harness.mjs';

let stack;
before(async () => {
  stack = await startStack();
});
after(() => stack?.close());

function oktaVerifyChoice(reply, methodType) {
  const choice = reply.json.authenticators.find((a) => a.key === 'okta_verify' && a.methodType === methodType);
  assert.ok(choice, `Okta Verify ${methodType} is offered`);
  return choice;
}

test('alice: password, then Okta Verify offered as push and as code', async () => {
  const user = await stack.device.createUser('alice');
  const browser = stack.browser();
  const reply = await login(browser, user);
  assert.equal(reply.status, 200);
  assert.equal(reply.json.status, 'AwaitingChallengeAuthenticatorSelection');
  const push = oktaVerifyChoice(reply, 'push');
  const totp = oktaVerifyChoice(reply, 'totp');
  assert.equal(push.id, totp.id, 'one authenticator, two methods');
  assert.match(push.name, /Okta Verify/);
  assert.notEqual(push.name, totp.name);
  assert.doesNotMatch(reply.text, /Passw0rd|password"/i);
  assert.deepEqual((await browser.get('/state')).json, reply.json, 'GET /state resumes the same step');
});

test('alice: push with number challenge approved on the device ends signed in', async () => {
  const user = await stack.device.createUser('alice');
  const browser = stack.browser();
  const picked = await login(browser, user);
  const choice = oktaVerifyChoice(picked, 'push');

  const sent = await browser.post('/select-authenticator', { authenticatorId: choice.id, methodType: 'push' });
  assert.equal(sent.status, 200);
  assert.equal(sent.json.status, 'AwaitingChallengePoll');
  assert.equal(sent.json.challenge.methodType, 'push');
  assert.equal(typeof sent.json.challenge.correctAnswer, 'number');
  assert.ok(sent.json.refresh > 0);

  const waiting = await browser.poll('/OktaVerify/ChallengePoll');
  assert.equal(waiting.status, 200);
  assert.equal(waiting.json.ContinuePolling, true);
  assert.equal(waiting.json.Status, 'AwaitingChallengePoll');
  assert.equal(typeof waiting.json.Refresh, 'number');

  const push = await stack.device.pendingPush(user.username);
  assert.ok(push.choices.includes(sent.json.challenge.correctAnswer), 'the device offers the number the page shows');
  await stack.device.answerPush(user.username, 'approve', sent.json.challenge.correctAnswer);

  const replies = await browser.pollUntilDone('/OktaVerify/ChallengePoll');
  const last = replies.at(-1);
  assert.equal(last.status, 200);
  assert.deepEqual(last.json, { Refresh: null, ContinuePolling: false, Next: '/signed-in', Status: 'Success' });

  // The final poll reply told the page where to go: success is told once, so the page needs no `GET /state`.
  assert.deepEqual((await browser.get('/state')).json, { status: 'Idle', canRecover: true }, 'success is told once');
  const me = await browser.get('/me');
  assert.equal(me.json.signedIn, true);
  assert.equal(me.json.user.email, user.username);
  assert.ok(me.json.user.sub);
  for (const key of Object.keys(me.json.user)) assert.ok(['sub', 'email', 'name'].includes(key), `user.${key}`);
  assert.doesNotMatch(me.text, /eyJ/, 'no token in the reply');
});

test('alice: TOTP, a wrong code first (400 invalid_code, same step), then the device code', async () => {
  const user = await stack.device.createUser('alice');
  const browser = stack.browser();
  const choice = oktaVerifyChoice(await login(browser, user), 'totp');
  const asked = await browser.post('/select-authenticator', { authenticatorId: choice.id, methodType: 'totp' });
  assert.equal(asked.status, 200);
  assert.equal(asked.json.status, 'AwaitingChallengeCode');
  assert.equal(asked.json.challenge.methodType, 'totp');

  const { totp } = await stack.device.user(user.username);
  const wrongCode = String((Number(totp.code) + 1) % 1e6).padStart(6, '0');
  const wrong = await browser.post('/verify-code', { code: wrongCode });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.json.code, 'invalid_code');
  assert.equal(typeof wrong.json.message, 'string');
  assert.equal((await browser.get('/state')).json.status, 'AwaitingChallengeCode');

  const fresh = await stack.device.user(user.username);
  const right = await browser.post('/verify-code', { code: fresh.totp.code });
  assert.equal(right.status, 200);
  assert.deepEqual(right.json, { status: 'Success', next: '/signed-in' });
  assert.equal((await browser.get('/me')).json.user.email, user.username);
});

test('alice: a denied push answers 403 push_rejected and returns to the picker', async () => {
  const user = await stack.device.createUser('alice');
  const browser = stack.browser();
  const choice = oktaVerifyChoice(await login(browser, user), 'push');
  await browser.post('/select-authenticator', { authenticatorId: choice.id, methodType: 'push' });
  await stack.device.pendingPush(user.username);
  await stack.device.answerPush(user.username, 'deny');

  const replies = await browser.pollUntilDone('/OktaVerify/ChallengePoll');
  const last = replies.at(-1);
  assert.equal(last.status, 403);
  assert.equal(last.json.code, 'push_rejected');
  const state = (await browser.get('/state')).json;
  assert.equal(state.status, 'AwaitingChallengeAuthenticatorSelection');
  assert.ok(state.authenticators.length >= 2);
  assert.equal((await browser.get('/me')).json.signedIn, false);

  // The user can pick again and finish with a code.
  const totp = state.authenticators.find((a) => a.methodType === 'totp');
  const asked = await browser.post('/select-authenticator', { authenticatorId: totp.id, methodType: 'totp' });
  assert.equal(asked.json.status, 'AwaitingChallengeCode');
  const { totp: device } = await stack.device.user(user.username);
  assert.equal((await browser.post('/verify-code', { code: device.code })).json.status, 'Success');
});

test('a poll of the other kind, or before any push, does not touch Okta and says where the flow is', async () => {
  const user = await stack.device.createUser('alice');
  const browser = stack.browser();
  await login(browser, user);
  const reply = await browser.poll('/OktaVerify/EnrollPoll');
  assert.equal(reply.status, 200);
  assert.equal(reply.json.ContinuePolling, false);
  assert.equal(reply.json.Status, 'AwaitingChallengeAuthenticatorSelection');
  assert.equal(reply.json.Next, '/');
});
