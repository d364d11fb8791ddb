// The org's Okta sessions and the tokens issued in them: refresh tokens, revocation, introspection and the logout
// redirect, against a real okta-auth-js client of the confidential app (as the server module uses them).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { deviceGet, newUser, oktaClient, signIn, sleep, startTestOrg } from './org-helpers.mjs';

const WEB = { clientId: 'local-web', clientSecret: 'local-web-secret' };
const basic = (id = WEB.clientId, secret = WEB.clientSecret) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

async function form(url, fields, authorization = basic()) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(authorization ? { Authorization: authorization } : {}) },
    body: new URLSearchParams(fields),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('Okta sessions, refresh, revocation and logout', () => {
  let org;
  before(async () => {
    org = await startTestOrg({ tokenTtlSeconds: 2 });
  });
  after(() => org.close());

  /** A fresh dave signed in through the confidential app: okta-auth-js's tokens. */
  async function signedIn(scopes = ['openid', 'profile', 'email', 'offline_access']) {
    const user = await newUser(org, 'dave');
    const auth = oktaClient(org, { ...WEB, scopes });
    await signIn(auth, user.username);
    const done = await auth.idx.proceed({ step: 'skip' });
    assert.equal(done.status, 'SUCCESS');
    return { auth, user, tokens: done.tokens };
  }

  const sessionsOf = async (username) => (await deviceGet(org, `/users/${encodeURIComponent(username)}/sessions`)).body.sessions;

  test('discovery names the revocation, introspection and end-session endpoints and the refresh grant', async () => {
    const doc = await (await fetch(`${org.issuer}/.well-known/openid-configuration`)).json();
    assert.equal(doc.revocation_endpoint, `${org.issuer}/v1/revoke`);
    assert.equal(doc.introspection_endpoint, `${org.issuer}/v1/introspect`);
    assert.equal(doc.end_session_endpoint, `${org.issuer}/v1/logout`);
    assert.ok(doc.grant_types_supported.includes('refresh_token'));
  });

  test('a sign-in starts an Okta session; offline_access brings a refresh token, without it none', async () => {
    const { user, tokens } = await signedIn();
    assert.ok(tokens.refreshToken?.refreshToken, 'a refresh token');
    const [session] = await sessionsOf(user.username);
    assert.equal(session.clientId, 'local-web');
    const plain = await signedIn(['openid', 'profile', 'email']);
    assert.equal(plain.tokens.refreshToken, undefined);
  });

  test('refresh: new access and ID tokens for the same user, only for its client and scopes', async () => {
    const { tokens } = await signedIn();
    const url = `${org.issuer}/v1/token`;
    const refresh = tokens.refreshToken.refreshToken;
    await sleep(1100); // a new iat
    const renewed = await form(url, { grant_type: 'refresh_token', refresh_token: refresh, scope: 'openid profile email offline_access' });
    assert.equal(renewed.status, 200);
    assert.equal(renewed.body.refresh_token, refresh, 'kept, as Okta keeps a web app\'s by default');
    assert.notEqual(renewed.body.access_token, tokens.accessToken.accessToken);
    assert.equal(decodeJwt(renewed.body.id_token).sub, tokens.idToken.claims.sub);
    assert.equal(renewed.body.expires_in, 2);

    assert.equal((await form(url, { grant_type: 'refresh_token', refresh_token: 'nope' })).body.error, 'invalid_grant');
    assert.equal((await form(url, { grant_type: 'refresh_token', refresh_token: refresh, scope: 'openid admin' })).body.error, 'invalid_scope');
    const otherClient = await form(url, { grant_type: 'refresh_token', refresh_token: refresh, client_id: 'local-spa' }, null);
    assert.equal(otherClient.body.error, 'invalid_grant', "another client cannot use local-web's refresh token");
    assert.equal((await form(url, { grant_type: 'refresh_token', refresh_token: refresh }, basic('local-web', 'wrong'))).status, 401);
  });

  test('revoke: okta-auth-js revokes the access and refresh tokens; introspection then says inactive', async () => {
    const { auth, tokens } = await signedIn();
    const introspect = (token) => form(`${org.issuer}/v1/introspect`, { token });
    const before = await introspect(tokens.accessToken.accessToken);
    assert.equal(before.body.active, true);
    assert.equal(before.body.client_id, 'local-web');
    assert.equal((await introspect(tokens.refreshToken.refreshToken)).body.active, true);

    await auth.revokeRefreshToken(tokens.refreshToken);
    await auth.revokeAccessToken(tokens.accessToken);
    assert.equal((await introspect(tokens.accessToken.accessToken)).body.active, false);
    assert.equal((await introspect(tokens.refreshToken.refreshToken)).body.active, false);
    const refused = await form(`${org.issuer}/v1/token`, { grant_type: 'refresh_token', refresh_token: tokens.refreshToken.refreshToken });
    assert.equal(refused.body.error, 'invalid_grant');

    assert.equal((await form(`${org.issuer}/v1/revoke`, { token: 'unknown' })).status, 200, 'RFC 7009: unknown tokens too');
    assert.equal((await form(`${org.issuer}/v1/revoke`, {})).body.error, 'invalid_request');
    assert.equal((await form(`${org.issuer}/v1/revoke`, { token: 'x' }, basic('local-web', 'wrong'))).status, 401);
  });

  test("another client cannot revoke a client's tokens", async () => {
    const { tokens } = await signedIn();
    await form(`${org.issuer}/v1/revoke`, { token: tokens.accessToken.accessToken, client_id: 'local-spa' }, null);
    assert.equal((await form(`${org.issuer}/v1/introspect`, { token: tokens.accessToken.accessToken })).body.active, true);
  });

  test("logout: okta-auth-js's sign-out URL ends the session and redirects to a registered URI, even with an expired ID token", async () => {
    const { auth, user, tokens } = await signedIn();
    assert.equal((await sessionsOf(user.username)).length, 1);
    await sleep(2100); // the ID token has expired: the hint still names the session
    const url = auth.getSignOutRedirectUrl({ idToken: tokens.idToken, postLogoutRedirectUri: 'http://localhost:3000/', state: 's1' });
    assert.ok(url.startsWith(`${org.issuer}/v1/logout?id_token_hint=`));
    const res = await fetch(url, { redirect: 'manual' });
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), 'http://localhost:3000/?state=s1');
    assert.deepEqual(await sessionsOf(user.username), []);
  });

  test('logout refuses a missing or forged hint and an unregistered redirect, and keeps the session', async () => {
    const { user, tokens } = await signedIn();
    const hint = tokens.idToken.idToken;
    const logout = (query) => fetch(`${org.issuer}/v1/logout?${new URLSearchParams(query)}`, { redirect: 'manual' });
    const [head, payload] = hint.split('.');
    const cases = [
      [{}, /id_token_hint/],
      [{ id_token_hint: `${head}.${payload}.AAAA` }, /id_token_hint/],
      [{ id_token_hint: hint, post_logout_redirect_uri: 'http://evil.example/' }, /post_logout_redirect_uri/],
      [{ id_token_hint: hint, post_logout_redirect_uri: 'http://localhost:3000/other' }, /post_logout_redirect_uri/],
    ];
    for (const [query, why] of cases) {
      const res = await logout(query);
      assert.equal(res.status, 400, JSON.stringify(query));
      assert.match(await res.text(), why);
    }
    assert.equal((await sessionsOf(user.username)).length, 1, 'nothing ended');
    const plain = await logout({ id_token_hint: hint });
    assert.equal(plain.status, 200, 'no redirect asked: a signed-out page');
    assert.deepEqual(await sessionsOf(user.username), []);
  });
});
