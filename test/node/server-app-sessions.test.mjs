// The signed-in session as the site's own routes see it: getSession (Express request, web Request, Headers), the
// guards, keepTokens with refresh, onSignIn (enrich, refuse, fail, hang) and sign-out (revocation, Okta's logout URL).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySessionStore, SignInDenied, createSignInHandler, errorReply } from 'okta-signin-elements-server';
import { FORM_OFFER, startStack, Browser, sleep } from './backend-harness.mjs';

const WEB = { clientId: 'local-web', clientSecret: 'local-web-secret' };
const basic = `Basic ${Buffer.from(`${WEB.clientId}:${WEB.clientSecret}`).toString('base64')}`;
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

/** What the org's introspection says of a token. */
async function active(org, token) {
  const res = await fetch(`${org.issuer}/v1/introspect`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
    body: new URLSearchParams({ token }),
  });
  return (await res.json()).active;
}

const oktaSessions = async (stack, username) =>
  (await (await fetch(`${stack.org.origin}/device/api/users/${encodeURIComponent(username)}/sessions`)).json()).sessions;

/** A stack whose site has a page reading getSession, a guarded page and a guarded API. */
async function site(backend = {}, org = {}) {
  const stack = await startStack({ backend: { passwordRecovery: false, ...backend }, org });
  const { app, handler } = stack;
  app.get('/whoami', async (req, res) => res.json({ session: await handler.getSession(req) }));
  app.get('/account', handler.requireSession({ redirectTo: '/login' }), (_req, res) => res.json({ user: res.locals.session.user }));
  app.get('/api/data', handler.requireSession(), (_req, res) => res.json({ ok: true }));
  return stack;
}

/** A fresh dave signed in through the backend: the browser (cookies kept) and every backend reply. */
async function signIn(stack) {
  const user = await stack.device.createUser('dave');
  const browser = new Browser(stack.origin);
  const replies = [await browser.get('/auth/state'), await browser.post('/auth/login', { username: user.username, password: user.password })];
  replies.push(await browser.post('/auth/skip'));
  return { user, browser, replies, done: replies.at(-1) };
}

