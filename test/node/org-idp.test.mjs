// Identity providers on the first screen and by IdP discovery: okta-auth-js starts the sign-in, a person follows
// `redirect-idp` through the fake provider (sign-in, consent), the org's callback sends the browser back with an
// interaction code, and okta-auth-js exchanges it for tokens. Also every way that round trip can fail.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PASSWORD, REDIRECT_URI, keysOf, oktaClient, oktaMock, startTestOrg, verifyTokens } from './org-helpers.mjs';
import { Browser, finishRedirect } from './org-browser.mjs';

/** Starts a sign-in and returns the `redirect-idp` step of an IdP type, as the first screen offers it. */
async function idpButton(auth, type) {
  const started = await auth.idx.start();
  const step = started.availableSteps.find((s) => s.name === 'redirect-idp' && s.type === type);
  assert.ok(step, `the first screen offers a ${type} button`);
  return step;
}

/** Signs in at the fake provider and allows the org: the browser ends on the app's redirect URI. */
async function throughProvider(browser, href, username, password = PASSWORD) {
  const login = await browser.page(href);
  const consent = await browser.submit(login, 'Sign in', { Email: username, Password: password });
  assert.match(consent.text, /Allow Local Okta org to sign you in\?/);
  const back = await browser.submit(consent, 'Allow');
  assert.ok(back.arrived, 'the browser is back on the app');
  return new URL(back.url);
}

