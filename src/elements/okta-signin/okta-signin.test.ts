import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import './okta-signin.js';
import type { OktaSignin } from './okta-signin.js';
import type { AuthenticatorPicker } from '../authenticator-picker/authenticator-picker.js';
import { FlowError, type FlowState, type FlowStatus, type Transport } from '../../core/types.js';
import { stubTransport } from '../../../test/support/stub-transport.js';
import { control, lightForm } from '../../../test/support/fields.js';

const PASSWORD = 'correct-horse';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const newRun = () => `/hostile/flow/s${Math.random().toString(36).slice(2)}`;
const stats = async (base: string) =>
  (await (await fetch(`${base}/__stats`)).json()) as { requests: number; polls: number; csrf: string | null };

// The view's controls, or the sign-in form's in the element's light DOM (the default) while it shows.
const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => control<T>(el, sel) as T;
const alertText = (el: OktaSignin) => $(el, '[role=alert]').textContent!.trim();
const title = (el: OktaSignin) => $(el, '[part~=title]').textContent!.trim();

/** Records every okta-* event the element sends, with its detail. */
function record(el: HTMLElement) {
  const events: Array<{ type: string; detail: any; event: Event }> = [];
  for (const type of ['okta-status-change', 'okta-success', 'okta-error', 'okta-authenticator-select', 'okta-poll', 'okta-poll-complete']) {
    el.addEventListener(type, (e) => events.push({ type, detail: (e as CustomEvent).detail, event: e }));
  }
  return events;
}

async function mount(backend = newRun(), extra = '') {
  const went: string[] = [];
  const el = await fixture<OktaSignin>(
    html`<okta-signin backend=${backend} allowed-origins=${extra} .navigate=${(u: string) => went.push(u)}></okta-signin>`,
  );
  const events = record(el);
  await sleep(30); // the resume request
  await el.updateComplete;
  return { el, went, events, backend };
}

async function status(el: OktaSignin, s: FlowStatus) {
  await waitUntil(() => el.flowState.status === s, `status ${s}, still ${el.flowState.status}`, { timeout: 6000 });
  await el.updateComplete;
}

