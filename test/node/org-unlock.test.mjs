// Self-service unlock: a user locked out by wrong passwords (Okta's locked-out message on identify) chooses "Unlock
// account" (`unlock-account`), says who they are and where the code goes (`select-authenticator-unlock-account`),
// enters the emailed code, and lands back in the sign-in: the password, with Okta's notice, then tokens.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  PASSWORD,
  fieldMessageKeys,
  genericClient,
  lastMessageTo,
  messageKeys,
  messagesTo,
  newUser,
  identify,
  postIdx,
  startTestOrg,
  verifyTokens,
  wireRemediation,
  wrongCode,
} from './org-helpers.mjs';

const EMAIL_ID = 'aut1okta0email000001';

describe('account unlock', () => {
  let org;
  before(async () => {
    org = await startTestOrg({ lockoutThreshold: 3 });
  });
  after(() => org.close());

  /** A client on the unlock form. */
  async function atUnlockForm() {
    const auth = genericClient(org);
    const started = await auth.idx.start();
    assert.equal(wireRemediation(started, 'unlock-account').href, `${org.origin}/idp/idx/unlock-account`);
    const form = await auth.idx.proceed({ step: 'unlock-account' });
    assert.equal(form.nextStep.name, 'select-authenticator-unlock-account');
    return { auth, form };
  }

  const unlockWithEmail = (auth, identifier) => auth.idx.proceed({ step: 'select-authenticator-unlock-account', identifier, authenticator: { id: EMAIL_ID, methodType: 'email' } });

  test('locked after three wrong passwords; unlocked by the emailed code; the password again, then tokens', async () => {
    const { username } = await newUser(org, 'hank');
    for (let i = 0; i < 2; i++) assert.equal((await identify(genericClient(org), username, 'Wrong-1')).messages[0].i18n.key, 'errors.E0000004');
    const third = await identify(genericClient(org), username, 'Wrong-1');
    assert.equal(third.messages[0].i18n.key, 'errors.E0000119');
    assert.equal(third.messages[0].message, 'Your account is locked. Please contact your administrator.');
    assert.ok(third.neededToProceed.some((r) => r.name === 'unlock-account'), 'identify offers the unlock');
    const right = await identify(genericClient(org), username, PASSWORD);
    assert.equal(right.messages[0].i18n.key, 'errors.E0000119', 'even the right password is refused');

    const { auth, form } = await atUnlockForm();
    const wire = wireRemediation(form, 'select-authenticator-unlock-account');
    assert.equal(wire.href, `${org.origin}/idp/idx/challenge`);
    assert.deepEqual(wire.value.map((f) => f.name), ['identifier', 'authenticator', 'stateHandle']);
    assert.deepEqual(form.rawIdxState.authenticatorEnrollments.value, [{ type: 'email', key: 'okta_email', displayName: 'Email', methods: [{ type: 'email' }] }]);

    const blank = await unlockWithEmail(auth, '');
    assert.deepEqual(fieldMessageKeys(blank, 'select-authenticator-unlock-account', ['identifier']), ['model.validation.field.blank']);
    const noChoice = await auth.idx.proceed({ step: 'select-authenticator-unlock-account', identifier: username, authenticator: { id: 'aut1okta0password001' } });
    assert.deepEqual(messageKeys(noChoice), ['errors.E0000001']);

    const challenge = await unlockWithEmail(auth, username);
    assert.equal(challenge.nextStep.name, 'challenge-authenticator');
    assert.equal(challenge.context.currentAuthenticatorEnrollment.value.key, 'okta_email');
    const { code } = await lastMessageTo(org, username, 'email');
    const wrong = await auth.idx.proceed({ step: 'challenge-authenticator', credentials: { passcode: wrongCode(code) } });
    assert.deepEqual(fieldMessageKeys(wrong, 'challenge-authenticator', ['credentials', 'passcode']), ['api.authn.error.PASSCODE_INVALID']);

    const unlocked = await auth.idx.proceed({ step: 'challenge-authenticator', credentials: { passcode: code } });
    assert.equal(unlocked.nextStep.name, 'challenge-authenticator');
    assert.equal(unlocked.context.currentAuthenticatorEnrollment.value.key, 'okta_password');
    assert.deepEqual(messageKeys(unlocked), ['oie.selfservice.unlock_user.landing.to.app.success.message']);
    assert.equal(unlocked.rawIdxState.messages.value[0].class, 'INFO');

    const badPassword = await auth.idx.proceed({ step: 'challenge-authenticator', credentials: { passcode: 'Wrong-1' } });
    assert.deepEqual(messageKeys(badPassword), ['incorrectPassword']);
    // The emailed code proved the second factor: the password ends the sign-in.
    const done = await auth.idx.proceed({ step: 'challenge-authenticator', credentials: { passcode: PASSWORD } });
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { username });
  });

  test('leo starts locked; the magic link unlocks as well as the code', async () => {
    const { username } = await newUser(org, 'leo');
    assert.equal((await identify(genericClient(org), username)).messages[0].i18n.key, 'errors.E0000119');
    const { auth } = await atUnlockForm();
    const challenge = await unlockWithEmail(auth, username);
    assert.ok(challenge.availableSteps.some((s) => s.name === 'challenge-poll'));
    const { link } = await lastMessageTo(org, username, 'email');
    assert.equal((await fetch(link)).status, 200);
    let tx = challenge;
    for (let i = 0; i < 10 && tx.context.currentAuthenticatorEnrollment?.value.key === 'okta_email'; i++) {
      await new Promise((r) => setTimeout(r, tx.nextStep.refresh ?? 200));
      tx = await auth.idx.proceed({ step: 'challenge-poll' });
    }
    assert.deepEqual(messageKeys(tx), ['oie.selfservice.unlock_user.landing.to.app.success.message']);
    const done = await auth.idx.proceed({ step: 'challenge-authenticator', credentials: { passcode: PASSWORD } });
    assert.equal(done.status, 'SUCCESS');
    // Unlocked for good: a plain sign-in works.
    assert.equal((await identify(genericClient(org), username)).status, 'SUCCESS');
  });

  test('an unknown user gets the same answers, and no email', async () => {
    const unknown = `nobody-${Date.now()}@example.com`;
    const { username } = await newUser(org, 'leo');
    const answers = [];
    for (const who of [username, unknown]) {
      const { auth } = await atUnlockForm();
      const tx = await unlockWithEmail(auth, who);
      answers.push({ step: tx.nextStep.name, remediations: tx.neededToProceed.map((r) => r.name), key: tx.context.currentAuthenticatorEnrollment.value.key });
      if (who === unknown) {
        const guess = await auth.idx.proceed({ step: 'challenge-authenticator', credentials: { passcode: '000000' } });
        assert.deepEqual(fieldMessageKeys(guess, 'challenge-authenticator', ['credentials', 'passcode']), ['api.authn.error.PASSCODE_INVALID']);
      }
    }
    assert.deepEqual(answers[0], answers[1]);
    assert.deepEqual(await messagesTo(org, unknown), []);
  });

  test('the unlock form is only reached from identify', async () => {
    const auth = genericClient(org);
    const started = await auth.idx.start();
    const res = await postIdx(org, '/challenge', { stateHandle: started.context.stateHandle, identifier: 'leo@example.com', authenticator: { id: EMAIL_ID } });
    assert.equal(res.status, 400);
    assert.equal(res.body.remediation.value[0].name, 'identify', 'still on identify');
  });
});