describe('identity providers on the first screen', () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  test('identify offers Google, Microsoft and a generic OIDC provider, shaped as Okta sends redirect-idp', async () => {
    const auth = oktaClient(org);
    const started = await auth.idx.start();
    assert.ok(started.enabledFeatures.includes('redirect-idp'), 'okta-auth-js sees the social IdP feature');
    const remediations = started.neededToProceed.filter((r) => r.name === 'redirect-idp');
    assert.deepEqual(
      remediations.map((r) => [r.type, r.idp.name]),
      [['GOOGLE', 'Google'], ['MICROSOFT', 'Microsoft'], ['OIDC', 'Acme Identity']],
    );
    const okta = oktaMock('identify-with-third-party-idps.json').remediation.value.find((r) => r.name === 'redirect-idp');
    const stateHandle = started.rawIdxState.stateHandle;
    for (const r of remediations) {
      assert.deepEqual(keysOf(r), keysOf(okta));
      assert.deepEqual(keysOf(r.idp), keysOf(okta.idp));
      assert.equal(r.method, 'GET');
      assert.equal(r.href, `${org.origin}/sso/idps/${r.idp.id}?stateToken=${stateHandle}`);
    }
  });

  test('a person signs in with the Google button; okta-auth-js exchanges the interaction code for tokens', async () => {
    const auth = oktaClient(org);
    const google = await idpButton(auth, 'GOOGLE');
    const browser = new Browser({ stopAt: REDIRECT_URI });
    const login = await browser.page(google.href);
    assert.match(login.text, /Sign in with Google/);
    assert.equal(login.headers.get('referrer-policy'), 'no-referrer');
    const sent = new URL(login.url);
    assert.equal(sent.origin + sent.pathname, `${org.origin}/provider/authorize`);
    assert.equal(sent.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(sent.searchParams.get('redirect_uri'), `${org.origin}/oauth2/v1/authorize/callback`);
    assert.ok(browser.jar.size, 'the org bound the round trip to this browser with a cookie');

    const consent = await browser.submit(login, 'Sign in', { Email: 'sam@example.com', Password: PASSWORD });
    assert.match(consent.text, /Signed in as Sam Sato \(sam@example\.com\)/);
    const back = await browser.submit(consent, 'Allow');
    const url = new URL(back.url);
    assert.equal(url.origin + url.pathname, REDIRECT_URI);
    assert.deepEqual([...url.searchParams.keys()].sort(), ['interaction_code', 'state']);
    assert.equal(url.searchParams.get('state'), auth.transactionManager.load().state);
    assert.equal(browser.jar.size, 0, 'the callback cleared its cookie');

    const tokens = await finishRedirect(auth, url.href);
    await verifyTokens(org, tokens, { username: 'sam@example.com' });
  });

  test('each provider of the first screen works, and the generic OIDC one too', async () => {
    for (const type of ['MICROSOFT', 'OIDC']) {
      const auth = oktaClient(org);
      const step = await idpButton(auth, type);
      const url = await throughProvider(new Browser({ stopAt: REDIRECT_URI }), step.href, 'sam@example.com');
      await verifyTokens(org, await finishRedirect(auth, url.href), { username: 'sam@example.com' });
    }
  });

  test('the person cancels at the provider: the app gets access_denied with its state, and okta-auth-js throws it', async () => {
    const auth = oktaClient(org);
    const google = await idpButton(auth, 'GOOGLE');
    const browser = new Browser({ stopAt: REDIRECT_URI });
    const back = await browser.submit(await browser.page(google.href), 'Cancel');
    const url = new URL(back.url);
    assert.equal(url.searchParams.get('error'), 'access_denied');
    assert.equal(url.searchParams.get('error_description'), 'The user cancelled or denied the sign-in at the identity provider.');
    assert.equal(url.searchParams.get('state'), auth.transactionManager.load().state);
    assert.equal(url.searchParams.get('interaction_code'), null);
    await assert.rejects(auth.idx.handleInteractionCodeRedirect(url.href), (err) => err.errorCode === 'access_denied');

    // The transaction is where it was: the person can sign in another way.
    const again = await auth.idx.proceed({ step: 'identify', username: 'sam@example.com', password: PASSWORD });
    assert.equal(again.status, 'SUCCESS');
  });

  test('the person denies the org at the consent page: access_denied', async () => {
    const auth = oktaClient(org);
    const google = await idpButton(auth, 'GOOGLE');
    const browser = new Browser({ stopAt: REDIRECT_URI });
    const consent = await browser.submit(await browser.page(google.href), 'Sign in', { Email: 'sam@example.com', Password: PASSWORD });
    const url = new URL((await browser.submit(consent, 'Deny')).url);
    assert.equal(url.searchParams.get('error'), 'access_denied');
    assert.equal(url.searchParams.get('state'), auth.transactionManager.load().state);
  });

  test('a wrong password at the provider stays there with its message', async () => {
    const auth = oktaClient(org);
    const google = await idpButton(auth, 'GOOGLE');
    const browser = new Browser({ stopAt: REDIRECT_URI });
    const wrong = await browser.submit(await browser.page(google.href), 'Sign in', { Email: 'sam@example.com', Password: 'nope' });
    assert.equal(wrong.status, 401);
    assert.match(wrong.text, /Wrong email or password\./);
    assert.doesNotMatch(wrong.html, /nope/, 'the typed password is not sent back');
    const consent = await browser.submit(wrong, 'Sign in', { Email: 'sam@example.com', Password: PASSWORD });
    assert.match(consent.text, /Allow Local Okta org/);
  });

  test('a replayed callback is refused, and so is its interaction code', async () => {
    const auth = oktaClient(org);
    const google = await idpButton(auth, 'GOOGLE');
    const browser = new Browser({ stopAt: REDIRECT_URI });
    const login = await browser.page(google.href);
    const consent = await browser.submit(login, 'Sign in', { Email: 'sam@example.com', Password: PASSWORD });
    // Keep the provider's answer to the org, as an attacker who saw it would.
    const allow = await fetch(new URL(consent.html.match(/action="([^"]+)"/)[1]), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `request=${encodeURIComponent(consent.html.match(/name="request" value="([^"]+)"/)[1])}&action=allow`,
    });
    const callback = allow.headers.get('location');
    assert.match(callback, /\/oauth2\/v1\/authorize\/callback\?code=/);
    const cookie = browser.cookieHeader(callback);

    const first = await fetch(callback, { redirect: 'manual', headers: { Cookie: cookie } });
    assert.ok([302, 303].includes(first.status));
    assert.ok(first.headers.get('location').startsWith(`${REDIRECT_URI}?interaction_code=`));
    const replay = await fetch(callback, { redirect: 'manual', headers: { Cookie: cookie } });
    assert.equal(replay.status, 400);
    assert.match(await replay.text(), /already used/);
    await finishRedirect(auth, first.headers.get('location'));
    // The interaction code worked once.
    const url = new URL(first.headers.get('location'));
    const reuse = await fetch(`${org.issuer}/v1/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'interaction_code', client_id: 'local-spa', interaction_code: url.searchParams.get('interaction_code'), code_verifier: 'x'.repeat(43) }),
    });
    assert.equal((await reuse.json()).error, 'invalid_grant');
  });

  test('a callback in another browser (without the cookie of the round trip) is refused', async () => {
    const auth = oktaClient(org);
    const google = await idpButton(auth, 'GOOGLE');
    const victim = new Browser({ stopAt: `${org.origin}/oauth2/v1/authorize/callback` });
    const consent = await victim.submit(await victim.page(google.href), 'Sign in', { Email: 'sam@example.com', Password: PASSWORD });
    const stopped = await victim.submit(consent, 'Allow');
    assert.ok(stopped.arrived);
    const other = new Browser({ stopAt: REDIRECT_URI });
    const page = await other.page(stopped.url);
    assert.equal(page.status, 400);
    assert.match(page.text, /started in another browser/);
    // The answer is spent: the right browser cannot use it after that either.
    const late = await new Browser({ stopAt: REDIRECT_URI }).open(stopped.url);
    assert.equal(late.status, 400);
  });

  test('a forged state, no state, and an unknown IdP or transaction get an error page, never a redirect', async () => {
    const browser = new Browser({ stopAt: REDIRECT_URI });
    for (const path of ['/oauth2/v1/authorize/callback?code=abc&state=forged', '/oauth2/v1/authorize/callback?error=access_denied']) {
      const page = await browser.page(`${org.origin}${path}`);
      assert.equal(page.status, 400);
      assert.match(page.text, /This sign-in answer is not valid/);
    }
    const auth = oktaClient(org);
    const google = await idpButton(auth, 'GOOGLE');
    const unknownIdp = await browser.page(google.href.replace('0oa1google0idp000001', 'nope'));
    assert.equal(unknownIdp.status, 404);
    const unknownTx = await browser.page(`${org.origin}/sso/idps/0oa1google0idp000001?stateToken=nope`);
    assert.equal(unknownTx.status, 400);
    assert.match(unknownTx.text, /This sign-in has expired/);
    // The IdP authenticator's IdP is not a button of the first screen.
    const notOffered = await browser.page(google.href.replace('0oa1google0idp000001', '0oa1acme0mfa0idp0001'));
    assert.equal(notOffered.status, 400);
    assert.match(notOffered.text, /not offered at this point/);
    const csp = notOffered.headers.get('content-security-policy');
    assert.match(csp, /default-src 'none'/);
  });

  test('a provider account no org user is linked to: access_denied, and the sign-in goes on', async () => {
    const auth = oktaClient(org);
    const url = await throughProvider(new Browser({ stopAt: REDIRECT_URI }), (await idpButton(auth, 'OIDC')).href, 'stranger@social.example');
    assert.equal(url.searchParams.get('error'), 'access_denied');
    assert.equal(url.searchParams.get('error_description'), "No user of this org is linked to the identity provider's account.");
  });

  test("bob signs in with Google, but must still enroll Okta Verify: interaction_required, and idx.proceed goes on", async () => {
    const auth = oktaClient(org);
    const url = await throughProvider(new Browser({ stopAt: REDIRECT_URI }), (await idpButton(auth, 'GOOGLE')).href, 'bob@example.com');
    assert.equal(url.searchParams.get('error'), 'interaction_required');
    assert.equal(url.searchParams.get('state'), auth.transactionManager.load().state);
    assert.ok(auth.idx.isInteractionRequired(url.search));
    // The page on the redirect URI is a new page: in a browser okta-auth-js keeps its last IDX answer in memory only.
    auth.transactionManager.clearIdxResponse();
    // Step mode: the saved transaction is where the policy stopped; proceeding with that step goes on.
    const saved = await auth.idx.introspect({ interactionHandle: auth.transactionManager.load().interactionHandle });
    assert.deepEqual(saved.neededToProceed.map((r) => r.name), ['select-authenticator-enroll']);
    assert.equal(saved.rawIdxState.user.value.identifier, 'bob@example.com');
    const next = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'okta_verify' });
    assert.equal(next.nextStep.name, 'enroll-poll');
    const legacy = oktaClient(org, { idx: { enableLegacyMode: true } });
    const url2 = await throughProvider(new Browser({ stopAt: REDIRECT_URI }), (await idpButton(legacy, 'GOOGLE')).href, 'bob@example.com');
    assert.ok(legacy.idx.isInteractionRequired(url2.search));
    legacy.transactionManager.clearIdxResponse();
    const resumed = await legacy.idx.proceed();
    assert.equal(resumed.nextStep.name, 'select-authenticator-enroll');
  });
});

