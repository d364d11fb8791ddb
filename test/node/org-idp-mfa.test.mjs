// Steps after the password that are finished away from the page: the IdP authenticator (tina), identity
// verification at a Persona-like vendor (uma), and Okta FastPass's signed-nonce challenge (vera), which Okta Verify
// on the user's computer answers. okta-auth-js drives each against the org; the browser goes through the provider.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PASSWORD, POLL_MS, REDIRECT_URI, keysOf, oktaClient, oktaMock, signIn, sleep, startTestOrg, verifyTokens } from './org-helpers.mjs';
import { Browser, finishRedirect } from './org-browser.mjs';

describe('the IdP as an authenticator (tina)', () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  /** tina's password, then the IdP authenticator chosen: the `redirect-idp` step relating to it. */
  async function atIdpStep(auth) {
    const identified = await signIn(auth, 'tina@example.com');
    assert.equal(identified.nextStep.name, 'select-authenticator-authenticate');
    assert.deepEqual(
      identified.nextStep.inputs[0].options.map((o) => [o.label, o.relatesTo.key, o.relatesTo.type]),
      [['IdP Authenticator', 'external_idp', 'federated']],
    );
    return auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'external_idp' });
  }

  test('after the password, the IdP authenticator is offered and chosen as Okta sends it', async () => {
    const auth = oktaClient(org);
    const tx = await atIdpStep(auth);
    const okta = oktaMock('authenticator-verification-idp.json');
    assert.deepEqual(tx.neededToProceed.map((r) => r.name), okta.remediation.value.map((r) => r.name));
    // okta-auth-js resolves relatesTo in place: read the wire answer as the org sent it.
    const wire = await (
      await fetch(`${org.origin}/idp/idx/introspect`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ stateHandle: tx.rawIdxState.stateHandle }),
      })
    ).json();
    const redirect = wire.remediation.value[0];
    assert.deepEqual(keysOf(redirect), keysOf(okta.remediation.value[0]));
    assert.deepEqual(redirect.relatesTo, okta.remediation.value[0].relatesTo);
    assert.equal(redirect.type, 'OIDC');
    assert.deepEqual(redirect.idp, { id: '0oa1acme0mfa0idp0001', name: 'Acme MFA' });
    const raw = tx.rawIdxState;
    assert.deepEqual(keysOf(raw.currentAuthenticatorEnrollment.value), keysOf(okta.currentAuthenticatorEnrollment.value));
    assert.equal(raw.currentAuthenticator.value.key, 'external_idp');
    assert.equal(raw.currentAuthenticator.value.type, 'federated');
    assert.deepEqual(raw.currentAuthenticator.value.methods, [{ type: 'idp' }]);
    assert.equal(raw.currentAuthenticator.value.logoUri, `${org.origin}/provider/logo.svg`);
    const logo = await fetch(raw.currentAuthenticator.value.logoUri);
    assert.equal(logo.headers.get('content-type'), 'image/svg+xml; charset=utf-8');
    // okta-auth-js hands the redirect to the page as a step.
    assert.equal(tx.nextStep.name, 'redirect-idp');
    assert.equal(tx.nextStep.href, redirect.href);
  });

  test('tina verifies at the IdP; the callback carries the interaction code; okta-auth-js gets tokens', async () => {
    const auth = oktaClient(org);
    const tx = await atIdpStep(auth);
    const browser = new Browser({ stopAt: REDIRECT_URI });
    const login = await browser.page(tx.nextStep.href);
    assert.match(login.text, /Sign in with Acme MFA/);
    assert.match(login.html, /value="tina@example\.com"/, 'the provider is told who is expected');
    const consent = await browser.submit(login, 'Sign in', { Email: 'tina@example.com', Password: PASSWORD });
    const back = await browser.submit(consent, 'Allow');
    assert.ok(back.arrived);
    assert.ok(new URL(back.url).searchParams.get('interaction_code'));
    await verifyTokens(org, await finishRedirect(auth, back.url), { username: 'tina@example.com' });
  });

  test('someone else signs in at the IdP: access_denied, and tina is still asked for the IdP', async () => {
    const auth = oktaClient(org);
    const tx = await atIdpStep(auth);
    const browser = new Browser({ stopAt: REDIRECT_URI });
    const consent = await browser.submit(await browser.page(tx.nextStep.href), 'Sign in', { Email: 'sam@example.com', Password: PASSWORD });
    const url = new URL((await browser.submit(consent, 'Allow')).url);
    assert.equal(url.searchParams.get('error'), 'access_denied');
    assert.equal(url.searchParams.get('error_description'), 'The identity provider confirmed someone other than the user signing in.');
    auth.transactionManager.clearIdxResponse();
    const saved = await auth.idx.introspect({ interactionHandle: auth.transactionManager.load().interactionHandle });
    assert.equal(saved.neededToProceed[0].name, 'redirect-idp');
  });

  test('tina cancels at the IdP: access_denied with her state', async () => {
    const auth = oktaClient(org);
    const tx = await atIdpStep(auth);
    const browser = new Browser({ stopAt: REDIRECT_URI });
    const url = new URL((await browser.submit(await browser.page(tx.nextStep.href), 'Cancel')).url);
    assert.equal(url.searchParams.get('error'), 'access_denied');
    assert.equal(url.searchParams.get('state'), auth.transactionManager.load().state);
  });

  test('the IdP authenticator cannot be used before the password, nor by a method it does not have', async () => {
    const auth = oktaClient(org);
    const started = await auth.idx.start();
    const href = started.availableSteps.find((s) => s.type === 'GOOGLE').href.replace('0oa1google0idp000001', '0oa1acme0mfa0idp0001');
    assert.equal((await new Browser({ stopAt: REDIRECT_URI }).page(href)).status, 400);
    await auth.idx.proceed({ step: 'identify', username: 'tina@example.com', password: PASSWORD });
    const res = await fetch(`${org.origin}/idp/idx/challenge`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ stateHandle: started.rawIdxState.stateHandle, authenticator: { id: 'aut1external0idp0001', methodType: 'push' } }),
    });
    assert.equal(res.status, 400);
    assert.equal((await res.json()).messages.value[0].message, 'This verification method is not available.');
  });
});

