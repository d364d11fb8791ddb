// Pre-start: GET /state with no sign-in in progress starts the IDX transaction, so POST /login costs one call to
// Okta (identify). Pre-started transactions are bounded: a short TTL in the store, a few per client address.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySessionStore } from 'okta-signin-elements-server';
import { FORM_IDPS, FORM_LINKS, FORM_OFFER, startStack, login, orgFetch, sleep } from './backend-harness.mjs';

const idxCalls = (snapshot) => Object.fromEntries(Object.entries(snapshot).filter(([path]) => !/well-known|keys$/.test(path)));

test('after GET /state, POST /login costs Okta one call (identify) instead of three', async (t) => {
  const figures = {};
  for (const prestart of [false, undefined]) {
    const okta = orgFetch();
    const stack = await startStack({ backend: { fetch: okta.fetch, ...(prestart === false ? { prestart } : {}) } });
    try {
      const user = await stack.device.createUser('dave');
      const browser = stack.browser();
      // The first GET /state waits for the pre-start, which tells the links of the org's form; without it, none.
      const offers = prestart === false ? {} : FORM_OFFER;
      assert.deepEqual((await browser.get('/state')).json, { status: 'Idle', canRecover: true, ...offers });
      await sleep(300);
      okta.reset();
      const reply = await login(browser, user);
      assert.equal(reply.json.status, 'AwaitingAuthenticatorEnrollment');
      figures[prestart === false ? 'off' : 'on'] = idxCalls(okta.snapshot());
      assert.equal((await browser.post('/skip')).json.status, 'Success');
    } finally {
      await stack.close();
    }
  }
  t.diagnostic(`Okta calls on POST /login: pre-start off ${JSON.stringify(figures.off)}, on ${JSON.stringify(figures.on)}`);
  assert.deepEqual(figures.off, { '/oauth2/default/v1/interact': 1, '/idp/idx/introspect': 1, '/idp/idx/identify': 1 });
  assert.deepEqual(figures.on, { '/idp/idx/identify': 1 });
});

test('a login sent right after GET /state waits for the pre-start instead of racing it', async () => {
  const okta = orgFetch();
  okta.rules.push({ path: /\/v1\/interact$/, delay: 300 });
  const stack = await startStack({ backend: { fetch: okta.fetch } });
  try {
    const user = await stack.device.createUser('alice');
    const browser = stack.browser();
    await browser.get('/state');
    const reply = await login(browser, user);
    assert.equal(reply.json.status, 'AwaitingChallengeAuthenticatorSelection');
    assert.equal(okta.counts.get('/oauth2/default/v1/interact'), 1, 'one transaction, the pre-started one');
  } finally {
    await stack.close();
  }
});

test('bounded: a few pre-starts per address, each kept only prestart.ttlMs; a failed login keeps none', async (t) => {
  const store = new MemorySessionStore();
  const okta = orgFetch();
  const stack = await startStack({
    backend: { fetch: okta.fetch, sessionStore: store, prestart: { ttlMs: 400, perAddress: 5 }, trustProxy: true },
  });
  try {
    const ask = (address) =>
      fetch(`${stack.origin}/auth/state`, { headers: { 'x-forwarded-for': address } }).then(async (r) => ({
        cookie: r.headers.get('set-cookie'),
        json: await r.json(),
      }));
    const replies = [];
    for (let i = 0; i < 12; i += 1) replies.push(await ask('192.0.2.1'));
    await sleep(200);
    assert.ok(replies.every((r) => r.json.status === 'Idle'));
    const stored = store.size;
    t.diagnostic(`12 anonymous GET /state from one address: ${stored} pre-started transactions stored, ${okta.counts.get('/oauth2/default/v1/interact')} interact calls`);
    assert.equal(stored, 5);
    assert.equal(okta.counts.get('/oauth2/default/v1/interact'), 5);
    await ask('192.0.2.2');
    await sleep(50);
    assert.equal(store.size, 6, 'another address has its own allowance');
    await sleep(500);
    store.prune();
    assert.equal(store.size, 0, 'pre-started transactions expire after ttlMs');

    // A failed login with a pre-started transaction leaves no session behind.
    const user = await stack.device.createUser('alice');
    const browser = stack.browser();
    await browser.get('/state');
    await sleep(200);
    assert.equal(store.size, 1);
    const failed = await browser.post('/login', { username: user.username, password: 'wrong' });
    assert.equal(failed.json.code, 'invalid_credentials');
    assert.equal(store.size, 0);
    assert.equal(browser.cookies.size, 0, 'the cookie is cleared');
  } finally {
    await stack.close();
    store.close();
  }
});

