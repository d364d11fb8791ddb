// okta-signin-elements-server's sessions and its three forms: Express middleware (the harness), a plain node:http
// handler and a web fetch handler. Sessions are stored only once a sign-in has started, and expire.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createSignInHandler, MemorySessionStore } from 'okta-signin-elements-server';
import { startStack, login, sleep, Browser } from './backend-harness.mjs';

let stack;
before(async () => {
  stack = await startStack();
});
after(() => stack?.close());

const orgOptions = (extra = {}) => ({
  issuer: stack.org.issuer,
  clientId: 'local-web',
  clientSecret: 'local-web-secret',
  redirectUri: 'http://localhost/login/callback',
  successUrl: '/signed-in',
  basePath: '/auth',
  logger: { warn() {}, error() {} },
  ...extra,
});

/** A browser for the web-standard form: Request in, Response out, cookies kept. */
function webBrowser(handler, base) {
  const jar = new Map();
  return async (method, path, json, headers = {}) => {
    const init = { method, headers: { accept: 'application/json', ...headers } };
    if (jar.size) init.headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (json !== undefined) {
      init.body = JSON.stringify(json);
      init.headers['content-type'] = 'application/json';
    }
    const response = await handler.fetch(new Request(base + path, init));
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      if (value) jar.set(name, value);
      else jar.delete(name);
    }
    return { status: response.status, headers: response.headers, json: await response.json() };
  };
}

