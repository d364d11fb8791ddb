// Security key or biometric through the server module (the reference backend over HTTP): POST /webauthn with a
// software authenticator's answers, built from the options the flow replies carry; bad input, wrong state, a replayed
// assertion; and, with an org that offers passkeys, the passkey sign-in from GET /state's Idle reply.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, login } from './backend-harness.mjs';
import { SoftwareAuthenticator } from './webauthn-authenticator.mjs';

const REFUSED = 'None of the WebAuthn authenticators the user has enrolled for was able to validate the assertion';
const bytes = (b64url) => Buffer.from(b64url, 'base64url');
const b64url = (buffer) => Buffer.from(buffer).toString('base64url');

/** The flow reply's JSON options, as the browser's WebAuthn calls take them (what the element's ceremony does). */
const creation = (o) => ({
  publicKey: { ...o, challenge: bytes(o.challenge), user: { ...o.user, id: bytes(o.user.id) }, excludeCredentials: o.excludeCredentials.map((c) => ({ ...c, id: bytes(c.id) })) },
});
const request = (o) => ({ publicKey: { ...o, challenge: bytes(o.challenge), allowCredentials: o.allowCredentials.map((c) => ({ ...c, id: bytes(c.id) })) } });

/** The body the element posts: base64url fields. */
const attestationBody = (credential) => ({
  clientData: b64url(credential.response.clientDataJSON),
  attestation: b64url(credential.response.attestationObject),
  transports: credential.response.getTransports(),
});
const assertionBody = (credential) => ({
  clientData: b64url(credential.response.clientDataJSON),
  authenticatorData: b64url(credential.response.authenticatorData),
  signatureData: b64url(credential.response.signature),
  credentialId: b64url(credential.rawId),
  ...(credential.response.userHandle ? { userHandle: b64url(credential.response.userHandle) } : {}),
});

/** ivy through the password and the picker to the enrollment form. */
async function toEnrollment(stack, browser, user) {
  const picked = await login(browser, user);
  assert.equal(picked.json.status, 'AwaitingAuthenticatorEnrollment');
  const choice = picked.json.authenticators.find((a) => a.key === 'webauthn');
  assert.ok(choice, 'the picker offers the security key');
  const reply = await browser.post('/select-authenticator', { authenticatorId: choice.id });
  assert.equal(reply.status, 200, reply.text);
  return reply;
}

async function toChallenge(browser, user) {
  let reply = await login(browser, user);
  if (reply.json.status === 'AwaitingChallengeAuthenticatorSelection') {
    const choice = reply.json.authenticators.find((a) => a.key === 'webauthn');
    reply = await browser.post('/select-authenticator', { authenticatorId: choice.id });
  }
  assert.equal(reply.json.status, 'AwaitingWebAuthnChallenge', reply.text);
  return reply;
}

