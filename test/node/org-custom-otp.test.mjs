// A Custom OTP authenticator (`custom_otp`): kate's hardware token, issued by the administrator (the device API, as
// Okta's Factors API), shows codes on the device page; the sign-in verifies one (`credentials.passcode`), each code
// once. Without a token, choosing it to enroll gets Okta's answer: ask the administrator.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deviceGet, devicePost, genericClient, identify, messageKeys, newUser, startTestOrg, verifyTokens, wireRemediation, wrongCode } from './org-helpers.mjs';

const TOKEN_ID = 'aut1custom0otp000001';

describe('Custom OTP (hardware token)', () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  const tokenCode = async (username) => (await deviceGet(org, `/users/${encodeURIComponent(username)}`)).body.customOtp?.code;

  async function challenged(username, password) {
    const auth = genericClient(org);
    const picker = await identify(auth, username, password);
    assert.equal(picker.nextStep.name, 'select-authenticator-authenticate');
    assert.deepEqual(picker.nextStep.inputs[0].options.map((o) => [o.label, o.relatesTo.key]), [['Hardware token', 'custom_otp']]);
    const tx = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: { id: TOKEN_ID, methodType: 'otp' } });
    assert.equal(tx.nextStep.name, 'challenge-authenticator');
    return { auth, tx };
  }

  test('kate verifies with the code her token shows; a wrong code and a used code are refused', async () => {
    const { username, password } = await newUser(org, 'kate');
    const { body } = await deviceGet(org, `/users/${encodeURIComponent(username)}`);
    assert.match(body.customOtp.code, /^\d{6}$/);
    assert.ok(body.customOtp.expiresIn >= 1 && body.customOtp.expiresIn <= 30);

    const { auth, tx } = await challenged(username, password);
    assert.deepEqual(tx.context.currentAuthenticatorEnrollment.value.key, 'custom_otp');
    assert.deepEqual(tx.context.currentAuthenticatorEnrollment.value.type, 'security_key');
    assert.deepEqual(wireRemediation(tx, 'challenge-authenticator').value[0].form.value.map((f) => [f.name, f.label]), [['passcode', 'Enter code']]);

    const code = await tokenCode(username);
    const wrong = await auth.idx.proceed({ step: 'challenge-authenticator', credentials: { passcode: wrongCode(code) } });
    assert.deepEqual(messageKeys(wrong), ['api.authn.error.PASSCODE_INVALID'], 'for the whole form, as Okta answers it');
    const done = await auth.idx.proceed({ step: 'challenge-authenticator', credentials: { passcode: code } });
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { username });

    const again = await challenged(username, password);
    const replay = await again.auth.idx.proceed({ step: 'challenge-authenticator', credentials: { passcode: code } });
    assert.deepEqual(messageKeys(replay), ['api.authn.error.PASSCODE_INVALID'], 'each code works once');
  });

  test('without a token, the sign-in says to ask the administrator; once one is issued, its code signs in', async () => {
    const { username, password } = await newUser(org, 'kate');
    assert.deepEqual(await devicePost(org, `/users/${encodeURIComponent(username)}/custom-otp`, { action: 'revoke' }), {
      status: 200,
      body: { username, customOtp: null },
    });
    const auth = genericClient(org);
    const picker = await identify(auth, username, password);
    assert.equal(picker.nextStep.name, 'select-authenticator-enroll');
    const refused = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: { id: TOKEN_ID, methodType: 'otp' } });
    assert.deepEqual(messageKeys(refused), ['enroll.hotp.restricted']);
    assert.equal(refused.rawIdxState.messages.value[0].message, 'Contact your administrator to continue enrollment');
    assert.ok(wireRemediation(refused, 'select-authenticator-enroll'), 'still choosing');

    const issued = await devicePost(org, `/users/${encodeURIComponent(username)}/custom-otp`, { action: 'issue' });
    assert.equal(issued.status, 200);
    assert.match(issued.body.customOtp.code, /^\d{6}$/);
    const { auth: next } = await challenged(username, password);
    const done = await next.idx.proceed({ step: 'challenge-authenticator', credentials: { passcode: await tokenCode(username) } });
    assert.equal(done.status, 'SUCCESS');
  });

  test('the device API refuses a bad action and an unknown user', async () => {
    assert.equal((await devicePost(org, '/users/kate%40example.com/custom-otp', { action: 'steal' })).body.error, 'invalid_action');
    assert.equal((await devicePost(org, '/users/nobody%40example.com/custom-otp', { action: 'issue' })).status, 404);
    assert.equal((await deviceGet(org, '/users/alice%40example.com')).body.customOtp, null);
  });
});