test('web fetch form (Next.js route handler, Hono): dave signs in under basePath /api/auth', async () => {
  const handler = createSignInHandler(orgOptions({ basePath: '/api/auth' }));
  const call = webBrowser(handler, 'http://localhost:3000/api/auth');
  const user = await stack.device.createUser('dave');
  assert.deepEqual((await call('GET', '/state')).json, { status: 'Idle', canRecover: true });
  const offered = await call('POST', '/login', { username: user.username, password: user.password });
  assert.equal(offered.status, 200);
  assert.equal(offered.json.status, 'AwaitingAuthenticatorEnrollment');
  assert.match(offered.headers.get('set-cookie'), /^okta_signin\.sid=[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax$/);
  assert.equal(offered.headers.get('cache-control'), 'no-store');
  const done = await call('POST', '/skip', {});
  assert.deepEqual(done.json, { status: 'Success', next: '/signed-in' });
  assert.equal((await call('GET', '/me')).json.user.email, user.username);
  assert.equal((await call('POST', '/login', undefined, { 'content-type': 'text/plain' })).status, 415);
  assert.equal((await call('GET', '/nope')).status, 404);
});

test('plain node:http handler, no framework: the handler strips its basePath itself', async () => {
  const handler = createSignInHandler(orgOptions({ basePath: '/auth' }));
  const server = createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const browser = new Browser(`http://localhost:${server.address().port}/auth`);
    const user = await stack.device.createUser('dave');
    assert.equal((await login(browser, user)).json.status, 'AwaitingAuthenticatorEnrollment');
    assert.equal((await browser.post('/skip')).json.status, 'Success');
    assert.equal((await browser.get('/me')).json.signedIn, true);
    const huge = await browser.post('/login', { username: 'a'.repeat(20000), password: 'x' });
    assert.equal(huge.status, 413);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a session is stored only once a sign-in has started: not for GET /state, nor for a failed login', async () => {
  const store = new MemorySessionStore();
  const handler = createSignInHandler(orgOptions({ sessionStore: store }));
  const call = webBrowser(handler, 'http://localhost/auth');
  const user = await stack.device.createUser('alice');
  const anonymous = await call('GET', '/state');
  assert.equal(anonymous.headers.get('set-cookie'), null);
  for (let i = 0; i < 3; i += 1) {
    const failed = await call('POST', '/login', { username: user.username, password: `wrong-${i}` });
    assert.equal(failed.json.code, 'invalid_credentials');
    assert.equal(failed.headers.get('set-cookie'), null, 'no cookie for a failed anonymous login');
  }
  assert.equal(store.size, 0, 'sessions stored after 3 failed logins');
  await call('POST', '/login', { username: user.username, password: user.password });
  assert.equal(store.size, 1);
  await call('POST', '/cancel', {});
  assert.equal(store.size, 0, 'cancel leaves nothing behind');
  store.close();
});

test('idle timeout: a session untouched for longer than timeouts.idle is gone', async () => {
  const store = new MemorySessionStore();
  const handler = createSignInHandler(orgOptions({ sessionStore: store, timeouts: { idle: 400 } }));
  const call = webBrowser(handler, 'http://localhost/auth');
  const user = await stack.device.createUser('alice');
  const picker = await call('POST', '/login', { username: user.username, password: user.password });
  await sleep(250);
  assert.equal((await call('GET', '/state')).json.status, 'AwaitingChallengeAuthenticatorSelection', 'touched in time');
  await sleep(600);
  const totp = picker.json.authenticators.find((a) => a.methodType === 'totp');
  const late = await call('POST', '/select-authenticator', { authenticatorId: totp.id, methodType: 'totp' });
  assert.equal(late.status, 401);
  assert.equal(late.json.code, 'session_expired');
  assert.equal(store.prune() + store.size, 0, 'nothing left after pruning');
  store.close();
});

test('absolute timeout: a busy session still ends timeouts.absolute after it began', async () => {
  const absolute = 1500;
  const handler = createSignInHandler(orgOptions({ timeouts: { idle: 60_000, absolute } }));
  const call = webBrowser(handler, 'http://localhost/auth');
  const user = await stack.device.createUser('alice');
  const began = Date.now();
  await call('POST', '/login', { username: user.username, password: user.password });
  // Busy all along: each request inside the window (timed from before the login, so a slow machine cannot make a
  // late request look early) still finds the sign-in.
  for (let i = 0; i < 3; i += 1) {
    await sleep(150);
    const asked = Date.now();
    const { status } = (await call('GET', '/state')).json;
    if (asked - began < absolute - 200) assert.equal(status, 'AwaitingChallengeAuthenticatorSelection');
  }
  await sleep(Math.max(0, began + absolute + 100 - Date.now()));
  assert.deepEqual((await call('GET', '/state')).json, { status: 'Idle', canRecover: true });
});

test('the memory store prunes expired sessions on its own', async () => {
  const store = new MemorySessionStore({ pruneIntervalMs: 50 });
  for (let i = 0; i < 100; i += 1) await store.set(`s${i}`, { createdAt: Date.now() }, 30);
  await store.set('kept', { createdAt: Date.now() }, 60_000);
  assert.equal(store.size, 101);
  await sleep(200);
  assert.equal(store.size, 1);
  assert.ok(await store.get('kept'));
  store.close();
});

test('Secure cookie: over HTTPS, or behind a TLS proxy with trustProxy and X-Forwarded-Proto: https', async () => {
  const user = await stack.device.createUser('dave');
  const cookieOf = async (options, url, headers = {}) => {
    const handler = createSignInHandler(orgOptions(options));
    const response = await handler.fetch(
      new Request(`${url}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ username: user.username, password: user.password }),
      }),
    );
    return response.headers.get('set-cookie');
  };
  assert.doesNotMatch(await cookieOf({}, 'http://localhost'), /Secure/);
  assert.match(await cookieOf({}, 'https://app.example.com'), /; Secure/);
  assert.doesNotMatch(await cookieOf({}, 'http://localhost', { 'x-forwarded-proto': 'https' }), /Secure/, 'not trusted by default');
  assert.match(await cookieOf({ trustProxy: true }, 'http://localhost', { 'x-forwarded-proto': 'https' }), /; Secure/);
  assert.doesNotMatch(await cookieOf({ trustProxy: true }, 'http://localhost', { 'x-forwarded-proto': 'http' }), /Secure/);
  assert.match(await cookieOf({ cookie: { secure: true } }, 'http://localhost'), /; Secure/);
});

test('Secure cookie through Express behind a proxy: the reference backend with trustProxy', async () => {
  const proxied = await startStack({ backend: { trustProxy: true } });
  try {
    const user = await proxied.device.createUser('dave');
    const response = await fetch(`${proxied.origin}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    assert.match(response.headers.get('set-cookie'), /HttpOnly; SameSite=Lax; Secure$/);
  } finally {
    await proxied.close();
  }
});

test('a cookie with a wrong signature is ignored; rotated secrets still read the old cookie', async () => {
  const user = await stack.device.createUser('alice');
  const store = new MemorySessionStore();
  const first = createSignInHandler(orgOptions({ sessionStore: store, sessionSecret: 'old-secret' }));
  const call = webBrowser(first, 'http://localhost/auth');
  await call('POST', '/login', { username: user.username, password: user.password });
  const cookie = (await first.fetch(new Request('http://localhost/auth/state'))).headers.get('set-cookie');
  assert.equal(cookie, null);
  const rotated = createSignInHandler(orgOptions({ sessionStore: store, sessionSecret: ['new-secret', 'old-secret'] }));
  const other = createSignInHandler(orgOptions({ sessionStore: store, sessionSecret: 'someone-else' }));
  // Same store, same cookie: only a handler that knows the secret finds the session.
  const jarCookie = await (async () => {
    const r = await first.fetch(
      new Request('http://localhost/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user.username, password: user.password }),
      }),
    );
    return r.headers.get('set-cookie').split(';')[0];
  })();
  const state = async (handler, c) => (await (await handler.fetch(new Request('http://localhost/auth/state', { headers: { cookie: c } }))).json()).status;
  assert.equal(await state(rotated, jarCookie), 'AwaitingChallengeAuthenticatorSelection');
  assert.equal(await state(other, jarCookie), 'Idle');
  const [name, value] = jarCookie.split('=');
  const tampered = `${name}=${value.slice(0, -2)}${value.endsWith('AA') ? 'BB' : 'AA'}`;
  assert.equal(await state(first, tampered), 'Idle');
  store.close();
});

test('Express with express.json() in front: the handler takes the parsed body', async () => {
  const { default: express } = await import('express');
  const app = express();
  app.use(express.json());
  app.use('/auth', createSignInHandler(orgOptions({ basePath: '' })));
  const server = createServer(app);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const browser = new Browser(`http://localhost:${server.address().port}/auth`);
    const user = await stack.device.createUser('dave');
    assert.equal((await login(browser, user)).json.status, 'AwaitingAuthenticatorEnrollment');
    assert.equal((await browser.post('/skip')).json.status, 'Success');
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('a __Host- cookie name: always Secure, Path=/ and no Domain; a configuration that breaks the prefix is refused', async () => {
  const user = await stack.device.createUser('dave');
  const handler = createSignInHandler(orgOptions({ cookie: { name: '__Host-okta_signin.sid' } }));
  const call = webBrowser(handler, 'https://app.example.com/auth');
  const offered = await call('POST', '/login', { username: user.username, password: user.password });
  assert.match(offered.headers.get('set-cookie'), /^__Host-okta_signin\.sid=[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
  assert.equal((await call('POST', '/skip', {})).json.status, 'Success');
  assert.equal((await call('GET', '/me')).json.user.email, user.username, 'the prefixed cookie carries the session');
  // Secure even when the request came in over plain HTTP (a proxy that does not say X-Forwarded-Proto).
  const plain = await createSignInHandler(orgOptions({ cookie: { name: '__Host-sid' } })).fetch(
    new Request('http://localhost/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    }),
  );
  assert.match(plain.headers.get('set-cookie'), /; Secure$/);
  assert.throws(() => createSignInHandler(orgOptions({ cookie: { name: '__Host-sid', domain: 'example.com' } })), /needs path "\/" and no domain/);
  assert.throws(() => createSignInHandler(orgOptions({ cookie: { name: '__Host-sid', path: '/auth' } })), /needs path "\/" and no domain/);
  assert.throws(() => createSignInHandler(orgOptions({ cookie: { name: '__Host-sid', secure: false } })), /must be Secure/);
});

test('a session store of the site\'s own that fails: 503 "briefly unavailable" with Retry-After, the log says what it said', async () => {
  const user = await stack.device.createUser('dave');
  const logs = [];
  const store = new MemorySessionStore();
  let broken = false;
  const flaky = {
    get: (id) => (broken ? Promise.reject(new Error('connection to the sessions database lost')) : store.get(id)),
    set: (id, data, ttl) => (broken ? Promise.reject(new Error('connection to the sessions database lost')) : store.set(id, data, ttl)),
    destroy: (id) => store.destroy(id),
  };
  const handler = createSignInHandler(orgOptions({ sessionStore: flaky, logger: { warn: (l) => logs.push(l), error: (l) => logs.push(l) } }));
  const call = webBrowser(handler, 'http://localhost/auth');
  assert.equal((await call('POST', '/login', { username: user.username, password: user.password })).json.status, 'AwaitingAuthenticatorEnrollment');
  broken = true;
  for (const reply of [await call('GET', '/state'), await call('POST', '/login', { username: user.username, password: user.password })]) {
    assert.equal(reply.status, 503);
    assert.equal(reply.headers.get('retry-after'), '5');
    assert.deepEqual(reply.json, { code: 'server', message: 'The sign-in service is briefly unavailable. Please try again in a moment.' });
  }
  assert.ok(logs.some((line) => /session store unavailable: Error: connection to the sessions database lost/.test(line)), logs.join(' | '));
  broken = false;
  assert.equal((await call('POST', '/skip', {})).json.status, 'Success', 'the sign-in goes on once the store is back');
  store.close();
});
