// The org's hosted sign-in page: okta-auth-js builds the authorize URL (code flow, PKCE), a person signs in on the
// org's page (password, a code, Okta FastPass, an identity provider), the browser comes back with `code` and
// `state`, and okta-auth-js exchanges the code with the verifier for tokens. Also the refusals of /v1/authorize and
// of the authorization_code grant.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildAuthorizeParams } from '@okta/okta-auth-js';
import { PASSWORD, REDIRECT_URI, deviceGet, lastMessageTo, newUser, oktaClient, startTestOrg, verifyTokens } from './org-helpers.mjs';
import { Browser } from './org-browser.mjs';

describe("the org's hosted sign-in page", () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  /** okta-auth-js's authorization request (PKCE) and the browser opening it. */
  async function authorize(extra = {}) {
    const auth = oktaClient(org);
    const params = await auth.token.prepareTokenParams({ responseType: 'code', pkce: true, ...extra });
    const browser = new Browser({ stopAt: REDIRECT_URI });
    const page = await browser.open(`${org.issuer}/v1/authorize${buildAuthorizeParams(params)}`);
    return { auth, params, browser, page };
  }

  /** The app's redirect URI received `code` and `state`: okta-auth-js exchanges the code with the verifier. */
  async function exchange(auth, params, arrived, username, clientId = 'local-spa') {
    assert.ok(arrived.arrived, `the browser went back to the app (${arrived.url ?? ''} ${arrived.text ?? ''})`);
    const url = new URL(arrived.url);
    assert.deepEqual([...url.searchParams.keys()].sort(), ['code', 'state']);
    assert.equal(url.searchParams.get('state'), params.state);
    const { tokens } = await auth.token.exchangeCodeForTokens({
      authorizationCode: url.searchParams.get('code'),
      codeVerifier: params.codeVerifier,
      redirectUri: params.redirectUri,
    });
    await verifyTokens(org, tokens, { username, nonce: params.nonce, clientId });
    return url.searchParams.get('code');
  }

  test('sam signs in with username and password; the code and the verifier give tokens', async () => {
    const { auth, params, browser, page } = await authorize();
    assert.equal(page.status, 200);
    assert.match(page.text, /^Local Okta org · Local SPA \(IDX in the browser\) Sign in/);
    assert.match(page.headers.get('content-security-policy'), /default-src 'none'/);
    assert.match(page.text, /Sign in with Google Sign in with Microsoft Sign in with Acme Identity/);
    const back = await browser.submit(page, 'Sign in', { Username: 'sam@example.com', Password: PASSWORD });
    await exchange(auth, params, back, 'sam@example.com');
  });

  test('a wrong password stays on the page with the message, and never shows the password', async () => {
    const { auth, params, browser, page } = await authorize();
    const wrong = await browser.submit(page, 'Sign in', { Username: 'sam@example.com', Password: 'Wrong-pass1' });
    assert.equal(wrong.status, 401);
    assert.match(wrong.text, /Authentication failed/);
    assert.doesNotMatch(wrong.html, /Wrong-pass1/);
    await exchange(auth, params, await browser.submit(wrong, 'Sign in', { Username: 'sam@example.com', Password: PASSWORD }), 'sam@example.com');
  });

  test('vera finishes the FastPass-only step the embedded page cannot drive, with Okta Verify on this computer', async () => {
    const { auth, params, browser, page } = await authorize();
    const fastPass = await browser.submit(page, 'Sign in', { Username: 'vera@example.com', Password: PASSWORD });
    assert.equal(fastPass.status, 200);
    assert.match(fastPass.text, /Okta FastPass Okta Verify on this computer \(Vera's laptop\) can confirm it is you\./);
    await exchange(auth, params, await browser.submit(fastPass, 'Sign in with Okta Verify'), 'vera@example.com');
  });

  test('a code as the second factor: Email for erin (picker, then the code from her inbox)', async () => {
    const erin = await newUser(org, 'erin');
    const { auth, params, browser, page } = await authorize();
    const picker = await browser.submit(page, 'Sign in', { Username: erin.username, Password: PASSWORD });
    assert.match(picker.text, /Verify with Email Phone: SMS Phone: Voice call/);
    const codePage = await browser.submit(picker, 'Continue', { Email: 'on' });
    assert.match(codePage.text, /Email: Enter code/);
    const wrong = await browser.submit(codePage, 'Verify', { 'Email: Enter code': '000000' });
    assert.match(wrong.text, /Invalid code\. Try again\./);
    const { code } = await lastMessageTo(org, erin.username, 'email');
    await exchange(auth, params, await browser.submit(wrong, 'Verify', { 'Email: Enter code': code }), erin.username);
  });

  test("Okta Verify's code for alice (push is not offered on this page)", async () => {
    const alice = await newUser(org, 'alice');
    const { auth, params, browser, page } = await authorize();
    const picker = await browser.submit(page, 'Sign in', { Username: alice.username, Password: PASSWORD });
    assert.match(picker.text, /Okta Verify: Enter a code/);
    assert.doesNotMatch(picker.text, /push/i);
    const codePage = await browser.submit(picker, 'Continue', { 'Okta Verify: Enter a code': 'on' });
    const { body } = await deviceGet(org, `/users/${encodeURIComponent(alice.username)}`);
    const label = codePage.text.match(/Okta Verify: [^V]+(?= Verify)/)[0].trim();
    await exchange(auth, params, await browser.submit(codePage, 'Verify', { [label]: body.totp.code }), alice.username);
  });

  test('the identifier-first app: the username, then the password', async () => {
    const auth = oktaClient(org, { clientId: 'local-idfirst' });
    const params = await auth.token.prepareTokenParams({ responseType: 'code', pkce: true });
    const browser = new Browser({ stopAt: REDIRECT_URI });
    const page = await browser.page(`${org.issuer}/v1/authorize${buildAuthorizeParams(params)}`);
    const password = await browser.submit(page, 'Next', { Username: 'sam@example.com' });
    await exchange(auth, params, await browser.submit(password, 'Verify', { Password: PASSWORD }), 'sam@example.com', 'local-idfirst');
  });

  test('an identity provider from the hosted page ends with a code, not an interaction code', async () => {
    const { auth, params, browser, page } = await authorize();
    const login = await browser.clickLink(page, 'Sign in with Google');
    const consent = await browser.submit(login, 'Sign in', { Email: 'sam@example.com', Password: PASSWORD });
    await exchange(auth, params, await browser.submit(consent, 'Allow'), 'sam@example.com');
  });

  test("a username routed to its IdP goes straight there; the IdP's answer ends with a code", async () => {
    const { auth, params, browser, page } = await authorize({ loginHint: 'paula@partner.example' });
    assert.match(page.html, /value="paula@partner\.example"/, 'login_hint fills the username');
    const login = await browser.submit(page, 'Sign in', { Password: '' });
    assert.match(login.text, /Sign in with Partner SSO/);
    const consent = await browser.submit(login, 'Sign in', { Email: 'paula@partner.example', Password: PASSWORD });
    await exchange(auth, params, await browser.submit(consent, 'Allow'), 'paula@partner.example');
  });

  test('identity verification and the IdP authenticator go through the hosted page too', async () => {
    {
      const { auth, params, browser, page } = await authorize();
      const persona = await browser.submit(page, 'Sign in', { Username: 'uma@example.com', Password: PASSWORD });
      assert.match(persona.text, /Verify your identity/);
      const back = await browser.submit(persona, 'Verify', { "Driver's license": 'on', 'This document is mine and I am holding it': 'on' });
      await exchange(auth, params, back, 'uma@example.com');
    }
    {
      const { auth, params, browser, page } = await authorize();
      const picker = await browser.submit(page, 'Sign in', { Username: 'tina@example.com', Password: PASSWORD });
      const idp = await browser.submit(picker, 'Continue', { 'IdP Authenticator': 'on' });
      const login = await browser.clickLink(idp, 'Sign in with Acme MFA');
      const consent = await browser.submit(login, 'Sign in', { Email: 'tina@example.com', Password: PASSWORD });
      await exchange(auth, params, await browser.submit(consent, 'Allow'), 'tina@example.com');
    }
  });

  test('bob signs in with Google and must enroll Okta Verify: the hosted page comes back and says it cannot do that here', async () => {
    const { browser, page } = await authorize();
    const login = await browser.clickLink(page, 'Sign in with Google');
    const consent = await browser.submit(login, 'Sign in', { Email: 'bob@example.com', Password: PASSWORD });
    const back = await browser.submit(consent, 'Allow');
    assert.equal(back.status, 200);
    assert.match(back.url, /\/signin\/hosted\?stateToken=/);
    assert.match(back.text, /This step cannot be completed on this page\./);
  });

  test('"Start over" from a later step goes back to the first screen', async () => {
    const erin = await newUser(org, 'erin');
    const { auth, params, browser, page } = await authorize();
    const picker = await browser.submit(page, 'Sign in', { Username: erin.username, Password: PASSWORD });
    const first = await browser.submit(picker, 'Start over');
    assert.match(first.text, /Sign in Username Password Sign in/);
    await exchange(auth, params, await browser.submit(first, 'Sign in', { Username: 'sam@example.com', Password: PASSWORD }), 'sam@example.com');
  });

  test('a confidential client (local-web, the backend) exchanges its code with its secret', async () => {
    const auth = oktaClient(org, { clientId: 'local-web', clientSecret: 'local-web-secret' });
    const params = await auth.token.prepareTokenParams({ responseType: 'code', pkce: true });
    const browser = new Browser({ stopAt: REDIRECT_URI });
    const page = await browser.page(`${org.issuer}/v1/authorize${buildAuthorizeParams(params)}`);
    const back = await browser.submit(page, 'Sign in', { Username: 'sam@example.com', Password: PASSWORD });
    const code = new URL(back.url).searchParams.get('code');
    const token = (headers) =>
      fetch(`${org.issuer}/v1/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: params.codeVerifier, client_id: 'local-web' }),
      });
    const anonymous = await token({});
    assert.deepEqual([anonymous.status, (await anonymous.json()).error], [401, 'invalid_client']);
    // The client is authenticated before the code is taken: the refused attempt did not spend it.
    const res = await token({ Authorization: `Basic ${Buffer.from('local-web:local-web-secret').toString('base64')}` });
    assert.equal(res.status, 200);
    const body = await res.json();
    await verifyTokens(org, { idToken: { idToken: body.id_token }, accessToken: { accessToken: body.access_token } }, { username: 'sam@example.com', clientId: 'local-web' });
  });

  test('"Back to the app" ends the sign-in with access_denied and the state', async () => {
    const { params, browser, page } = await authorize();
    const back = await browser.submit(page, 'Back to the app');
    const url = new URL(back.url);
    assert.equal(url.searchParams.get('error'), 'access_denied');
    assert.equal(url.searchParams.get('state'), params.state);
    const expired = await browser.submit(page, 'Sign in', { Username: 'sam@example.com', Password: PASSWORD });
    assert.equal(expired.status, 400);
    assert.match(expired.text, /This sign-in has expired/);
  });

  test('response_mode=fragment puts code and state in the fragment', async () => {
    const { auth, params, browser, page } = await authorize({ responseMode: 'fragment' });
    const back = await browser.submit(page, 'Sign in', { Username: 'sam@example.com', Password: PASSWORD });
    const url = new URL(back.url);
    assert.equal(url.search, '');
    const answer = new URLSearchParams(url.hash.slice(1));
    assert.equal(answer.get('state'), params.state);
    const { tokens } = await auth.token.exchangeCodeForTokens({ authorizationCode: answer.get('code'), codeVerifier: params.codeVerifier });
    await verifyTokens(org, tokens, { username: 'sam@example.com' });
  });
});

describe('refusals of /v1/authorize and of the authorization_code grant', () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  const query = (over) =>
    new URLSearchParams({
      client_id: 'local-spa',
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid profile',
      state: 'the-state',
      code_challenge: 'a'.repeat(43),
      code_challenge_method: 'S256',
      ...over,
    });
  const open = (over) => new Browser({ stopAt: REDIRECT_URI }).open(`${org.issuer}/v1/authorize?${query(over)}`);

  test('an unknown client or a redirect URI it did not register: an error page, never a redirect', async () => {
    const unknown = await open({ client_id: 'nope' });
    assert.equal(unknown.status, 400);
    assert.match(unknown.text, /Unknown app/);
    const elsewhere = await open({ redirect_uri: 'https://evil.example/cb' });
    assert.equal(elsewhere.status, 400);
    assert.match(elsewhere.text, /'redirect_uri' must be a Login redirect URI/);
  });

  test('other bad requests go back to the app with the OAuth error and the state', async () => {
    const cases = [
      [{ code_challenge: '' }, 'invalid_request'],
      [{ code_challenge_method: 'plain' }, 'invalid_request'],
      [{ scope: 'profile' }, 'invalid_scope'],
      [{ scope: 'openid admin' }, 'invalid_scope'],
      [{ response_type: 'token' }, 'unsupported_response_type'],
      [{ response_mode: 'form_post' }, 'invalid_request'],
      [{ prompt: 'none' }, 'login_required'],
    ];
    for (const [over, error] of cases) {
      const back = await open(over);
      assert.ok(back.arrived, JSON.stringify(over));
      const url = new URL(back.url);
      assert.equal(url.searchParams.get('error'), error, JSON.stringify(over));
      assert.ok(url.searchParams.get('error_description'));
      assert.equal(url.searchParams.get('state'), 'the-state');
    }
    const noState = new URL((await open({ state: '' })).url);
    assert.equal(noState.searchParams.get('error'), 'invalid_request');
    assert.equal(noState.searchParams.get('state'), null);
  });

  test('an authorization code works once, with its verifier and redirect URI, at its own grant only', async () => {
    const auth = oktaClient(org);
    const params = await auth.token.prepareTokenParams({ responseType: 'code', pkce: true });
    const browser = new Browser({ stopAt: REDIRECT_URI });
    const page = await browser.page(`${org.issuer}/v1/authorize${buildAuthorizeParams(params)}`);
    const nextCode = async () => {
      const again = await browser.page(`${org.issuer}/v1/authorize${buildAuthorizeParams(params)}`);
      return new URL((await browser.submit(again, 'Sign in', { Username: 'sam@example.com', Password: PASSWORD })).url).searchParams.get('code');
    };
    const code = new URL((await browser.submit(page, 'Sign in', { Username: 'sam@example.com', Password: PASSWORD })).url).searchParams.get('code');
    const token = async (body) => {
      const res = await fetch(`${org.issuer}/v1/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: 'local-spa', redirect_uri: REDIRECT_URI, code_verifier: params.codeVerifier, ...body }),
      });
      return { status: res.status, body: await res.json() };
    };
    const wrongVerifier = await token({ grant_type: 'authorization_code', code, code_verifier: 'b'.repeat(43) });
    assert.deepEqual([wrongVerifier.status, wrongVerifier.body.error], [400, 'invalid_grant']);
    // A failed exchange burns the code, as Okta's does.
    assert.equal((await token({ grant_type: 'authorization_code', code })).body.error, 'invalid_grant');

    const asInteraction = await token({ grant_type: 'interaction_code', interaction_code: await nextCode() });
    assert.equal(asInteraction.body.error, 'invalid_grant');
    const noRedirect = await token({ grant_type: 'authorization_code', code: await nextCode(), redirect_uri: '' });
    assert.match(noRedirect.body.error_description, /redirect_uri/);
    const missing = await token({ grant_type: 'authorization_code' });
    assert.equal(missing.body.error_description, "The 'code' parameter is required.");
    const fine = await token({ grant_type: 'authorization_code', code: await nextCode() });
    assert.equal(fine.status, 200);
    assert.equal(fine.body.token_type, 'Bearer');
    const reused = await token({ grant_type: 'authorization_code', code });
    assert.equal(reused.body.error, 'invalid_grant');
  });
});
