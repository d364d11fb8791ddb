// Self-service password recovery ("Forgot password?"), verified by email or phone, then reset-authenticator
// with the org's password rules; the same answers for an unknown user; and the expired password as Okta sends it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  PASSWORD,
  lastMessageTo,
  messagesTo,
  newUser,
  offeredKeys,
  oktaClient,
  remediationNames,
  signIn,
  sleep,
  startTestOrg,
  verifyTokens,
} from './org-helpers.mjs';

const NEW_PASSWORD = 'Recovered-2-Passw0rd';
const ION = 'application/ion+json; okta-version=1.0.0';

/**
 * From local-spa's identify: "Forgot password?" (currentAuthenticator-recover), then the username.
 * identify-recovery and reset-authenticator are outside okta-auth-js's default flow, so step mode posts their
 * fields by their wire names (`identifier`, `credentials.passcode`).
 */
async function recoverFromIdentify(org, username) {
  const auth = oktaClient(org);
  const started = await auth.idx.start();
  assert.ok(started.availableSteps.some((s) => s.name === 'currentAuthenticator-recover'), 'identify offers recovery');
  const asked = await auth.idx.proceed({ actions: ['currentAuthenticator-recover'] });
  assert.equal(asked.nextStep.name, 'identify-recovery');
  const tx = await auth.idx.proceed({ step: 'identify-recovery', identifier: username });
  assert.equal(tx.nextStep.name, 'select-authenticator-authenticate');
  return { auth, tx };
}

