// The code and phone views of <okta-signin> with a stub transport: the "Send again" countdown and its timer, the
// Google Authenticator key, the language, server text as text.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../okta-signin.js';
import type { OktaSignin } from '../okta-signin.js';
import type { AuthenticatorPicker } from '../../authenticator-picker/authenticator-picker.js';
import type { FlowState, FlowStatus, Transport } from '../../../core/types.js';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel) as T;
const resend = (el: OktaSignin) => $(el, 'okta-resend-button').shadowRoot!.querySelector('button')!;
const resendStatus = (el: OktaSignin) => $(el, 'okta-resend-button').shadowRoot!.querySelector('[role=status]')!;

/** A transport whose transaction in progress is `state`; `calls` records what was asked of it. */
function transportAt(state: FlowState, calls: string[] = [], next: () => FlowState = () => ({ ...state })): Transport {
  const answer = (name: string) => async (): Promise<FlowState> => {
    calls.push(name);
    return next();
  };
  return {
    kind: 'backend',
    resume: async () => state,
    login: answer('login'),
    selectAuthenticator: answer('selectAuthenticator'),
    selectEnrollmentChannel: answer('selectEnrollmentChannel'),
    sendEnrollmentChannelData: answer('sendEnrollmentChannelData'),
    verifyCode: answer('verifyCode'),
    changePassword: answer('changePassword'),
    verifyPassword: answer('verifyPassword'),
    sendEnrollmentData: answer('sendEnrollmentData'),
    resend: answer('resend'),
    recover: answer('recover'),
    verifyWebAuthn: answer('verifyWebAuthn'),
    skip: answer('skip'),
    proceed: answer('proceed'),
    cancel: async () => ({ status: 'Idle' }),
    poll: async () => ({ continuePolling: true, refresh: 60000 }),
  };
}

async function shown(transport: Transport, status: FlowStatus, attrs: { lang?: string; delay?: number } = {}) {
  const el = await fixture<OktaSignin>(
    html`<okta-signin lang=${attrs.lang ?? 'en'} resend-delay=${attrs.delay ?? 30} .transport=${transport}></okta-signin>`,
  );
  await waitUntil(() => el.flowState.status === status && el.shadowRoot!.querySelector('[part~=title]'), `status ${status}`, { timeout: 6000 });
  await el.updateComplete;
  return el;
}

const PHONE_CODE: FlowState = {
  status: 'AwaitingChallengeCode',
  authenticator: { key: 'phone_number', methodType: 'sms' },
  code: { sentTo: '+1 XXX-XXX-0001' },
  canResend: true,
  authenticators: [{ id: 'aut-email', key: 'okta_email', name: 'Email', methodType: 'email' }],
};

