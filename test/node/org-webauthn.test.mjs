// Security Key or Biometric (webauthn): ivy enrolls a key, then signs in with it; the org checks origin, RP id,
// challenge, signature and sign count with @simplewebauthn/server and refuses as Okta does. The key is a software
// authenticator; okta-auth-js's own WebAuthn helpers build the browser options and the wire values, in step mode.
// With the passkeys option, the identify step offers a passkey sign-in (a discoverable credential, no username).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { OktaAuth } from '@okta/okta-auth-js';
import { PASSWORD, newUser, oktaClient, remediationNames, signIn, sleep, startTestOrg, verifyTokens } from './org-helpers.mjs';
import { SoftwareAuthenticator, strayKey } from './webauthn-authenticator.mjs';

const { buildCredentialCreationOptions, buildCredentialRequestOptions, getAttestation, getAssertion } = OktaAuth.webauthn;

const FAILURE_KEY = 'authfactor.webauthn.error.assertion_validation_failure';
const FAILURE_MESSAGE = 'None of the WebAuthn authenticators the user has enrolled for was able to validate the assertion';

/** The wire values of an assertion, as the Sign-In Widget posts them (okta-auth-js's getAssertion without `id`). */
const assertionValues = (credential) => {
  const { id: _id, ...values } = getAssertion(credential);
  return values;
};

/** Signs a new user in with the password up to the WebAuthn enrollment form. */
async function toEnrollment(org, username) {
  const auth = oktaClient(org);
  const identified = await signIn(auth, username);
  assert.equal(identified.nextStep.name, 'select-authenticator-enroll');
  const tx = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'webauthn' });
  assert.equal(tx.nextStep.name, 'enroll-authenticator');
  return { auth, tx };
}

/** The browser's part of an enrollment: creation options from the IDX answer, a new credential, its wire values. */
function attest(tx, key, client) {
  const { activationData } = tx.context.currentAuthenticator.value.contextualData;
  const options = buildCredentialCreationOptions(activationData, tx.context.authenticatorEnrollments.value);
  const { id: _id, ...credentials } = getAttestation(key.create(options, client));
  return credentials;
}

/** Enrolls a fresh ivy's key and returns her username. */
async function enrolledIvy(org, key) {
  const { username } = await newUser(org, 'ivy');
  const { auth, tx } = await toEnrollment(org, username);
  const done = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: attest(tx, key) });
  assert.equal(done.status, 'SUCCESS', JSON.stringify(done.messages));
  return username;
}

/** Signs in with the password up to the WebAuthn challenge. */
async function toChallenge(org, username) {
  const auth = oktaClient(org);
  const identified = await signIn(auth, username);
  assert.equal(identified.nextStep.name, 'select-authenticator-authenticate');
  const tx = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'webauthn' });
  assert.equal(tx.nextStep.name, 'challenge-authenticator');
  return { auth, tx };
}

/** The browser's part of a challenge: request options from the IDX answer. */
const requestOptions = (tx) =>
  buildCredentialRequestOptions(tx.context.currentAuthenticator.value.contextualData.challengeData, tx.context.authenticatorEnrollments.value);

const answer = (auth, credentials) => auth.idx.proceed({ step: 'challenge-authenticator', credentials });

/** A refused assertion: Okta's message, and the challenge again with a new challenge value. */
function assertRefused(tx, previous) {
  assert.notEqual(tx.status, 'SUCCESS');
  assert.equal(tx.messages?.[0]?.i18n?.key, FAILURE_KEY);
  assert.equal(tx.messages[0].message, FAILURE_MESSAGE);
  assert.equal(tx.nextStep.name, 'challenge-authenticator');
  if (previous) {
    const before = previous.context.currentAuthenticator.value.contextualData.challengeData.challenge;
    assert.notEqual(tx.context.currentAuthenticator.value.contextualData.challengeData.challenge, before, 'a new challenge');
  }
}

