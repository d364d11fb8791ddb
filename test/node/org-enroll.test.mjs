// Bob (must enroll Okta Verify) by QR code, email and SMS; Dave (enrollment optional) skips; Carol's expired password.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  PASSWORD,
  decodeQr,
  deviceGet,
  devicePost,
  newUser,
  oktaClient,
  pollUntilDone,
  signIn,
  startTestOrg,
  verifyTokens,
} from './org-helpers.mjs';

describe('enrollment, skip and password change', () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  /** Signs in a fresh bob and picks Okta Verify; returns the client and the enroll-poll (QR) transaction. */
  async function bobAtQr() {
    const { username } = await newUser(org, 'bob');
    const auth = oktaClient(org);
    const identified = await signIn(auth, username);
    assert.equal(identified.nextStep.name, 'select-authenticator-enroll');
    assert.ok(!identified.availableSteps.some((s) => s.name === 'skip'), 'bob cannot skip');
    const tx = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'okta_verify' });
    assert.equal(tx.nextStep.name, 'enroll-poll');
    return { auth, username, tx };
  }

  async function lastMessageTo(to) {
    const { body } = await deviceGet(org, '/outbox');
    const mine = body.messages.filter((m) => m.to === to);
    assert.ok(mine.length, `a message was sent to ${to}`);
    return mine.at(-1);
  }

  test('bob enrolls by scanning the QR code; later sign-ins take the challenge flow', async () => {
    const { auth, username, tx } = await bobAtQr();
    const { contextualData } = tx.context.currentAuthenticator.value;
    assert.equal(contextualData.selectedChannel, 'qrcode');
    assert.equal(contextualData.qrcode.type, 'image/png');
    const link = decodeQr(contextualData.qrcode.href);
    assert.ok(link.startsWith(`${org.origin}/device?activation=`));

    const waiting = await pollUntilDone(auth, 'enroll-poll', tx, { max: 1 });
    assert.equal(waiting.nextStep.name, 'enroll-poll', 'still waiting before the link is opened');
    assert.equal((await deviceGet(org, `/users/${username}`)).body.enrolled, false);

    const activated = await devicePost(org, '/activate', { link });
    assert.deepEqual(activated, { status: 200, body: { username, enrolled: true } });
    const done = await pollUntilDone(auth, 'enroll-poll', waiting);
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { username });

    const { body: device } = await deviceGet(org, `/users/${username}`);
    assert.equal(device.enrolled, true);
    assert.match(device.totp.code, /^\d{6}$/);
    const again = await signIn(oktaClient(org), username);
    assert.equal(again.nextStep.name, 'select-authenticator-authenticate');

    // The link is single-use.
    assert.equal((await devicePost(org, '/activate', { link })).status, 404);
  });

  test('bob enrolls through an emailed activation link', async () => {
    const { auth, username, tx } = await bobAtQr();
    const channelTx = await auth.idx.proceed({ step: 'select-enrollment-channel', channel: 'email' });
    assert.equal(channelTx.nextStep.name, 'enrollment-channel-data');
    assert.equal(channelTx.context.currentAuthenticator.value.contextualData.selectedChannel, 'email');

    const bad = await auth.idx.proceed({ step: 'enrollment-channel-data', email: 'not-an-email' });
    assert.equal(bad.messages[0].message, 'Invalid email address.');

    const sent = await auth.idx.proceed({ step: 'enrollment-channel-data', email: username });
    assert.equal(sent.nextStep.name, 'enroll-poll');
    assert.equal(sent.context.currentAuthenticator.value.contextualData.selectedChannel, 'email');
    const message = await lastMessageTo(username);
    assert.equal(message.channel, 'email');
    assert.ok(!Number.isNaN(Date.parse(message.sentAt)));
    assert.equal((await devicePost(org, '/activate', { link: message.link })).status, 200);
    const done = await pollUntilDone(auth, 'enroll-poll', sent);
    assert.equal(done.status, 'SUCCESS');
    void tx;
  });

  test('bob enrolls through an SMS activation link', async () => {
    const { auth, username } = await bobAtQr();
    const channelTx = await auth.idx.proceed({ step: 'select-enrollment-channel', channel: 'sms' });
    assert.equal(channelTx.nextStep.name, 'enrollment-channel-data');
    const blank = await auth.idx.proceed({ step: 'enrollment-channel-data', phoneNumber: 'abc' });
    assert.equal(blank.messages[0].message, 'Invalid phone number.');
    const phone = `+1555${String(Date.now()).slice(-7)}`;
    const sent = await auth.idx.proceed({ step: 'enrollment-channel-data', phoneNumber: phone });
    assert.equal(sent.nextStep.name, 'enroll-poll');
    assert.equal(sent.context.currentAuthenticator.value.contextualData.phoneNumber, phone);
    const message = await lastMessageTo(phone);
    assert.equal(message.channel, 'sms');
    assert.equal((await devicePost(org, '/activate', { link: message.link })).status, 200);
    const done = await pollUntilDone(auth, 'enroll-poll', sent);
    assert.equal(done.status, 'SUCCESS');
    assert.equal((await deviceGet(org, `/users/${username}`)).body.enrolled, true);
  });

  test('a link for an abandoned enrollment does not enroll', async () => {
    const { auth, username, tx } = await bobAtQr();
    const link = decodeQr(tx.context.currentAuthenticator.value.contextualData.qrcode.href);
    await auth.idx.cancel();
    const res = await devicePost(org, '/activate', { link });
    assert.equal(res.status, 404);
    assert.equal(res.body.error, 'expired_link');
    assert.equal((await deviceGet(org, `/users/${username}`)).body.enrolled, false);
  });

  test('dave skips the optional enrollment and signs in', async () => {
    const { username } = await newUser(org, 'dave');
    const auth = oktaClient(org);
    const identified = await signIn(auth, username);
    assert.equal(identified.nextStep.name, 'select-authenticator-enroll');
    assert.ok(identified.availableSteps.some((s) => s.name === 'skip'));
    const done = await auth.idx.proceed({ step: 'skip' });
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { username });
    assert.equal((await deviceGet(org, `/users/${username}`)).body.enrolled, false);
  });

  test('seeded dave can skip too', async () => {
    const auth = oktaClient(org);
    await signIn(auth, 'dave@example.com');
    const done = await auth.idx.proceed({ step: 'skip' });
    assert.equal(done.status, 'SUCCESS');
  });

  test('carol changes her expired password, then signs in with the new one', async () => {
    const { username } = await newUser(org, 'carol');
    const auth = oktaClient(org);
    const identified = await signIn(auth, username);
    assert.equal(identified.nextStep.name, 'reenroll-authenticator');
    assert.equal(identified.nextStep.relatesTo.value.key, 'okta_password');
    assert.deepEqual(identified.nextStep.inputs[0].value.map((i) => i.name), ['passcode']);

    const weak = await auth.idx.proceed({ step: 'reenroll-authenticator', newPassword: 'short' });
    assert.notEqual(weak.status, 'SUCCESS');
    assert.equal(weak.messages.at(-1).i18n.key, 'password.passwordRequirementsNotMet');
    const reused = await auth.idx.proceed({ step: 'reenroll-authenticator', newPassword: PASSWORD });
    assert.equal(reused.messages.at(-1).i18n.key, 'password.passwordHistoryNotMet');

    const done = await auth.idx.proceed({ step: 'reenroll-authenticator', newPassword: 'NewPassw0rd!' });
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { username });

    const old = await signIn(oktaClient(org), username);
    assert.equal(old.messages[0].i18n.key, 'errors.E0000004');
    const renewed = await signIn(oktaClient(org), username, 'NewPassw0rd!');
    assert.equal(renewed.status, 'SUCCESS', 'no expired password any more');
  });
});