function fill(el: OktaSignin, values: Record<string, string>) {
  for (const [id, v] of Object.entries(values)) {
    const input = $<HTMLInputElement>(el, `#${id}`) ?? $<HTMLInputElement>(el, `input[name="${id}"]`);
    input.focus();
    input.value = v;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

async function submit(el: OktaSignin) {
  $<HTMLButtonElement>(el, '[part~=submit]').click();
  await el.updateComplete;
}

async function login(el: OktaSignin, username: string, password = PASSWORD) {
  fill(el, { username, password });
  await submit(el);
}


async function pick(el: OktaSignin, index: number) {
  const picker = $<AuthenticatorPicker>(el, 'authenticator-picker');
  await picker.updateComplete;
  picker.shadowRoot!.querySelectorAll<HTMLElement>('[role=radio]')[index].click();
  await picker.updateComplete;
  picker.shadowRoot!.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
}

describe('<okta-signin> credentials', () => {
  it('renders a labelled username and password form', async () => {
    const { el } = await mount();
    expect(title(el)).to.equal('Sign in');
    const user = $<HTMLInputElement>(el, '[name=username]');
    const pass = $<HTMLInputElement>(el, '[name=password]');
    expect(user.labels![0].textContent).to.equal('Username');
    expect(pass.labels![0].textContent).to.equal('Password');
    expect(user.autocomplete).to.equal('username');
    expect(pass.autocomplete).to.equal('current-password');
    expect(pass.type).to.equal('password');
    expect($(el, '[part~=cancel]')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('wrong password: shows the message, fires okta-error, keeps the username, clears the password', async () => {
    const { el, events } = await mount();
    await login(el, 'push', 'not-the-password');
    expect($<HTMLButtonElement>(el, '[part~=submit]').disabled).to.equal(true);
    expect($<HTMLInputElement>(el, '[name=password]').value).to.equal('');
    await waitUntil(() => alertText(el) !== '');
    expect(alertText(el)).to.equal('Unable to sign in: wrong username or password.');
    const err = events.find((e) => e.type === 'okta-error')!;
    expect(err.detail).to.deep.equal({ code: 'invalid_credentials', message: 'Unable to sign in: wrong username or password.', retryable: false });
    expect(err.event.bubbles && err.event.composed).to.equal(true);
    expect($<HTMLInputElement>(el, '[name=username]').value).to.equal('push');
    expect($<HTMLButtonElement>(el, '[part~=submit]').disabled).to.equal(false);
    expect(JSON.stringify(events.map((e) => e.detail))).not.to.contain('not-the-password');
    await expect(el).to.be.accessible();
  });

  const bad: Array<[string, string, string]> = [
    ['500', 'server', 'The server had a problem. Try again in a moment.'],
    ['malformed', 'malformed_response', 'The server sent an unexpected reply. Try again later.'],
    ['html', 'malformed_response', 'The server sent an unexpected reply. Try again later.'],
    ['network', 'network', 'The server could not be reached. Check your connection and try again.'],
    ['429', 'rate_limited', 'Too many attempts. Wait a moment and try again.'],
    ['401', 'session_expired', 'Your sign-in session expired. Sign in again.'],
    // The site's own reason, as text.
    ['denied', 'access_denied', '<b>Staff only:</b> this account cannot sign in here.'],
  ];
  for (const [kind, code, message] of bad) {
    it(`a ${kind} reply shows "${message}" and stays on the form`, async () => {
      const { el, events } = await mount(`/hostile/reply/${kind}`);
      await login(el, 'someone');
      await waitUntil(() => events.some((e) => e.type === 'okta-error'), 'no okta-error');
      await el.updateComplete;
      expect(events.find((e) => e.type === 'okta-error')!.detail.code).to.equal(code);
      expect(alertText(el)).to.equal(message);
      expect(el.flowState.status).to.equal('Idle');
      expect($<HTMLInputElement>(el, '[name=username]').value).to.equal('someone');
      expect(el.shadowRoot!.textContent).not.to.match(/NullReference|Secret|Proxy error/);
    });
  }

  it('sends the CSRF token on POST', async () => {
    const backend = newRun();
    const el = await fixture<OktaSignin>(html`<okta-signin backend=${backend} csrf-token="tok-9"></okta-signin>`);
    await login(el, 'push');
    await status(el, 'AwaitingChallengeAuthenticatorSelection');
    expect((await stats(backend)).csrf).to.equal('tok-9');
  });

  it('uses an endpoint override attribute', async () => {
    const el = await fixture<OktaSignin>(html`<okta-signin backend=${newRun()} login-endpoint="/hostile/reply/429"></okta-signin>`);
    const failed = oneEvent(el, 'okta-error');
    await login(el, 'push');
    expect((await failed).detail.code).to.equal('rate_limited');
  });

  it('reports a configuration error when neither or both modes are set', async () => {
    for (const tpl of [
      html`<okta-signin></okta-signin>`,
      html`<okta-signin backend="/auth" issuer="https://example.okta.com/oauth2/default"></okta-signin>`,
    ]) {
      const holder = document.createElement('div');
      const failed = oneEvent(holder, 'okta-error');
      const { render } = await import('lit');
      render(tpl, holder);
      document.body.append(holder);
      const ev = await failed;
      expect(ev.detail.code).to.equal('config');
      const el = holder.firstElementChild as OktaSignin;
      await el.updateComplete;
      expect(alertText(el)).to.match(/backend.*issuer/);
      holder.remove();
    }
  });
});

describe('<okta-signin> challenge', () => {
  it('push with number challenge: picker, number shown large and announced, poll, success and navigation', async () => {
    const { el, events, went } = await mount();
    await login(el, 'push');
    await status(el, 'AwaitingChallengeAuthenticatorSelection');
    const change = events.find((e) => e.type === 'okta-status-change')!;
    expect(change.detail.status).to.equal('AwaitingChallengeAuthenticatorSelection');
    expect(change.detail.previousStatus).to.equal('Idle');
    expect(change.detail.authenticators.map((a: { methodType?: string }) => a.methodType)).to.deep.equal(['push', 'totp', undefined]);
    expect(title(el)).to.equal("Verify it's you");
    expect(el.shadowRoot!.activeElement === $(el, '[part~=title]'), 'focus').to.equal(true);
    await expect(el).to.be.accessible();

    await pick(el, 0);
    await status(el, 'AwaitingChallengePoll');
    const selected = events.find((e) => e.type === 'okta-authenticator-select')!;
    expect(selected.detail.authenticator).to.deep.include({ id: 'aut-ov', methodType: 'push' });
    expect(title(el)).to.equal('Push notification sent');
    expect($(el, '[part~=number]').textContent).to.equal('42');
    expect($(el, '[aria-live]:not([role])').textContent!.trim()).to.equal('Push sent. Tap 42 in Okta Verify.');
    await expect(el).to.be.accessible();

    await status(el, 'Success');
    const polls = events.filter((e) => e.type === 'okta-poll').map((e) => e.detail);
    expect(polls).to.deep.equal([
      { continuePolling: true, refresh: 50 },
      { continuePolling: true, refresh: 50 },
      { continuePolling: false, refresh: null },
    ]);
    const complete = events.find((e) => e.type === 'okta-poll-complete')!;
    expect(complete.detail).to.deep.equal({ next: '/Home/Index', status: 'Success' });
    expect(complete.event.bubbles && complete.event.composed).to.equal(true);
    const success = events.find((e) => e.type === 'okta-success')!;
    expect(success.detail).to.deep.equal({ next: '/signed-in', tokens: undefined });
    expect(success.event.cancelable).to.equal(true);
    expect(went).to.deep.equal([`${location.origin}/signed-in`]);
    expect(title(el)).to.equal("You're signed in");
    await expect(el).to.be.accessible();
  });

  it('TOTP: numeric one-time-code field; wrong code, then the right one; preventDefault stops navigation', async () => {
    const { el, events, went } = await mount();
    el.addEventListener('okta-success', (e) => e.preventDefault());
    await login(el, 'totp');
    await status(el, 'AwaitingChallengeAuthenticatorSelection');
    await pick(el, 1);
    await status(el, 'AwaitingChallengeCode');
    const code = $<HTMLInputElement>(el, '#code');
    expect(code.inputMode).to.equal('numeric');
    expect(code.autocomplete).to.equal('one-time-code');
    expect(code.labels![0].textContent).to.equal('Code from Okta Verify');
    await expect(el).to.be.accessible();
    fill(el, { code: '000000' });
    await submit(el);
    await waitUntil(() => alertText(el) !== '');
    expect(alertText(el)).to.equal('That code is not right. Try again.');
    expect(el.flowState.status).to.equal('AwaitingChallengeCode');
    await expect(el).to.be.accessible();
    fill(el, { code: '123 456' });
    await submit(el);
    await status(el, 'Success');
    expect(events.find((e) => e.type === 'okta-success')!.event.defaultPrevented).to.equal(true);
    expect(went).to.deep.equal([]);
    expect(alertText(el)).to.equal('');
  });

  it('a wrong code marks the code field invalid and describes it by the error; controls are at least 44 px', async () => {
    const { el } = await mount();
    const field = (id: string) => $<HTMLInputElement>(el, `#${id}`) ?? $<HTMLInputElement>(el, `input[name=${id}]`);
    // The sign-in fields are described by the error text in their own tree (the light DOM's form).
    const user = field('username');
    expect((user.getRootNode() as Document).getElementById(user.getAttribute('aria-describedby')!)).to.not.equal(null);
    expect(field('password').getAttribute('aria-invalid')).to.equal('false');
    for (const control of [field('username'), field('password'), $(el, '[part~=submit]')]) {
      expect(control.getBoundingClientRect().height, control.id || 'submit').to.be.at.least(44);
    }
    await login(el, 'totp');
    await status(el, 'AwaitingChallengeAuthenticatorSelection');
    await pick(el, 1);
    await status(el, 'AwaitingChallengeCode');
    expect(field('code').getAttribute('aria-invalid')).to.equal('false');
    fill(el, { code: '000000' });
    await submit(el);
    await waitUntil(() => alertText(el) !== '');
    expect(field('code').getAttribute('aria-invalid')).to.equal('true');
    const describedBy = el.shadowRoot!.getElementById(field('code').getAttribute('aria-describedby')!)!;
    expect(describedBy.textContent!.trim()).to.equal('That code is not right. Try again.');
    await expect(el).to.be.accessible();
  });

  it('push denied: one okta-error and the message', async () => {
    const { el, events } = await mount();
    await login(el, 'push-denied');
    await status(el, 'AwaitingChallengeAuthenticatorSelection');
    await pick(el, 0);
    await waitUntil(() => alertText(el) !== '', 'no message', { timeout: 5000 });
    expect(alertText(el)).to.equal('The push notification was rejected.');
    await sleep(100);
    expect(events.filter((e) => e.type === 'okta-error').map((e) => e.detail.code)).to.deep.equal(['push_rejected']);
  });

  it('rides out a 503 and a 429 while polling', async () => {
    const { el, went } = await mount();
    await login(el, 'flaky');
    await status(el, 'AwaitingChallengeAuthenticatorSelection');
    await pick(el, 0);
    await status(el, 'AwaitingChallengePoll');
    await status(el, 'Success');
    expect(went).to.have.length(1);
  });

  it('an expired transaction goes back to the form with a message and the username', async () => {
    const { el, events } = await mount();
    await login(el, 'expire-later');
    await status(el, 'AwaitingChallengeAuthenticatorSelection');
    await pick(el, 0);
    await status(el, 'Idle');
    expect(alertText(el)).to.equal('Your sign-in session expired. Sign in again.');
    expect($<HTMLInputElement>(el, '[name=username]').value).to.equal('expire-later');
    expect(events.filter((e) => e.type === 'okta-error').map((e) => e.detail.code)).to.deep.equal(['session_expired']);
    await expect(el).to.be.accessible();
  });

  it('Start over cancels on the server and returns to the form', async () => {
    const { el, backend } = await mount();
    await login(el, 'push');
    await status(el, 'AwaitingChallengeAuthenticatorSelection');
    const cancel = $<HTMLButtonElement>(el, '[part~=cancel]');
    expect(cancel.textContent!.trim()).to.equal('Start over');
    cancel.click();
    await status(el, 'Idle');
    expect(await (await fetch(`${backend}/state`)).json()).to.deep.equal({ status: 'Idle' });
  });

  it('removal mid-poll stops every request', async () => {
    const { el, backend } = await mount();
    await login(el, 'push');
    await status(el, 'AwaitingChallengeAuthenticatorSelection');
    await fetch(`${backend}/__setup`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ continues: 1000, refresh: 30 }) });
    await pick(el, 0);
    await status(el, 'AwaitingChallengePoll');
    await waitUntil(async () => (await stats(backend)).polls >= 2);
    el.remove();
    await sleep(50);
    const before = (await stats(backend)).requests;
    await sleep(300);
    expect((await stats(backend)).requests).to.equal(before);
  });

  it('resumes a transaction in progress', async () => {
    const { el, backend } = await mount();
    await login(el, 'push');
    await status(el, 'AwaitingChallengeAuthenticatorSelection');
    el.remove();
    const outside = document.createElement('input');
    outside.setAttribute('aria-label', 'search');
    document.body.append(outside);
    outside.focus();
    const again = await fixture<OktaSignin>(html`<okta-signin backend=${backend}></okta-signin>`);
    await status(again, 'AwaitingChallengeAuthenticatorSelection');
    // The resumed view does not pull focus away from where the user is.
    expect(document.activeElement === outside, 'focus stays outside').to.equal(true);
    outside.remove();
  });
});

describe('<okta-signin> enrollment', () => {
  it('QR code, then "Can\'t scan?", email channel, check your email, success', async () => {
    const { el, events, went } = await mount();
    await login(el, 'enroll');
    await status(el, 'AwaitingAuthenticatorEnrollment');
    expect(title(el)).to.equal('Set up a security method');
    const picker = $<AuthenticatorPicker>(el, 'authenticator-picker');
    expect(picker.mode).to.equal('enroll');
    expect(picker.canSkip).to.equal(true);
    expect(events.at(-1)!.detail).to.deep.include({ status: 'AwaitingAuthenticatorEnrollment', canSkip: true });
    await pick(el, 0);
    await status(el, 'AwaitingEnrollmentPoll');
    const img = $<HTMLImageElement>(el, '[part~=qr]');
    expect(img.alt).to.equal('QR code to scan with Okta Verify');
    expect(img.src).to.match(/^data:image\/png;base64,/);
    expect(events.at(-1)!.detail.enrollment.channel).to.equal('qrcode');
    await expect(el).to.be.accessible();

    const other = $<HTMLButtonElement>(el, '[part~=other-way]');
    expect(other.textContent!.trim()).to.equal("Can't scan? Set up another way");
    other.click();
    await status(el, 'AwaitingEnrollmentChannelSelection');
    const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios.map((r) => r.labels![0].textContent!.trim())).to.deep.equal(['Scan a QR code', 'Email me a setup link', 'Text me a setup link']);
    expect($(el, 'legend').textContent).to.equal('How do you want to set up Okta Verify?');
    await expect(el).to.be.accessible();
    radios[1].click();
    await submit(el);
    await status(el, 'AwaitingEnrollmentChannelData');
    const contact = $<HTMLInputElement>(el, '#contact');
    expect(contact.type).to.equal('email');
    expect(contact.labels![0].textContent).to.equal('Email address');
    await expect(el).to.be.accessible();
    fill(el, { contact: 'not-an-email' });
    // The browser's own validation would stop this; the server's message is what matters here.
    $<HTMLFormElement>(el, 'form').noValidate = true;
    await submit(el);
    await waitUntil(() => alertText(el) === 'Enter a valid email address.');
    fill(el, { contact: 'bob@example.com' });
    await submit(el);
    await status(el, 'AwaitingEnrollmentPoll');
    expect(title(el)).to.equal('Check your email');
    expect($(el, '[part~=sent-to]').textContent).to.contain('bob@example.com');
    await expect(el).to.be.accessible();
    await status(el, 'Success');
    expect(went).to.have.length(1);
  });

  it('SMS channel asks for a phone number', async () => {
    const { el } = await mount();
    await login(el, 'enroll');
    await status(el, 'AwaitingAuthenticatorEnrollment');
    await pick(el, 0);
    await status(el, 'AwaitingEnrollmentPoll');
    $<HTMLButtonElement>(el, '[part~=other-way]').click();
    await status(el, 'AwaitingEnrollmentChannelSelection');
    el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]')[2].click();
    await submit(el);
    await status(el, 'AwaitingEnrollmentChannelData');
    const contact = $<HTMLInputElement>(el, '#contact');
    expect(contact.type).to.equal('tel');
    expect(contact.autocomplete).to.equal('tel');
    fill(el, { contact: '+1 555 0100' });
    await submit(el);
    await status(el, 'AwaitingEnrollmentPoll');
    expect(title(el)).to.equal('Check your phone');
  });

  it('skip', async () => {
    const { el, went } = await mount();
    await login(el, 'enroll');
    await status(el, 'AwaitingAuthenticatorEnrollment');
    const picker = $<AuthenticatorPicker>(el, 'authenticator-picker');
    picker.shadowRoot!.querySelector<HTMLButtonElement>('[part~=skip]')!.click();
    await status(el, 'Success');
    expect(went).to.deep.equal([`${location.origin}/signed-in`]);
  });
});

