// Self-service registration: "Sign up" on identify (`select-enroll-profile`), the profile form (`enroll-profile`, with
// a custom attribute and Okta's messages tied to fields), then the password and the email the registration policy
// asks for, and tokens; the new user signs in again with the password they chose.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  fieldMessageKeys,
  genericClient,
  lastMessageTo,
  oktaClient,
  postIdx,
  signIn,
  startTestOrg,
  verifyTokens,
  wireRemediation,
  wrongCode,
} from './org-helpers.mjs';

const NEW_PASSWORD = 'Sign-up-2-go';

/** The `authenticator` value of a picker option, by authenticator key, as the generic remediator posts it. */
function choice(tx, key) {
  const option = tx.nextStep.inputs[0].options.find((o) => o.relatesTo?.key === key);
  assert.ok(option, `the picker offers ${key}`);
  return Object.fromEntries(option.value.map((f) => [f.name, f.value]));
}

const newEmail = () => `new-${randomUUID().slice(0, 8)}@example.com`;
const profile = (email) => ({ email, firstName: 'Nina', lastName: 'Newman', favoriteSport: 'Sailing' });

describe('self-service registration', () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  /** A client on the registration form. */
  async function atProfileForm() {
    const auth = genericClient(org);
    const started = await auth.idx.start();
    assert.ok(started.availableSteps.some((s) => s.name === 'select-enroll-profile'), 'identify offers Sign up');
    assert.equal(wireRemediation(started, 'select-enroll-profile').href, `${org.origin}/idp/idx/enroll`);
    const form = await auth.idx.proceed({ step: 'select-enroll-profile' });
    assert.equal(form.nextStep.name, 'enroll-profile');
    return { auth, form };
  }

  test('profile errors are tied to their fields; then the password, the email code and tokens; the user signs in again', async () => {
    const { auth, form } = await atProfileForm();
    const wire = wireRemediation(form, 'enroll-profile');
    assert.equal(wire.href, `${org.origin}/idp/idx/enroll/new`);
    assert.deepEqual(
      wire.value[0].form.value.map((f) => [f.name, f.label, f.required, f.maxLength]),
      [
        ['email', 'Email', true, undefined],
        ['firstName', 'First name', true, 50],
        ['lastName', 'Last name', true, 50],
        ['favoriteSport', 'Favorite sport', true, 50],
      ],
    );
    assert.ok(wireRemediation(form, 'select-identify'), 'the way back to sign in');

    const bad = await auth.idx.proceed({ step: 'enroll-profile', userProfile: { email: 'not an email', firstName: ' ', lastName: 'x'.repeat(51), favoriteSport: 7 } });
    assert.equal(bad.requestDidSucceed, false);
    const keys = (name) => fieldMessageKeys(bad, 'enroll-profile', ['userProfile', name]);
    assert.deepEqual(keys('email'), ['registration.error.invalidLoginEmail', 'registration.error.doesNotMatchPattern']);
    assert.deepEqual(keys('firstName'), ['model.validation.field.blank']);
    assert.deepEqual(keys('lastName'), ['model.validation.field.string.maxLength']);
    assert.deepEqual(keys('favoriteSport'), ['model.validation.field.wrong.type']);

    const taken = await auth.idx.proceed({ step: 'enroll-profile', userProfile: profile('Alice@Example.com') });
    const [message] = wireRemediation(taken, 'enroll-profile').value[0].form.value.find((f) => f.name === 'email').messages.value;
    assert.deepEqual(message, { message: 'A user with this Email already exists', i18n: { key: 'registration.error.notUniqueWithinOrg', params: ['Email'] }, class: 'ERROR' });

    const email = newEmail();
    const created = await auth.idx.proceed({ step: 'enroll-profile', userProfile: profile(email) });
    assert.equal(created.nextStep.name, 'select-authenticator-enroll');
    assert.deepEqual(created.nextStep.inputs[0].options.map((o) => o.relatesTo.key), ['okta_password', 'okta_email']);
    assert.equal(created.context.user.value.identifier, email);
    assert.equal(created.context.user.value.profile.firstName, 'Nina');
    assert.deepEqual(created.rawIdxState.authenticatorEnrollments.value, []);
    assert.ok(!created.availableSteps.some((s) => s.name === 'skip'), 'both are required');

    const passwordStep = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: choice(created, 'okta_password') });
    assert.equal(passwordStep.nextStep.name, 'enroll-authenticator');
    const current = passwordStep.context.currentAuthenticator.value;
    assert.equal(current.key, 'okta_password');
    assert.equal(current.settings.complexity.minLength, 8);
    assert.equal(wireRemediation(passwordStep, 'enroll-authenticator').relatesTo.value.key, 'okta_password');

    const weak = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: { passcode: 'short' } });
    assert.deepEqual(fieldMessageKeys(weak, 'enroll-authenticator', ['credentials', 'passcode']), ['password.passwordRequirementsNotMet']);
    const blank = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: {} });
    assert.deepEqual(fieldMessageKeys(blank, 'enroll-authenticator', ['credentials', 'passcode']), ['model.validation.field.blank']);

    const emailPicker = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: { passcode: NEW_PASSWORD } });
    assert.ok(!JSON.stringify(emailPicker.rawIdxState).includes(NEW_PASSWORD), 'the password is never sent back');
    assert.equal(emailPicker.nextStep.name, 'select-authenticator-enroll');
    assert.deepEqual(emailPicker.nextStep.inputs[0].options.map((o) => o.relatesTo.key), ['okta_email']);
    assert.deepEqual(emailPicker.rawIdxState.authenticatorEnrollments.value.map((e) => e.key), ['okta_password']);

    const emailStep = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: choice(emailPicker, 'okta_email') });
    assert.equal(emailStep.nextStep.name, 'enroll-authenticator');
    assert.equal(emailStep.context.currentAuthenticator.value.key, 'okta_email');
    const { code } = await lastMessageTo(org, email, 'email');
    const wrong = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: { passcode: wrongCode(code) } });
    assert.deepEqual(fieldMessageKeys(wrong, 'enroll-authenticator', ['credentials', 'passcode']), ['api.authn.error.PASSCODE_INVALID']);

    const done = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: { passcode: code } });
    assert.equal(done.status, 'SUCCESS');
    const { id } = await verifyTokens(org, done.tokens, { username: email });
    assert.equal(id.name, 'Nina Newman');

    // Signed up: the password signs the new user in (the registration policy asks nothing more later).
    const again = await signIn(oktaClient(org), email, NEW_PASSWORD);
    assert.equal(again.status, 'SUCCESS');
    const twice = await atProfileForm();
    const dup = await twice.auth.idx.proceed({ step: 'enroll-profile', userProfile: profile(email) });
    assert.deepEqual(fieldMessageKeys(dup, 'enroll-profile', ['userProfile', 'email']), ['registration.error.notUniqueWithinOrg']);
  });

  test('the email first, then the password; a half-made account cannot sign in; select-identify goes back', async () => {
    const { auth } = await atProfileForm();
    const back = await auth.idx.proceed({ step: 'select-identify' });
    // Back on identify, with its Sign up and Unlock (and whatever identity providers the org shows).
    assert.deepEqual(back.neededToProceed.map((r) => r.name).filter((name) => name !== 'redirect-idp'), ['identify', 'select-enroll-profile', 'unlock-account']);

    await auth.idx.proceed({ step: 'select-enroll-profile' });
    const email = newEmail();
    const created = await auth.idx.proceed({ step: 'enroll-profile', userProfile: profile(email) });
    // Created, with no password yet: no password signs it in.
    const early = await signIn(oktaClient(org), email, NEW_PASSWORD);
    assert.equal(early.messages[0].i18n.key, 'errors.E0000004');

    await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: choice(created, 'okta_email') });
    const { code } = await lastMessageTo(org, email, 'email');
    const passwordPicker = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: { passcode: code } });
    assert.deepEqual(passwordPicker.nextStep.inputs[0].options.map((o) => o.relatesTo.key), ['okta_password']);
    await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: choice(passwordPicker, 'okta_password') });
    // Okta's rules: not the username.
    const named = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: { passcode: `${email.split('@')[0]}A1` } });
    assert.deepEqual(fieldMessageKeys(named, 'enroll-authenticator', ['credentials', 'passcode']), ['password.passwordRequirementsNotMet']);
    const done = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: { passcode: NEW_PASSWORD } });
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { username: email });
  });

  test('registration steps are refused out of place', async () => {
    const auth = genericClient(org);
    const started = await auth.idx.start();
    const res = await postIdx(org, '/enroll/new', { stateHandle: started.context.stateHandle, userProfile: profile(newEmail()) });
    assert.equal(res.status, 400);
    assert.equal(res.body.remediation.value[0].name, 'identify', 'still on identify');
  });
});
