// Scale-out: two instances of the reference backend against one org, sharing Redis (sessions, locks and failed
// logins) and the session secret. Each sign-in alternates its requests between the instances, for every flow the
// org offers; an instance restarted mid-flow loses nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import express from 'express';
import { createServer } from 'node:http';
import { startOrg } from '../../demo/org/index.mjs';
import { createBackend } from '../../demo/server/index.mjs';
import { RedisSessionStore } from 'okta-signin-elements-server/redis';
import { Browser, DeviceApi, decodeQr, sleep } from './backend-harness.mjs';
import { redisUnavailable, startRedis } from './redis-server.mjs';

const skip = redisUnavailable();
if (skip) console.log(`# SKIP server-redis: ${skip}`);

let redis;
let org;
let device;
const instances = [];
const SECRET = 'shared-session-secret-for-the-test';

/** One backend instance: its own HTTP server and its own Redis connection, as another process would have. */
async function startInstance({ store } = {}) {
  const client = await redis.client();
  const app = express();
  const server = createServer(app);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://localhost:${server.address().port}`;
  app.use(
    '/auth',
    createBackend({
      issuer: org.issuer,
      clientId: 'local-web',
      clientSecret: 'local-web-secret',
      // Every instance has the same configuration (okta-auth-js checks the redirect URI against the saved transaction).
      redirectUri: 'http://localhost:3999/login/callback',
      successUrl: '/signed-in',
      sessionSecret: SECRET,
      sessionStore: store?.(client) ?? new RedisSessionStore(client),
      limits: { redis: client },
      logger: { warn() {}, error() {} },
    }),
  );
  const instance = {
    base: `${origin}/auth`,
    client,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  instances.push(instance);
  return instance;
}

/** A browser whose every request goes to the next instance in turn: what a round-robin load balancer does. */
class RoundRobinBrowser extends Browser {
  constructor(pool) {
    super(pool[0].base);
    this.pool = pool;
    this.turn = 0;
    this.served = [];
  }

  request(method, path, init) {
    const instance = this.pool[this.turn++ % this.pool.length];
    this.base = instance.base;
    this.served.push(instance.base);
    return super.request(method, path, init);
  }
}

let a;
let b;
before(async () => {
  if (skip) return;
  redis = await startRedis();
  org = await startOrg({ pollRefreshMs: 200, minPollIntervalMs: 50 });
  device = new DeviceApi(org.origin);
  a = await startInstance();
  b = await startInstance();
});
after(async () => {
  for (const instance of instances) await instance.close().catch(() => {});
  await org?.close();
  await redis?.stop();
});

const options = { skip };

async function pollToEnd(browser, path) {
  const replies = await browser.pollUntilDone(path);
  return replies.at(-1);
}

async function outboxMessageTo(to) {
  for (let i = 0; i < 50; i += 1) {
    const message = (await device.outbox()).find((m) => m.to === to);
    if (message) return message;
    await sleep(100);
  }
  throw new Error(`no message to ${to}`);
}

async function signedInAs(browser, user) {
  const me = await browser.get('/me');
  assert.equal(me.json.user?.email, user.username);
}

test('alice by push, requests alternating between two instances', options, async () => {
  const user = await device.createUser('alice');
  const browser = new RoundRobinBrowser([a, b]);
  const picker = await browser.post('/login', user);
  assert.equal(picker.json.status, 'AwaitingChallengeAuthenticatorSelection');
  const push = picker.json.authenticators.find((x) => x.methodType === 'push');
  const sent = await browser.post('/select-authenticator', { authenticatorId: push.id, methodType: 'push' });
  assert.equal(sent.json.status, 'AwaitingChallengePoll');
  await device.pendingPush(user.username);
  await device.answerPush(user.username, 'approve', sent.json.challenge.correctAnswer);
  assert.equal((await pollToEnd(browser, '/OktaVerify/ChallengePoll')).json.Status, 'Success');
  await signedInAs(browser, user);
  assert.ok(new Set(browser.served).size === 2, 'both instances served this sign-in');
});

test('alice by TOTP, alternating', options, async () => {
  const user = await device.createUser('alice');
  const browser = new RoundRobinBrowser([a, b]);
  const picker = await browser.post('/login', user);
  const totp = picker.json.authenticators.find((x) => x.methodType === 'totp');
  assert.equal((await browser.post('/select-authenticator', { authenticatorId: totp.id, methodType: 'totp' })).json.status, 'AwaitingChallengeCode');
  const { totp: code } = await device.user(user.username);
  assert.equal((await browser.post('/verify-code', { code: code.code })).json.status, 'Success');
  await signedInAs(browser, user);
});

test('bob by QR code, alternating', options, async () => {
  const user = await device.createUser('bob');
  const browser = new RoundRobinBrowser([a, b]);
  const offered = await browser.post('/login', user);
  const ov = offered.json.authenticators.find((x) => x.key === 'okta_verify');
  const shown = await browser.post('/select-authenticator', { authenticatorId: ov.id });
  assert.equal(shown.json.status, 'AwaitingEnrollmentPoll');
  await device.activate(decodeQr(shown.json.enrollment.qrCode));
  assert.equal((await pollToEnd(browser, '/OktaVerify/EnrollPoll')).json.Status, 'Success');
  await signedInAs(browser, user);
});

for (const channel of ['email', 'sms']) {
  test(`bob by ${channel}, alternating`, options, async () => {
    const user = await device.createUser('bob');
    const browser = new RoundRobinBrowser([a, b]);
    const offered = await browser.post('/login', user);
    const ov = offered.json.authenticators.find((x) => x.key === 'okta_verify');
    await browser.post('/select-authenticator', { authenticatorId: ov.id });
    assert.equal((await browser.post('/enrollment-channel', { channel })).json.status, 'AwaitingEnrollmentChannelData');
    const to = channel === 'sms' ? `+1555${String(Date.now()).slice(-7)}` : user.username;
    const sent = await browser.post('/enrollment-channel-data', channel === 'sms' ? { phoneNumber: to } : { email: to });
    assert.equal(sent.json.status, 'AwaitingEnrollmentPoll', JSON.stringify(sent.json));
    await device.activate((await outboxMessageTo(to)).link);
    assert.equal((await pollToEnd(browser, '/OktaVerify/EnrollPoll')).json.Status, 'Success');
    await signedInAs(browser, user);
  });
}

test('carol: expired password changed, alternating', options, async () => {
  const user = await device.createUser('carol');
  const browser = new RoundRobinBrowser([a, b]);
  assert.equal((await browser.post('/login', user)).json.status, 'PasswordExpired');
  const changed = await browser.post('/change-password', { newPassword: `N3w-${Date.now()}-Pass!` });
  assert.deepEqual(changed.json, { status: 'Success', next: '/signed-in' });
  await signedInAs(browser, user);
});

test('dave: skip, alternating; logout on one instance signs out on the other', options, async () => {
  const user = await device.createUser('dave');
  const browser = new RoundRobinBrowser([a, b]);
  assert.equal((await browser.post('/login', user)).json.status, 'AwaitingAuthenticatorEnrollment');
  assert.equal((await browser.post('/skip')).json.status, 'Success');
  await signedInAs(browser, user);
  await browser.post('/logout');
  assert.equal((await browser.get('/me')).json.signedIn, false);
});

test('an instance restarted mid-flow loses nothing: bob by QR finishes on the new one', options, async () => {
  const user = await device.createUser('bob');
  const first = await startInstance();
  const browser = new RoundRobinBrowser([first]);
  const offered = await browser.post('/login', user);
  const ov = offered.json.authenticators.find((x) => x.key === 'okta_verify');
  const shown = await browser.post('/select-authenticator', { authenticatorId: ov.id });
  assert.equal((await browser.poll('/OktaVerify/EnrollPoll')).json.ContinuePolling, true);

  await first.close();
  const restarted = await startInstance();
  browser.pool = [restarted, b];
  assert.equal((await browser.get('/state')).json.status, 'AwaitingEnrollmentPoll', 'the flow survived the restart');
  await device.activate(decodeQr(shown.json.enrollment.qrCode));
  assert.equal((await pollToEnd(browser, '/OktaVerify/EnrollPoll')).json.Status, 'Success');
  await signedInAs(browser, user);
});

test('one session across instances runs one request at a time: a poll on A cannot undo a channel switch on B', options, async () => {
  // A's store is slow to save "waiting for enrollment": without the Redis lock, A's poll would save its older
  // copy of the session after B's channel switch.
  class SlowStore extends RedisSessionStore {
    async set(id, data, ttl) {
      if (data.flowState?.status === 'AwaitingEnrollmentPoll') await sleep(300);
      return super.set(id, data, ttl);
    }
  }
  const slowA = await startInstance({ store: (client) => new SlowStore(client) });
  const user = await device.createUser('bob');
  const onA = new RoundRobinBrowser([slowA]);
  const offered = await onA.post('/login', user);
  const ov = offered.json.authenticators.find((x) => x.key === 'okta_verify');
  await onA.post('/select-authenticator', { authenticatorId: ov.id });
  await sleep(250);
  const onB = new RoundRobinBrowser([b]);
  onB.cookies = onA.cookies;
  const [polled, switched] = await Promise.all([
    onA.get('/OktaVerify/EnrollPoll'),
    sleep(20).then(() => onB.post('/enrollment-channel', { channel: 'email' })),
  ]);
  assert.equal(polled.status, 200);
  assert.equal(switched.json.status, 'AwaitingEnrollmentChannelData');
  assert.equal((await onA.get('/state')).json.status, 'AwaitingEnrollmentChannelData');
  assert.equal((await onB.get('/state')).json.status, 'AwaitingEnrollmentChannelData');
});

test('failed passwords are counted across instances (Redis rate limiter)', options, async () => {
  const user = await device.createUser('dave');
  const browser = new RoundRobinBrowser([a, b]);
  const statuses = [];
  for (let i = 0; i < 6; i += 1) statuses.push((await browser.post('/login', { username: user.username, password: `no-${i}` })).status);
  assert.deepEqual(statuses, [400, 400, 400, 400, 400, 429]);
});

test('sessions live in Redis with a TTL; a failed login stores none', options, async () => {
  const store = new RedisSessionStore(a.client);
  const before = await store.count();
  const user = await device.createUser('alice');
  await new RoundRobinBrowser([a, b]).post('/login', { username: user.username, password: 'wrong' });
  assert.equal(await store.count(), before, 'no session for a failed anonymous login');
  const browser = new RoundRobinBrowser([a, b]);
  await browser.post('/login', user);
  assert.equal(await store.count(), before + 1);
  const keys = await a.client.sendCommand(['KEYS', 'okta_signin:sess:*']);
  const ttls = await Promise.all(keys.map((k) => a.client.sendCommand(['PTTL', k])));
  assert.ok(ttls.every((ms) => ms > 0 && ms <= 30 * 60_000), `TTLs ${ttls}`);
});

test('a session locked elsewhere longer than the request timeout: 503 with Retry-After, not a hang', options, async () => {
  const { createSignInHandler } = await import('okta-signin-elements-server');
  const client = await redis.client();
  const handler = createSignInHandler({
    issuer: org.issuer,
    clientId: 'local-web',
    clientSecret: 'local-web-secret',
    redirectUri: 'http://localhost:3999/login/callback',
    sessionSecret: SECRET,
    basePath: '/auth',
    sessionStore: new RedisSessionStore(client),
    timeouts: { request: 300 },
    logger: { warn() {}, error() {} },
  });
  const user = await device.createUser('alice');
  const login = await handler.fetch(
    new Request('http://localhost/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(user),
    }),
  );
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const id = decodeURIComponent(cookie.split('=')[1]).split('.')[0];
  // Another instance holds this session (a request stuck past its own timeout would not, but a crashed one might).
  await client.sendCommand(['SET', `okta_signin:lock:${id}`, 'someone-else', 'PX', '5000']);
  const started = Date.now();
  const reply = await handler.fetch(new Request('http://localhost/auth/state', { headers: { cookie } }));
  const ms = Date.now() - started;
  assert.equal(reply.status, 503);
  assert.equal(reply.headers.get('retry-after'), '1');
  assert.equal((await reply.json()).code, 'server');
  assert.ok(ms >= 1200 && ms < 2500, `gave up after ${ms} ms (request timeout 300 ms + 1 s)`);
});