describe('identity verification (uma)', () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  test('after the password, the policy asks for identity verification: redirect-idverify only, shaped as Okta sends it', async () => {
    const auth = oktaClient(org);
    const tx = await signIn(auth, 'uma@example.com');
    const okta = oktaMock('authenticator-verification-idp-with-persona.json').remediation.value[0];
    assert.deepEqual(tx.neededToProceed.map((r) => r.name), ['redirect-idverify']);
    const r = tx.neededToProceed[0];
    assert.deepEqual(keysOf(r), keysOf(okta));
    assert.equal(r.type, 'ID_PROOFING');
    assert.deepEqual(r.idp, { id: 'IDV_PERSONA', name: 'Persona' });
    assert.equal(r.method, 'GET');
    assert.match(r.href, new RegExp(`^${org.origin}/idp/identity-verification\\?stateTokenExternalId=[\\w-]+$`));
  });

  test('uma verifies with Persona (document, confirmation) and gets tokens', async () => {
    const auth = oktaClient(org);
    const tx = await signIn(auth, 'uma@example.com');
    const browser = new Browser({ stopAt: REDIRECT_URI });
    const page = await browser.page(tx.neededToProceed[0].href);
    assert.match(page.text, /Verify your identity/);
    assert.match(page.text, /Local Okta org asks Persona to confirm that you are uma@example\.com/);
    const incomplete = await browser.submit(page, 'Verify', { Passport: 'on' });
    assert.equal(incomplete.status, 400);
    assert.match(incomplete.text, /Choose your document and confirm that it is yours\./);
    const back = await browser.submit(incomplete, 'Verify', { Passport: 'on', 'This document is mine and I am holding it': 'on' });
    assert.ok(back.arrived);
    await verifyTokens(org, await finishRedirect(auth, back.url), { username: 'uma@example.com' });
  });

  test('uma cancels the verification: access_denied; the link works once the transaction moved on', async () => {
    const auth = oktaClient(org);
    const tx = await signIn(auth, 'uma@example.com');
    const browser = new Browser({ stopAt: REDIRECT_URI });
    const url = new URL((await browser.submit(await browser.page(tx.neededToProceed[0].href), 'Cancel')).url);
    assert.equal(url.searchParams.get('error'), 'access_denied');
    assert.equal(url.searchParams.get('state'), auth.transactionManager.load().state);
    const bogus = await browser.page(`${org.origin}/idp/identity-verification?stateTokenExternalId=nope`);
    assert.equal(bogus.status, 400);
  });
});