test('past its pre-start limit, an address is still offered the links and IdP buttons of the org\'s form, taken with a new transaction', async () => {
  const stack = await startStack({ backend: { prestart: { perAddress: 1 } } });
  try {
    assert.deepEqual((await stack.browser().get('/state')).json, { status: 'Idle', canRecover: true, ...FORM_OFFER });
    const late = stack.browser();
    assert.deepEqual((await late.get('/state')).json, { status: 'Idle', canRecover: true, ...FORM_OFFER });
    assert.equal(late.cookies.size, 0, 'nothing started ahead for it');
    const signUp = await late.post('/proceed', { step: 'select-enroll-profile' });
    assert.equal(signUp.status, 200, signUp.text);
    assert.equal(signUp.json.form.step, 'enroll-profile');
    assert.equal((await late.post('/proceed', { step: 'no-such-step' })).status, 409);
    // A button: a new transaction, then the org's address for that IdP.
    const button = await stack.browser().get(`/idp/${FORM_IDPS[0].id}`);
    assert.equal(button.status, 302, button.text);
    assert.equal(new URL(button.headers.get('location')).pathname, `/sso/idps/${FORM_IDPS[0].id}`);
  } finally {
    await stack.close();
  }
});

test('a pre-started transaction is no sign-in: steps answer 401, polls end', async () => {
  const stack = await startStack();
  try {
    const browser = stack.browser();
    await browser.get('/state');
    await sleep(200);
    assert.equal((await browser.post('/select-authenticator', { authenticatorId: 'x' })).json.code, 'session_expired');
    assert.equal((await browser.post('/skip')).status, 401);
    assert.equal((await browser.get('/OktaVerify/ChallengePoll')).status, 401);
    // The sign-in form, with what the org offers on it ("Forgot password?", its identity providers).
    const { idps, ...form } = (await browser.get('/state')).json;
    assert.deepEqual(form, { status: 'Idle', canRecover: true, links: FORM_LINKS });
    assert.deepEqual(idps.map((p) => p.name), ['Google', 'Microsoft', 'Acme Identity']);
  } finally {
    await stack.close();
  }
});

test('a pre-started transaction Okta has let expire: the login starts another and succeeds', async () => {
  const okta = orgFetch();
  const stack = await startStack({ org: { stateHandleTtlMs: 800 }, backend: { fetch: okta.fetch } });
  try {
    const user = await stack.device.createUser('dave');
    const browser = stack.browser();
    await browser.get('/state');
    await sleep(1200);
    okta.reset();
    const reply = await login(browser, user);
    assert.equal(reply.status, 200, reply.text);
    assert.equal(reply.json.status, 'AwaitingAuthenticatorEnrollment');
    assert.equal(okta.counts.get('/oauth2/default/v1/interact'), 1, 'a new transaction');
  } finally {
    await stack.close();
  }
});

test('prestart.max bounds the pre-starts nobody used, in all; one taken up by a login no longer counts', async (t) => {
  const store = new MemorySessionStore();
  const okta = orgFetch();
  const stack = await startStack({ backend: { fetch: okta.fetch, sessionStore: store, trustProxy: true, prestart: { max: 3 } } });
  try {
    const visitor = (i) => stack.browser({ 'x-forwarded-for': `192.0.2.${i}` });
    // Six visitors from six addresses open the page and leave: three pre-starts, then none.
    for (let i = 1; i <= 6; i += 1) await visitor(i).get('/state');
    await sleep(300);
    t.diagnostic(`6 visitors who leave: ${store.size} pre-started transactions stored`);
    assert.equal(store.size, 3);

    // Visitors who sign in take theirs up: each login costs one call to Okta, however many come.
    const store2 = new MemorySessionStore();
    const busy = await startStack({ backend: { fetch: okta.fetch, sessionStore: store2, trustProxy: true, prestart: { max: 3 } } });
    try {
      const calls = [];
      for (let i = 1; i <= 6; i += 1) {
        const user = await busy.device.createUser('dave');
        const browser = busy.browser({ 'x-forwarded-for': `192.0.2.${i}` });
        await browser.get('/state');
        await sleep(150);
        okta.reset();
        assert.equal((await login(browser, user)).json.status, 'AwaitingAuthenticatorEnrollment');
        calls.push(idxCalls(okta.snapshot()));
        await browser.post('/skip');
      }
      assert.deepEqual(calls, Array(6).fill({ '/idp/idx/identify': 1 }));
    } finally {
      await busy.close();
      store2.close();
    }
  } finally {
    await stack.close();
    store.close();
  }
});
