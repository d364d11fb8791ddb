import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/okta-signin/okta-signin.js';
import type { OktaSignin } from '../../src/elements/okta-signin/okta-signin.js';
import type { ErrorDetail, SuccessDetail } from '../../src/elements/shared/events.js';
import type { FlowStatus } from '../../src/core/types.js';
import { fieldNamed } from '../support/fields.js';
import {
  activate,
  answerPush,
  decodeQr,
  device,
  env,
  interactNonce,
  jwtPayload,
  newUser,
  recordRequests,
  waitFor,
} from '../support/local-org.js';

const shadow = (el: OktaSignin) => el.shadowRoot!;

async function signinElement(overrides: { issuer?: string } = {}): Promise<OktaSignin> {
  const e = await env();
  return fixture<OktaSignin>(html`<okta-signin
    issuer=${overrides.issuer ?? e.issuer}
    client-id=${e.spaClientId}
    redirect-uri=${e.redirectUri}
  ></okta-signin>`);
}

function untilStatus(el: OktaSignin, status: FlowStatus, timeoutMs = 10000): Promise<void> {
  if (el.flowState.status === status) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${status}; at ${el.flowState.status}`)), timeoutMs);
    const onError = (e: Event) => reject(new Error(`okta-error: ${JSON.stringify((e as CustomEvent).detail)}`));
    el.addEventListener('okta-error', onError, { once: true });
    el.addEventListener('okta-status-change', function onChange(e) {
      if ((e as CustomEvent<{ status: FlowStatus }>).detail.status !== status) return;
      clearTimeout(timer);
      el.removeEventListener('okta-status-change', onChange);
      el.removeEventListener('okta-error', onError);
      resolve();
    });
  });
}

function nextEvent<T>(el: HTMLElement, type: string, timeoutMs = 15000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type}`)), timeoutMs);
    el.addEventListener(type, (e) => {
      clearTimeout(timer);
      resolve((e as CustomEvent<T>).detail);
    }, { once: true });
  });
}

async function typeCredentials(el: OktaSignin, username: string, password: string) {
  const user = fieldNamed(el, 'username')!;
  user.value = username;
  user.dispatchEvent(new Event('input'));
  fieldNamed(el, 'password')!.value = password;
  user.form!.requestSubmit();
}

