import { expect } from '@open-wc/testing';
import { createIdxTransport } from '../../src/transports/idx.js';
import type { FlowState, Transport } from '../../src/core/types.js';
import {
  activate,
  answerPush,
  device,
  entry,
  env,
  interactNonce,
  jwtPayload,
  newUser,
  outbox,
  pollUntilDone,
  recordRequests,
  decodeQr,
  waitFor,
} from '../support/local-org.js';

async function transport(): Promise<Transport> {
  const e = await env();
  return createIdxTransport({ issuer: e.issuer, clientId: e.spaClientId, redirectUri: e.redirectUri });
}

let recorder: ReturnType<typeof recordRequests>;
beforeEach(() => (recorder = recordRequests()));
afterEach(() => recorder.stop());

/** The id_token is the org's, for this user, and answers this transaction's nonce. */
async function expectSignedIn(state: FlowState, username: string) {
  const e = await env();
  expect(state.status).to.equal('Success');
  const tokens = state.tokens!;
  expect(tokens.accessToken).to.be.a('string');
  const claims = jwtPayload(tokens.idToken);
  expect(claims).to.deep.equal(tokens.idTokenClaims);
  expect(claims.iss).to.equal(e.issuer);
  expect(claims.aud).to.equal(e.spaClientId);
  expect(claims.email).to.equal(username);
  expect(claims.sub).to.be.a('string').and.not.equal('');
  const nonce = interactNonce(recorder.requests);
  expect(nonce, 'nonce sent to /v1/interact').to.be.a('string');
  expect(claims.nonce).to.equal(nonce);
}

// A request the browser sends without a CORS preflight: a safelisted method, and only safelisted headers and types.
const SIMPLE_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const isSimple = (r: { method: string; headers: Record<string, string> }) =>
  ['GET', 'HEAD', 'POST'].includes(r.method.toUpperCase()) &&
  Object.keys(r.headers).every((h) => ['accept', 'accept-language', 'content-language', 'content-type'].includes(h)) &&
  (!r.headers['content-type'] || SIMPLE_TYPES.includes(r.headers['content-type'].split(';')[0].trim()));