/** Posts to an IDX endpoint by hand. */
async function idxPost(org, path, body) {
  const res = await fetch(`${org.origin}/idp/idx${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: ION },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
}

describe('password recovery', () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  test('erin by email code: reset-authenticator with the rules, a weak password refused, then signed in', async () => {
    const { username } = await newUser(org, 'erin');
    const { auth, tx } = await recoverFromIdentify(org, username);
    assert.deepEqual(offeredKeys(tx), ['okta_email', 'phone_number']);
    assert.equal(tx.context.recoveryAuthenticator, undefined, 'rules come with the reset step');
    await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'okta_email' });
    const { code } = await lastMessageTo(org, username, 'email');
    const reset = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: code });
    assert.equal(reset.nextStep.name, 'reset-authenticator');
    const rules = reset.context.currentAuthenticator.value.settings;
    assert.deepEqual(rules.complexity, {
      minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 0, excludeUsername: true, excludeAttributes: [],
    });
    assert.equal(reset.context.recoveryAuthenticator.value.key, 'okta_password');

    const weak = await auth.idx.proceed({ step: 'reset-authenticator', credentials: { passcode: 'short' } });
    assert.equal(weak.messages[0].i18n.key, 'password.passwordRequirementsNotMet');
    // okta-auth-js gives no nextStep for a refused step outside its flow; the org offers the form again.
    assert.deepEqual(remediationNames(weak), ['reset-authenticator']);
    const same = await auth.idx.proceed({ step: 'reset-authenticator', credentials: { passcode: PASSWORD } });
    assert.equal(same.messages[0].i18n.key, 'password.passwordHistoryNotMet');

    const done = await auth.idx.proceed({ step: 'reset-authenticator', credentials: { passcode: NEW_PASSWORD } });
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { username });

    const old = await signIn(oktaClient(org), username, PASSWORD);
    assert.equal(old.messages[0].i18n.key, 'errors.E0000004');
    const fresh = await signIn(oktaClient(org), username, NEW_PASSWORD);
    assert.equal(fresh.nextStep.name, 'select-authenticator-authenticate');
  });

  test('erin by SMS', async () => {
    const { username } = await newUser(org, 'erin');
    const { auth } = await recoverFromIdentify(org, username);
    const since = new Date().toISOString();
    await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: { id: 'aut1okta0phone000001', methodType: 'sms' } });
    const sms = (await messagesTo(org, '+15550100001', 'sms')).filter((m) => m.sentAt >= since).at(-1);
    const reset = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: sms.code });
    assert.equal(reset.nextStep.name, 'reset-authenticator');
    const done = await auth.idx.proceed({ step: 'reset-authenticator', credentials: { passcode: NEW_PASSWORD } });
    assert.equal(done.status, 'SUCCESS');
  });

  test('hank through local-idfirst: "Forgot password?" on the password challenge, then the magic link', async () => {
    const { username } = await newUser(org, 'hank');
    const auth = oktaClient(org, { clientId: 'local-idfirst' });
    await auth.idx.start();
    await auth.idx.proceed({ step: 'identify', username });
    const picked = await auth.idx.proceed({ actions: ['currentAuthenticatorEnrollment-recover'] });
    assert.equal(picked.nextStep.name, 'select-authenticator-authenticate');
    assert.deepEqual(offeredKeys(picked), ['okta_email']);
    await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'okta_email' });
    assert.equal((await fetch((await lastMessageTo(org, username, 'email')).link)).status, 200);
    await sleep(250);
    const reset = await auth.idx.proceed({ step: 'challenge-poll' });
    assert.equal(reset.nextStep.name, 'reset-authenticator');
    const done = await auth.idx.proceed({ step: 'reset-authenticator', credentials: { passcode: NEW_PASSWORD } });
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { clientId: 'local-idfirst', username });
  });

  test('an unknown user gets the same answers as a known one, and nothing is sent', async () => {
    const { username } = await newUser(org, 'hank');
    const stranger = 'nobody-at-all@example.com';
    const known = await recoverFromIdentify(org, username);
    const unknown = await recoverFromIdentify(org, stranger);
    const shape = (tx) => ({
      remediations: remediationNames(tx),
      options: tx.nextStep.inputs[0].options.map((o) => ({ label: o.label, key: o.relatesTo.key, fields: o.value.map((f) => f.name) })),
      masked: tx.context.authenticatorEnrollments.value.map((e) => e.profile?.email?.replace(/^.\*\*\*./, '?***?')),
      user: Object.keys(tx.context.user.value).sort(),
      messages: tx.messages,
    });
    assert.deepEqual(shape(unknown.tx), shape(known.tx));

    const knownChallenge = await known.auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'okta_email' });
    const unknownChallenge = await unknown.auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'okta_email' });
    assert.deepEqual(remediationNames(unknownChallenge), remediationNames(knownChallenge));
    assert.equal(unknownChallenge.context.currentAuthenticatorEnrollment.value.profile.email, 'n***l@example.com');
    assert.equal((await messagesTo(org, stranger)).length, 0, 'nothing is sent to an unknown user');
    for (const code of ['000000', '123456']) {
      const refused = await unknown.auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: code });
      assert.equal(refused.messages[0].i18n.key, 'api.authn.error.PASSCODE_INVALID');
    }
  });

  test('a user with nothing to recover with (alice: Okta Verify only) is answered like an unknown user', async () => {
    const { username } = await newUser(org, 'alice');
    const { tx } = await recoverFromIdentify(org, username);
    assert.deepEqual(offeredKeys(tx), ['okta_email']);
    assert.equal((await messagesTo(org, username)).length, 0);
  });

  test('legacy mode: idx.recoverPassword({ username }) reaches the authenticator choice', async () => {
    const { username } = await newUser(org, 'hank');
    const auth = oktaClient(org, { idx: { enableLegacyMode: true } });
    const picked = await auth.idx.recoverPassword({ username });
    assert.equal(picked.nextStep.name, 'select-authenticator-authenticate');
    const challenged = await auth.idx.proceed({ authenticator: 'okta_email' });
    assert.equal(challenged.nextStep.name, 'challenge-authenticator');
    const { code } = await lastMessageTo(org, username, 'email');
    const reset = await auth.idx.proceed({ verificationCode: code });
    assert.equal(reset.nextStep.name, 'reset-authenticator');
    const done = await auth.idx.proceed({ password: NEW_PASSWORD });
    assert.equal(done.status, 'SUCCESS');
  });

  test('recover is refused where Okta does not offer it, and bad input never makes a 500', async () => {
    const auth = oktaClient(org, { clientId: 'local-idfirst' });
    const started = await auth.idx.start();
    const stateHandle = started.context.stateHandle;
    const refused = await idxPost(org, '/recover', { stateHandle });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.remediation.value[0].name, 'identify');
    const bodies = ['[]', '{"stateHandle":7}', `{"stateHandle":"${stateHandle}","identifier":["x"]}`,
      `{"stateHandle":"${stateHandle}","authenticator":{"id":{"a":1},"phoneNumber":5,"methodType":[]}}`,
      `{"stateHandle":"${stateHandle}","credentials":{"passcode":123456}}`];
    for (const path of ['/recover', '/identify', '/credential/enroll', '/challenge', '/challenge/answer', '/challenge/resend', '/challenge/poll']) {
      for (const body of bodies) {
        const res = await idxPost(org, path, body);
        assert.ok(res.status >= 400 && res.status < 500 || res.status === 200, `${path} ${body} -> ${res.status}`);
        assert.equal(res.type, ION);
      }
    }
    for (const token of ['nope', '%E0%A4%A', 'x'.repeat(300)]) {
      const res = await fetch(`${org.origin}/email/verify/${token}`);
      assert.ok(res.status >= 400 && res.status < 500, `${token} -> ${res.status}`);
    }
  });
});

describe('expired password, as Okta sends it', () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  test('carol: reenroll-authenticator relates to currentAuthenticator, whose settings are the rules', async () => {
    const { username } = await newUser(org, 'carol');
    const auth = oktaClient(org);
    const tx = await signIn(auth, username);
    assert.equal(tx.nextStep.name, 'reenroll-authenticator');
    const wire = await idxPost(org, '/introspect', { stateHandle: tx.context.stateHandle });
    assert.deepEqual(wire.body.remediation.value[0].relatesTo, ['$.currentAuthenticator']);
    assert.equal(wire.body.currentAuthenticatorEnrollment, undefined);
    const current = tx.context.currentAuthenticator.value;
    assert.equal(current.key, 'okta_password');
    assert.equal(current.settings.complexity.minLength, 8);
    assert.equal(current.settings.age.historyCount, 1);
    assert.equal(tx.nextStep.relatesTo.value.settings.complexity.minUpperCase, 1);
    const done = await auth.idx.proceed({ step: 'reenroll-authenticator', newPassword: NEW_PASSWORD });
    assert.equal(done.status, 'SUCCESS');
  });
});