async function choose(el: OktaSignin, text: RegExp) {
  const picker = shadow(el).querySelector('authenticator-picker')!;
  await (picker as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  const options = [...picker.shadowRoot!.querySelectorAll<HTMLElement>('[role=radio]')];
  const option = options.find((o) => text.test(o.textContent ?? ''));
  if (!option) throw new Error(`no option ${text} in ${options.map((o) => o.textContent?.trim()).join(' | ')}`);
  option.click();
  await (picker as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  picker.shadowRoot!.querySelector<HTMLButtonElement>('button[part~=submit]')!.click();
}

const errorShown = (el: OktaSignin) => shadow(el).querySelector('[part~=error]')?.textContent?.trim() ?? '';

describe('<okta-signin> in IDX mode against the local org', () => {
  let recorder: ReturnType<typeof recordRequests>;
  beforeEach(() => (recorder = recordRequests()));
  afterEach(() => recorder.stop());

  it('alice approves a push with the number shown and gets okta-success with her tokens', async () => {
    const e = await env();
    const user = await newUser('alice');
    const el = await signinElement();
    const picking = untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
    await typeCredentials(el, user.username, user.password);
    await picking;
    await expect(el).to.be.accessible();

    const pushing = untilStatus(el, 'AwaitingChallengePoll');
    await choose(el, /push/i);
    await pushing;
    await el.updateComplete;
    const shown = Number(shadow(el).querySelector('[part~=number]')?.textContent);
    const push = await waitFor(async () => (await device(user.username)).push, 'the push on the device');
    expect(push.choices).to.include(shown);

    const success = nextEvent<SuccessDetail>(el, 'okta-success');
    await answerPush(user.username, 'approve', shown);
    const { tokens } = await success;
    const claims = jwtPayload(tokens?.idToken);
    expect(claims.iss).to.equal(e.issuer);
    expect(claims.email).to.equal(user.username);
    expect(claims.sub).to.be.a('string').and.not.equal('');
    expect(claims.nonce).to.equal(interactNonce(recorder.requests));
    expect(tokens?.accessToken).to.be.a('string');
    // The same resource check that proves backend mode never loads okta-auth-js sees it here.
    const names = performance.getEntriesByType('resource').map((r) => r.name);
    expect(names.some((n) => n.includes('okta-auth-js'))).to.equal(true);
  });

  /** Signs in up to the picker and returns the promise of okta-success's detail. */
  async function start(el: OktaSignin, user: { username: string; password: string }, status: FlowStatus) {
    const reached = untilStatus(el, status);
    await typeCredentials(el, user.username, user.password);
    await reached;
    await el.updateComplete;
    // Wrapped: an async function returning the bare promise would wait for it.
    return { success: nextEvent<SuccessDetail>(el, 'okta-success') };
  }

  function expectTokensFor(detail: SuccessDetail, username: string) {
    const claims = jwtPayload(detail.tokens?.idToken);
    expect(claims.email).to.equal(username);
    expect(claims.nonce).to.equal(interactNonce(recorder.requests));
  }

  it('alice enters the code from Okta Verify', async () => {
    const user = await newUser('alice');
    const el = await signinElement();
    const { success } = await start(el, user, 'AwaitingChallengeAuthenticatorSelection');
    const code = untilStatus(el, 'AwaitingChallengeCode');
    await choose(el, /code/i);
    await code;
    await el.updateComplete;
    shadow(el).querySelector<HTMLInputElement>('input[name=code]')!.value = (await device(user.username)).totp!.code;
    shadow(el).querySelector<HTMLFormElement>('form[part~=code]')!.requestSubmit();
    expectTokensFor(await success, user.username);
  });

  it('bob scans the QR code shown and is signed in once Okta Verify is set up', async () => {
    const user = await newUser('bob');
    const el = await signinElement();
    const { success } = await start(el, user, 'AwaitingAuthenticatorEnrollment');
    const qr = untilStatus(el, 'AwaitingEnrollmentPoll');
    await choose(el, /okta verify/i);
    await qr;
    await el.updateComplete;
    const img = shadow(el).querySelector<HTMLImageElement>('img[part~=qr]')!;
    await activate(await decodeQr(img.src));
    expectTokensFor(await success, user.username);
    expect((await device(user.username)).enrolled).to.equal(true);
  });

  it('carol changes her expired password', async () => {
    const user = await newUser('carol');
    const el = await signinElement();
    const { success } = await start(el, user, 'PasswordExpired');
    const root = shadow(el);
    for (const name of ['newPassword', 'confirmPassword']) {
      root.querySelector<HTMLInputElement>(`input[name=${name}]`)!.value = 'An0ther-Passw0rd!';
    }
    root.querySelector<HTMLFormElement>('form[part~=password-change]')!.requestSubmit();
    expectTokensFor(await success, user.username);
  });

  it('dave skips setting up Okta Verify', async () => {
    const user = await newUser('dave');
    const el = await signinElement();
    const { success } = await start(el, user, 'AwaitingAuthenticatorEnrollment');
    const picker = shadow(el).querySelector('authenticator-picker')!;
    await (picker as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    picker.shadowRoot!.querySelector<HTMLButtonElement>('[part~=skip]')!.click();
    expectTokensFor(await success, user.username);
  });

  it('a wrong password shows the error and keeps the form', async () => {
    const user = await newUser('alice');
    const el = await signinElement();
    const error = nextEvent<ErrorDetail>(el, 'okta-error');
    await typeCredentials(el, user.username, 'wrong-password');
    const detail = await error;
    expect(detail.code).to.equal('invalid_credentials');
    await el.updateComplete;
    expect(errorShown(el)).to.equal(detail.message);
    expect(el.flowState.status).to.equal('Idle');
    expect(fieldNamed(el, 'password')!.value).to.equal('');
  });

  it('a denied push shows push_rejected, and the picker offers another method', async () => {
    const user = await newUser('alice');
    const el = await signinElement();
    const picking = untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
    await typeCredentials(el, user.username, user.password);
    await picking;
    const pushing = untilStatus(el, 'AwaitingChallengePoll');
    await choose(el, /push/i);
    await pushing;
    await waitFor(async () => (await device(user.username)).push, 'the push on the device');
    const error = nextEvent<ErrorDetail>(el, 'okta-error');
    await answerPush(user.username, 'deny');
    const detail = await error;
    expect(detail.code).to.equal('push_rejected');
    await untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
    await el.updateComplete;
    expect(errorShown(el)).to.equal(detail.message);

    const coding = untilStatus(el, 'AwaitingChallengeCode');
    await choose(el, /code/i);
    await coding;
    const success = nextEvent<SuccessDetail>(el, 'okta-success');
    await el.updateComplete;
    shadow(el).querySelector<HTMLInputElement>('input[name=code]')!.value = (await device(user.username)).totp!.code;
    shadow(el).querySelector<HTMLFormElement>('form[part~=code]')!.requestSubmit();
    expectTokensFor(await success, user.username);
  });

  it('an org that cannot be reached shows a network error', async () => {
    const el = await signinElement({ issuer: 'http://localhost:1/oauth2/default' });
    const error = nextEvent<ErrorDetail>(el, 'okta-error');
    await typeCredentials(el, 'alice@example.com', 'Passw0rd!');
    const detail = await error;
    expect(detail.code).to.equal('network');
    expect(detail.retryable).to.equal(true);
    await el.updateComplete;
    expect(errorShown(el)).to.equal(detail.message);
  });

  it('the form is there at once, before okta-auth-js has loaded', async () => {
    const el = await signinElement();
    expect(fieldNamed(el, 'username')).to.exist;
    expect(fieldNamed(el, 'password')).to.exist;
  });
});
