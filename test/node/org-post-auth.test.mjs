// The steps Okta adds once the user is known: noah's password expires in three days (`reenroll-authenticator-warning`
// with `skip`), olivia's device is in a device assurance grace period (`device-assurance-grace-period`), mia is asked
// to stay signed in (`keep-me-signed-in`), and the app `local-consent` asks for consent to its scopes (`consent`).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { fieldMessageKeys, genericClient, identify, messageKeys, newUser, postIdx, startTestOrg, verifyTokens, wireRemediation } from './org-helpers.mjs';

describe('after the password', () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  test('noah is warned that his password expires: later (skip), or a new one now', async () => {
    const { username, password } = await newUser(org, 'noah');
    const auth = genericClient(org);
    const warned = await identify(auth, username, password);
    assert.equal(warned.nextStep.name, 'reenroll-authenticator-warning');
    assert.ok(warned.availableSteps.some((s) => s.name === 'skip'));
    const current = warned.context.currentAuthenticator.value;
    assert.equal(current.key, 'okta_password');
    assert.equal(current.settings.daysToExpiry, 3);
    assert.equal(current.settings.complexity.minLength, 8);
    const [info] = warned.rawIdxState.messages.value;
    assert.deepEqual(info, {
      message: 'When your password expires, you will have to change your password before you can login to your Local Okta org account.',
      i18n: { key: 'idx.password.expiring.message', params: ['Local Okta org'] },
      class: 'INFO',
    });
    const later = await auth.idx.proceed({ step: 'skip' });
    assert.equal(later.status, 'SUCCESS');
    await verifyTokens(org, later.tokens, { username });

    // Warned again at the next sign-in; this time he changes it, and then he is not warned any more.
    const now = genericClient(org);
    await identify(now, username, password);
    const weak = await now.idx.proceed({ step: 'reenroll-authenticator-warning', credentials: { passcode: 'weak' } });
    assert.deepEqual(fieldMessageKeys(weak, 'reenroll-authenticator-warning', ['credentials', 'passcode']), ['password.passwordRequirementsNotMet']);
    const same = await now.idx.proceed({ step: 'reenroll-authenticator-warning', credentials: { passcode: password } });
    assert.deepEqual(fieldMessageKeys(same, 'reenroll-authenticator-warning', ['credentials', 'passcode']), ['password.passwordHistoryNotMet']);
    const changed = await now.idx.proceed({ step: 'reenroll-authenticator-warning', credentials: { passcode: 'Fresh-Passw0rd' } });
    assert.equal(changed.status, 'SUCCESS');
    assert.equal((await identify(genericClient(org), username, 'Fresh-Passw0rd')).status, 'SUCCESS');
    assert.equal((await identify(genericClient(org), username, password)).messages[0].i18n.key, 'errors.E0000004');
  });

  test("olivia's device is in a grace period: Okta's warning and remediation, then continue", async () => {
    const { username, password } = await newUser(org, 'olivia');
    const auth = genericClient(org);
    const grace = await identify(auth, username, password);
    assert.equal(grace.nextStep.name, 'device-assurance-grace-period');
    assert.equal(wireRemediation(grace, 'device-assurance-grace-period').href, `${org.origin}/idp/idx/skip`);
    const [warning, ...remediation] = grace.rawIdxState.messages.value;
    assert.equal(warning.class, 'WARNING');
    assert.equal(warning.i18n.key, 'idx.device_assurance.grace_period.warning.title.due_by_date');
    const due = new Date(warning.i18n.params[0]);
    const days = (due.getTime() - Date.now()) / 86400000;
    assert.ok(days > 7 && days <= 8, `due at midnight UTC after seven days, not ${due.toISOString()}`);
    assert.match(warning.message, /^Your device doesn't meet the security requirements\. Fix the issue by \d\d\/\d\d\/\d{4}, 12:00 AM UTC to prevent lockout\.$/);
    assert.deepEqual(
      remediation.map((m) => [m.class, m.i18n.key, m.links.length]),
      [
        ['ERROR', 'idx.error.code.access_denied.device_assurance.remediation.macos.upgrade_os_version', 1],
        ['ERROR', 'idx.error.code.access_denied.device_assurance.remediation.macos.device_disk_encrypted', 1],
        ['ERROR', 'idx.error.code.access_denied.device_assurance.remediation.additional_help_default', 1],
      ],
    );
    const done = await auth.idx.proceed({ step: 'device-assurance-grace-period' });
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { username });
  });

  test('mia is asked to stay signed in: yes or no; anything else is refused', async () => {
    const { username, password } = await newUser(org, 'mia');
    for (const keepMeSignedIn of [true, false]) {
      const auth = genericClient(org);
      const asked = await identify(auth, username, password);
      assert.equal(asked.nextStep.name, 'keep-me-signed-in');
      assert.deepEqual(wireRemediation(asked, 'keep-me-signed-in').value[0], { name: 'keepMeSignedIn', type: 'boolean', label: 'Stay signed in', required: true, value: false, mutable: true });
      assert.equal(asked.rawIdxState.authentication.value.protocol, 'OAUTH2.0');
      if (keepMeSignedIn) {
        const text = await auth.idx.proceed({ step: 'keep-me-signed-in', keepMeSignedIn: 'yes' });
        assert.deepEqual(fieldMessageKeys(text, 'keep-me-signed-in', ['keepMeSignedIn']), ['model.validation.field.wrong.type']);
        const none = await auth.idx.proceed({ step: 'keep-me-signed-in' });
        assert.deepEqual(fieldMessageKeys(none, 'keep-me-signed-in', ['keepMeSignedIn']), ['model.validation.field.blank']);
      }
      const done = await auth.idx.proceed({ step: 'keep-me-signed-in', keepMeSignedIn });
      assert.equal(done.status, 'SUCCESS', `answered ${keepMeSignedIn}`);
      await verifyTokens(org, done.tokens, { username });
    }
  });

  test('local-consent asks for consent once; a denial ends the sign-in', async () => {
    const { username, password } = await newUser(org, 'dave');
    const client = () => genericClient(org, { clientId: 'local-consent', scopes: ['openid', 'profile', 'email'] });
    // Dave's optional enrollment comes first; skipping it leads on to the consent.
    const denied = client();
    await identify(denied, username, password);
    const asked = await denied.idx.proceed({ step: 'skip' });
    assert.equal(asked.nextStep.name, 'consent');
    const consent = wireRemediation(asked, 'consent');
    assert.equal(consent.href, `${org.origin}/idp/idx/consent`);
    assert.deepEqual(consent.scopes, [
      { name: 'profile', label: 'View your profile information.', value: 'profile', desc: 'This allows the app to view your profile information.' },
      { name: 'email', label: 'View your email address.', value: 'email', desc: 'This allows the app to view your email address.' },
    ]);
    assert.deepEqual(consent.value[0].options, [
      { label: 'Allow Access', value: true },
      { label: "Don't Allow", value: false },
    ]);
    assert.equal(asked.context.app.value.id, 'local-consent');
    const bad = await denied.idx.proceed({ step: 'consent', consent: 'ok' });
    assert.deepEqual(fieldMessageKeys(bad, 'consent', ['consent']), ['model.validation.field.wrong.type']);
    const no = await denied.idx.proceed({ step: 'consent', consent: false });
    assert.equal(no.status, 'TERMINAL');
    assert.deepEqual(messageKeys(no), ['idx.operation.cancelled.by.user']);
    assert.equal(no.tokens, undefined);

    const allowed = client();
    await identify(allowed, username, password);
    await allowed.idx.proceed({ step: 'skip' });
    const yes = await allowed.idx.proceed({ step: 'consent', consent: true });
    assert.equal(yes.status, 'SUCCESS');
    await verifyTokens(org, yes.tokens, { username, clientId: 'local-consent' });

    // Granted: not asked again for these scopes; a new scope is asked for alone.
    const later = client();
    await identify(later, username, password);
    assert.equal((await later.idx.proceed({ step: 'skip' })).status, 'SUCCESS');
    const more = genericClient(org, { clientId: 'local-consent', scopes: ['openid', 'email', 'offline_access'] });
    await identify(more, username, password);
    const askedMore = await more.idx.proceed({ step: 'skip' });
    assert.deepEqual(wireRemediation(askedMore, 'consent').scopes.map((s) => s.name), ['offline_access']);
  });

  test('other apps ask no consent, and the post-authentication steps are refused out of place', async () => {
    const { username, password } = await newUser(org, 'erin');
    const auth = genericClient(org);
    const picker = await identify(auth, username, password);
    for (const path of ['/consent', '/keep-me-signed-in']) {
      const res = await postIdx(org, path, { stateHandle: picker.context.stateHandle, consent: true, keepMeSignedIn: true });
      assert.equal(res.status, 400, path);
      assert.equal(res.body.remediation.value[0].name, 'select-authenticator-authenticate');
    }
  });
});
