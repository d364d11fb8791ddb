// Google Authenticator (google_otp): frank enrolls by scanning the QR code (or typing the shared secret) into an
// authenticator app, then verifies with its codes, each of which works once.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TOTP, URI } from 'otpauth';
import { decodeQr, newUser, oktaClient, remediationNames, signIn, startTestOrg, verifyTokens } from './org-helpers.mjs';

/** The code an authenticator app shows `periods` periods from now. */
const codeAt = (totp, periods = 0) => totp.generate({ timestamp: Date.now() + periods * totp.period * 1000 });

describe('frank: Google Authenticator', () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  /** Signs a new frank in up to the enrollment; returns the app's TOTP made from the scanned QR code. */
  async function enrolling(username) {
    const auth = oktaClient(org);
    const identified = await signIn(auth, username);
    assert.equal(identified.nextStep.name, 'select-authenticator-enroll');
    const tx = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'google_otp' });
    assert.deepEqual(remediationNames(tx), ['enroll-authenticator', 'select-authenticator-enroll']);
    const current = tx.context.currentAuthenticator.value;
    assert.equal(current.key, 'google_otp');
    assert.equal(current.contextualData.qrcode.method, 'embedded');
    assert.equal(current.contextualData.qrcode.type, 'image/png');
    const uri = decodeQr(current.contextualData.qrcode.href);
    assert.match(uri, /^otpauth:\/\/totp\//);
    const totp = URI.parse(uri);
    assert.ok(totp instanceof TOTP);
    assert.equal(totp.secret.base32, current.contextualData.sharedSecret, 'the QR code and the text carry one secret');
    assert.equal(totp.label, username);
    assert.equal(totp.issuer, new URL(org.origin).hostname);
    return { auth, totp };
  }

  test('enroll by QR code, then sign in with a later code; a code works only once', async () => {
    const { username } = await newUser(org, 'frank');
    const { auth, totp } = await enrolling(username);
    const wrong = await auth.idx.proceed({ step: 'enroll-authenticator', verificationCode: String((Number(codeAt(totp)) + 1) % 1e6).padStart(6, '0') });
    assert.equal(wrong.messages[0].i18n.key, 'api.authn.error.PASSCODE_INVALID');
    const enrolled = await auth.idx.proceed({ step: 'enroll-authenticator', verificationCode: codeAt(totp) });
    assert.equal(enrolled.status, 'SUCCESS');
    await verifyTokens(org, enrolled.tokens, { username });

    // Next sign-in: the app's next code (the org accepts one period either side).
    const second = oktaClient(org);
    const identified = await signIn(second, username);
    assert.equal(identified.nextStep.name, 'select-authenticator-authenticate');
    const challenged = await second.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'google_otp' });
    assert.equal(challenged.nextStep.name, 'challenge-authenticator');
    assert.equal(challenged.context.currentAuthenticator.value.key, 'google_otp');
    const used = await second.idx.proceed({ step: 'challenge-authenticator', verificationCode: codeAt(totp) });
    assert.notEqual(used.status, 'SUCCESS', 'the enrollment code was used already');
    assert.equal(used.messages[0].i18n.key, 'authfactor.challenge.soft_token.used_passcode');
    assert.equal(used.messages[0].message, 'API error: Each code can only be used once. Please wait for a new code and try again.');
    const next = codeAt(totp, 1);
    const done = await second.idx.proceed({ step: 'challenge-authenticator', verificationCode: next });
    assert.equal(done.status, 'SUCCESS');

    // The same code again, in a third sign-in: refused.
    const third = oktaClient(org);
    await signIn(third, username);
    await third.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'google_otp' });
    const replay = await third.idx.proceed({ step: 'challenge-authenticator', verificationCode: next });
    assert.equal(replay.messages[0].i18n.key, 'authfactor.challenge.soft_token.used_passcode');
    assert.equal(replay.nextStep.name, 'challenge-authenticator');
  });

  test('the shared secret typed by hand works as well as the QR code', async () => {
    const { username } = await newUser(org, 'frank');
    const auth = oktaClient(org);
    await signIn(auth, username);
    const tx = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'google_otp' });
    const typed = new TOTP({ secret: tx.context.currentAuthenticator.value.contextualData.sharedSecret });
    const done = await auth.idx.proceed({ step: 'enroll-authenticator', verificationCode: codeAt(typed) });
    assert.equal(done.status, 'SUCCESS');
  });

  test('frank cannot skip the enrollment, and codes that are not six digits are refused', async () => {
    const { username } = await newUser(org, 'frank');
    const { auth } = await enrolling(username);
    const skip = await fetch(`${org.origin}/idp/idx/skip`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ stateHandle: (await auth.idx.proceed({ step: 'enroll-authenticator' })).context.stateHandle }),
    });
    assert.equal(skip.status, 400);
    for (const code of ['12345', 'abcdef', '1234567']) {
      const tx = await auth.idx.proceed({ step: 'enroll-authenticator', verificationCode: code });
      assert.equal(tx.messages[0].i18n.key, 'api.authn.error.PASSCODE_INVALID', code);
    }
  });
});