describe('Okta FastPass only (vera)', () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  test('after the password, a signed-nonce challenge for Okta Verify, shaped as Okta sends the loopback one', async () => {
    const auth = oktaClient(org);
    const tx = await signIn(auth, 'vera@example.com');
    const okta = oktaMock('authenticator-verification-okta-verify-signed-nonce-loopback.json');
    assert.deepEqual(tx.neededToProceed.map((r) => r.name), okta.remediation.value.map((r) => r.name));
    const current = tx.rawIdxState.currentAuthenticator.value;
    assert.deepEqual(current.methods, [{ type: 'signed_nonce' }]);
    const challenge = current.contextualData.challenge.value;
    assert.deepEqual(keysOf(challenge), keysOf(okta.currentAuthenticator.value.contextualData.challenge.value));
    assert.equal(challenge.challengeMethod, 'LOOPBACK');
    assert.equal(challenge.domain, 'http://localhost');
    assert.ok(challenge.ports.length > 0);
    assert.deepEqual(tx.rawIdxState.authenticators.value.map((a) => a.methods), [[{ type: 'signed_nonce' }]]);
    const enrollment = tx.rawIdxState.authenticatorEnrollments.value.find((e) => e.key === 'okta_verify');
    assert.deepEqual(enrollment.methods, [{ type: 'signed_nonce' }]);
    assert.equal(enrollment.profile.deviceName, "Vera's laptop");
    const picker = tx.neededToProceed.find((r) => r.name === 'select-authenticator-authenticate');
    assert.deepEqual(
      picker.value[0].options[0].value.form.value.map((f) => [f.name, f.value]),
      [['id', 'aut1okta0verify00001'], ['methodType', 'signed_nonce']],
    );
  });

  test('polling alone never finishes it (nothing answers the loopback probe); Okta Verify answering does', async () => {
    const auth = oktaClient(org);
    let tx = await signIn(auth, 'vera@example.com');
    await sleep(POLL_MS);
    tx = await auth.idx.proceed({ step: 'challenge-poll' });
    assert.equal(tx.nextStep.name, 'challenge-poll');
    const { challengeRequest } = tx.rawIdxState.currentAuthenticator.value.contextualData.challenge.value;
    const answered = await fetch(`${org.origin}/device/api/fastpass`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ challengeRequest }),
    });
    assert.equal(answered.status, 200);
    assert.deepEqual(await answered.json(), { username: 'vera@example.com', status: 'verified' });
    await sleep(POLL_MS);
    tx = await auth.idx.proceed({ step: 'challenge-poll' });
    assert.equal(tx.status, 'SUCCESS');
    await verifyTokens(org, tx.tokens, { username: 'vera@example.com' });
  });

  test("push and codes are refused for vera's Okta Verify; choosing it again makes a new challenge", async () => {
    const auth = oktaClient(org);
    const tx = await signIn(auth, 'vera@example.com');
    const stateHandle = tx.rawIdxState.stateHandle;
    const first = tx.rawIdxState.currentAuthenticator.value.contextualData.challenge.value.challengeRequest;
    const post = (authenticator) =>
      fetch(`${org.origin}/idp/idx/challenge`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ stateHandle, authenticator }),
      });
    for (const methodType of ['push', 'totp']) {
      const res = await post({ id: 'aut1okta0verify00001', methodType });
      assert.equal(res.status, 400);
      assert.equal((await res.json()).messages.value[0].message, 'This verification method is not available.');
    }
    const again = await (await post({ id: 'aut1okta0verify00001', methodType: 'signed_nonce' })).json();
    const second = again.currentAuthenticator.value.contextualData.challenge.value.challengeRequest;
    assert.notEqual(second, first);
    const stale = await fetch(`${org.origin}/device/api/fastpass`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ challengeRequest: first }),
    });
    assert.equal(stale.status, 404);
    assert.equal((await stale.json()).error, 'unknown_challenge');
  });
});