describe('<okta-signin> password change', () => {
  it('checks the two fields match before sending, then changes the password', async () => {
    const { el, backend, events } = await mount();
    await login(el, 'expired');
    await status(el, 'PasswordExpired');
    expect(title(el)).to.equal('Change your password');
    expect($(el, '[part~=message]').textContent).to.equal('Your password has expired.');
    expect($<HTMLInputElement>(el, '#new-password').autocomplete).to.equal('new-password');
    await expect(el).to.be.accessible();
    const before = (await stats(backend)).requests;
    fill(el, { 'new-password': 'a-new-secret-1', 'confirm-password': 'a-new-secret-2' });
    await submit(el);
    expect(alertText(el)).to.equal('The two passwords do not match.');
    expect($(el, '#confirm-password').getAttribute('aria-invalid')).to.equal('true');
    expect($<HTMLInputElement>(el, '#new-password').value).to.equal('');
    expect((await stats(backend)).requests).to.equal(before);
    await expect(el).to.be.accessible();
    fill(el, { 'new-password': 'short', 'confirm-password': 'short' });
    await submit(el);
    await waitUntil(() => alertText(el) === 'Password requirements were not met.');
    fill(el, { 'new-password': 'a-new-secret-1', 'confirm-password': 'a-new-secret-1' });
    await submit(el);
    await status(el, 'Success');
    expect(JSON.stringify(events.map((e) => e.detail))).not.to.match(/a-new-secret|short/);
  });
});

