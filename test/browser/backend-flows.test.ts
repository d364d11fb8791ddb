// <okta-signin backend="/auth"> end to end: the real reference backend (mounted at /auth by the test server)
// against the real local org, driven through the UI by typing and clicking, with the device API standing in
// for the user's phone.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/okta-signin/okta-signin.js';
import type { OktaSignin } from '../../src/elements/okta-signin/okta-signin.js';
import type { FlowStatus } from '../../src/core/types.js';
import { activate, answerPush, decodeQr, device, env, newUser, outbox, waitFor } from '../support/local-org.js';
import { control } from '../support/fields.js';

const EVENT_TYPES = [
  'okta-status-change',
  'okta-success',
  'okta-error',
  'okta-authenticator-select',
  'okta-skip',
  'okta-poll',
  'okta-poll-complete',
] as const;

interface Recorded {
  type: string;
  detail: any;
  bubbles: boolean;
  composed: boolean;
  defaultPrevented: boolean;
}

/** Every okta-* event that reaches the document: proof that they bubble out of the shadow roots. */
function recordEvents() {
  const events: Recorded[] = [];
  const listeners = EVENT_TYPES.map((type) => {
    const listener = (e: Event) => {
      if (type === 'okta-success') e.preventDefault();
      const { detail, bubbles, composed } = e as CustomEvent;
      // Read after every listener has run: defaultPrevented is final then.
      queueMicrotask(() => events.push({ type, detail, bubbles, composed, defaultPrevented: e.defaultPrevented }));
    };
    document.addEventListener(type, listener);
    return [type, listener] as const;
  });
  return {
    events,
    of: (type: string) => events.filter((e) => e.type === type),
    stop: () => listeners.forEach(([type, listener]) => document.removeEventListener(type, listener)),
  };
}

const root = (el: OktaSignin) => el.shadowRoot!;
const picker = (el: OktaSignin) => root(el).querySelector('authenticator-picker') as (HTMLElement & { updateComplete: Promise<unknown> }) | null;
const text = (el: OktaSignin) => root(el).textContent?.replace(/\s+/g, ' ').trim() ?? '';
const errorShown = (el: OktaSignin) => root(el).querySelector('[role=alert]')?.textContent?.trim() ?? '';
const title = (el: OktaSignin) => root(el).querySelector('[part~=title]')?.textContent?.trim();

function untilStatus(el: OktaSignin, status: FlowStatus, timeoutMs = 15000): Promise<void> {
  return waitFor(async () => el.flowState.status === status, `status ${status} (at ${el.flowState.status}: ${errorShown(el)})`, timeoutMs).then(
    () => el.updateComplete.then(() => undefined),
  );
}

/** Types into a field the way a user does: focus, then keystrokes. */
async function typeInto(el: OktaSignin, selector: string, value: string) {
  const input = control<HTMLInputElement>(el, selector);
  if (!input) throw new Error(`no ${selector} in: ${text(el)}`);
  input.focus();
  await sendKeys({ type: value });
}

function button(el: OktaSignin, label: RegExp, scope: ParentNode = root(el)): HTMLButtonElement {
  const found = [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) => label.test(b.textContent ?? ''));
  if (!found) throw new Error(`no button ${label} in: ${text(el)}`);
  return found;
}

async function signIn(el: OktaSignin, user: { username: string; password: string }) {
  await typeInto(el, 'input[autocomplete=username]', user.username);
  await typeInto(el, 'input[autocomplete=current-password]', user.password);
  await sendKeys({ press: 'Enter' });
}

async function pickerOptions(el: OktaSignin) {
  const p = picker(el);
  if (!p) throw new Error(`no picker in: ${text(el)}`);
  await p.updateComplete;
  return [...p.shadowRoot!.querySelectorAll<HTMLElement>('[role=radio]')];
}

async function choose(el: OktaSignin, label: RegExp) {
  const options = await pickerOptions(el);
  const option = options.find((o) => label.test(o.textContent ?? ''));
  if (!option) throw new Error(`no option ${label} among ${options.map((o) => o.textContent?.trim()).join(' | ')}`);
  option.click();
  await picker(el)!.updateComplete;
  button(el, /continue/i, picker(el)!.shadowRoot!).click();
}

async function me(): Promise<{ signedIn: boolean; user: { email?: string; sub: string } | null }> {
  return (await fetch('/auth/me', { headers: { accept: 'application/json' } })).json();
}

const postJson = (path: string) =>
  fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });

