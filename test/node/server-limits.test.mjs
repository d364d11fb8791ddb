// Failed passwords throttled per username and per client address (rate-limiter-flexible): a 429 rate_limited with
// Retry-After, answered without asking Okta.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, login, orgFetch } from './backend-harness.mjs';

const post = (stack, body, headers = {}) =>
  fetch(`${stack.origin}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  }).then(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), json: await r.json() }));

test('per username: after 5 failed passwords the 6th try is 429 with Retry-After, Okta not asked; success clears', async (t) => {
  const okta = orgFetch();
  const stack = await startStack({ backend: { fetch: okta.fetch, trustProxy: true } });
  try {
    const user = await stack.device.createUser('dave');
    const statuses = [];
    for (let i = 0; i < 5; i += 1) {
      // From different addresses: only the username counts here.
      const reply = await post(stack, { username: user.username, password: `wrong-${i}` }, { 'x-forwarded-for': `198.51.100.${i}` });
      statuses.push(reply.status);
    }
    assert.deepEqual(statuses, [400, 400, 400, 400, 400]);
    okta.reset();
    const blocked = await post(stack, { username: user.username.toUpperCase(), password: user.password }, { 'x-forwarded-for': '198.51.100.99' });
    t.diagnostic(`6th try: ${blocked.status} ${blocked.json.code}, Retry-After ${blocked.retryAfter} s, Okta calls ${okta.total()}`);
    assert.equal(blocked.status, 429);
    assert.equal(blocked.json.code, 'rate_limited');
    const wait = Number(blocked.retryAfter);
    assert.ok(wait >= 1 && wait <= 900, `Retry-After ${blocked.retryAfter}`);
    assert.equal(okta.total(), 0, 'a throttled login never reaches Okta');

    // Another user from the same addresses is not affected.
    const other = await stack.device.createUser('dave');
    assert.equal((await login(stack.browser(), other)).status, 200);
  } finally {
    await stack.close();
  }
});

test('per client address: many usernames from one address are throttled after limits.failuresPerAddress', async () => {
  const stack = await startStack({ backend: { trustProxy: true, limits: { failuresPerAddress: 3 } } });
  try {
    const statuses = [];
    for (let i = 0; i < 5; i += 1) {
      const reply = await post(stack, { username: `nobody${i}@example.com`, password: 'x' }, { 'x-forwarded-for': '203.0.113.7' });
      statuses.push(reply.status);
    }
    assert.deepEqual(statuses, [400, 400, 400, 429, 429]);
    const elsewhere = await post(stack, { username: 'nobody9@example.com', password: 'x' }, { 'x-forwarded-for': '203.0.113.8' });
    assert.equal(elsewhere.status, 400, 'another address is not throttled');
  } finally {
    await stack.close();
  }
});

test('a successful sign-in clears the username\'s failures', async () => {
  const stack = await startStack({ backend: { limits: { failuresPerUsername: 3 } } });
  try {
    const user = await stack.device.createUser('dave');
    const browser = stack.browser();
    for (let i = 0; i < 2; i += 1) assert.equal((await post(stack, { username: user.username, password: 'no' })).status, 400);
    await login(browser, user);
    assert.equal((await browser.post('/skip')).json.status, 'Success');
    for (let i = 0; i < 2; i += 1) assert.equal((await post(stack, { username: user.username, password: 'no' })).status, 400);
    assert.equal((await login(stack.browser(), user)).status, 200, 'two failures after success do not block');
  } finally {
    await stack.close();
  }
});

test('trustProxy: the address the proxy appended counts, not what the client put before it', async (t) => {
  const stack = await startStack({ backend: { trustProxy: true, limits: { failuresPerAddress: 30, failuresPerUsername: 1000 } } });
  try {
    const statuses = [];
    for (let i = 0; i < 100; i += 1) {
      // The client writes a new address each time; its proxy appends the one it saw: always the same.
      const spoofed = `${(i * 7) % 223}.${i % 250}.${(i * 13) % 250}.${i % 200}`;
      const reply = await post(stack, { username: `nobody${i}@example.com`, password: 'x' }, { 'x-forwarded-for': `${spoofed}, 203.0.113.50` });
      statuses.push(reply.status);
    }
    const throttled = statuses.filter((s) => s === 429).length;
    t.diagnostic(`100 failed logins, a made-up X-Forwarded-For entry before the proxy's: ${throttled} throttled`);
    assert.deepEqual(statuses.slice(0, 30), Array(30).fill(400));
    assert.equal(throttled, 70);

    // Other spellings of the blocked address are the same address.
    for (const spelling of ['::ffff:203.0.113.50', '203.0.113.50:51234', '[::ffff:203.0.113.50]:443', '::FFFF:CB00:7132']) {
      const reply = await post(stack, { username: 'nobody@example.com', password: 'x' }, { 'x-forwarded-for': spelling });
      assert.equal(reply.status, 429, spelling);
    }
    const other = await post(stack, { username: 'nobody@example.com', password: 'x' }, { 'x-forwarded-for': '203.0.113.51' });
    assert.equal(other.status, 400, 'another address is not throttled');
  } finally {
    await stack.close();
  }
});

test('trustProxy: 2 counts two proxies from the right (a CDN, then a load balancer)', async () => {
  const stack = await startStack({ backend: { trustProxy: 2, limits: { failuresPerAddress: 2, failuresPerUsername: 1000 } } });
  try {
    const statuses = [];
    for (let i = 0; i < 4; i += 1) {
      // client's own entry, the address the CDN saw, the CDN's address the load balancer saw
      const reply = await post(stack, { username: `nobody${i}@example.com`, password: 'x' }, { 'x-forwarded-for': `10.9.${i}.1, 198.51.100.7, 192.0.2.10` });
      statuses.push(reply.status);
    }
    assert.deepEqual(statuses, [400, 400, 429, 429]);
  } finally {
    await stack.close();
  }
});
