// Faithful failures: what Okta answers for bad credentials, dead transactions, fast polling and bad input.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { PASSWORD, REDIRECT_URI, newUser, oktaClient, signIn, sleep, startTestOrg } from './org-helpers.mjs';

const ION = 'application/ion+json; okta-version=1.0.0';

/** Starts a transaction by hand: interact, then introspect; returns its stateHandle. */
async function rawTransaction(org) {
  const verifier = randomBytes(32).toString('base64url');
  const res = await fetch(`${org.issuer}/v1/interact`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: 'local-spa',
      scope: 'openid email',
      redirect_uri: REDIRECT_URI,
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      state: 'state-1',
    }),
  });
  assert.equal(res.status, 200);
  const { interaction_handle: interactionHandle } = await res.json();
  const intro = await idx(org, '/introspect', { interactionHandle });
  assert.equal(intro.status, 200);
  return intro.body.stateHandle;
}

/** POSTs to an IDX endpoint; `raw` sends the body string as is. */
async function idx(org, path, body, { raw, contentType = ION } = {}) {
  const res = await fetch(`${org.origin}/idp/idx${path}`, {
    method: 'POST',
    headers: { 'Content-Type': contentType, Accept: ION },
    body: raw ?? JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type'), headers: res.headers, body: JSON.parse(text) };
}

const messageKeys = (body) => body.messages?.value.map((m) => m.i18n.key) ?? [];

describe('failures', () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  test('ten wrong passwords in a row lock the account, in Okta\'s words; then the right one is refused too', async () => {
    const { username } = await newUser(org, 'dave');
    const auth = oktaClient(org);
    const keys = [];
    for (let i = 0; i < 10; i++) keys.push((await signIn(auth, username, `wrong-${i}`)).messages[0].i18n.key);
    assert.deepEqual(keys, [...Array(9).fill('errors.E0000004'), 'errors.E0000119']);
    const right = await signIn(oktaClient(org), username, PASSWORD);
    assert.notEqual(right.status, 'SUCCESS');
    assert.equal(right.messages[0].message, 'Your account is locked. Please contact your administrator.');
    assert.equal(right.messages[0].i18n.key, 'errors.E0000119');
    // Another account is not touched, and the right password resets the count of one that is not locked.
    const other = await newUser(org, 'dave');
    for (let i = 0; i < 9; i++) await signIn(oktaClient(org), other.username, 'wrong');
    assert.equal((await signIn(oktaClient(org), other.username, PASSWORD)).nextStep?.name, 'select-authenticator-enroll');
    assert.equal((await signIn(oktaClient(org), other.username, 'wrong')).messages[0].i18n.key, 'errors.E0000004');
  });

  test('wrong password: "Authentication failed" (errors.E0000004), and the same client can try again', async () => {
    const auth = oktaClient(org);
    const wrong = await signIn(auth, 'alice@example.com', 'not-the-password');
    assert.notEqual(wrong.status, 'SUCCESS');
    assert.equal(wrong.messages[0].message, 'Authentication failed');
    assert.equal(wrong.messages[0].i18n.key, 'errors.E0000004');
    const retry = await auth.idx.proceed({ step: 'identify', username: 'alice@example.com', password: PASSWORD });
    assert.equal(retry.nextStep.name, 'select-authenticator-authenticate');
  });

  test('unknown user gets the very same answer as a wrong password', async () => {
    const stateHandle = await rawTransaction(org);
    const unknown = await idx(org, '/identify', { identifier: 'nobody@example.com', credentials: { passcode: PASSWORD }, stateHandle });
    const wrong = await idx(org, '/identify', { identifier: 'alice@example.com', credentials: { passcode: 'nope' }, stateHandle });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.type, ION);
    assert.deepEqual(unknown.body.messages, wrong.body.messages);
    assert.deepEqual(messageKeys(unknown.body), ['errors.E0000004']);
    assert.equal(unknown.body.remediation.value[0].name, 'identify');
    const viaClient = await signIn(oktaClient(org), 'nobody@example.com');
    assert.equal(viaClient.messages[0].i18n.key, 'errors.E0000004');
  });

  test('missing username or password: 400 with field messages', async () => {
    const stateHandle = await rawTransaction(org);
    const res = await idx(org, '/identify', { identifier: ' ', stateHandle });
    assert.equal(res.status, 400);
    const identify = res.body.remediation.value[0];
    const identifier = identify.value.find((f) => f.name === 'identifier');
    assert.equal(identifier.messages.value[0].i18n.key, 'model.validation.field.blank');
    const passcode = identify.value.find((f) => f.name === 'credentials').form.value[0];
    assert.equal(passcode.messages.value[0].message, 'This field cannot be left blank');
  });

  test('expired stateHandle: 401 idx.session.expired, TERMINAL in okta-auth-js', async () => {
    const shortOrg = await startTestOrg({ stateHandleTtlMs: 300 });
    try {
      const auth = oktaClient(shortOrg);
      await auth.idx.start();
      await sleep(400);
      const tx = await auth.idx.proceed({ step: 'identify', username: 'alice@example.com', password: PASSWORD });
      assert.equal(tx.status, 'TERMINAL');
      assert.equal(tx.messages[0].i18n.key, 'idx.session.expired');

      const stateHandle = await rawTransaction(shortOrg);
      await sleep(400);
      const res = await idx(shortOrg, '/introspect', { stateHandle });
      assert.equal(res.status, 401);
      assert.equal(res.type, ION);
      assert.deepEqual(messageKeys(res.body), ['idx.session.expired']);
    } finally {
      await shortOrg.close();
    }
  });

  test('unknown stateHandle: 401 idx.session.expired; missing one: 400', async () => {
    const unknown = await idx(org, '/challenge/poll', { stateHandle: '02doesnotexist' });
    assert.equal(unknown.status, 401);
    assert.deepEqual(messageKeys(unknown.body), ['idx.session.expired']);
    const missing = await idx(org, '/identify', { identifier: 'alice@example.com' });
    assert.equal(missing.status, 400);
    assert.equal(missing.type, ION);
    assert.match(missing.body.messages.value[0].message, /stateHandle/);
  });

  test('polling faster than allowed: 429 tooManyRequests with Retry-After', async () => {
    const { username } = await newUser(org, 'alice');
    const auth = oktaClient(org);
    await signIn(auth, username);
    const push = await auth.idx.proceed({
      step: 'select-authenticator-authenticate',
      authenticator: { id: 'aut1okta0verify00001', methodType: 'push' },
    });
    const stateHandle = push.context.stateHandle ?? push.rawIdxState?.stateHandle;
    assert.ok(stateHandle);
    const first = await idx(org, '/authenticators/poll', { stateHandle });
    assert.equal(first.status, 200);
    const second = await idx(org, '/authenticators/poll', { stateHandle });
    assert.equal(second.status, 429);
    assert.equal(second.type, ION);
    assert.deepEqual(messageKeys(second.body), ['tooManyRequests']);
    assert.ok(Number(second.headers.get('retry-after')) >= 1);

    const viaClient = await auth.idx.proceed({ step: 'challenge-poll' });
    assert.equal(viaClient.status, 'TERMINAL');
    assert.equal(viaClient.messages[0].i18n.key, 'tooManyRequests');
  });

  test('malformed JSON is a 400 IDX error, in both JSON content types', async () => {
    for (const contentType of [ION, 'application/json', 'application/json; okta-version=1.0.0']) {
      const res = await idx(org, '/identify', null, { raw: '{"stateHandle": ', contentType });
      assert.equal(res.status, 400, contentType);
      assert.equal(res.type, ION);
      assert.deepEqual(messageKeys(res.body), ['errors.E0000003']);
    }
    const array = await idx(org, '/identify', [1, 2]);
    assert.equal(array.status, 400);
    const nothing = await idx(org, '/identify', null, { raw: '', contentType: 'text/plain' });
    assert.equal(nothing.status, 400);
  });

  test('a step that does not fit the transaction is refused with a message', async () => {
    const stateHandle = await rawTransaction(org);
    for (const path of ['/challenge/answer', '/challenge', '/credential/enroll', '/challenge/send', '/skip', '/challenge/poll']) {
      const res = await idx(org, path, { stateHandle, credentials: { totp: '123456' } });
      assert.equal(res.status, 400, path);
      assert.equal(res.body.remediation.value[0].name, 'identify', 'the current step is offered again');
      assert.ok(res.body.messages.value[0].message);
    }
  });

  test('bob cannot skip the required enrollment', async () => {
    const { username } = await newUser(org, 'bob');
    const stateHandle = await rawTransaction(org);
    await idx(org, '/identify', { identifier: username, credentials: { passcode: PASSWORD }, stateHandle });
    const skip = await idx(org, '/skip', { stateHandle });
    assert.equal(skip.status, 400);
    assert.equal(skip.body.remediation.value[0].name, 'select-authenticator-enroll');
  });

  test('no bad input makes a 500: every endpoint, every kind of body', async () => {
    const stateHandle = await rawTransaction(org);
    const bodies = ['', 'null', '[]', '"x"', '42', '{}', '{"stateHandle":42}', `{"stateHandle":"${stateHandle}","authenticator":"x","credentials":[]}`,
      `{"stateHandle":"${stateHandle}","identifier":{"a":1},"credentials":{"passcode":7}}`, '{"stateHandle":null,"interactionHandle":[]}'];
    const paths = ['/introspect', '/identify', '/challenge', '/challenge/answer', '/challenge/poll', '/challenge/send',
      '/challenge/resend', '/authenticators/poll', '/credential/enroll', '/skip', '/cancel', '/nope'];
    for (const path of paths) {
      for (const raw of bodies) {
        const res = await idx(org, path, null, { raw });
        assert.ok(res.status >= 400 && res.status < 500 || res.status === 200, `${path} ${raw} -> ${res.status}`);
        assert.equal(res.type, ION, `${path} ${raw}`);
      }
    }
    const oauthPaths = ['/v1/interact', '/v1/token'];
    for (const path of oauthPaths) {
      for (const body of ['', 'a=1', 'client_id=local-spa&client_id=x', '%%%', 'grant_type=interaction_code&client_id[]=1']) {
        const res = await fetch(`${org.issuer}${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body,
        });
        assert.ok(res.status >= 400 && res.status < 500, `${path} ${body} -> ${res.status}`);
        assert.match(res.headers.get('content-type'), /^application\/json/);
        assert.ok((await res.json()).error);
      }
    }
    const device = [['POST', '/users', '{"template":{}}'], ['POST', '/users/x/push', '[]'], ['POST', '/activate', '{"link":42}'],
      ['POST', '/activate', '{"link":"http://[bad"}'], ['POST', '/activate', '{oops'], ['GET', '/users/%E0%A4%A', null], ['GET', '/nothing', null]];
    for (const [method, path, body] of device) {
      const res = await fetch(`${org.origin}/device/api${path}`, { method, headers: { 'Content-Type': 'application/json' }, body });
      assert.ok(res.status >= 400 && res.status < 500, `${method} ${path} -> ${res.status}`);
      assert.match(res.headers.get('content-type'), /^application\/json/);
      assert.equal(typeof (await res.json()).message, 'string');
    }
  });
});