describe('<okta-signin backend="/auth"> against the reference backend and the local org', function () {
  this.timeout(60000);
  let recorder: ReturnType<typeof recordEvents>;
  let navigations: string[];

  async function render(): Promise<OktaSignin> {
    navigations = [];
    const el = await fixture<OktaSignin>(html`<okta-signin backend="/auth" .navigate=${(url: string) => navigations.push(url)}></okta-signin>`);
    await untilStatus(el, 'Idle');
    return el;
  }

  /** A fresh user of `template` signed in through the form, the flow at `status`. */
  async function signedInAs(template: Parameters<typeof newUser>[0], status: FlowStatus) {
    const user = await newUser(template);
    const el = await render();
    await signIn(el, user);
    await untilStatus(el, status);
    return { user, el };
  }

  /** okta-success was dispatched, prevented, and the page stayed; the backend has the user signed in. */
  async function expectSignedIn(el: OktaSignin, username: string) {
    await untilStatus(el, 'Success');
    await waitFor(async () => recorder.of('okta-success').length > 0, 'okta-success');
    const [success] = recorder.of('okta-success');
    expect(success.detail).to.deep.equal({ next: '/signed-in', tokens: undefined });
    expect(success.bubbles && success.composed).to.equal(true);
    expect(success.defaultPrevented).to.equal(true);
    expect(navigations, 'preventDefault() kept the page').to.deep.equal([]);
    expect(title(el)).to.equal("You're signed in");
    await expect(el).to.be.accessible();
    const who = await me();
    expect(who.signedIn).to.equal(true);
    expect(who.user?.email).to.equal(username);
  }

  /** No event detail, attribute or text anywhere holds the password. */
  function expectNoPassword(el: OktaSignin, password: string) {
    expect(JSON.stringify(recorder.events)).not.to.include(password);
    expect(el.outerHTML + root(el).innerHTML).not.to.include(password);
    for (const input of [...root(el).querySelectorAll('input'), ...el.querySelectorAll('input')]) expect(input.value).not.to.equal(password);
  }

  beforeEach(async () => {
    const e = await env();
    if (!e.backend) throw new Error('the reference backend is not mounted (demo/server/index.mjs missing?)');
    // Tests share one cookie jar, so one backend session: start each from nothing.
    await postJson('/auth/cancel');
    await postJson('/auth/logout');
    recorder = recordEvents();
  });

  // Leave no sign-in in progress for the test files that run after this one in the same browser.
  afterEach(async () => {
    recorder.stop();
    await postJson('/auth/cancel');
    await postJson('/auth/logout');
  });

  it('alice: password, push with the number shown large, approved on the device, okta-success', async () => {
    const user = await newUser('alice');
    const el = await render();
    expect(title(el)).to.equal('Sign in');
    await expect(el).to.be.accessible();

    await signIn(el, user);
    await untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
    expect(control<HTMLInputElement>(el, 'input[autocomplete=current-password]')).to.equal(null);
    const options = await pickerOptions(el);
    expect(options.map((o) => o.textContent?.trim())).to.deep.equal([
      'Okta Verify: get a push notification',
      'Okta Verify: enter a code',
    ]);
    expect(picker(el)!.shadowRoot!.querySelector('[role=radiogroup]')).to.exist;
    const [toPicker] = recorder.of('okta-status-change').filter((e) => e.detail.status === 'AwaitingChallengeAuthenticatorSelection');
    expect(toPicker.detail.previousStatus).to.equal('Idle');
    expect(toPicker.detail.authenticators.map((a: { methodType: string }) => a.methodType)).to.deep.equal(['push', 'totp']);
    await expect(el).to.be.accessible();

    await choose(el, /push/i);
    await untilStatus(el, 'AwaitingChallengePoll');
    const [selected] = recorder.of('okta-authenticator-select');
    expect(selected.detail.authenticator).to.include({ key: 'okta_verify', methodType: 'push' });
    const shown = Number(root(el).querySelector('[part~=number]')?.textContent);
    const [toPush] = recorder.of('okta-status-change').filter((e) => e.detail.status === 'AwaitingChallengePoll');
    expect(toPush.detail.challenge).to.deep.equal({ methodType: 'push', correctAnswer: shown });
    expect(text(el)).to.include('On your phone, tap this number in Okta Verify:');
    await expect(el).to.be.accessible();

    const push = await waitFor(async () => (await device(user.username)).push, 'the push on the device');
    expect(push.choices).to.include(shown);
    await waitFor(async () => recorder.of('okta-poll').length > 0, 'a poll');
    expect(recorder.of('okta-poll')[0].detail).to.deep.equal({ continuePolling: true, refresh: 300 });

    await answerPush(user.username, 'approve', shown);
    const polledAt = performance.now();
    await expectSignedIn(el, user.username);
    // The final poll reply said Success with Next: no further request to learn where to go.
    const later = performance.getEntriesByType('resource').filter((r) => r.startTime > polledAt && r.name.includes('/auth/'));
    expect(later.map((r) => new URL(r.name).pathname).filter((p) => p !== '/auth/OktaVerify/ChallengePoll' && p !== '/auth/me')).to.deep.equal([]);
    const complete = recorder.of('okta-poll-complete');
    expect(complete).to.have.length(1);
    expect(complete[0].detail).to.deep.equal({ next: '/signed-in', status: 'Success' });
    expect(recorder.of('okta-error')).to.deep.equal([]);
    expectNoPassword(el, user.password);
  });

  it('alice: keyboard-only picker, TOTP code entry with a wrong code first', async () => {
    const { user, el } = await signedInAs('alice', 'AwaitingChallengeAuthenticatorSelection');

    const [first] = await pickerOptions(el);
    first.focus();
    await sendKeys({ press: 'ArrowDown' });
    await picker(el)!.updateComplete;
    const options = await pickerOptions(el);
    expect(options[1].getAttribute('aria-checked')).to.equal('true');
    await sendKeys({ press: 'Enter' });
    await untilStatus(el, 'AwaitingChallengeCode');
    expect(recorder.of('okta-authenticator-select')[0].detail.authenticator.methodType).to.equal('totp');
    const code = root(el).querySelector<HTMLInputElement>('input[autocomplete=one-time-code]');
    expect(code, 'a one-time-code field').to.exist;
    expect(root(el).querySelector(`label[for=${code!.id}]`)?.textContent?.trim()).to.equal('Code from Okta Verify');
    await expect(el).to.be.accessible();

    const { totp } = await device(user.username);
    const wrong = String((Number(totp!.code) + 1) % 1e6).padStart(6, '0');
    await typeInto(el, 'input[autocomplete=one-time-code]', wrong);
    await sendKeys({ press: 'Enter' });
    await waitFor(async () => recorder.of('okta-error').length > 0, 'okta-error');
    const [error] = recorder.of('okta-error');
    expect(error.detail.code).to.equal('invalid_code');
    await el.updateComplete;
    expect(errorShown(el)).to.equal(error.detail.message);
    expect(el.flowState.status).to.equal('AwaitingChallengeCode');
    await expect(el).to.be.accessible();

    const fresh = await device(user.username);
    await typeInto(el, 'input[autocomplete=one-time-code]', fresh.totp!.code);
    await sendKeys({ press: 'Enter' });
    await expectSignedIn(el, user.username);
    expectNoPassword(el, user.password);
  });

  it('bob: enrolls Okta Verify by scanning the QR code', async () => {
    const { user, el } = await signedInAs('bob', 'AwaitingAuthenticatorEnrollment');
    expect(title(el)).to.equal('Set up a security method');
    expect((await pickerOptions(el)).map((o) => o.textContent?.trim())).to.deep.equal(['Okta Verify']);
    expect(picker(el)!.shadowRoot!.querySelector('[part~=skip]'), 'a required enrollment has no skip').to.equal(null);
    await expect(el).to.be.accessible();

    await choose(el, /Okta Verify/);
    await untilStatus(el, 'AwaitingEnrollmentPoll');
    const img = root(el).querySelector<HTMLImageElement>('img[part~=qr]')!;
    expect(img.alt).to.equal('QR code to scan with Okta Verify');
    const [toQr] = recorder.of('okta-status-change').filter((e) => e.detail.status === 'AwaitingEnrollmentPoll');
    expect(toQr.detail.enrollment.channel).to.equal('qrcode');
    expect(toQr.detail.enrollment.qrCode).to.equal(img.getAttribute('src'));
    await expect(el).to.be.accessible();

    // Read as a phone camera would: jsQR on the image's pixels.
    await activate(await decodeQr(img.src));
    await expectSignedIn(el, user.username);
    expect((await device(user.username)).enrolled).to.equal(true);
    expect(recorder.of('okta-poll-complete')[0].detail).to.deep.equal({ next: '/signed-in', status: 'Success' });
  });

  it('bob: "set up another way", email link from the outbox', async () => {
    const { user, el } = await signedInAs('bob', 'AwaitingAuthenticatorEnrollment');
    await choose(el, /Okta Verify/);
    await untilStatus(el, 'AwaitingEnrollmentPoll');

    button(el, /set up another way/i).click();
    await untilStatus(el, 'AwaitingEnrollmentChannelSelection');
    const radios = [...root(el).querySelectorAll<HTMLInputElement>('input[type=radio][name=channel]')];
    expect(radios.map((r) => r.value).sort()).to.deep.equal(['email', 'qrcode', 'sms']);
    expect(root(el).querySelector('legend')?.textContent).to.equal('How do you want to set up Okta Verify?');
    await expect(el).to.be.accessible();

    radios.find((r) => r.value === 'email')!.click();
    button(el, /continue/i).click();
    await untilStatus(el, 'AwaitingEnrollmentChannelData');
    expect(root(el).querySelector('label[for=contact]')?.textContent?.trim()).to.equal('Email address');
    await expect(el).to.be.accessible();

    await typeInto(el, 'input[name=contact]', user.username);
    button(el, /send link/i).click();
    await untilStatus(el, 'AwaitingEnrollmentPoll');
    expect(title(el)).to.equal('Check your email');
    expect(root(el).querySelector('[part~=sent-to]')?.textContent).to.include('We sent a setup link');
    await expect(el).to.be.accessible();

    const message = await waitFor(async () => (await outbox()).find((m) => m.to === user.username), 'the email');
    expect(message.channel).to.equal('email');
    await activate(message.link);
    await expectSignedIn(el, user.username);
  });

  it('bob: SMS link from the outbox', async () => {
    const user = await newUser('bob');
    const phone = `+1555${String(Date.now()).slice(-7)}`;
    const el = await render();
    await signIn(el, user);
    await untilStatus(el, 'AwaitingAuthenticatorEnrollment');
    await choose(el, /Okta Verify/);
    await untilStatus(el, 'AwaitingEnrollmentPoll');
    button(el, /set up another way/i).click();
    await untilStatus(el, 'AwaitingEnrollmentChannelSelection');
    root(el).querySelector<HTMLInputElement>('input[name=channel][value=sms]')!.click();
    button(el, /continue/i).click();
    await untilStatus(el, 'AwaitingEnrollmentChannelData');
    expect(root(el).querySelector<HTMLInputElement>('input[name=contact]')!.type).to.equal('tel');
    await typeInto(el, 'input[name=contact]', phone);
    button(el, /send link/i).click();
    await untilStatus(el, 'AwaitingEnrollmentPoll');
    expect(title(el)).to.equal('Check your phone');
    const message = await waitFor(async () => (await outbox()).find((m) => m.to === phone), 'the SMS');
    await activate(message.link);
    await expectSignedIn(el, user.username);
  });

  it('carol: expired password, a mismatch caught on the page, then changed', async () => {
    const { user, el } = await signedInAs('carol', 'PasswordExpired');
    expect(title(el)).to.equal('Change your password');
    expect(root(el).querySelectorAll('input[autocomplete=new-password]')).to.have.length(2);
    await expect(el).to.be.accessible();

    const newPassword = `N3w-${Date.now()}-Pass!`;
    await typeInto(el, 'input[name=newPassword]', newPassword);
    await typeInto(el, 'input[name=confirmPassword]', `${newPassword}x`);
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(errorShown(el)).to.equal('The two passwords do not match.');
    expect(el.flowState.status).to.equal('PasswordExpired');
    await expect(el).to.be.accessible();

    await typeInto(el, 'input[name=newPassword]', newPassword);
    await typeInto(el, 'input[name=confirmPassword]', newPassword);
    await sendKeys({ press: 'Enter' });
    await expectSignedIn(el, user.username);
    expectNoPassword(el, newPassword);
    expectNoPassword(el, user.password);
  });

  it('dave: optional enrollment skipped', async () => {
    const { user, el } = await signedInAs('dave', 'AwaitingAuthenticatorEnrollment');
    const [toPicker] = recorder.of('okta-status-change').filter((e) => e.detail.status === 'AwaitingAuthenticatorEnrollment');
    expect(toPicker.detail.canSkip).to.equal(true);
    await expect(el).to.be.accessible();
    button(el, /skip for now/i, picker(el)!.shadowRoot!).click();
    await expectSignedIn(el, user.username);
    expect(recorder.of('okta-skip')).to.have.length(1);
    const [toSuccess] = recorder.of('okta-status-change').filter((e) => e.detail.status === 'Success');
    expect(toSuccess.detail.previousStatus).to.equal('AwaitingAuthenticatorEnrollment');
  });

  it('removed mid-poll, the element makes no more poll requests', async () => {
    performance.setResourceTimingBufferSize(100000);
    performance.clearResourceTimings();
    const { el } = await signedInAs('alice', 'AwaitingChallengeAuthenticatorSelection');
    await choose(el, /push/i);
    await untilStatus(el, 'AwaitingChallengePoll');
    await waitFor(async () => recorder.of('okta-poll').length >= 2, 'two polls');
    const polls = () => performance.getEntriesByType('resource').filter((r) => r.name.includes('/auth/OktaVerify/ChallengePoll')).length;
    el.remove();
    // A request in flight at removal is aborted; let its timing entry land before counting.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const atRemoval = polls();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(polls(), 'no poll after removal').to.equal(atRemoval);
    expect(recorder.of('okta-poll').length).to.be.at.most(atRemoval);
  });

  it('a wrong password: the message is shown, the form stays, the password field is emptied', async () => {
    const user = await newUser('alice');
    const el = await render();
    await signIn(el, { username: user.username, password: 'Wrong-Password-1' });
    await waitFor(async () => recorder.of('okta-error').length > 0, 'okta-error');
    const [error] = recorder.of('okta-error');
    // The element's sentence for Okta's message key (errors.E0000004), which the reference backend passes on.
    expect(error.detail).to.deep.equal({ code: 'invalid_credentials', message: 'Wrong username or password.', retryable: false });
    await el.updateComplete;
    expect(errorShown(el)).to.equal('Wrong username or password.');
    expect(el.flowState.status).to.equal('Idle');
    expect(control<HTMLInputElement>(el, 'input[autocomplete=username]')!.value).to.equal(user.username);
    expect(control<HTMLInputElement>(el, 'input[autocomplete=current-password]')!.value).to.equal('');
    await expect(el).to.be.accessible();
    expectNoPassword(el, 'Wrong-Password-1');
    expect((await me()).signedIn).to.equal(false);
  });

  it('a denied push: push_rejected is reported and shown, and the picker offers another method', async () => {
    const { user, el } = await signedInAs('alice', 'AwaitingChallengeAuthenticatorSelection');
    await choose(el, /push/i);
    await untilStatus(el, 'AwaitingChallengePoll');
    await waitFor(async () => (await device(user.username)).push, 'the push on the device');
    await answerPush(user.username, 'deny');
    await waitFor(async () => recorder.of('okta-error').length > 0, 'okta-error');
    const [error] = recorder.of('okta-error');
    expect(error.detail.code).to.equal('push_rejected');
    await untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
    await el.updateComplete;
    expect(errorShown(el)).to.equal(error.detail.message);
    expect(recorder.of('okta-error')).to.have.length(1);
    expect(recorder.of('okta-success')).to.deep.equal([]);
    await expect(el).to.be.accessible();
    expect((await me()).signedIn).to.equal(false);

    await choose(el, /code/i);
    await untilStatus(el, 'AwaitingChallengeCode');
    await typeInto(el, 'input[autocomplete=one-time-code]', (await device(user.username)).totp!.code);
    await sendKeys({ press: 'Enter' });
    await expectSignedIn(el, user.username);
  });

  it('start over mid-flow returns to the form and the backend forgets the transaction', async () => {
    const { el } = await signedInAs('bob', 'AwaitingAuthenticatorEnrollment');
    button(el, /start over/i).click();
    await untilStatus(el, 'Idle');
    expect(title(el)).to.equal('Sign in');
    // The sign-in form again, with what the org's form offers everyone ("Sign up", "Unlock account", its IdPs).
    const { links, idps, ...form } = await (await fetch('/auth/state')).json();
    expect(form).to.deep.equal({ status: 'Idle', canRecover: true });
    expect(links.map((l: { step: string }) => l.step)).to.deep.equal(['select-enroll-profile', 'unlock-account']);
    expect(idps.map((p: { name: string }) => p.name)).to.deep.equal(['Google', 'Microsoft', 'Acme Identity']);
  });

  it('a reload mid-flow resumes where the backend says the flow is', async () => {
    const user = await newUser('dave');
    const first = await render();
    await signIn(first, user);
    await untilStatus(first, 'AwaitingAuthenticatorEnrollment');
    first.remove();
    const el = await fixture<OktaSignin>(html`<okta-signin backend="/auth"></okta-signin>`);
    await untilStatus(el, 'AwaitingAuthenticatorEnrollment');
    expect((await pickerOptions(el)).map((o) => o.textContent?.trim())).to.deep.equal(['Okta Verify']);
  });
});
