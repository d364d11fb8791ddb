import { expect } from '@open-wc/testing';
import { OktaAuth } from '@okta/okta-auth-js/idx';
import { createIdxTransport } from '../../src/transports/idx.js';
import type { IdxTransportOptions } from '../../src/transports/config.js';
import { FlowError, type Transport } from '../../src/core/types.js';
import { answerPush, device, entry, env, newUser, pollUntilDone, recordRequests, sleep, waitFor } from '../support/local-org.js';

async function transport(overrides: Partial<IdxTransportOptions> = {}): Promise<Transport> {
  const e = await env();
  return createIdxTransport({ issuer: e.issuer, clientId: e.spaClientId, redirectUri: e.redirectUri, ...overrides });
}

async function rejection(promise: Promise<unknown>): Promise<FlowError> {
  try {
    await promise;
  } catch (e) {
    expect(e).to.be.instanceOf(FlowError);
    const err = e as FlowError;
    // Whatever goes wrong, the user gets a sentence to read, never markup.
    expect(err.message).to.be.a('string').and.match(/\w{3,}/);
    expect(err.message).not.to.match(/[<>]/);
    return err;
  }
  throw new Error('expected a FlowError');
}

describe('IDX transport against the local org: failures', () => {
  it('a wrong password is invalid_credentials, and the right one then works', async () => {
    const user = await newUser('alice');
    const t = await transport();
    const err = await rejection(t.login({ username: user.username, password: 'not-her-password' }));
    expect(err.code).to.equal('invalid_credentials');
    expect(err.retryable).to.equal(true);
    expect((await t.login(user)).status).to.equal('AwaitingChallengeAuthenticatorSelection');
  });

  it('an unknown user is invalid_credentials', async () => {
    const t = await transport();
    const err = await rejection(t.login({ username: 'nobody-here@example.com', password: 'Passw0rd!' }));
    expect(err.code).to.equal('invalid_credentials');
  });

  it('an empty form is refused without a request', async () => {
    const rec = recordRequests();
    try {
      const t = await transport();
      await sleep(300);
      const before = rec.requests.length;
      const err = await rejection(t.login({ username: '  ', password: '' }));
      expect(err.code).to.equal('invalid_credentials');
      expect(rec.requests.length).to.equal(before);
    } finally {
      rec.stop();
    }
  });

  it('a state handle the org no longer knows is session_expired; the next sign-in starts afresh', async () => {
    const e = await env();
    // The app's own OktaAuth, so the test can reach the saved IDX response and make its handle unknown.
    const authClient = new OktaAuth({ issuer: e.issuer, clientId: e.spaClientId, redirectUri: e.redirectUri });
    const user = await newUser('alice');
    const t = await transport({ authClient });
    const picked = await t.login(user);

    const saved = authClient.transactionManager.loadIdxResponse()!;
    const handle = saved.rawIdxResponse.stateHandle as string;
    const tampered = JSON.parse(JSON.stringify(saved.rawIdxResponse).split(handle).join('02unknownStateHandle0000000000'));
    authClient.transactionManager.saveIdxResponse({ ...saved, rawIdxResponse: tampered, stateHandle: tampered.stateHandle });

    const err = await rejection(t.selectAuthenticator(entry(picked, 'okta_verify', 'push')));
    expect(err.code).to.equal('session_expired');
    expect(err.message).to.match(/inactivity|expired/i);
    expect((await t.login(user)).status).to.equal('AwaitingChallengeAuthenticatorSelection');
  });

  it('a transaction left idle past its lifetime is session_expired; the next sign-in starts afresh', async () => {
    const e = await env();
    const user = await newUser('alice', e.shortLivedOrigin);
    const t = await transport({ issuer: e.shortLivedIssuer });
    const picked = await t.login(user);
    await sleep(2300);
    const err = await rejection(t.selectAuthenticator(entry(picked, 'okta_verify', 'push')));
    expect(err.code).to.equal('session_expired');
    expect(err.message).to.match(/inactivity|expired/i);
    expect((await t.login(user)).status).to.equal('AwaitingChallengeAuthenticatorSelection');
  });

  it('polling faster than the org allows is rate_limited with its Retry-After; polling later goes on', async () => {
    const user = await newUser('alice');
    const t = await transport();
    const waiting = await t.selectAuthenticator(entry(await t.login(user), 'okta_verify', 'push'));
    await sleep(waiting.refresh!);
    expect((await t.poll('challenge')).continuePolling).to.equal(true);
    const err = await rejection(t.poll('challenge'));
    expect(err.code).to.equal('rate_limited');
    expect(err.retryable).to.equal(true);
    expect(err.retryAfterMs).to.be.within(1, 60000);
    await sleep(waiting.refresh!);
    expect((await t.poll('challenge')).continuePolling).to.equal(true);
  });

  it('a push denied in Okta Verify is push_rejected', async () => {
    const user = await newUser('alice');
    const t = await transport();
    await t.selectAuthenticator(entry(await t.login(user), 'okta_verify', 'push'));
    await waitFor(async () => (await device(user.username)).push, 'the push on the device');
    await answerPush(user.username, 'deny');
    const err = await rejection(pollUntilDone(t, 'challenge'));
    expect(err.code).to.equal('push_rejected');
    expect(err.message).to.match(/reject/i);
  });

  it('a wrong code is invalid_code, and the right code then works', async () => {
    const user = await newUser('alice');
    const t = await transport();
    await t.selectAuthenticator(entry(await t.login(user), 'okta_verify', 'totp'));
    const { totp } = await device(user.username);
    const wrong = totp!.code === '000000' ? '000001' : '000000';
    const err = await rejection(t.verifyCode(wrong));
    expect(err.code).to.equal('invalid_code');
    expect(err.retryable).to.equal(true);
    const fresh = (await device(user.username)).totp!.code;
    expect((await t.verifyCode(fresh)).status).to.equal('Success');
  });

  it('an org that cannot be reached is a retryable network error, whose hint names the issuer', async () => {
    const t = await transport({ issuer: 'http://localhost:1/oauth2/default' });
    const err = await rejection(t.login({ username: 'alice@example.com', password: 'Passw0rd!' }));
    expect(err.code).to.equal('network');
    expect(err.retryable).to.equal(true);
    expect(err.hint).to.equal('Nothing answered at http://localhost:1/oauth2/default: check the issuer, or the network.');
  });

  it('an org that does not trust this origin (CORS) is a config error, whose hint names the origin to trust', async () => {
    const e = await env();
    // The org is up: an opaque no-cors request reaches it.
    await fetch(`${e.untrustedIssuer}/.well-known/openid-configuration`, { mode: 'no-cors' });
    const t = await transport({ issuer: e.untrustedIssuer });
    const err = await rejection(t.login({ username: 'alice@example.com', password: 'Passw0rd!' }));
    expect(err.code).to.equal('config');
    expect(err.retryable).to.equal(false);
    expect(err.hint).to.contain(`add ${location.origin} as a Trusted Origin with CORS`);
  });

  it('an issuer with no authorization server behind it (404 at interact) is a config error', async () => {
    const e = await env();
    const t = await transport({ issuer: `${e.orgOrigin}/oauth2/no-such-server` });
    const err = await rejection(t.login({ username: 'alice@example.com', password: 'Passw0rd!' }));
    expect(err.code).to.equal('config');
    expect(err.hint).to.contain(`No authorization server at ${e.orgOrigin}/oauth2/no-such-server (404 at ${e.orgOrigin}/oauth2/no-such-server/v1/interact)`);
  });

  it('a redirect URI the Okta app does not allow is a config error', async () => {
    const e = await env();
    const t = await transport({ redirectUri: `${e.testOrigin}/not-registered` });
    const err = await rejection(t.login({ username: 'alice@example.com', password: 'Passw0rd!' }));
    expect(err.code).to.equal('config');
    expect(err.hint).to.contain(`Okta refused the redirect URI "${e.testOrigin}/not-registered"`);
  });

  it('an issuer that is not a URL is a config error', async () => {
    const t = await transport({ issuer: 'example.okta.com' });
    const err = await rejection(t.login({ username: 'alice@example.com', password: 'Passw0rd!' }));
    expect(err.code).to.equal('config');
  });

  it('an aborted call rejects at once with the abort reason', async () => {
    const user = await newUser('alice');
    const t = await transport();
    const controller = new AbortController();
    const pending = t.login(user, controller.signal);
    controller.abort();
    let caught: unknown;
    await pending.catch((e) => (caught = e));
    expect((caught as DOMException).name).to.equal('AbortError');
    expect((await t.login(user)).status).to.equal('AwaitingChallengeAuthenticatorSelection');
  });
});