describe('<okta-signin> hostile servers', () => {
  it('renders hostile authenticator names and messages as text', async () => {
    const { el } = await mount();
    await login(el, 'hostile-names');
    await status(el, 'AwaitingChallengeAuthenticatorSelection');
    const picker = $<AuthenticatorPicker>(el, 'authenticator-picker');
    await picker.updateComplete;
    const names = [...picker.shadowRoot!.querySelectorAll('[role=radio]')].map((r) => r.textContent!.trim());
    expect(names[0]).to.equal('<img src=x onerror="window.__pwned=1">');
    expect($(el, '[part~=message]').textContent).to.equal('<img src=x onerror="window.__pwned=1">');
    expect(el.shadowRoot!.querySelector('img, script, svg')).to.equal(null);
    expect(picker.shadowRoot!.querySelector('img, script, svg')).to.equal(null);
    await sleep(50);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  for (const user of ['hostile-next', 'offsite-next']) {
    it(`does not follow the ${user} URL`, async () => {
      const { el, events, went } = await mount();
      await login(el, user);
      await status(el, 'Success');
      await waitUntil(() => events.some((e) => e.type === 'okta-error'));
      expect(events.find((e) => e.type === 'okta-success')).to.not.equal(undefined);
      expect(events.find((e) => e.type === 'okta-error')!.detail.code).to.equal('unsafe_navigation');
      expect(went).to.deep.equal([]);
      expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    });
  }

  it('follows an off-site URL that allowed-origins lists', async () => {
    const { el, went } = await mount(newRun(), 'https://evil.example');
    await login(el, 'offsite-next');
    await status(el, 'Success');
    expect(went).to.deep.equal(['https://evil.example/phish']);
  });
});

describe('<okta-signin> removal', () => {
  it('aborts the request in flight when removed', async () => {
    const signals: AbortSignal[] = [];
    const real = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      if (init?.signal) signals.push(init.signal);
      return real(input, init);
    };
    try {
      // A backend that never answers the login; GET /state answers (an action waits for the one under way).
      const el = await fixture<OktaSignin>(html`<okta-signin backend="/hostile/reply/slow" state-endpoint="/hostile/reply/401"></okta-signin>`);
      await sleep(30);
      await login(el, 'push');
      await waitUntil(() => signals.length === 2, 'no login request');
      expect(signals[1].aborted).to.equal(false);
      el.remove();
      expect(signals[1].aborted).to.equal(true);
    } finally {
      window.fetch = real;
    }
  });
});

describe('<okta-signin> transport property', () => {
  it('okta-status-change tells apps what the step is about, without a Google Authenticator secret', async () => {
    const enroll: FlowState = {
      status: 'AwaitingEnrollmentCode',
      authenticator: { key: 'google_otp' },
      code: { qrCode: 'data:image/png;base64,iVBORw0KGgo=', secret: 'JBSWY3DPEHPK3PXP' },
    };
    const email: FlowState = { status: 'AwaitingChallengeCode', authenticator: { key: 'okta_email' }, code: { sentTo: 'e***n@example.com' }, canResend: true };
    const answers = [enroll, email];
    const t = stubTransport({ login: async () => answers.shift()!, verifyCode: async () => answers.shift()! });
    const el = await fixture<OktaSignin>(html`<okta-signin .transport=${t}></okta-signin>`);
    const events = record(el);
    (await el.signInFlowReady)!.login({ username: 'frank@example.com', password: PASSWORD });
    await status(el, 'AwaitingEnrollmentCode');
    (await el.signInFlowReady)!.verifyCode('123456');
    await status(el, 'AwaitingChallengeCode');
    const [first, second] = events.filter((e) => e.type === 'okta-status-change').map((e) => e.detail);
    expect(first).to.deep.include({ status: 'AwaitingEnrollmentCode', previousStatus: 'Idle', authenticator: { key: 'google_otp' }, code: { sentTo: undefined } });
    expect(JSON.stringify(first)).not.to.include('JBSWY3DPEHPK3PXP');
    expect(JSON.stringify(first)).not.to.include('data:image');
    expect(second).to.deep.include({ authenticator: { key: 'okta_email' }, code: { sentTo: 'e***n@example.com' }, canResend: true });
  });

  it('drives any injected Transport and never passes the password anywhere but login', async () => {
    const seen: unknown[] = [];
    const t: Transport = {
      kind: 'backend',
      resume: async () => null,
      login: async (input) => {
        seen.push(input);
        return { status: 'AwaitingChallengeCode', challenge: { methodType: 'totp' } };
      },
      selectAuthenticator: async () => ({ status: 'Idle' }),
      selectEnrollmentChannel: async () => ({ status: 'Idle' }),
      sendEnrollmentChannelData: async () => ({ status: 'Idle' }),
      verifyCode: async (code) => ({ status: 'Success', tokens: { idToken: `id-${code}` } }),
      changePassword: async () => ({ status: 'Idle' }),
      verifyPassword: async () => ({ status: 'Idle' }),
      sendEnrollmentData: async () => ({ status: 'Idle' }),
      resend: async () => ({ status: 'Idle' }),
      recover: async () => ({ status: 'Idle' }),
      verifyWebAuthn: async () => ({ status: 'Idle' }),
      skip: async () => ({ status: 'Idle' }),
      proceed: async () => ({ status: 'Idle' }),
      cancel: async () => ({ status: 'Idle' }),
      poll: async () => ({ continuePolling: false, refresh: null }),
    };
    const el = await fixture<OktaSignin>(html`<okta-signin .transport=${t}></okta-signin>`);
    await login(el, 'ann', 'pw-1');
    await status(el, 'AwaitingChallengeCode');
    expect(seen).to.deep.equal([{ username: 'ann', password: 'pw-1' }]);
    const success = oneEvent(el, 'okta-success');
    fill(el, { code: '123456' });
    await submit(el);
    expect((await success).detail).to.deep.equal({ next: undefined, tokens: { idToken: 'id-123456' } });
  });
});

describe('<okta-signin> touch targets', () => {
  it('each channel choice is a label at least 44 px tall around a radio of its native size', async () => {
    const state: FlowState = { status: 'AwaitingEnrollmentChannelSelection', enrollment: { channel: 'qrcode', channels: ['qrcode', 'email', 'sms'] } };
    const t = stubTransport({ resume: async () => state });
    const el = await fixture<OktaSignin>(html`<okta-signin .transport=${t}></okta-signin>`);
    await status(el, 'AwaitingEnrollmentChannelSelection');
    const labels = [...el.shadowRoot!.querySelectorAll<HTMLLabelElement>('[part~=channel]')];
    expect(labels).to.have.length(3);
    for (const label of labels) {
      expect(label.getBoundingClientRect().height, label.textContent!).to.be.at.least(44);
      expect(label.querySelector('input')!.getBoundingClientRect().height).to.be.below(30);
    }
    await expect(el).to.be.accessible();
  });
});

describe("<okta-signin> with the page's own sign-in form", () => {
  // The markup the README gives: fields the page renders itself, usable before the script has loaded.
  const pageForm = () => html`<form slot="credentials" method="dialog">
    <label for="page-username">Email</label>
    <input id="page-username" name="username" autocomplete="username" required />
    <label for="page-password">Password</label>
    <input id="page-password" name="password" type="password" autocomplete="current-password" required />
    <button>Sign in</button>
  </form>`;

  const recordingTransport = (seen: unknown[], answer: () => Promise<FlowState>) =>
    stubTransport({
      login: async (input) => {
        seen.push(input);
        return answer();
      },
    });

  it('signs in with the fields found in the page; the password leaves the field once sent', async () => {
    const seen: unknown[] = [];
    let release!: () => void;
    const t = recordingTransport(seen, () => new Promise<FlowState>((r) => (release = () => r({ status: 'AwaitingChallengeCode', challenge: { methodType: 'totp' } }))));
    const el = await fixture<OktaSignin>(html`<okta-signin .transport=${t}>${pageForm()}</okta-signin>`);
    expect(title(el)).to.equal('Sign in');
    expect(el.shadowRoot!.querySelector('input'), 'no second form of its own').to.equal(null);
    expect(el.querySelectorAll('form'), 'nor one in the light DOM').to.have.length(1);
    expect(lightForm(el)!.hasAttribute('data-okta-signin-fields')).to.equal(false);
    await expect(el).to.be.accessible();

    const username = document.querySelector<HTMLInputElement>('#page-username')!;
    const password = document.querySelector<HTMLInputElement>('#page-password')!;
    const button = document.querySelector<HTMLButtonElement>('form[slot=credentials] button')!;
    expect(username.getRootNode()).to.equal(document);
    username.value = 'ann@example.com';
    password.value = 'pw-page-1';
    button.click();
    await el.updateComplete;
    expect(seen).to.deep.equal([{ username: 'ann@example.com', password: 'pw-page-1' }]);
    expect(password.value).to.equal('');
    expect(button.disabled, 'busy while the request runs').to.equal(true);
    release();
    await status(el, 'AwaitingChallengeCode');
    expect(button.disabled).to.equal(false);
    // The page's form is not shown outside the sign-in step.
    expect(document.querySelector<HTMLFormElement>('form[slot=credentials]')!.assignedSlot).to.equal(null);
    expect(location.href).not.to.include('pw-page-1');
  });

  it('Enter in the password field submits; a wrong password keeps the username and marks the page fields invalid', async () => {
    const seen: unknown[] = [];
    const t = recordingTransport(seen, () => Promise.reject(new FlowError('invalid_credentials', 'bad', { status: 401 })));
    const el = await fixture<OktaSignin>(html`<okta-signin .transport=${t}>${pageForm()}</okta-signin>`);
    const form = document.querySelector<HTMLFormElement>('form[slot=credentials]')!;
    const fields = [...form.querySelectorAll('input')];
    expect(fields.map((f) => f.getAttribute('aria-invalid')), 'the page markup as it was').to.deep.equal([null, null]);
    const markup = form.innerHTML;
    document.querySelector<HTMLInputElement>('#page-username')!.value = 'bo';
    document.querySelector<HTMLInputElement>('#page-password')!.value = 'nope';
    form.requestSubmit();
    await waitUntil(() => alertText(el) !== '');
    await el.updateComplete;
    expect(alertText(el)).to.equal('Wrong username or password.');
    expect(document.querySelector<HTMLInputElement>('#page-username')!.value).to.equal('bo');
    expect(el.flowState.status).to.equal('Idle');
    expect(fields.map((f) => f.getAttribute('aria-invalid')), 'the error is about them').to.deep.equal(['true', 'true']);
    expect(form.innerHTML.replace(/ aria-invalid="\w+"/g, ''), 'no node of the page changed but that attribute').to.equal(markup);
    await expect(el).to.be.accessible();
    // An error that is not about what was typed leaves them valid.
    t.login = () => Promise.reject(new FlowError('network', 'down', { retryable: true }));
    document.querySelector<HTMLInputElement>('#page-password')!.value = 'again';
    form.requestSubmit();
    await waitUntil(() => alertText(el) !== 'Wrong username or password.');
    await el.updateComplete;
    expect(fields.map((f) => f.getAttribute('aria-invalid'))).to.deep.equal([null, null]);
    expect(form.innerHTML, 'the page markup as it was').to.equal(markup);
  });

  it('the same markup sends nothing anywhere before the element has loaded (method="dialog")', async () => {
    const holder = await fixture<HTMLDivElement>(html`<div>${pageForm()}</div>`);
    const form = holder.querySelector('form')!;
    holder.querySelector<HTMLInputElement>('[name=username]')!.value = 'ann';
    holder.querySelector<HTMLInputElement>('[name=password]')!.value = 'pw-before';
    let submitted = 0;
    form.addEventListener('submit', () => submitted++);
    form.querySelector('button')!.click();
    await sleep(50);
    expect(submitted).to.equal(1);
    expect(location.href).not.to.include('pw-before');
  });
});