describe('IdP discovery: a username routed to its identity provider', () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  test('identify answers a redirect-idp only, as Okta does, whatever the password', async () => {
    const okta = oktaMock('identify-with-only-one-third-party-idp.json');
    for (const password of [undefined, 'anything']) {
      const auth = oktaClient(org);
      await auth.idx.start();
      const routed = await auth.idx.proceed({ step: 'identify', username: 'paula@partner.example', ...(password ? { password } : {}) });
      assert.equal(routed.status, 'PENDING');
      assert.deepEqual(routed.neededToProceed.map((r) => r.name), okta.remediation.value.map((r) => r.name));
      assert.deepEqual(routed.nextStep, {
        name: 'redirect-idp',
        type: 'SAML2',
        idp: { id: '0oa1partner0saml0001', name: 'Partner SSO' },
        href: `${org.origin}/sso/idps/0oa1partner0saml0001?stateToken=${routed.rawIdxState.stateHandle}`,
        method: 'GET',
      });
      assert.equal(routed.rawIdxState.user, undefined, 'the answer names no account');
    }
  });

  test('routing depends on the domain only: an unknown user there is routed the same way', async () => {
    const auth = oktaClient(org);
    await auth.idx.start();
    const routed = await auth.idx.proceed({ step: 'identify', username: 'nobody@PARTNER.example' });
    assert.equal(routed.nextStep.name, 'redirect-idp');
  });

  test('paula signs in at her IdP (the provider is told who she is) and gets tokens', async () => {
    const auth = oktaClient(org);
    await auth.idx.start();
    const routed = await auth.idx.proceed({ step: 'identify', username: 'paula@partner.example' });
    const browser = new Browser({ stopAt: REDIRECT_URI });
    const login = await browser.page(routed.nextStep.href);
    assert.match(login.text, /Sign in with Partner SSO/);
    assert.match(login.html, /value="paula@partner\.example"/, 'the username is filled in from login_hint');
    const consent = await browser.submit(login, 'Sign in', { Email: 'paula@partner.example', Password: PASSWORD });
    const back = await browser.submit(consent, 'Allow');
    await verifyTokens(org, await finishRedirect(auth, back.url), { username: 'paula@partner.example' });
  });

  test('the routed transaction cannot use the first screen’s buttons any more', async () => {
    const auth = oktaClient(org);
    const started = await auth.idx.start();
    const google = started.availableSteps.find((s) => s.type === 'GOOGLE');
    await auth.idx.proceed({ step: 'identify', username: 'paula@partner.example' });
    const page = await new Browser({ stopAt: REDIRECT_URI }).page(google.href);
    assert.equal(page.status, 400);
  });
});
