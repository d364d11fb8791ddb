// Phone (phone_number): erin verifies by SMS or voice; gina enrolls a phone and then Email in one sign-in.
// Codes are read from the outbox as from a phone; invalid numbers and rate limits answer as Okta does.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
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

const RESEND_MS = 400;
const ERIN_PHONE = '+15550100001';
const PHONE_ID = 'aut1okta0phone000001';

/** The newest message to erin's phone from this sign-in (all erin copies share the seeded number). */
async function newestTo(org, channel, since) {
  const messages = (await messagesTo(org, ERIN_PHONE, channel)).filter((m) => m.sentAt >= since);
  assert.ok(messages.length, `a ${channel} message`);
  return messages.at(-1);
}

describe('erin: Phone challenge', () => {
  let org;
  before(async () => {
    org = await startTestOrg({ resendIntervalMs: RESEND_MS });
  });
  after(() => org.close());

  test('SMS: the texted code signs in', async () => {
    const { username } = await newUser(org, 'erin');
    const auth = oktaClient(org);
    await signIn(auth, username);
    const since = new Date().toISOString();
    const tx = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: { id: PHONE_ID, methodType: 'sms' } });
    assert.equal(tx.nextStep.name, 'challenge-authenticator');
    const enrollment = tx.context.currentAuthenticatorEnrollment.value;
    assert.equal(enrollment.key, 'phone_number');
    assert.equal(enrollment.profile.phoneNumber, '+1 XXX-XXX-0001');
    assert.deepEqual(enrollment.methods, [{ type: 'sms' }]);
    const sms = await newestTo(org, 'sms', since);
    assert.match(sms.code, /^\d{6}$/);
    assert.equal(sms.link, undefined);
    const done = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: sms.code });
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { username });
  });

  test('voice: choosing Phone without a method asks SMS or voice (authenticator-verification-data)', async () => {
    const { username } = await newUser(org, 'erin');
    const auth = oktaClient(org);
    await signIn(auth, username);
    const asked = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'phone_number' });
    assert.equal(asked.nextStep.name, 'authenticator-verification-data');
    const methods = asked.nextStep.inputs[0].value.find((f) => f.name === 'methodType').options;
    assert.deepEqual(methods.map((o) => o.value), ['sms', 'voice']);
    assert.equal(asked.nextStep.relatesTo.value.profile.phoneNumber, '+1 XXX-XXX-0001');
    const since = new Date().toISOString();
    const tx = await auth.idx.proceed({ step: 'authenticator-verification-data', methodType: 'voice' });
    assert.equal(tx.nextStep.name, 'challenge-authenticator');
    const call = await newestTo(org, 'voice', since);
    const wrong = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: call.code === '123456' ? '654321' : '123456' });
    assert.equal(wrong.messages[0].i18n.key, 'api.authn.error.PASSCODE_INVALID');
    const done = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: call.code });
    assert.equal(done.status, 'SUCCESS');
  });

  test('resend too soon: 429 with errors.E0000150 (SMS) and Retry-After; later the resend works', async () => {
    const { username } = await newUser(org, 'erin');
    const auth = oktaClient(org);
    await signIn(auth, username);
    const since = new Date().toISOString();
    const tx = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: { id: PHONE_ID, methodType: 'sms' } });
    const raw = await fetch(`${org.origin}/idp/idx/challenge/resend`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ stateHandle: tx.context.stateHandle }),
    });
    assert.equal(raw.status, 429);
    assert.ok(Number(raw.headers.get('retry-after')) >= 1);
    const body = await raw.json();
    assert.deepEqual(body.messages.value.map((m) => [m.i18n.key, m.message]), [
      ['errors.E0000150', 'You have reached the limit of sms requests, please try again later.'],
    ]);
    assert.equal(body.remediation.value[0].name, 'challenge-authenticator', 'the challenge goes on');

    await sleep(RESEND_MS);
    const resent = await auth.idx.proceed({ actions: ['currentAuthenticatorEnrollment-resend'] });
    assert.equal(resent.nextStep.name, 'challenge-authenticator');
    const texts = (await messagesTo(org, ERIN_PHONE, 'sms')).filter((m) => m.sentAt >= since);
    assert.equal(texts.length, 2);
    const done = await auth.idx.proceed({ step: 'challenge-authenticator', verificationCode: texts[1].code });
    assert.equal(done.status, 'SUCCESS');
  });

  test('a voice call again too soon gets errors.E0000151', async () => {
    const { username } = await newUser(org, 'erin');
    const auth = oktaClient(org);
    await signIn(auth, username);
    await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: { id: PHONE_ID, methodType: 'voice' } });
    const again = await auth.idx.proceed({ actions: ['currentAuthenticatorEnrollment-resend'] });
    assert.equal(again.messages[0].i18n.key, 'errors.E0000151');
    assert.equal(again.messages[0].message, 'You have reached the limit of call requests, please try again later.');
  });

  test('legacy mode: authenticate, choose Phone, pick SMS, enter the code', async () => {
    const { username } = await newUser(org, 'erin');
    const auth = oktaClient(org, { idx: { enableLegacyMode: true } });
    await auth.idx.authenticate({ username, password: 'Passw0rd!' });
    const asked = await auth.idx.proceed({ authenticator: 'phone_number' });
    assert.equal(asked.nextStep.name, 'authenticator-verification-data');
    const since = new Date().toISOString();
    const challenged = await auth.idx.proceed({ methodType: 'sms' });
    assert.equal(challenged.nextStep.name, 'challenge-authenticator');
    const { code } = await newestTo(org, 'sms', since);
    const done = await auth.idx.proceed({ verificationCode: code });
    assert.equal(done.status, 'SUCCESS');
  });
});