describe('POST /webauthn', () => {
  let stack;
  let key;
  before(async () => {
    stack = await startStack();
    key = new SoftwareAuthenticator({ origin: stack.org.origin });
  });
  after(() => stack?.close());

  async function enrolledIvy() {
    const user = await stack.device.createUser('ivy');
    const browser = stack.browser();
    const enrolling = await toEnrollment(stack, browser, user);
    const done = await browser.post('/webauthn', attestationBody(key.create(creation(enrolling.json.webauthn.creationOptions))));
    assert.equal(done.status, 200, done.text);
    assert.equal(done.json.status, 'Success');
    return user;
  }

  test('ivy enrolls a key and signs in with it; the replies carry the options as base64url JSON', async () => {
    const user = await stack.device.createUser('ivy');
    const browser = stack.browser();
    const enrolling = await toEnrollment(stack, browser, user);
    assert.equal(enrolling.json.status, 'AwaitingWebAuthnEnrollment');
    assert.deepEqual(enrolling.json.authenticator, { key: 'webauthn' });
    const options = enrolling.json.webauthn.creationOptions;
    assert.match(options.challenge, /^[A-Za-z0-9_-]+$/);
    assert.equal(options.user.name, user.username);
    assert.match(options.user.id, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(options.pubKeyCredParams.map((p) => p.alg), [-7, -257]);
    assert.deepEqual(options.excludeCredentials, []);
    assert.deepEqual((await browser.get('/state')).json, enrolling.json, 'GET /state resumes the step');

    const done = await browser.post('/webauthn', attestationBody(key.create(creation(options))));
    assert.equal(done.status, 200, done.text);
    assert.equal(done.json.status, 'Success');
    assert.equal((await browser.get('/me')).json.signedIn, true);

    const again = stack.browser();
    const challenged = await toChallenge(again, user);
    const req = challenged.json.webauthn.requestOptions;
    assert.match(req.challenge, /^[A-Za-z0-9_-]+$/);
    assert.deepEqual(req.allowCredentials, [{ type: 'public-key', id: b64url(key.credentials.at(-1).id), transports: ['usb'] }]);
    assert.equal(req.userVerification, 'preferred');
    const signedIn = await again.post('/webauthn', assertionBody(key.get(request(req))));
    assert.equal(signedIn.status, 200, signedIn.text);
    assert.equal(signedIn.json.status, 'Success');
  });

  test('bad input is refused with 400 before it reaches the org', async () => {
    const user = await enrolledIvy();
    const browser = stack.browser();
    const challenged = await toChallenge(browser, user);
    const good = assertionBody(key.get(request(challenged.json.webauthn.requestOptions)));
    const cases = [
      [{}, /no clientData/],
      [{ ...good, clientData: 'a+b/c=' }, /clientData is not base64url/],
      [{ ...good, signatureData: 42 }, /no signatureData/],
      [{ ...good, authenticatorData: undefined }, /no authenticatorData/],
      [{ ...good, clientData: 'A'.repeat(5000) }, /clientData is too long/],
      [{ ...good, credentialId: '<script>' }, /credentialId is not base64url/],
    ];
    for (const [body, message] of cases) {
      const reply = await browser.post('/webauthn', body);
      assert.equal(reply.status, 400, JSON.stringify(body).slice(0, 80));
      assert.equal(reply.json.code, 'invalid_input');
      assert.match(reply.json.message, message);
    }
    const array = await browser.post('/webauthn', [good]);
    assert.equal(array.status, 400);
    // None of that used up the challenge: the good answer still signs in.
    const done = await browser.post('/webauthn', good);
    assert.equal(done.json.status, 'Success', done.text);
  });

  test('an enrollment needs an attestation; transports must be known names', async () => {
    const user = await stack.device.createUser('ivy');
    const browser = stack.browser();
    const enrolling = await toEnrollment(stack, browser, user);
    const other = new SoftwareAuthenticator({ origin: stack.org.origin });
    const body = attestationBody(other.create(creation(enrolling.json.webauthn.creationOptions)));
    for (const bad of [{ clientData: body.clientData }, { ...body, transports: 'usb' }, { ...body, transports: ['usb', 'pigeon'] }]) {
      const reply = await browser.post('/webauthn', bad);
      assert.equal(reply.status, 400, JSON.stringify(bad).slice(0, 80));
      assert.equal(reply.json.code, 'invalid_input');
    }
    assert.equal((await browser.post('/webauthn', body)).json.status, 'Success');
  });

  test('wrong state: 409 at another step, 401 without a sign-in', async () => {
    const user = await stack.device.createUser('ivy');
    const browser = stack.browser();
    await login(browser, user);
    const atPicker = await browser.post('/webauthn', { clientData: 'e30', attestation: 'oA' });
    assert.equal(atPicker.status, 409);
    assert.equal(atPicker.json.code, 'invalid_input');
    const nobody = await stack.browser().post('/webauthn', { clientData: 'e30', authenticatorData: 'AA', signatureData: 'AA' });
    assert.equal(nobody.status, 401);
    assert.equal(nobody.json.code, 'session_expired');
  });

  test('a replayed assertion is refused with the org’s message; the next challenge is in GET /state', async () => {
    const user = await enrolledIvy();
    const first = stack.browser();
    const used = assertionBody(key.get(request((await toChallenge(first, user)).json.webauthn.requestOptions)));
    assert.equal((await first.post('/webauthn', used)).json.status, 'Success');

    const second = stack.browser();
    const challenged = await toChallenge(second, user);
    const replayed = await second.post('/webauthn', used);
    assert.equal(replayed.status, 400);
    // Okta's words, and Okta's message key for the element's own sentence in the user's language.
    assert.deepEqual(replayed.json, { code: 'invalid_input', message: REFUSED, key: 'authfactor.webauthn.error.assertion_validation_failure' });
    const state = (await second.get('/state')).json;
    assert.equal(state.status, 'AwaitingWebAuthnChallenge');
    assert.notEqual(state.webauthn.requestOptions.challenge, challenged.json.webauthn.requestOptions.challenge, 'a new challenge');
    const done = await second.post('/webauthn', assertionBody(key.get(request(state.webauthn.requestOptions))));
    assert.equal(done.json.status, 'Success', done.text);
  });
});

describe('POST /webauthn: passkey sign-in (org and server with passkeys)', () => {
  let stack;
  before(async () => {
    stack = await startStack({ org: { passkeys: true }, backend: { passkeys: true } });
  });
  after(() => stack?.close());

  test('GET /state offers the passkey; a passkey signs in without username or password; a refused one gets a new offer', async () => {
    const key = new SoftwareAuthenticator({ origin: stack.org.origin, transports: ['internal'] });
    const setup = stack.browser();
    const enrollReply = await toEnrollment(stack, setup, await stack.device.createUser('ivy'));
    assert.equal(enrollReply.json.webauthn.creationOptions.authenticatorSelection.residentKey, 'required');
    assert.equal((await setup.post('/webauthn', attestationBody(key.create(creation(enrollReply.json.webauthn.creationOptions))))).json.status, 'Success');

    const browser = stack.browser();
    const idle = await browser.get('/state');
    assert.equal(idle.status, 200);
    assert.equal(idle.json.status, 'Idle');
    const offer = idle.json.webauthn.requestOptions;
    assert.deepEqual(offer.allowCredentials, []);
    assert.equal(offer.userVerification, 'required');
    assert.deepEqual((await browser.get('/state')).json, idle.json, 'the same offer on the next GET /state');

    // A user id no enrollment belongs to: the org refuses, and the form gets a new challenge.
    const refused = await browser.post('/webauthn', { ...assertionBody(key.get(request(offer))), userHandle: b64url(Buffer.from('00uNobodyAtAll000000')) });
    assert.equal(refused.status, 400, refused.text);
    assert.equal(refused.json.message, REFUSED);
    const next = (await browser.get('/state')).json;
    assert.equal(next.status, 'Idle');
    assert.notEqual(next.webauthn.requestOptions.challenge, offer.challenge, 'a new challenge');

    const latest = next;
    const done = await browser.post('/webauthn', assertionBody(key.get(request(latest.webauthn.requestOptions))));
    assert.equal(done.status, 200, done.text);
    assert.equal(done.json.status, 'Success');
    assert.equal((await browser.get('/me')).json.signedIn, true);
  });
});
