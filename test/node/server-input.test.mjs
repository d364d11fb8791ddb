// Input the server module refuses, and what every reply carries: a body that is JSON but not an object, a field of
// the wrong type, a body that stops arriving, and `X-Content-Type-Options: nosniff`. Each refusal is a 4xx with a
// message, and Okta is not asked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { createServer } from 'node:http';
import { createSignInHandler } from 'okta-signin-elements-server';
import { startStack, login, orgFetch } from './backend-harness.mjs';

const okta = orgFetch();
let stack;
before(async () => {
  stack = await startStack({ backend: { fetch: okta.fetch } });
});
after(() => stack?.close());

test('a JSON body that is not an object ([], "str", 123, null) is 400 on POST /recover, as on every POST', async () => {
  const browser = stack.browser();
  for (const body of ['[]', '"str"', '123', 'null', '[{"username":"a@example.com"}]']) {
    okta.reset();
    for (const path of ['/recover', '/login', '/skip']) {
      const reply = await browser.request('POST', path, { body });
      assert.equal(reply.status, 400, `${path} ${body}: ${reply.status} ${reply.text}`);
      assert.deepEqual(reply.json, { code: 'invalid_input', message: 'Send the request body as a JSON object.' });
    }
    assert.equal(okta.total(), 0, `Okta was asked for ${body}`);
  }
  assert.equal((await browser.request('POST', '/cancel', { body: '' })).status, 200, 'an empty body is still {}');
});

test('methodType of the wrong type on /select-authenticator is 400, and no push is sent', async () => {
  const user = await stack.device.createUser('alice');
  const browser = stack.browser();
  const picker = await login(browser, user);
  const push = picker.json.authenticators.find((a) => a.methodType === 'push');
  for (const methodType of [['push'], { push: true }, 1, true]) {
    okta.reset();
    const reply = await browser.post('/select-authenticator', { authenticatorId: push.id, methodType });
    assert.equal(reply.status, 400, JSON.stringify(methodType));
    assert.deepEqual(reply.json, { code: 'invalid_input', message: 'The method must be text.' });
    assert.equal(okta.total(), 0);
  }
  assert.equal((await stack.device.user(user.username)).push, null, 'no push reached the phone');
  assert.equal((await browser.get('/state')).json.status, 'AwaitingChallengeAuthenticatorSelection');
  assert.equal((await browser.post('/recover', { username: 42 })).json.message, 'The username must be text.');
});

test('every reply says X-Content-Type-Options: nosniff, errors and 404s included', async () => {
  const browser = stack.browser();
  for (const reply of [
    await browser.get('/state'),
    await browser.get('/me'),
    await browser.post('/skip'),
    await browser.get('/nope'),
    await browser.request('POST', '/login', { body: 'x', contentType: 'text/plain' }),
  ]) {
    assert.equal(reply.headers.get('x-content-type-options'), 'nosniff', `${reply.status} ${reply.text}`);
  }
});

/** Sends the head of a POST and half its body, then waits: what a stalled client (or a slow-loris) does. */
function stalledPost(port, path) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 60\r\n\r\n{"username":"a@example.com",`,
      );
    });
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk;
    });
    socket.on('close', () => resolve({ text, ms: Date.now() - started }));
    socket.on('error', reject);
    setTimeout(() => socket.destroy(), 10_000);
  });
}

test('a body that stalls half-way is answered 408 within the request timeout, and the connection closed', async (t) => {
  const handler = createSignInHandler({
    issuer: stack.org.issuer,
    clientId: 'local-web',
    clientSecret: 'local-web-secret',
    redirectUri: 'http://localhost/login/callback',
    timeouts: { request: 700 },
    logger: { warn() {}, error() {} },
  });
  const server = createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { text, ms } = await stalledPost(server.address().port, '/login');
    t.diagnostic(`stalled body: ${text.split('\r\n')[0]} after ${ms} ms (request timeout 700 ms)`);
    assert.match(text, /^HTTP\/1\.1 408 /);
    assert.match(text, /connection: close/i);
    assert.match(text, /"code":"invalid_input"/);
    assert.ok(ms >= 650 && ms < 2000, `answered after ${ms} ms`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  // The fetch form: a body stream that never ends.
  const stream = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"username":'));
    },
  });
  const started = Date.now();
  const reply = await handler.fetch(
    new Request('http://localhost/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' }),
  );
  assert.equal(reply.status, 408);
  assert.ok(Date.now() - started < 2000);
});