describe('<okta-signin> code views', () => {
  it('Send again: disabled with a countdown, no announcements while it counts, then one; a click sends once and counts again', async () => {
    const calls: string[] = [];
    const el = await shown(transportAt(PHONE_CODE, calls), 'AwaitingChallengeCode', { delay: 2 });
    expect(resend(el).disabled).to.equal(true);
    expect(resend(el).textContent!.trim()).to.equal('Send again in 2 s');
    expect(resendStatus(el).textContent).to.equal('');
    await expect(el).to.be.accessible();
    await waitUntil(() => resend(el).textContent!.trim() === 'Send again in 1 s', 'the countdown', { timeout: 3000 });
    expect(resendStatus(el).textContent, 'the countdown is not announced').to.equal('');
    await waitUntil(() => !resend(el).disabled, 'Send again enabled', { timeout: 3000 });
    expect(resend(el).textContent!.trim()).to.equal('Send again');
    expect(resendStatus(el).textContent).to.equal('You can send it again now.');
    resend(el).click();
    resend(el).click();
    await waitUntil(() => resendStatus(el).textContent === 'Sent again.', '"Sent again."', { timeout: 3000 });
    expect(calls).to.deep.equal(['resend']);
    expect(resend(el).disabled).to.equal(true);
    expect(resend(el).textContent!.trim()).to.equal('Send again in 2 s');
  });

  it('the countdown timer stops when the element leaves the page', async () => {
    const active = new Set<number>();
    const { setInterval: set, clearInterval: clear } = window;
    window.setInterval = ((fn: TimerHandler, ms?: number) => {
      const id = set(fn, ms);
      active.add(id);
      return id;
    }) as typeof window.setInterval;
    window.clearInterval = ((id?: number) => {
      active.delete(id!);
      clear(id);
    }) as typeof window.clearInterval;
    try {
      const el = await shown(transportAt(PHONE_CODE), 'AwaitingChallengeCode', { delay: 30 });
      expect(resend(el).disabled).to.equal(true);
      expect(active.size).to.equal(1);
      el.remove();
      expect(active.size).to.equal(0);
    } finally {
      window.setInterval = set;
      window.clearInterval = clear;
    }
  });

  it('Google Authenticator enrollment: the QR code, the key in groups of four, "Copy key" copies it without spaces', async () => {
    const state: FlowState = {
      status: 'AwaitingEnrollmentCode',
      authenticator: { key: 'google_otp', methodType: 'otp' },
      code: { qrCode: 'data:image/png;base64,iVBORw0KGgo=', secret: 'JBSWY3DPEHPK3PXPJBSW' },
    };
    const el = await shown(transportAt(state), 'AwaitingEnrollmentCode');
    expect($(el, '[part~=title]').textContent).to.equal('Set up Google Authenticator');
    expect($(el, '[part~=secret]').textContent).to.equal('JBSW Y3DP EHPK 3PXP JBSW');
    expect($(el, 'okta-resend-button')).to.equal(null);
    const copied: string[] = [];
    Object.defineProperty(navigator.clipboard, 'writeText', { configurable: true, value: async (t: string) => void copied.push(t) });
    try {
      $<HTMLButtonElement>(el, '[part~=copy]').click();
      await waitUntil(() => $(el, '[part~=secret-group] [role=status]').textContent === 'Key copied.', 'Key copied.');
      expect(copied).to.deep.equal(['JBSWY3DPEHPK3PXPJBSW']);
    } finally {
      delete (navigator.clipboard as unknown as Record<string, unknown>).writeText;
    }
    await expect(el).to.be.accessible();
  });

  it('speaks the element’s language: German code view and picker names from the keys', async () => {
    const el = await shown(
      transportAt({ ...PHONE_CODE, authenticators: [{ id: 'p', key: 'phone_number', name: 'Phone: SMS', methodType: 'sms' }] }),
      'AwaitingChallengeCode',
      { lang: 'de' },
    );
    await waitUntil(() => $(el, '[part~=title]').textContent === 'Prüfen Sie Ihr Telefon', 'German');
    expect($(el, '[part~=sent-to]').textContent).to.equal('Wir haben per SMS einen Code an +1 XXX-XXX-0001 gesendet.');
    expect($(el, '[part~=other-authenticator]').textContent!.trim()).to.equal('Mit etwas anderem bestätigen');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~=other-authenticator]').click();
    await waitUntil(() => el.flowState.status === 'AwaitingChallengeAuthenticatorSelection', 'the picker');
    await el.updateComplete;
    const picker = $<AuthenticatorPicker>(el, 'authenticator-picker');
    await picker.updateComplete;
    expect([...picker.shadowRoot!.querySelectorAll('[role=radio]')].map((r) => r.textContent!.trim())).to.deep.equal(['Telefon: SMS erhalten']);
  });

  it('renders where the code went as text, whatever the server sent', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const el = await shown(transportAt({ ...PHONE_CODE, code: { sentTo: hostile } }), 'AwaitingChallengeCode');
    expect($(el, '[part~=sent-to]').textContent).to.equal(`We sent a code to ${hostile} by text message.`);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('the phone view sends the number and the method chosen with the keyboard', async () => {
    const seen: unknown[] = [];
    const t = transportAt({ status: 'AwaitingEnrollmentData', authenticator: { key: 'phone_number' }, canSkip: true });
    t.sendEnrollmentData = async (input) => {
      seen.push(input);
      return { status: 'AwaitingEnrollmentCode', authenticator: { key: 'phone_number', methodType: input.methodType } };
    };
    const el = await shown(t, 'AwaitingEnrollmentData');
    expect($(el, '[part~=skip]').textContent!.trim()).to.equal('Skip for now');
    const number = $<HTMLInputElement>(el, '#phone-number');
    number.value = ' +1 555 010 0100 ';
    $<HTMLInputElement>(el, 'input[value=voice]').click();
    $<HTMLButtonElement>(el, '[part~=submit]').click();
    await waitUntil(() => el.flowState.status === 'AwaitingEnrollmentCode', 'the code view');
    expect(seen).to.deep.equal([{ phoneNumber: '+1 555 010 0100', methodType: 'voice' }]);
    await el.updateComplete;
    expect($(el, '[part~=title]').textContent).to.equal('Check your phone');
    expect($(el, '[part~=sent-to]').textContent).to.equal('We sent a code to your phone.');
  });
});