describe('IDX transport against the local org: flows', () => {
  it('starts a transaction without discovery, with an interact request that needs no preflight', async () => {
    const user = await newUser('dave');
    const t = await transport();
    const next = await t.login(user);
    expect(next.status).to.equal('AwaitingAuthenticatorEnrollment');
    const paths = recorder.requests.map((r) => new URL(r.url, location.href).pathname);
    expect(paths.filter((p) => p.includes('.well-known'))).to.deep.equal([]);
    const interact = recorder.requests.filter((r) => r.url.endsWith('/v1/interact'));
    expect(interact).to.have.length(1);
    expect(isSimple(interact[0]), JSON.stringify(interact[0].headers)).to.equal(true);
    await t.cancel();
  });

  it('alice: push with number challenge ends in Success with verified tokens', async () => {
    const user = await newUser('alice');
    const t = await transport();
    const picked = await t.login(user);
    expect(picked.status).to.equal('AwaitingChallengeAuthenticatorSelection');
    const push = entry(picked, 'okta_verify', 'push');
    entry(picked, 'okta_verify', 'totp');

    const waiting = await t.selectAuthenticator(push);
    expect(waiting.status).to.equal('AwaitingChallengePoll');
    expect(waiting.refresh).to.be.a('number');
    const answer = waiting.challenge?.correctAnswer;
    expect(answer).to.be.a('number');

    await new Promise((r) => setTimeout(r, waiting.refresh));
    const first = await t.poll('challenge');
    expect(first.continuePolling).to.equal(true);

    const pending = await waitFor(async () => (await device(user.username)).push, 'the push on the device');
    expect(pending.choices).to.include(answer);
    await answerPush(user.username, 'approve', answer);

    const done = await pollUntilDone(t, 'challenge');
    await expectSignedIn(done.state!, user.username);
  });

  it('alice: code from Okta Verify ends in Success', async () => {
    const user = await newUser('alice');
    const t = await transport();
    const picked = await t.login(user);
    const code = await t.selectAuthenticator(entry(picked, 'okta_verify', 'totp'));
    expect(code.status).to.equal('AwaitingChallengeCode');
    const { totp } = await device(user.username);
    await expectSignedIn(await t.verifyCode(totp!.code), user.username);
  });

  it('bob: enrolls Okta Verify by scanning the QR code', async () => {
    const user = await newUser('bob');
    const t = await transport();
    const picker = await t.login(user);
    expect(picker.status).to.equal('AwaitingAuthenticatorEnrollment');
    expect(picker.canSkip).to.equal(false);
    const enrolling = await t.selectAuthenticator(entry(picker, 'okta_verify'));
    expect(enrolling.status).to.equal('AwaitingEnrollmentPoll');
    expect(enrolling.enrollment?.channel).to.equal('qrcode');
    expect(enrolling.enrollment?.channels).to.include.members(['email', 'sms']);
    expect(enrolling.enrollment?.qrCode).to.match(/^data:image\/png;base64,/);

    await new Promise((r) => setTimeout(r, enrolling.refresh));
    expect((await t.poll('enroll')).continuePolling).to.equal(true);
    await activate(await decodeQr(enrolling.enrollment!.qrCode!));
    const done = await pollUntilDone(t, 'enroll');
    await expectSignedIn(done.state!, user.username);
    expect((await device(user.username)).enrolled).to.equal(true);
  });

  for (const channel of ['email', 'sms'] as const) {
    it(`bob: enrolls Okta Verify through a link sent by ${channel}`, async () => {
      const user = await newUser('bob');
      const t = await transport();
      const picker = await t.login(user);
      await t.selectAuthenticator(entry(picker, 'okta_verify'));
      const asking = await t.selectEnrollmentChannel(channel);
      expect(asking.status).to.equal('AwaitingEnrollmentChannelData');
      expect(asking.enrollment?.channel).to.equal(channel);

      const to = channel === 'email' ? `${user.username}` : '+15555550123';
      const sent = await t.sendEnrollmentChannelData(channel === 'email' ? { email: to } : { phoneNumber: to });
      expect(sent.status).to.equal('AwaitingEnrollmentPoll');
      expect(sent.enrollment?.channel).to.equal(channel);

      const message = await waitFor(
        async () => (await outbox()).find((m) => m.channel === channel && m.to === to),
        `the ${channel} in the outbox`,
      );
      await activate(message.link);
      const done = await pollUntilDone(t, 'enroll');
      await expectSignedIn(done.state!, user.username);
    });
  }

  it('carol: changes her expired password, then signs in with the new one', async () => {
    const user = await newUser('carol');
    const t = await transport();
    expect((await t.login(user)).status).to.equal('PasswordExpired');
    const newPassword = 'N3w-Passw0rd!x';
    await expectSignedIn(await t.changePassword({ newPassword }), user.username);

    const again = await transport();
    await expectSignedIn(await again.login({ username: user.username, password: newPassword }), user.username);
  });

  it('dave: skips the optional enrollment', async () => {
    const user = await newUser('dave');
    const t = await transport();
    const picker = await t.login(user);
    expect(picker.status).to.equal('AwaitingAuthenticatorEnrollment');
    expect(picker.canSkip).to.equal(true);
    await expectSignedIn(await t.skip(), user.username);
  });

  it('cancel returns to the sign-in form and the next sign-in works', async () => {
    const user = await newUser('alice');
    const t = await transport();
    await t.login(user);
    const interacts = () => recorder.requests.filter((r) => r.url.endsWith('/v1/interact')).length;
    const before = interacts();
    expect((await t.cancel()).status).to.equal('Idle');
    // The next transaction starts at once, before the user submits again.
    await waitFor(async () => interacts() > before, 'a new /v1/interact after cancel');
    expect((await t.login(user)).status).to.equal('AwaitingChallengeAuthenticatorSelection');
    expect(interacts()).to.equal(before + 1);
  });
});