describe('IDX transport: token storage', () => {
  afterEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });

  it('by default stores nothing: no tokens, no transaction, never the password', async () => {
    sessionStorage.clear();
    localStorage.clear();
    const user = await newUser('dave');
    const t = await transport();
    await t.login(user);
    const state = await t.skip();
    expect(state.status).to.equal('Success');
    const stored = [...Object.entries(sessionStorage), ...Object.entries(localStorage)];
    expect(stored.map(([k]) => k).filter((k) => k.startsWith('okta'))).to.deep.equal([]);
    expect(stored.some(([, v]) => v.includes(user.password))).to.equal(false);
    expect(document.cookie).not.to.include(user.password);
  });

  it("token-storage 'sessionStorage' saves them with okta-auth-js's token manager", async () => {
    const user = await newUser('dave');
    const t = await transport({ tokenStorage: 'sessionStorage' });
    await t.login(user);
    const state = await t.skip();
    const saved = JSON.parse(sessionStorage.getItem('okta-token-storage') ?? '{}');
    expect(saved.idToken?.idToken).to.equal(state.tokens!.idToken);
    expect(saved.accessToken?.accessToken).to.equal(state.tokens!.accessToken);
    expect(localStorage.getItem('okta-token-storage')).to.equal(null);
  });

  it("an app's own OktaAuth runs the flow and, when asked, keeps the tokens in its token manager", async () => {
    const e = await env();
    const authClient = new OktaAuth({
      issuer: e.issuer,
      clientId: e.spaClientId,
      redirectUri: e.redirectUri,
      tokenManager: { storage: 'memory' },
    });
    const user = await newUser('dave');
    const t = await transport({ authClient, tokenStorage: 'memory' });
    await t.login(user);
    const state = await t.skip();
    const idToken = await authClient.tokenManager.get('idToken');
    expect(idToken && 'idToken' in idToken ? idToken.idToken : undefined).to.equal(state.tokens!.idToken);
  });
});