/** Posts straight to an IDX endpoint, to see the status and body okta-auth-js hides. */
async function post(org, path, body) {
  const res = await fetch(`${org.origin}/idp/idx${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/ion+json; okta-version=1.0.0' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

describe('ivy: Security Key or Biometric', () => {
  let org;
  before(async () => {
    org = await startTestOrg();
  });
  after(() => org.close());

  test('ivy enrolls a security key, then signs in with it', async () => {
    const { username } = await newUser(org, 'ivy');
    const { auth, tx } = await toEnrollment(org, username);
    assert.deepEqual(remediationNames(tx), ['enroll-authenticator', 'select-authenticator-enroll']);
    const current = tx.context.currentAuthenticator.value;
    assert.equal(current.key, 'webauthn');
    assert.equal(current.type, 'security_key');
    assert.equal(current.displayName, 'Security Key or Biometric');
    const { activationData } = current.contextualData;
    assert.match(activationData.challenge, /^[A-Za-z0-9_-]{20,}$/);
    assert.equal(activationData.user.id, tx.context.user.value.id);
    assert.equal(activationData.user.name, username);
    assert.equal(activationData.user.displayName, 'Ivy Ito');
    assert.ok(activationData.rp.name);
    assert.equal(activationData.rp.id, undefined, 'the RP id is the page host, as Okta leaves it');
    assert.deepEqual(
      activationData.pubKeyCredParams.map((p) => p.alg),
      [-7, -257],
    );
    assert.equal(activationData.attestation, 'direct');
    assert.equal(activationData.authenticatorSelection.userVerification, 'discouraged');
    assert.deepEqual(activationData.excludeCredentials, []);
    assert.ok(activationData.u2fParams.appid);
    const form = tx.nextStep.inputs.find((i) => i.name === 'credentials');
    assert.deepEqual(
      form.value.map((f) => f.name),
      ['clientData', 'attestation', 'transports', 'clientExtensions'],
    );
    assert.equal(tx.rawIdxState.remediation.value[0].href, `${org.origin}/idp/idx/challenge/answer`);

    const key = new SoftwareAuthenticator({ origin: org.origin });
    const credentials = attest(tx, key);
    assert.match(credentials.clientData, /^[A-Za-z0-9+/]+=*$/, 'okta-auth-js sends standard base64');
    const enrolled = await auth.idx.proceed({ step: 'enroll-authenticator', credentials });
    assert.equal(enrolled.status, 'SUCCESS', JSON.stringify(enrolled.messages));
    await verifyTokens(org, enrolled.tokens, { username });

    // Next sign-in: the key is asked for.
    const { auth: second, tx: challenged } = await toChallenge(org, username);
    assert.deepEqual(remediationNames(challenged), ['challenge-authenticator', 'select-authenticator-authenticate']);
    const { challengeData } = challenged.nextStep.relatesTo.value.contextualData;
    assert.equal(challenged.nextStep.relatesTo.value.key, 'webauthn');
    assert.match(challengeData.challenge, /^[A-Za-z0-9_-]{20,}$/);
    assert.equal(challengeData.userVerification, 'preferred');
    assert.ok(challengeData.extensions);
    const webauthnEnrollments = challenged.context.authenticatorEnrollments.value.filter((e) => e.key === 'webauthn');
    assert.equal(webauthnEnrollments.length, 1);
    assert.equal(webauthnEnrollments[0].credentialId, Buffer.from(key.credentials[0].id).toString('base64url'));
    assert.deepEqual(webauthnEnrollments[0].transports, ['usb']);
    const options = requestOptions(challenged);
    assert.equal(options.publicKey.allowCredentials.length, 1);
    assert.deepEqual(
      challenged.nextStep.inputs.find((i) => i.name === 'credentials').value.map((f) => f.name),
      ['clientData', 'authenticatorData', 'signatureData'],
    );
    const done = await answer(second, assertionValues(key.get(options)));
    assert.equal(done.status, 'SUCCESS', JSON.stringify(done.messages));
    await verifyTokens(org, done.tokens, { username });
    assert.equal(key.credentials[0].signCount, 1);
  });

  test('the picker offers the key; the credential id okta-auth-js adds is accepted when it is the enrolled one', async () => {
    const key = new SoftwareAuthenticator({ origin: org.origin });
    const username = await enrolledIvy(org, key);
    const auth = oktaClient(org);
    const identified = await signIn(auth, username);
    const option = identified.nextStep.inputs[0].options.find((o) => o.relatesTo?.key === 'webauthn');
    assert.ok(option, 'the picker offers the security key');
    assert.equal(option.label, 'Security Key or Biometric');
    const tx = await auth.idx.proceed({ step: 'select-authenticator-authenticate', authenticator: 'webauthn' });
    const done = await answer(auth, getAssertion(key.get(requestOptions(tx))));
    assert.equal(done.status, 'SUCCESS');
  });

  test('okta-auth-js legacy mode: authenticate, then the values by name', async () => {
    const { username } = await newUser(org, 'ivy');
    const legacy = () => oktaClient(org, { idx: { enableLegacyMode: true } });
    const auth = legacy();
    const identified = await auth.idx.authenticate({ username, password: PASSWORD });
    assert.equal(identified.nextStep.name, 'select-authenticator-enroll');
    const enrolling = await auth.idx.proceed({ authenticator: 'webauthn' });
    assert.equal(enrolling.nextStep.name, 'enroll-authenticator');
    assert.equal(enrolling.nextStep.authenticator.key, 'webauthn');
    const key = new SoftwareAuthenticator({ origin: org.origin });
    const creation = buildCredentialCreationOptions(enrolling.nextStep.authenticator.contextualData.activationData, enrolling.nextStep.authenticatorEnrollments);
    const { clientData, attestation } = getAttestation(key.create(creation));
    assert.equal((await auth.idx.proceed({ clientData, attestation })).status, 'SUCCESS');

    const second = legacy();
    await second.idx.authenticate({ username, password: PASSWORD });
    const challenged = await second.idx.proceed({ authenticator: 'webauthn' });
    assert.equal(challenged.nextStep.name, 'challenge-authenticator');
    const request = buildCredentialRequestOptions(challenged.nextStep.authenticator.contextualData.challengeData, challenged.nextStep.authenticatorEnrollments);
    assert.equal(request.publicKey.allowCredentials.length, 1);
    const { clientData: cd, authenticatorData, signatureData } = getAssertion(key.get(request));
    assert.equal((await second.idx.proceed({ clientData: cd, authenticatorData, signatureData })).status, 'SUCCESS');
  });

  test('an assertion from another origin is refused; the next, from the page, works', async () => {
    const key = new SoftwareAuthenticator({ origin: org.origin });
    const username = await enrolledIvy(org, key);
    const { auth, tx } = await toChallenge(org, username);
    const refused = await answer(auth, assertionValues(key.get(requestOptions(tx), { origin: 'http://evil.example' })));
    assertRefused(refused, tx);
    const done = await answer(auth, assertionValues(key.get(requestOptions(refused))));
    assert.equal(done.status, 'SUCCESS');
  });

  test('an assertion for another RP id is refused', async () => {
    const key = new SoftwareAuthenticator({ origin: org.origin });
    const username = await enrolledIvy(org, key);
    const { auth, tx } = await toChallenge(org, username);
    assertRefused(await answer(auth, assertionValues(key.get(requestOptions(tx), { rpId: 'example.com' }))), tx);
  });

  test('a credential the org does not know is refused, with or without its id', async () => {
    const key = new SoftwareAuthenticator({ origin: org.origin });
    const username = await enrolledIvy(org, key);
    const { auth, tx } = await toChallenge(org, username);
    // Another authenticator, with its own credential for localhost that was never enrolled.
    const stranger = new SoftwareAuthenticator({ origin: org.origin });
    const enroll = await toEnrollment(org, (await newUser(org, 'ivy')).username);
    const { activationData } = enroll.tx.context.currentAuthenticator.value.contextualData;
    stranger.create(buildCredentialCreationOptions(activationData, []));
    const [strange] = stranger.credentials;
    const refused = await answer(auth, assertionValues(stranger.get(requestOptions(tx), { credential: strange })));
    assertRefused(refused, tx);
    const withId = await answer(auth, getAssertion(stranger.get(requestOptions(refused), { credential: strange })));
    assertRefused(withId, refused);
    // ivy's own signature under the stranger's credential id: the id names no enrollment of hers.
    const mislabelled = { ...getAssertion(key.get(requestOptions(withId))), id: Buffer.from(strange.id).toString('base64url') };
    assertRefused(await answer(auth, mislabelled), withId);
  });

  test('a bad signature is refused', async () => {
    const key = new SoftwareAuthenticator({ origin: org.origin });
    const username = await enrolledIvy(org, key);
    const { auth, tx } = await toChallenge(org, username);
    const refused = await answer(auth, assertionValues(key.get(requestOptions(tx), { signWith: strayKey() })));
    assertRefused(refused, tx);
    // The right key, challenge and origin, but client data other than what was signed.
    const values = assertionValues(key.get(requestOptions(refused)));
    const clientData = JSON.parse(Buffer.from(values.clientData, 'base64').toString('utf8'));
    const altered = Buffer.from(JSON.stringify({ ...clientData, crossOrigin: false, note: 'altered' })).toString('base64');
    const tampered = await answer(auth, { ...values, clientData: altered });
    assertRefused(tampered, refused);
    assert.equal((await answer(auth, assertionValues(key.get(requestOptions(tampered))))).status, 'SUCCESS');
  });

  test('a replayed assertion and a sign count that does not go up are refused', async () => {
    const key = new SoftwareAuthenticator({ origin: org.origin });
    const username = await enrolledIvy(org, key);
    const first = await toChallenge(org, username);
    const used = assertionValues(key.get(requestOptions(first.tx)));
    assert.equal((await answer(first.auth, used)).status, 'SUCCESS');

    // The same assertion in a new sign-in: its challenge is not this one.
    const second = await toChallenge(org, username);
    const replayed = await answer(second.auth, used);
    assertRefused(replayed, second.tx);
    // A fresh assertion for the right challenge with the last sign count again, then a lower one.
    const count = key.credentials[0].signCount;
    const same = await answer(second.auth, assertionValues(key.get(requestOptions(replayed), { signCount: count })));
    assertRefused(same, replayed);
    const lower = await answer(second.auth, assertionValues(key.get(requestOptions(same), { signCount: count - 1 })));
    assertRefused(lower, same);
    const done = await answer(second.auth, assertionValues(key.get(requestOptions(lower), { signCount: count + 5 })));
    assert.equal(done.status, 'SUCCESS');
  });

  test('a challenge works once: an assertion for a challenge already answered is refused', async () => {
    const key = new SoftwareAuthenticator({ origin: org.origin });
    const username = await enrolledIvy(org, key);
    const { auth, tx } = await toChallenge(org, username);
    const kept = assertionValues(key.get(requestOptions(tx)));
    // A failed answer uses the challenge up as well.
    const refused = await answer(auth, assertionValues(key.get(requestOptions(tx), { signWith: strayKey() })));
    assertRefused(refused, tx);
    // `kept` is well signed with a higher sign count than the org has seen, but its challenge is gone.
    const late = await answer(auth, kept);
    assertRefused(late, refused);
    assert.equal((await answer(auth, assertionValues(key.get(requestOptions(late))))).status, 'SUCCESS');
  });

  test('refusals answer 403 with Okta\'s message and the challenge again; odd input is never a 500', async () => {
    const key = new SoftwareAuthenticator({ origin: org.origin });
    const username = await enrolledIvy(org, key);
    const { tx } = await toChallenge(org, username);
    const stateHandle = tx.context.stateHandle;
    const bodies = [
      { credentials: { clientData: 'x', authenticatorData: 'y', signatureData: 'z' } },
      { credentials: { clientData: 12, authenticatorData: {}, signatureData: [] } },
      { credentials: { clientData: '!!!', authenticatorData: '***', signatureData: '%%%' } },
      { credentials: { clientData: 'e30', authenticatorData: 'AAAA', signatureData: 'AAAA', userHandle: 5, id: {} } },
      { credentials: 'nope' },
      {},
    ];
    for (const body of bodies) {
      const res = await post(org, '/challenge/answer', { ...body, stateHandle });
      assert.equal(res.status, 403, JSON.stringify(body));
      assert.equal(res.body.messages.value[0].i18n.key, FAILURE_KEY);
      assert.equal(res.body.messages.value[0].message, FAILURE_MESSAGE);
      assert.equal(res.body.remediation.value[0].name, 'challenge-authenticator');
      assert.equal(res.body.currentAuthenticator.value.key, 'webauthn');
      assert.ok(res.body.currentAuthenticator.value.contextualData.challengeData.challenge);
    }
    // No passkey sign-in in an org without passkeys.
    const autofill = await post(org, '/challenge/answer/webauthn-autofillui', { stateHandle, credentials: {} });
    assert.equal(autofill.status, 400);
  });

  test('enrollment: wrong origin, type or challenge and broken attestations are refused as Okta does; then it works', async () => {
    const { username } = await newUser(org, 'ivy');
    const { auth, tx } = await toEnrollment(org, username);
    const key = new SoftwareAuthenticator({ origin: org.origin });
    const cases = [
      [{ origin: 'http://evil.example' }, 'authfactor.webauthn.error.clientdata_origin_mismatch'],
      [{ type: 'webauthn.get' }, 'authfactor.webauthn.error.clientdata_message_type_mismatch'],
      [{ challenge: 'bm90LXRoZS1jaGFsbGVuZ2U' }, 'authfactor.webauthn.error.clientdata_challenge_mismatch'],
    ];
    let current = tx;
    for (const [client, i18nKey] of cases) {
      const refused = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: attest(current, key, client) });
      assert.notEqual(refused.status, 'SUCCESS');
      assert.equal(refused.messages[0].i18n.key, i18nKey, JSON.stringify(client));
      assert.equal(refused.nextStep.name, 'enroll-authenticator');
      current = refused;
    }
    const origin = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: attest(current, key, { origin: 'http://x.example' }) });
    assert.deepEqual(origin.messages[0].i18n.params, ['http://x.example']);
    const broken = await auth.idx.proceed({
      step: 'enroll-authenticator',
      credentials: { ...attest(origin, key), attestation: Buffer.from('not cbor').toString('base64') },
    });
    assert.equal(broken.messages[0].i18n.key, 'authfactor.webauthn.error.invalid_enrollment_request_data');
    // The challenge of a refused attempt is used up; the answer carries a new one.
    const stale = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: attest(origin, key) });
    assert.equal(stale.messages[0].i18n.key, 'authfactor.webauthn.error.clientdata_challenge_mismatch');
    for (const credentials of [{}, { clientData: 3, attestation: null }, { clientData: 'e30', attestation: 'oA' }]) {
      const res = await post(org, '/challenge/answer', { stateHandle: stale.context.stateHandle, credentials });
      assert.equal(res.status, 400, JSON.stringify(credentials));
      assert.match(res.body.messages.value[0].i18n.key, /^authfactor\.webauthn\.error\./);
      assert.equal(res.body.remediation.value[0].name, 'enroll-authenticator');
    }
    const fresh = await auth.idx.proceed({ step: 'select-authenticator-enroll', authenticator: 'webauthn' });
    const done = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: attest(fresh, key) });
    assert.equal(done.status, 'SUCCESS', JSON.stringify(done.messages));
  });

  test('a credential enrolled already (by anyone) cannot be enrolled again', async () => {
    const key = new SoftwareAuthenticator({ origin: org.origin });
    await enrolledIvy(org, key);
    const { auth, tx } = await toEnrollment(org, (await newUser(org, 'ivy')).username);
    // A client that ignores excludeCredentials, and an authenticator that registers the same credential again.
    const refused = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: attest(tx, key, { credential: key.credentials[0] }) });
    assert.equal(refused.messages[0].i18n.key, 'authfactor.webauthn.error.invalid_enrollment_request_data');
    assert.deepEqual(refused.messages[0].i18n.params, ['This authenticator is already enrolled.']);
    const done = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: attest(refused, key) });
    assert.equal(done.status, 'SUCCESS', 'a new credential enrolls');
  });
});

describe('WebAuthn origins: the org trusts its own origin and its trustedOrigins, on RP id localhost', () => {
  let org;
  before(async () => {
    org = await startTestOrg({ trustedOrigins: ['http://localhost:3999'] });
  });
  after(() => org.close());

  test('a page on a trusted origin enrolls and signs in; another localhost origin is refused', async () => {
    const key = new SoftwareAuthenticator({ origin: 'http://localhost:3999' });
    const username = await enrolledIvy(org, key);
    const { auth, tx } = await toChallenge(org, username);
    const refused = await answer(auth, assertionValues(key.get(requestOptions(tx), { origin: 'http://localhost:4000' })));
    assertRefused(refused, tx);
    const done = await answer(auth, assertionValues(key.get(requestOptions(refused))));
    assert.equal(done.status, 'SUCCESS');
  });
});

describe('WebAuthn challenges expire', () => {
  let org;
  before(async () => {
    org = await startTestOrg({ webauthnTimeoutMs: 1500 });
  });
  after(() => org.close());

  test('an assertion or attestation for an expired challenge is refused', async () => {
    const key = new SoftwareAuthenticator({ origin: org.origin });
    const { username } = await newUser(org, 'ivy');
    const { auth, tx } = await toEnrollment(org, username);
    const late = attest(tx, key);
    await sleep(1600);
    const expired = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: late });
    assert.equal(expired.messages[0].i18n.key, 'authfactor.webauthn.error.clientdata_challenge_mismatch');
    assert.equal((await auth.idx.proceed({ step: 'enroll-authenticator', credentials: attest(expired, key) })).status, 'SUCCESS');

    const challenge = await toChallenge(org, username);
    const slow = assertionValues(key.get(requestOptions(challenge.tx)));
    await sleep(1600);
    const refused = await answer(challenge.auth, slow);
    assertRefused(refused, challenge.tx);
    assert.equal((await answer(challenge.auth, assertionValues(key.get(requestOptions(refused))))).status, 'SUCCESS');
  });
});

describe('passkeys (startOrg({ passkeys: true }))', () => {
  let org;
  before(async () => {
    org = await startTestOrg({ passkeys: true });
  });
  after(() => org.close());

  /** The passkey sign-in offered on identify: its challenge, as a page would read it for conditional mediation. */
  async function passkeyStart() {
    const auth = oktaClient(org);
    const started = await auth.idx.start();
    // The identity providers' buttons (redirect-idp) follow; this is about the passkey sign-in, then sign-up and unlock.
    const names = started.neededToProceed.map((r) => r.name).filter((name) => name !== 'redirect-idp');
    assert.deepEqual(names, ['identify', 'launch-passkeys-authenticator', 'challenge-webauthn-autofillui-authenticator', 'select-enroll-profile', 'unlock-account']);
    const autofill = started.neededToProceed.find((r) => r.name === 'challenge-webauthn-autofillui-authenticator');
    assert.equal(autofill.href, `${org.origin}/idp/idx/challenge/answer/webauthn-autofillui`);
    assert.deepEqual(
      autofill.value.find((f) => f.name === 'credentials').form.value.map((f) => f.name),
      ['authenticatorData', 'clientData', 'signatureData', 'userHandle'],
    );
    // okta-auth-js resolves relatesTo to webauthnAutofillUIChallenge.
    const { challengeData } = autofill.relatesTo.value;
    assert.deepEqual(challengeData, started.rawIdxState.webauthnAutofillUIChallenge.value.challengeData);
    assert.equal(challengeData.userVerification, 'required');
    return { auth, started, options: buildCredentialRequestOptions(challengeData, []) };
  }

  /** The Sign-In Widget's payload for a passkey: the assertion and the userHandle, in standard base64. */
  const passkeyValues = (credential) => ({
    ...assertionValues(credential),
    userHandle: credential.response.userHandle ? Buffer.from(credential.response.userHandle).toString('base64') : undefined,
  });
  const autofillAnswer = (auth, credentials) => auth.idx.proceed({ step: 'challenge-webauthn-autofillui-authenticator', credentials });

  test('ivy enrolls a passkey (discoverable, user verified), then signs in with it and no username or password', async () => {
    const { username } = await newUser(org, 'ivy');
    const { auth, tx } = await toEnrollment(org, username);
    const current = tx.context.currentAuthenticator.value;
    assert.equal(current.displayName, 'Passkeys');
    const { authenticatorSelection, hints } = current.contextualData.activationData;
    assert.deepEqual(authenticatorSelection, { residentKey: 'required', requireResidentKey: true, userVerification: 'required' });
    assert.deepEqual(hints, ['client-device']);
    const key = new SoftwareAuthenticator({ origin: org.origin, transports: ['internal', 'hybrid'] });
    const enrolled = await auth.idx.proceed({ step: 'enroll-authenticator', credentials: attest(tx, key) });
    assert.equal(enrolled.status, 'SUCCESS', JSON.stringify(enrolled.messages));
    assert.equal(key.credentials[0].discoverable, true);

    const { auth: second, options } = await passkeyStart();
    assert.equal(options.publicKey.allowCredentials.length, 0, 'no username: the browser offers its passkeys');
    const credential = key.get(options);
    assert.ok(credential.response.userHandle, 'a discoverable credential names its user');
    const done = await autofillAnswer(second, passkeyValues(credential));
    assert.equal(done.status, 'SUCCESS', JSON.stringify(done.messages));
    await verifyTokens(org, done.tokens, { username });

    // With the password, ivy's next factor is the passkey, as in an org without passkeys.
    const { auth: third, tx: challenged } = await toChallenge(org, username);
    const answered = await answer(third, assertionValues(key.get(requestOptions(challenged))));
    assert.equal(answered.status, 'SUCCESS');
  });

  test('passkey sign-in is refused for another user, an unknown user, no user verification, another origin, a reused challenge', async () => {
    const key = new SoftwareAuthenticator({ origin: org.origin });
    const username = await enrolledIvy(org, key);
    const { auth, started, options } = await passkeyStart();
    const refuse = async (credentials, previous) => {
      const tx = await autofillAnswer(auth, credentials);
      assert.notEqual(tx.status, 'SUCCESS');
      assert.equal(tx.messages?.[0]?.i18n?.key, FAILURE_KEY, JSON.stringify(credentials));
      assert.equal(remediationNames(tx)[0], 'identify');
      const before = previous.rawIdxState.webauthnAutofillUIChallenge.value.challengeData.challenge;
      assert.notEqual(tx.rawIdxState.webauthnAutofillUIChallenge.value.challengeData.challenge, before, 'a new challenge');
      return tx;
    };
    const optionsOf = (tx) => buildCredentialRequestOptions(tx.rawIdxState.webauthnAutofillUIChallenge.value.challengeData, []);
    const bob = await newUser(org, 'bob');
    const bobId = await (async () => {
      const a = oktaClient(org);
      return (await signIn(a, bob.username)).context.user.value.id;
    })();
    let tx = await refuse({ ...passkeyValues(key.get(options)), userHandle: Buffer.from(bobId).toString('base64') }, started);
    tx = await refuse({ ...passkeyValues(key.get(optionsOf(tx))), userHandle: Buffer.from('00uNobodyAtAll000000').toString('base64') }, tx);
    tx = await refuse({ ...passkeyValues(key.get(optionsOf(tx))), userHandle: undefined }, tx);
    const lazy = new SoftwareAuthenticator({ origin: org.origin, userVerifying: false });
    lazy.credentials = key.credentials;
    tx = await refuse(passkeyValues(lazy.get(optionsOf(tx))), tx);
    tx = await refuse(passkeyValues(key.get(optionsOf(tx), { origin: 'http://evil.example' })), tx);
    const stale = passkeyValues(key.get(optionsOf(tx)));
    tx = await refuse(passkeyValues(key.get(optionsOf(tx), { signWith: strayKey() })), tx);
    tx = await refuse(stale, tx);
    const done = await autofillAnswer(auth, passkeyValues(key.get(optionsOf(tx))));
    assert.equal(done.status, 'SUCCESS');
    await verifyTokens(org, done.tokens, { username });
  });

  test('the passkey sign-in is offered on identify only', async () => {
    const key = new SoftwareAuthenticator({ origin: org.origin });
    const username = await enrolledIvy(org, key);
    const { tx } = await toChallenge(org, username);
    assert.ok(!remediationNames(tx).includes('challenge-webauthn-autofillui-authenticator'));
    const res = await post(org, '/challenge/answer/webauthn-autofillui', { stateHandle: tx.context.stateHandle, credentials: {} });
    assert.equal(res.status, 400);
  });
});
