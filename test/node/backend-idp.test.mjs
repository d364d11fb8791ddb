// The server module's way out to identity providers and the org's own sign-in page, and its callback: GET /idp/{id},
// GET /authorize and GET /callback against the local org and its fake provider, as a browser follows them. The
// browser never sees Okta's addresses or the code beyond the redirect; state and PKCE are checked; a replayed,
// foreign or forged callback is refused; the signed-in user gets a new session id, as after a password.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startStack, login } from './backend-harness.mjs';
import { Browser as PageBrowser } from './org-browser.mjs';
import { PASSWORD } from './org-helpers.mjs';

let stack;
before(async () => {
  // The reference backend's own callback route is where identity providers and the org's page come back.
  stack = await startStack({ backend: (origin) => ({ idps: true, redirectUri: `${origin}/auth/callback`, signInUrl: '/sign-in' }) });
});
after(() => stack?.close());

/** The pages the browser goes through away from the site (the org, the provider), up to the site's callback. */
const pages = () => new PageBrowser({ stopAt: `${stack.origin}/auth/callback` });

/** A navigation route's answer: a 302 and where it points. */
function redirected(reply) {
  assert.equal(reply.status, 302, `a redirect, not ${reply.status} ${reply.text}`);
  return new URL(reply.headers.get('location'), stack.origin);
}

/** Signs in at the fake provider and allows the org; returns the callback URL the browser was sent to. */
async function atProvider(href, username, { cancel = false } = {}) {
  const browser = pages();
  const login = await browser.page(href);
  if (cancel) {
    const back = await browser.submit(login, 'Cancel');
    assert.ok(back.arrived, `back on the site: ${back.url}`);
    return new URL(back.url);
  }
  const consent = await browser.submit(login, 'Sign in', { Email: username, Password: PASSWORD });
  const back = await browser.submit(consent, 'Allow');
  assert.ok(back.arrived, `back on the site: ${back.url}`);
  return new URL(back.url);
}

/** The site's callback, as the browser opens it (the path and query the org sent it to). */
const callback = (browser, url) => browser.get(url.pathname.replace(/^\/auth/, '') + url.search);

const sessionCookie = (browser) => browser.cookies.get('okta_signin.sid');