describe('gina: enrolls Phone, then Email, in one sign-in', () => {
  let org;
  before(async () => {
    org = await startTestOrg({ resendIntervalMs: RESEND_MS });
  });
  after(() => org.close());

  test('number and SMS, the texted code, then the emailed code; next time she verifies with either', async () => {
    const { username } = await newUser(org, 'gina');
    const auth = oktaClient(org);
    const identified = await signIn(auth, username);
    assert.equal(identified.nextStep.name, 'select-authenticator-enroll');
    assert.deepEqual(offeredKeys(identified), ['phone_number', 'okta_email']);
    assert.ok(!identified.nextStep.canSkip, 'both are required');

    const data = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'phone_number' });
    assert.equal(data.nextStep.name, 'authenticator-enrollment-data');
    const number = '+1 555 010 0077';
    const enrolling = await auth.idx.proceed({ step: 'authenticator-enrollment-data', phoneNumber: number, methodType: 'sms' });
    assert.equal(enrolling.nextStep.name, 'enroll-authenticator');
    assert.equal(enrolling.context.currentAuthenticator.value.key, 'phone_number');
    const sms = await lastMessageTo(org, '+15550100077', 'sms');
    const phoneDone = await auth.idx.proceed({ step: 'enroll-authenticator', verificationCode: sms.code });
    assert.equal(phoneDone.nextStep.name, 'select-authenticator-enroll', 'then Email');
    assert.deepEqual(offeredKeys(phoneDone), ['okta_email']);

    const emailStep = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'okta_email' });
    assert.deepEqual(remediationNames(emailStep), ['enroll-authenticator', 'enroll-poll', 'select-authenticator-enroll']);
    assert.equal(emailStep.context.currentAuthenticator.value.contextualData.useEmailMagicLink, true);
    const email = await lastMessageTo(org, username, 'email');
    const done = await auth.idx.proceed({ step: 'enroll-authenticator', verificationCode: email.code });
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { username });

    const next = await signIn(oktaClient(org), username);
    assert.equal(next.nextStep.name, 'select-authenticator-authenticate');
    assert.deepEqual(offeredKeys(next), ['phone_number', 'okta_email']);
  });

  test('enrolling Email by its magic link, with the page polling enroll-poll', async () => {
    const { username } = await newUser(org, 'gina');
    const auth = oktaClient(org);
    await signIn(auth, username);
    const emailStep = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'okta_email' });
    assert.equal(emailStep.nextStep.name, 'enroll-authenticator');
    assert.equal((await fetch((await lastMessageTo(org, username, 'email')).link)).status, 200);
    const polled = await auth.idx.proceed({ step: 'enroll-poll' });
    assert.equal(polled.nextStep.name, 'select-authenticator-enroll', 'Email is enrolled; Phone is still missing');
    assert.deepEqual(offeredKeys(polled), ['phone_number']);
  });

  test('an invalid number: "Invalid Phone Number." (api.factors.error.sms.invalid_phone), and the form again', async () => {
    const { username } = await newUser(org, 'gina');
    const auth = oktaClient(org);
    await signIn(auth, username);
    await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'phone_number' });
    for (const bad of ['12345', 'call me', '+0 555 010 0001']) {
      const tx = await auth.idx.proceed({ step: 'authenticator-enrollment-data', phoneNumber: bad, methodType: 'sms' });
      assert.equal(tx.nextStep.name, 'authenticator-enrollment-data', bad);
      assert.equal(tx.messages[0].i18n.key, 'api.factors.error.sms.invalid_phone');
      assert.equal(tx.messages[0].message, 'Invalid Phone Number.');
    }
    assert.equal((await messagesTo(org, '12345')).length, 0);
    const ok = await auth.idx.proceed({ step: 'authenticator-enrollment-data', phoneNumber: '(555) 010-0078', methodType: 'voice' });
    assert.equal(ok.nextStep.name, 'enroll-authenticator');
    assert.equal((await lastMessageTo(org, '+15550100078', 'voice')).channel, 'voice');
  });
});