describe('getSession and the guards, tokens not kept', () => {
  let stack;
  before(async () => {
    stack = await site();
  });
  after(() => stack?.close());

  test('signed out: getSession is null, a page redirects to sign-in, an API answers 401', async () => {
    const browser = new Browser(stack.origin);
    assert.deepEqual((await browser.get('/whoami')).json, { session: null });
    const page = await browser.request('GET', '/account');
    assert.equal(page.status, 401, 'JSON accepted: 401, no redirect');
    const html = await fetch(`${stack.origin}/account`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    assert.equal(html.status, 302);
    assert.equal(html.headers.get('location'), '/login');
    const api = await fetch(`${stack.origin}/api/data`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    assert.equal(api.status, 401, 'no redirectTo: 401 for pages too');
    assert.deepEqual(await api.json(), { code: 'unauthenticated', message: 'Sign in to continue.' });
    // A forged or unknown cookie is no session.
    browser.cookies.set('okta_signin.sid', 'abc.def');
    assert.deepEqual((await browser.get('/whoami')).json, { session: null });
  });

  test('signed in: the user from the request, no token anywhere, in no reply, cookie or the store', async () => {
    const { user, browser, replies, done } = await signIn(stack);
    assert.deepEqual(done.json, { status: 'Success', next: '/signed-in' });
    const { session } = (await browser.get('/whoami')).json;
    assert.equal(session.user.email, user.username);
    assert.match(session.user.sub, /^00u/);
    assert.equal(session.tokens, undefined);
    assert.deepEqual((await browser.get('/account')).json, { user: session.user });
    assert.deepEqual((await browser.get('/api/data')).json, { ok: true });
    for (const reply of [...replies, await browser.get('/auth/me'), await browser.get('/auth/state')]) {
      assert.doesNotMatch(reply.text, JWT);
      assert.doesNotMatch(reply.setCookie.join(), JWT);
    }
    const id = decodeURIComponent(browser.cookies.get('okta_signin.sid')).split('.')[0];
    const stored = await stack.handler.store.get(id);
    assert.equal(stored.tokens, undefined);
    assert.doesNotMatch(JSON.stringify(stored), JWT);
  });

  test('the web-standard forms: getSession of a Request or of Headers, withSession around a route handler', async () => {
    const { user, browser } = await signIn(stack);
    const cookie = browser.cookieHeader;
    const handler = stack.handler;
    assert.equal((await handler.getSession(new Headers({ cookie }))).user.email, user.username);
    const route = handler.withSession(async (request, session, context) => Response.json({ email: session.user.email, params: context.params }), { redirectTo: '/login' });
    const ok = await route(new Request('http://localhost:3000/api/me', { headers: { cookie } }), { params: { a: '1' } });
    assert.deepEqual(await ok.json(), { email: user.username, params: { a: '1' } });
    const api = await route(new Request('http://localhost:3000/api/me'));
    assert.equal(api.status, 401);
    assert.equal(api.headers.get('cache-control'), 'no-store');
    const page = await route(new Request('http://localhost:3000/me', { headers: { accept: 'text/html' } }));
    assert.equal(page.status, 302);
    assert.equal(page.headers.get('location'), 'http://localhost:3000/login');
  });

  test('a guard only redirects to a path on the site', () => {
    for (const redirectTo of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'login']) {
      assert.throws(() => stack.handler.requireSession({ redirectTo }), /path on this site/, redirectTo);
      assert.throws(() => stack.handler.withSession(() => new Response(), { redirectTo }), /path on this site/, redirectTo);
    }
  });

  test("reading the session counts as activity: a user busy with the site's pages stays signed in", async () => {
    const idle = await site({ timeouts: { idle: 800 } });
    try {
      const { browser } = await signIn(idle);
      for (let i = 0; i < 4; i += 1) {
        await sleep(300);
        assert.ok((await browser.get('/whoami')).json.session, `still signed in after ${(i + 1) * 300} ms`);
      }
      await sleep(900);
      assert.equal((await browser.get('/whoami')).json.session, null, 'idle for longer than the timeout');
    } finally {
      await idle.close();
    }
  });

  test('sign-out without kept tokens: the session ends, no logout URL', async () => {
    const { browser } = await signIn(stack);
    const out = await browser.post('/auth/logout');
    assert.deepEqual(out.json, { signedIn: false, user: null });
    assert.equal((await browser.get('/whoami')).json.session, null);
  });
});

describe('keepTokens: tokens for the server, refreshed', () => {
  let stack;
  before(async () => {
    // Access tokens live 31 s: 30 s before expiry they count as expiring, so a second later they are refreshed.
    stack = await site({ keepTokens: true, scopes: ['openid', 'profile', 'email', 'offline_access'] }, { tokenTtlSeconds: 31 });
  });
  after(() => stack?.close());

  test('getSession answers the tokens (never the refresh token), and a fresh pair once the access token expires', async () => {
    const { browser, replies } = await signIn(stack);
    for (const reply of replies) assert.doesNotMatch(reply.text + reply.setCookie.join(), JWT, 'no token to the browser');
    const first = (await browser.get('/whoami')).json.session.tokens;
    assert.match(first.accessToken, JWT);
    assert.match(first.idToken, JWT);
    assert.equal(first.refreshToken, undefined);
    assert.equal(first.tokenType, 'Bearer');
    assert.ok(first.scopes.includes('offline_access'));
    assert.ok(await active(stack.org, first.accessToken));
    await sleep(1100);
    const second = (await browser.get('/whoami')).json.session.tokens;
    assert.notEqual(second.accessToken, first.accessToken, 'refreshed');
    assert.ok(second.expiresAt > first.expiresAt);
    assert.ok(await active(stack.org, second.accessToken));
    const third = (await browser.get('/whoami')).json.session.tokens;
    assert.equal(third.accessToken, second.accessToken, 'kept while valid');
  });

  test('a refresh token Okta refuses ends the session', async () => {
    const { browser } = await signIn(stack);
    const id = decodeURIComponent(browser.cookies.get('okta_signin.sid')).split('.')[0];
    const { refreshToken } = (await stack.handler.store.get(id)).tokens;
    await fetch(`${stack.org.issuer}/v1/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic },
      body: new URLSearchParams({ token: refreshToken }),
    });
    await sleep(1100);
    assert.equal((await browser.get('/whoami')).json.session, null);
    assert.equal(await stack.handler.store.get(id), undefined, 'the session is gone');
    assert.ok(stack.logs.some((line) => /refresh token refused \(invalid_grant\)/.test(line)));
    assert.ok(stack.logs.every((line) => !JWT.test(line) && !line.includes(refreshToken)), 'no token in the logs');
  });

  test('Okta unreachable during a refresh: getSession fails (the route decides), the session stays', async () => {
    let down = false;
    const flaky = await site(
      {
        keepTokens: true,
        scopes: ['openid', 'profile', 'email', 'offline_access'],
        fetch: (url, init) => (down && new URL(url).pathname.endsWith('/v1/token') ? Promise.reject(new TypeError('fetch failed')) : fetch(url, init)),
      },
      { tokenTtlSeconds: 31 },
    );
    try {
      const { browser } = await signIn(flaky);
      await sleep(1100);
      down = true;
      await assert.rejects(flaky.handler.getSession(new Headers({ cookie: browser.cookieHeader })), /could not be reached/);
      down = false;
      assert.ok((await browser.get('/whoami')).json.session.tokens.accessToken, 'refreshed once Okta answers again');
    } finally {
      await flaky.close();
    }
  });

  test('without a refresh token the session goes on without tokens once they expire', async () => {
    const plain = await site({ keepTokens: true }, { tokenTtlSeconds: 31 });
    try {
      const { browser } = await signIn(plain);
      assert.ok((await browser.get('/whoami')).json.session.tokens.accessToken);
      await sleep(1100);
      const { session } = (await browser.get('/whoami')).json;
      assert.ok(session.user.sub, 'still signed in');
      assert.equal(session.tokens, undefined, 'no expired token handed out');
    } finally {
      await plain.close();
    }
  });
});

describe('sign-out: revocation and the end of the Okta session', () => {
  let stack;
  before(async () => {
    stack = await site({
      keepTokens: true,
      scopes: ['openid', 'profile', 'email', 'offline_access'],
      postLogoutRedirectUri: 'http://localhost:3000/',
    });
  });
  after(() => stack?.close());

  test("POST /logout revokes both tokens and answers Okta's logout URL, which ends the Okta session", async () => {
    const { user, browser } = await signIn(stack);
    const id = decodeURIComponent(browser.cookies.get('okta_signin.sid')).split('.')[0];
    const { accessToken, refreshToken, idToken } = (await stack.handler.store.get(id)).tokens;
    assert.equal((await oktaSessions(stack, user.username)).length, 1);
    const out = await browser.post('/auth/logout');
    assert.equal(out.status, 200);
    const url = new URL(out.json.logoutUrl);
    assert.equal(`${url.origin}${url.pathname}`, `${stack.org.issuer}/v1/logout`);
    assert.equal(url.searchParams.get('id_token_hint'), idToken);
    assert.equal(url.searchParams.get('post_logout_redirect_uri'), 'http://localhost:3000/');
    assert.equal(await active(stack.org, accessToken), false);
    assert.equal(await active(stack.org, refreshToken), false);
    assert.equal((await browser.get('/whoami')).json.session, null);
    assert.equal((await browser.get('/auth/me')).json.signedIn, false);
    // The browser follows the URL: Okta ends its session and sends it back to the site.
    const redirect = await fetch(url, { redirect: 'manual' });
    assert.equal(redirect.status, 302);
    assert.equal(redirect.headers.get('location'), 'http://localhost:3000/');
    assert.deepEqual(await oktaSessions(stack, user.username), []);
  });

  test('a revocation Okta does not answer is logged; the local sign-out still happens', async () => {
    const calls = [];
    const flaky = await site({
      keepTokens: true,
      postLogoutRedirectUri: 'http://localhost:3000/',
      fetch: (url, init) => {
        calls.push(new URL(url).pathname);
        return new URL(url).pathname.endsWith('/v1/revoke') ? Promise.reject(new TypeError('fetch failed')) : fetch(url, init);
      },
    });
    try {
      const { browser } = await signIn(flaky);
      const out = await browser.post('/auth/logout');
      assert.equal(out.status, 200);
      assert.ok(out.json.logoutUrl);
      assert.ok(calls.includes('/oauth2/default/v1/revoke'));
      assert.ok(flaky.logs.some((line) => /token revocation failed/.test(line)));
      assert.equal((await browser.get('/whoami')).json.session, null);
    } finally {
      await flaky.close();
    }
  });

  test('postLogoutRedirectUri without keepTokens: only the ID token is kept, for the logout URL', async () => {
    const idOnly = await site({ postLogoutRedirectUri: 'http://localhost:3000/' });
    try {
      const { browser } = await signIn(idOnly);
      const id = decodeURIComponent(browser.cookies.get('okta_signin.sid')).split('.')[0];
      assert.deepEqual(Object.keys((await idOnly.handler.store.get(id)).tokens), ['idToken']);
      assert.equal((await browser.get('/whoami')).json.session.tokens, undefined);
      assert.match((await browser.post('/auth/logout')).json.logoutUrl, /\/v1\/logout\?id_token_hint=eyJ/);
    } finally {
      await idOnly.close();
    }
  });

  test('options are checked when the handler is made', () => {
    const base = { issuer: stack.org.issuer, clientId: 'x', redirectUri: 'http://localhost/cb' };
    assert.throws(() => createSignInHandler({ ...base, postLogoutRedirectUri: 'javascript:alert(1)' }), /postLogoutRedirectUri/);
    assert.throws(() => createSignInHandler({ ...base, postLogoutRedirectUri: '/relative' }), /postLogoutRedirectUri/);
    assert.throws(() => createSignInHandler({ ...base, onSignIn: 'yes' }), /onSignIn/);
  });
});

describe('onSignIn', () => {
  let stack;
  let hook;
  let seen;
  before(async () => {
    stack = await site({
      keepTokens: true,
      timeouts: { request: 3000 },
      onSignIn: (event) => {
        seen = event;
        return hook(event);
      },
    });
  });
  after(() => stack?.close());

  test('gets the user, claims, tokens and request; what it returns is the stored user', async () => {
    hook = ({ user, claims }) => ({ ...user, roles: ['staff'], idp: claims.idp, sub: 'not-changed' });
    const { user, browser, done } = await signIn(stack);
    assert.equal(done.json.status, 'Success');
    assert.equal(seen.user.email, user.username);
    assert.equal(seen.claims.email, user.username);
    assert.match(seen.tokens.accessToken, JWT);
    assert.equal(seen.request.method, 'POST');
    assert.equal(seen.request.headers.cookie !== undefined, true, 'the Node request of POST /skip');
    const { session } = (await browser.get('/whoami')).json;
    assert.deepEqual(session.user.roles, ['staff']);
    assert.match(session.user.sub, /^00u/, 'sub stays Okta\'s');
    assert.deepEqual((await browser.get('/auth/me')).json.user, session.user);
  });

  test('false refuses: 403 access_denied, no session, the tokens revoked, the next sign-in starts afresh', async () => {
    hook = () => false;
    const { browser, done } = await signIn(stack);
    assert.equal(done.status, 403);
    assert.deepEqual(done.json, { code: 'access_denied', message: 'You cannot sign in here with this account.' });
    assert.equal(await active(stack.org, seen.tokens.accessToken), false, 'revoked');
    assert.equal((await browser.get('/whoami')).json.session, null);
    assert.deepEqual((await browser.get('/auth/state')).json, { status: 'Idle', ...FORM_OFFER });
  });

  test('SignInDenied carries the message the element shows', async () => {
    hook = () => {
      throw new SignInDenied('Only staff accounts can sign in here.');
    };
    const { done } = await signIn(stack);
    assert.deepEqual(done.json, { code: 'access_denied', message: 'Only staff accounts can sign in here.' });
  });

  test('a hook that throws or never answers ends the sign-in with a server error, logged, within the request time', async () => {
    hook = async () => {
      throw new Error('directory offline');
    };
    const failed = await signIn(stack);
    assert.equal(failed.done.status, 500);
    assert.equal(failed.done.json.code, 'server');
    assert.doesNotMatch(failed.done.text, /directory offline/, 'the cause stays in the log');
    assert.ok(stack.logs.some((line) => line === '[auth] onSignIn failed: Error: directory offline'));
    assert.equal((await failed.browser.get('/whoami')).json.session, null);

    hook = () => new Promise(() => {});
    const started = Date.now();
    const hung = await signIn(stack);
    assert.equal(hung.done.status, 504);
    assert.ok(Date.now() - started < 6000);
    assert.equal(await active(stack.org, seen.tokens.accessToken), false, 'revoked');
    assert.equal((await hung.browser.get('/whoami')).json.session, null);
  });
});

test('a session store shared by two handlers with one secret: getSession reads what the other stored', async () => {
  const stack = await site({ sessionSecret: 'one-secret' });
  try {
    const { user, browser } = await signIn(stack);
    const other = createSignInHandler({ ...stack.handler.options, sessionStore: stack.handler.store, sessionSecret: 'one-secret' });
    assert.equal((await other.getSession({ headers: { cookie: browser.cookieHeader } })).user.email, user.username);
    const store = new MemorySessionStore();
    const empty = createSignInHandler({ ...stack.handler.options, sessionStore: store, sessionSecret: 'one-secret' });
    assert.equal(await empty.getSession({ headers: { cookie: browser.cookieHeader } }), null);
    store.close();
  } finally {
    await stack.close();
  }
});

test("Okta's sign-on policy refusing the account answers access_denied too, with the org's message", () => {
  // As okta-auth-js hands over Okta's 403 (its messages; no remediation left).
  const refused = (key, message) => ({ status: 'TERMINAL', requestDidSucceed: false, messages: [{ message, i18n: { key }, class: 'ERROR' }] });
  const plain = errorReply(refused('security.access_denied', 'You do not have permission to perform the requested action.'), 'login');
  assert.equal(plain.status, 403);
  assert.deepEqual(plain.body, { code: 'access_denied', message: 'You do not have permission to perform the requested action.', key: 'security.access_denied' });
  const custom = errorReply(refused('security.access_denied_custom_message', 'Contractors sign in at partners.example.com.'), 'login');
  assert.deepEqual(custom.body, { code: 'access_denied', message: 'Contractors sign in at partners.example.com.', key: 'security.access_denied_custom_message' });
});
