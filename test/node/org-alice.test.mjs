// Alice (Okta Verify enrolled): push with number challenge and TOTP, driven by the real okta-auth-js 8.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  PASSWORD,
  deviceGet,
  devicePost,
  newUser,
  oktaClient,
  pollUntilDone,
  signIn,
  startTestOrg,
  verifyTokens,
} from './org-helpers.mjs';

const OKTA_VERIFY = 'okta_verify';

describe('alice: Okta Verify challenge', () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  /** Signs in and asks for a push; returns the challenge-poll transaction. */
  async function pushFor(auth, username, startOptions) {
    const identified = await signIn(auth, username, PASSWORD, startOptions);
    assert.equal(identified.nextStep.name, 'select-authenticator-authenticate');
    const option = identified.nextStep.inputs[0].options.find((o) => o.relatesTo?.key === OKTA_VERIFY);
    assert.ok(option, 'Okta Verify is offered');
    const methods = option.value.find((f) => f.name === 'methodType').options.map((o) => o.value);
    assert.deepEqual(methods.sort(), ['push', 'totp']);
    const id = option.value.find((f) => f.name === 'id').value;
    const tx = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: { id, methodType: 'push' } });
    assert.equal(tx.nextStep.name, 'challenge-poll');
    return tx;
  }

  test('push with number challenge, approved on the device, gives tokens that verify against the JWKS', async () => {
    const auth = oktaClient(org);
    const nonce = 'nonce-alice-push-1';
    const tx = await pushFor(auth, 'alice@example.com', { nonce });
    const correct = Number(tx.nextStep.relatesTo.value.contextualData.correctAnswer);
    assert.ok(correct >= 10 && correct <= 99);
    assert.equal(tx.nextStep.refresh, 200, 'the refresh the org was started with');

    const device = await deviceGet(org, '/users/alice@example.com');
    assert.equal(device.status, 200);
    assert.equal(device.body.enrolled, true);
    assert.equal(device.body.push.choices.length, 3);
    assert.ok(device.body.push.choices.includes(correct));
    assert.match(device.body.totp.code, /^\d{6}$/);

    // Still pending before the device acts.
    const pending = await pollUntilDone(auth, 'challenge-poll', tx, { max: 1 });
    assert.equal(pending.nextStep.name, 'challenge-poll');

    const approved = await devicePost(org, '/users/alice@example.com/push', { action: 'approve', answer: correct });
    assert.deepEqual(approved, { status: 200, body: { status: 'approved' } });
    const done = await pollUntilDone(auth, 'challenge-poll', pending);
    assert.equal(done.status, 'SUCCESS');
    const { id } = await verifyTokens(org, done.tokens, { username: 'alice@example.com', nonce });
    assert.equal(id.iss, org.issuer);
    assert.equal(id.aud, 'local-spa');
    assert.equal((await deviceGet(org, '/users/alice@example.com')).body.push, null);
  });

  test('the confidential client (local-web + secret) completes the same flow', async () => {
    const { username } = await newUser(org, 'alice');
    const auth = oktaClient(org, { clientId: 'local-web', clientSecret: 'local-web-secret' });
    const tx = await pushFor(auth, username, { nonce: 'nonce-web' });
    const correct = Number(tx.nextStep.relatesTo.value.contextualData.correctAnswer);
    await devicePost(org, `/users/${username}/push`, { action: 'approve', answer: correct });
    const done = await pollUntilDone(auth, 'challenge-poll', tx);
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { clientId: 'local-web', username, nonce: 'nonce-web' });
  });

  test('a denied push shows the push-rejected message, and a resent push can still be approved', async () => {
    const { username } = await newUser(org, 'alice');
    const auth = oktaClient(org);
    const tx = await pushFor(auth, username);
    assert.deepEqual(await devicePost(org, `/users/${username}/push`, { action: 'deny' }), { status: 200, body: { status: 'denied' } });
    const rejected = await pollUntilDone(auth, 'challenge-poll', tx);
    assert.notEqual(rejected.status, 'SUCCESS');
    assert.equal(rejected.messages[0].i18n.key, 'api.authn.poll.error.push_rejected');
    assert.equal(rejected.messages[0].message, 'You have chosen to reject this login.');
    assert.equal(rejected.nextStep.name, 'resend');

    const resent = await auth.idx.proceed({ step: 'resend' });
    assert.equal(resent.nextStep.name, 'challenge-poll');
    const correct = Number(resent.nextStep.relatesTo.value.contextualData.correctAnswer);
    await devicePost(org, `/users/${username}/push`, { action: 'approve', answer: correct });
    const done = await pollUntilDone(auth, 'challenge-poll', resent);
    assert.equal(done.status, 'SUCCESS');
  });

  test('choosing the wrong number denies the sign-in', async () => {
    const { username } = await newUser(org, 'alice');
    const auth = oktaClient(org);
    const tx = await pushFor(auth, username);
    const correct = Number(tx.nextStep.relatesTo.value.contextualData.correctAnswer);
    const { body: device } = await deviceGet(org, `/users/${username}`);
    const wrong = device.push.choices.find((n) => n !== correct);
    const answer = await devicePost(org, `/users/${username}/push`, { action: 'approve', answer: wrong });
    assert.equal(answer.status, 422);
    assert.equal(answer.body.error, 'wrong_answer');
    const rejected = await pollUntilDone(auth, 'challenge-poll', tx);
    assert.equal(rejected.messages[0].i18n.key, 'api.authn.poll.error.push_rejected');
    assert.equal((await devicePost(org, `/users/${username}/push`, { action: 'approve', answer: correct })).status, 404);
  });

  test('approving needs an answer', async () => {
    const { username } = await newUser(org, 'alice');
    const auth = oktaClient(org);
    await pushFor(auth, username);
    const answer = await devicePost(org, `/users/${username}/push`, { action: 'approve' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error, 'answer_required');
    assert.ok((await deviceGet(org, `/users/${username}`)).body.push, 'the push is still pending');
  });

  test('TOTP: the code shown on the device signs in; a wrong code gets Okta\'s message', async () => {
    const { username } = await newUser(org, 'alice');
    const auth = oktaClient(org);
    const identified = await signIn(auth, username);
    const tx = await auth.idx.proceed({
      step: 'select-authenticator-authenticate',
      authenticator: { id: identified.nextStep.inputs[0].options[0].value.find((f) => f.name === 'id').value, methodType: 'totp' },
    });
    assert.equal(tx.nextStep.name, 'challenge-authenticator');

    const { body: device } = await deviceGet(org, `/users/${username}`);
    const wrongCode = String((Number(device.totp.code) + 500000) % 1000000).padStart(6, '0');
    const wrong = await auth.idx.proceed({ step: 'challenge-authenticator', credentials: { totp: wrongCode } });
    assert.notEqual(wrong.status, 'SUCCESS');
    assert.equal(wrong.messages[0].i18n.key, 'api.authn.error.PASSCODE_INVALID');
    assert.equal(wrong.messages[0].message, 'Invalid code. Try again.');
    assert.equal(wrong.nextStep.name, 'challenge-authenticator');

    const { body: fresh } = await deviceGet(org, `/users/${username}`);
    const done = await auth.idx.proceed({ step: 'challenge-authenticator', credentials: { totp: fresh.totp.code } });
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { username });
  });

  test('choosing Okta Verify without a method asks for the method (authenticator-verification-data)', async () => {
    const auth = oktaClient(org);
    await signIn(auth, 'alice@example.com');
    const tx = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: OKTA_VERIFY });
    assert.equal(tx.nextStep.name, 'authenticator-verification-data');
    const next = await auth.idx.proceed({ step: 'authenticator-verification-data', methodType: 'totp' });
    assert.equal(next.nextStep.name, 'challenge-authenticator');
  });

  test('cancel ends the transaction', async () => {
    const auth = oktaClient(org);
    await pushFor(auth, 'alice@example.com');
    const canceled = await auth.idx.cancel();
    assert.equal(canceled.status, 'CANCELED');
    // The abandoned push no longer waits on the device.
    assert.equal((await deviceGet(org, '/users/alice@example.com')).body.push, null);
  });
});