describe('identity provider buttons on the sign-in form', () => {
  test('GET /state offers the org\'s IdPs, never their addresses; GET /idp/{id} goes there', async () => {
    const browser = stack.browser({ 'x-forwarded-for': '198.51.100.1' });
    const state = await browser.get('/state');
    assert.equal(state.json.status, 'Idle');
    assert.deepEqual(
      state.json.idps.map((p) => [p.name, p.type, p.kind]),
      [['Google', 'GOOGLE', 'idp'], ['Microsoft', 'MICROSOFT', 'idp'], ['Acme Identity', 'OIDC', 'idp']],
    );
    assert.doesNotMatch(state.text, /stateToken|sso\/idps|href/, 'no address of Okta\'s in the reply');
    const google = state.json.idps.find((p) => p.type === 'GOOGLE');
    const to = redirected(await browser.get(`/idp/${encodeURIComponent(google.id)}`));
    assert.equal(to.origin, stack.org.origin);
    assert.equal(to.pathname, `/sso/idps/${google.id}`);
    assert.ok(to.searchParams.get('stateToken'));
  });

  test('sam signs in with Google: the callback signs him in under a new session id and goes to the success URL', async () => {
    const browser = stack.browser();
    const { json } = await browser.get('/state');
    const before = sessionCookie(browser);
    const google = json.idps.find((p) => p.type === 'GOOGLE');
    const url = await atProvider(redirected(await browser.get(`/idp/${google.id}`)).href, 'sam@example.com');
    assert.equal(url.pathname, '/auth/callback');
    assert.deepEqual([...url.searchParams.keys()].sort(), ['interaction_code', 'state']);

    const done = await callback(browser, url);
    assert.equal(redirected(done).pathname, '/signed-in');
    assert.equal(done.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(done.text, '', 'no body: nothing of the code or tokens goes back');
    assert.ok(sessionCookie(browser) && sessionCookie(browser) !== before, 'a new session id at sign-in');
    const me = await browser.get('/me');
    assert.deepEqual([me.json.signedIn, me.json.user.email], [true, 'sam@example.com']);
    // The session that started the round trip is gone: its id signs no one in.
    const old = stack.browser();
    old.cookies.set('okta_signin.sid', before);
    assert.equal((await old.get('/me')).json.signedIn, false);

    // The same callback again (a replay, from this session or the old one) is refused and changes nothing.
    assert.equal(redirected(await callback(browser, url)).href, `${stack.origin}/sign-in?okta_signin_error=redirect-invalid`);
    assert.equal((await browser.get('/me')).json.user.email, 'sam@example.com');
    assert.equal(redirected(await callback(old, url)).searchParams.get('okta_signin_error'), 'redirect-invalid');
    assert.equal((await old.get('/me')).json.signedIn, false);
  });

  test('a callback with another session\'s state, or a forged one, is refused and leaves this session\'s sign-in alone', async () => {
    const mine = stack.browser();
    const theirs = stack.browser();
    const google = (await mine.get('/state')).json.idps[0];
    await theirs.get('/state');
    const mineAt = redirected(await mine.get(`/idp/${google.id}`));
    const theirsAt = redirected(await theirs.get(`/idp/${google.id}`));
    const theirUrl = await atProvider(theirsAt.href, 'sam@example.com');

    // Their way back, opened in my browser (a link someone sent me): refused, nothing signed in.
    assert.equal(redirected(await callback(mine, theirUrl)).searchParams.get('okta_signin_error'), 'redirect-invalid');
    assert.equal((await mine.get('/me')).json.signedIn, false);
    // A forged state with a real code: refused too.
    const forged = new URL(theirUrl);
    forged.searchParams.set('state', 'not-the-state');
    assert.equal(redirected(await callback(theirs, forged)).searchParams.get('okta_signin_error'), 'redirect-invalid');
    assert.equal((await theirs.get('/me')).json.signedIn, false);
    // No parameters at all.
    assert.equal(redirected(await mine.get('/callback')).searchParams.get('okta_signin_error'), 'redirect-invalid');

    // Each session's own round trip still works.
    assert.equal(redirected(await callback(theirs, theirUrl)).pathname, '/signed-in');
    assert.equal((await theirs.get('/me')).json.user.email, 'sam@example.com');
    const myUrl = await atProvider(mineAt.href, 'sam@example.com');
    assert.equal(redirected(await callback(mine, myUrl)).pathname, '/signed-in');
  });

  test('cancelled at the provider: back to the sign-in page with redirect-denied, and a new sign-in works', async () => {
    const browser = stack.browser();
    const google = (await browser.get('/state')).json.idps[0];
    const url = await atProvider(redirected(await browser.get(`/idp/${google.id}`)).href, 'sam@example.com', { cancel: true });
    assert.equal(url.searchParams.get('error'), 'access_denied');
    const back = redirected(await callback(browser, url));
    assert.equal(back.href, `${stack.origin}/sign-in?okta_signin_error=redirect-denied`);
    assert.equal((await browser.get('/me')).json.signedIn, false);
    const user = await stack.device.createUser('dave');
    const reply = await login(browser, user);
    assert.equal(reply.status, 200, reply.text);
  });

  test('an IdP the form does not offer, or a malformed id, is refused without leaving the site', async () => {
    const browser = stack.browser();
    await browser.get('/state');
    assert.equal(redirected(await browser.get('/idp/0oa-not-an-idp')).href, `${stack.origin}/sign-in?okta_signin_error=redirect-invalid`);
    assert.equal(redirected(await browser.get('/idp/%E0%A4%A')).searchParams.get('okta_signin_error'), 'redirect-invalid');
  });

  test('bob must enroll Okta Verify after Google (interaction_required): the sign-in page goes on with that step', async () => {
    const browser = stack.browser();
    const google = (await browser.get('/state')).json.idps[0];
    const url = await atProvider(redirected(await browser.get(`/idp/${google.id}`)).href, 'bob@example.com');
    assert.equal(url.searchParams.get('error'), 'interaction_required');
    assert.equal(redirected(await callback(browser, url)).href, `${stack.origin}/sign-in`);
    const state = await browser.get('/state');
    assert.equal(state.json.status, 'AwaitingAuthenticatorEnrollment', state.text);
    assert.ok(state.json.authenticators.some((a) => a.key === 'okta_verify'));
  });
});

describe('an identity provider as a step', () => {
  test('tina: the IdP authenticator is its own step (no picker loop), and the round trip signs her in', async () => {
    const browser = stack.browser();
    const picker = await login(browser, { username: 'tina@example.com', password: PASSWORD });
    assert.equal(picker.json.status, 'AwaitingChallengeAuthenticatorSelection');
    const idpAuthenticator = picker.json.authenticators.find((a) => a.key === 'external_idp');
    const step = await browser.post('/select-authenticator', { authenticatorId: idpAuthenticator.id });
    assert.equal(step.json.status, 'AwaitingIdentityProvider', step.text);
    assert.deepEqual(step.json.authenticator, { key: 'external_idp' });
    assert.equal(step.json.authenticators, undefined, 'the IdP itself is not offered again');
    const [acme] = step.json.idps;
    assert.deepEqual([acme.name, acme.kind], ['Acme MFA', 'idp']);
    assert.doesNotMatch(step.text, /stateToken|sso\/idps/);
    // The form's IdPs are not this step's: going to one of them is refused.
    assert.equal(redirected(await browser.get('/idp/0oa1google0idp000001')).searchParams.get('okta_signin_error'), 'redirect-invalid');

    const url = await atProvider(redirected(await browser.get(`/idp/${acme.id}`)).href, 'tina@example.com');
    assert.equal(redirected(await callback(browser, url)).pathname, '/signed-in');
    assert.equal((await browser.get('/me')).json.user.email, 'tina@example.com');
  });

  test('uma: identity verification is a step with the vendor\'s name', async () => {
    const browser = stack.browser();
    const step = await login(browser, { username: 'uma@example.com', password: PASSWORD });
    assert.equal(step.json.status, 'AwaitingIdentityProvider', step.text);
    assert.deepEqual(step.json.idps.map((p) => [p.id, p.name, p.type, p.kind]), [['IDV_PERSONA', 'Persona', 'ID_PROOFING', 'idverify']]);
    const vendor = await pages().page(redirected(await browser.get('/idp/IDV_PERSONA')).href);
    assert.match(vendor.text, /Verify your identity/);
  });
});

describe('a step no page can answer: the org\'s own sign-in page', () => {
  test('vera (FastPass only) is UnsupportedStep; GET /authorize goes to the org with PKCE; the callback signs her in', async () => {
    const browser = stack.browser();
    const step = await login(browser, { username: 'vera@example.com', password: PASSWORD });
    assert.deepEqual(step.json, { status: 'UnsupportedStep', unsupportedStep: 'challenge-poll/okta_verify' });
    const before = sessionCookie(browser);

    const to = redirected(await browser.get('/authorize'));
    assert.equal(to.origin + to.pathname, `${stack.org.issuer}/v1/authorize`);
    const q = to.searchParams;
    assert.deepEqual(
      [q.get('client_id'), q.get('redirect_uri'), q.get('response_type'), q.get('code_challenge_method')],
      ['local-web', `${stack.origin}/auth/callback`, 'code', 'S256'],
    );
    assert.match(q.get('code_challenge'), /^[A-Za-z0-9_-]{43}$/);
    assert.ok(q.get('state') && q.get('nonce'));

    const hosted = pages();
    const page = await hosted.page(to.href);
    const fastPass = await hosted.submit(page, 'Sign in', { Username: 'vera@example.com', Password: PASSWORD });
    const back = await hosted.submit(fastPass, 'Sign in with Okta Verify');
    assert.ok(back.arrived, back.url);
    const url = new URL(back.url);
    assert.deepEqual([...url.searchParams.keys()].sort(), ['code', 'state']);
    assert.equal(redirected(await callback(browser, url)).pathname, '/signed-in');
    assert.notEqual(sessionCookie(browser), before);
    assert.equal((await browser.get('/me')).json.user.email, 'vera@example.com');
  });

  test('GET /authorize anywhere else is refused without leaving the site', async () => {
    const browser = stack.browser();
    assert.equal(redirected(await browser.get('/authorize')).searchParams.get('okta_signin_error'), 'redirect-invalid');
    const user = await stack.device.createUser('alice');
    await login(browser, user);
    assert.equal(redirected(await browser.get('/authorize')).searchParams.get('okta_signin_error'), 'redirect-invalid');
    assert.equal((await browser.get('/state')).json.status, 'AwaitingChallengeAuthenticatorSelection', 'the sign-in in progress stays');
  });
});
