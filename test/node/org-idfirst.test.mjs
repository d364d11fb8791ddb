// The identifier-first client `local-idfirst`: the username alone, then the password as a challenged
// authenticator, then the second factor. hank: username, password, Email code.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PASSWORD, lastMessageTo, newUser, offeredKeys, oktaClient, remediationNames, startTestOrg, verifyTokens } from './org-helpers.mjs';

const IDFIRST = { clientId: 'local-idfirst' };

/** Starts a local-idfirst sign-in and sends the username; returns the password challenge. */
async function identify(org, username) {
  const auth = oktaClient(org, IDFIRST);
  const started = await auth.idx.start();
  const identifyStep = started.availableSteps.find((s) => s.name === 'identify');
  assert.deepEqual(identifyStep.inputs.map((i) => i.name), ['username', 'rememberMe'], 'no password on identify');
  assert.equal(started.rawIdxState.remediation.value[0].value.some((f) => f.name === 'credentials'), false);
  const tx = await auth.idx.proceed({ step: 'identify', username });
  return { auth, tx };
}

describe('local-idfirst: identifier first', () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  test('hank: username, then password (challenge-authenticator for okta_password), then an Email code', async () => {
    const { username } = await newUser(org, 'hank');
    const { auth, tx } = await identify(org, username);
    assert.deepEqual(remediationNames(tx), ['challenge-authenticator', 'select-authenticator-authenticate']);
    const current = tx.context.currentAuthenticatorEnrollment.value;
    assert.equal(current.key, 'okta_password');
    assert.equal(tx.nextStep.relatesTo.value.key, 'okta_password');
    assert.ok(tx.availableSteps.some((s) => s.name === 'currentAuthenticatorEnrollment-recover'), '"Forgot password?" is offered');

    const passed = await auth.idx.proceed({ step: 'challenge-authenticator', password: PASSWORD });
    assert.equal(passed.nextStep.name, 'select-authenticator-authenticate');
    assert.deepEqual(offeredKeys(passed), ['okta_email']);
    assert.equal(passed.context.user.value.profile.firstName, 'Hank', 'the profile once the password is proven');
    const challenged = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'okta_email' });
    assert.equal(challenged.nextStep.name, 'challenge-authenticator');
    const { code } = await lastMessageTo(org, username, 'email');
    const done = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: code });
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { clientId: 'local-idfirst', username });
  });

  test('a wrong password: "Password is incorrect" (incorrectPassword), and the right one still works', async () => {
    const { username } = await newUser(org, 'hank');
    const { auth } = await identify(org, username);
    const wrong = await auth.idx.proceed({ step: 'challenge-authenticator', password: 'Wrong-passw0rd' });
    assert.notEqual(wrong.status, 'SUCCESS');
    assert.equal(wrong.messages[0].i18n.key, 'incorrectPassword');
    assert.equal(wrong.messages[0].message, 'Password is incorrect');
    assert.equal(wrong.nextStep.name, 'challenge-authenticator');
    const right = await auth.idx.proceed({ step: 'challenge-authenticator', password: PASSWORD });
    assert.equal(right.nextStep.name, 'select-authenticator-authenticate');
  });

  test('an unknown username gets the same password challenge and the same refusal as a known one', async () => {
    const { username } = await newUser(org, 'hank');
    const known = await identify(org, username);
    const unknown = await identify(org, 'nobody-here@example.com');
    const shape = (tx) => ({
      remediations: remediationNames(tx),
      current: { ...tx.context.currentAuthenticatorEnrollment.value, id: 'x' },
      enrollments: tx.context.authenticatorEnrollments.value.map((e) => e.key),
      userFields: Object.keys(tx.context.user.value).sort(),
    });
    assert.deepEqual(shape(unknown.tx), shape(known.tx));
    assert.equal(unknown.tx.context.user.value.identifier, 'nobody-here@example.com');
    const refusedKnown = await known.auth.idx.proceed({ step: 'challenge-authenticator', password: 'Wrong-passw0rd' });
    const refusedUnknown = await unknown.auth.idx.proceed({ step: 'challenge-authenticator', password: PASSWORD });
    assert.deepEqual(refusedUnknown.messages, refusedKnown.messages);
    assert.equal(refusedUnknown.nextStep.name, 'challenge-authenticator');
  });

  test('alice through local-idfirst: password, then Okta Verify as before', async () => {
    const { auth } = await identify(org, 'alice@example.com');
    const passed = await auth.idx.proceed({ step: 'challenge-authenticator', password: PASSWORD });
    assert.equal(passed.nextStep.name, 'select-authenticator-authenticate');
    assert.deepEqual(offeredKeys(passed), ['okta_verify']);
  });

  test('local-idfirst has the same redirect URIs and scopes as local-spa', async () => {
    const auth = oktaClient(org, { ...IDFIRST, redirectUri: 'http://localhost:5173/login/callback', scopes: ['openid', 'profile', 'email', 'offline_access'] });
    const started = await auth.idx.start();
    assert.ok(started.availableSteps.some((s) => s.name === 'identify'));
  });
});
