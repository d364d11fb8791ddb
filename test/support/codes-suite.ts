/**
 * Email, Phone and Google Authenticator through `<okta-signin>`'s UI, end to end against the local org, in either
 * mode: typed and clicked as a person would, codes and links read from the org's outbox as from their phone or
 * mailbox. `codes-backend.test.ts` and `codes-idx.test.ts` run the same suite.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { TOTP } from 'otpauth';
import '../../src/elements/okta-signin/okta-signin.js';
import type { OktaSignin } from '../../src/elements/okta-signin/okta-signin.js';
import type { FlowStatus } from '../../src/core/types.js';
import { env, newUser, outbox, sleep, waitFor, type OutboxMessage } from './local-org.js';
import { control } from './fields.js';

type Mode = 'backend' | 'idx';
/** `codes`: codes may be sent again after a second; `strict`: codes live three seconds, resends wait a minute. */
type OrgKind = 'codes' | 'strict';

const ERIN_PHONE = '+15550100001';

const root = (el: OktaSignin) => el.shadowRoot!;
const text = (el: OktaSignin) => root(el).textContent?.replace(/\s+/g, ' ').trim() ?? '';
const errorShown = (el: OktaSignin) => root(el).querySelector('[role=alert]')?.textContent?.trim() ?? '';
const title = (el: OktaSignin) => root(el).querySelector('[part~=title]')?.textContent?.trim();
const part = <T extends Element = HTMLElement>(el: OktaSignin, name: string) => root(el).querySelector<T>(`[part~=${name}]`);

function untilStatus(el: OktaSignin, status: FlowStatus, timeoutMs = 20000): Promise<void> {
  return waitFor(async () => el.flowState.status === status, `status ${status} (at ${el.flowState.status}: ${errorShown(el)})`, timeoutMs).then(
    () => el.updateComplete.then(() => undefined),
  );
}

function recordEvents(el: OktaSignin) {
  const events: { type: string; detail: any }[] = [];
  for (const type of ['okta-error', 'okta-success', 'okta-status-change']) {
    el.addEventListener(type, (e) => {
      if (type === 'okta-success') e.preventDefault();
      events.push({ type, detail: (e as CustomEvent).detail });
    });
  }
  return { events, of: (type: string) => events.filter((e) => e.type === type).map((e) => e.detail) };
}

async function typeInto(el: OktaSignin, selector: string, value: string) {
  const input = control<HTMLInputElement>(el, selector);
  if (!input) throw new Error(`no ${selector} in: ${text(el)}`);
  input.focus();
  await sendKeys({ type: value });
}

function button(el: OktaSignin, label: RegExp, scope: ParentNode = root(el)): HTMLButtonElement {
  const found = [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) => label.test(b.textContent?.trim() ?? ''));
  if (!found) throw new Error(`no button ${label} in: ${text(el)}`);
  return found;
}

/** The "Send again" button, inside its own shadow root. */
function resendButton(el: OktaSignin): HTMLButtonElement | null {
  return root(el).querySelector('okta-resend-button')?.shadowRoot?.querySelector('button') ?? null;
}

async function pickerNames(el: OktaSignin): Promise<string[]> {
  const picker = root(el).querySelector('authenticator-picker') as (HTMLElement & { updateComplete: Promise<unknown> }) | null;
  if (!picker) throw new Error(`no picker in: ${text(el)}`);
  await picker.updateComplete;
  return [...picker.shadowRoot!.querySelectorAll('[role=radio]')].map((o) => o.textContent!.trim());
}

async function choose(el: OktaSignin, name: string) {
  const picker = root(el).querySelector('authenticator-picker') as HTMLElement & { updateComplete: Promise<unknown> };
  await picker.updateComplete;
  const option = [...picker.shadowRoot!.querySelectorAll<HTMLElement>('[role=radio]')].find((o) => o.textContent!.trim() === name);
  if (!option) throw new Error(`no option ${name} among ${(await pickerNames(el)).join(' | ')}`);
  option.click();
  await picker.updateComplete;
  button(el, /continue/i, picker.shadowRoot!).click();
}

/** The newest message to `to` by `channel` sent after `since`, from the org's outbox. */
async function newest(org: string, to: string, channel: OutboxMessage['channel'], since: string): Promise<OutboxMessage> {
  return waitFor(async () => (await outbox(org)).filter((m) => m.to === to && m.channel === channel && m.sentAt >= since).at(-1), `${channel} to ${to}`);
}

async function allSince(org: string, to: string, channel: OutboxMessage['channel'], since: string) {
  return (await outbox(org)).filter((m) => m.to === to && m.channel === channel && m.sentAt >= since);
}

/** Enters a code with the keyboard alone: Tab from the heading to the field, type, Enter. */
async function enterCode(el: OktaSignin, code: string) {
  part(el, 'title')!.focus();
  // Past whatever comes first (Google Authenticator's "Copy key").
  for (let i = 0; i < 4 && root(el).activeElement?.id !== 'code'; i++) await sendKeys({ press: 'Tab' });
  expect(root(el).activeElement?.id, 'Tab reaches the code field').to.equal('code');
  await sendKeys({ type: code });
  await sendKeys({ press: 'Enter' });
}

export function codesSuite(mode: Mode) {
  describe(`<okta-signin> (${mode} mode): Email, Phone and Google Authenticator`, function () {
    this.timeout(90000);

    async function orgOf(kind: OrgKind) {
      const e = await env();
      return kind === 'codes' ? e.codesOrigin : e.strictCodesOrigin;
    }

    async function render(kind: OrgKind = 'codes'): Promise<OktaSignin> {
      const e = await env();
      if (mode === 'backend') {
        // One cookie jar for every test: the sign-in a test left behind is cancelled, not resumed.
        const backend = kind === 'codes' ? e.codesBackend : e.strictCodesBackend;
        await fetch(`${backend}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      }
      const el =
        mode === 'backend'
          ? await fixture<OktaSignin>(html`<okta-signin
              backend=${kind === 'codes' ? e.codesBackend : e.strictCodesBackend}
              resend-delay="1"
              .navigate=${() => undefined}
            ></okta-signin>`)
          : await fixture<OktaSignin>(html`<okta-signin
              issuer=${kind === 'codes' ? e.codesIssuer : e.strictCodesIssuer}
              client-id=${e.spaClientId}
              redirect-uri=${e.redirectUri}
              resend-delay="1"
            ></okta-signin>`);
      await untilStatus(el, 'Idle');
      return el;
    }

    /** A new user of `template` in `kind`'s org, signed in with the password through the form. */
    async function signedIn(template: 'erin' | 'frank' | 'gina', kind: OrgKind = 'codes') {
      const org = await orgOf(kind);
      const user = await newUser(template, org);
      const el = await render(kind);
      const events = recordEvents(el);
      await typeInto(el, 'input[autocomplete=username]', user.username);
      await typeInto(el, 'input[autocomplete=current-password]', user.password);
      await sendKeys({ press: 'Enter' });
      await untilStatus(el, template === 'erin' ? 'AwaitingChallengeAuthenticatorSelection' : 'AwaitingAuthenticatorEnrollment');
      return { el, user, org, events };
    }

    it('erin: the picker names Email and Phone’s methods; the emailed code, typed with the keyboard, signs in', async () => {
      const { el, user, org, events } = await signedIn('erin');
      expect(await pickerNames(el)).to.deep.equal(['Email', 'Phone: get a text message', 'Phone: get a voice call']);
      const since = new Date().toISOString();
      await choose(el, 'Email');
      await untilStatus(el, 'AwaitingChallengeCode');
      expect(title(el)).to.equal('Check your email');
      expect(part(el, 'sent-to')!.textContent).to.match(/^We sent an email to e\*\*\*.@example\.com\. Enter the code from it, or open the link in the email\.$/);
      const input = root(el).querySelector<HTMLInputElement>('#code')!;
      expect(input.labels![0].textContent).to.equal('Code from the email');
      expect(input.autocomplete).to.equal('one-time-code');
      expect(input.inputMode).to.equal('numeric');
      const resend = resendButton(el)!;
      expect(resend.disabled, 'Send again waits').to.equal(true);
      expect(resend.textContent!.trim()).to.match(/^Send again in \d+ s$/);
      expect(button(el, /^Verify with something else$/)).to.exist;
      await expect(el).to.be.accessible();

      const { code } = await newest(org, user.username, 'email', since);
      await enterCode(el, code!);
      await untilStatus(el, 'Success');
      expect(events.of('okta-error')).to.deep.equal([]);
      expect(events.of('okta-success')).to.have.length(1);
    });

    it('erin: Phone by SMS; a wrong code is refused; Send again after its countdown texts a new code that signs in', async () => {
      const { el, org, events } = await signedIn('erin');
      const since = new Date().toISOString();
      await choose(el, 'Phone: get a text message');
      await untilStatus(el, 'AwaitingChallengeCode');
      expect(title(el)).to.equal('Check your phone');
      expect(part(el, 'sent-to')!.textContent).to.equal('We sent a code to +1 XXX-XXX-0001 by text message.');
      await expect(el).to.be.accessible();
      const first = await newest(org, ERIN_PHONE, 'sms', since);

      await enterCode(el, first.code === '000000' ? '111111' : '000000');
      await waitFor(async () => events.of('okta-error').length > 0, 'okta-error');
      const [error] = events.of('okta-error');
      expect(error.code).to.equal('invalid_code');
      expect(errorShown(el)).to.equal(error.message);
      expect(root(el).querySelector('#code')!.getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();

      await waitFor(async () => resendButton(el) && !resendButton(el)!.disabled, 'Send again enabled');
      expect(resendButton(el)!.textContent!.trim()).to.equal('Send again');
      resendButton(el)!.click();
      await waitFor(async () => (await allSince(org, ERIN_PHONE, 'sms', since)).length === 2, 'a second text');
      const status = root(el).querySelector('okta-resend-button')!.shadowRoot!.querySelector('[role=status]')!;
      await waitFor(async () => status.textContent === 'Sent again.', 'the polite "Sent again."');
      expect(resendButton(el)!.disabled, 'the countdown starts again').to.equal(true);
      const second = await newest(org, ERIN_PHONE, 'sms', since);
      await enterCode(el, second.code!);
      await untilStatus(el, 'Success');
    });

    it('erin: "Verify with something else" goes back to the picker without the password, then Phone by voice', async () => {
      const { el, org } = await signedIn('erin');
      await choose(el, 'Email');
      await untilStatus(el, 'AwaitingChallengeCode');
      button(el, /^Verify with something else$/).click();
      await untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
      expect(root(el).querySelector('input[type=password]'), 'no password again').to.equal(null);
      await expect(el).to.be.accessible();
      const since = new Date().toISOString();
      await choose(el, 'Phone: get a voice call');
      await untilStatus(el, 'AwaitingChallengeCode');
      expect(part(el, 'sent-to')!.textContent).to.equal('We are calling +1 XXX-XXX-0001 with a code.');
      const call = await newest(org, ERIN_PHONE, 'voice', since);
      await enterCode(el, call.code!);
      await untilStatus(el, 'Success');
    });

    it('erin: the email’s link opened in another page completes this page’s challenge, which keeps polling', async () => {
      const { el, user, org } = await signedIn('erin');
      const since = new Date().toISOString();
      await choose(el, 'Email');
      await untilStatus(el, 'AwaitingChallengeCode');
      const { link } = await newest(org, user.username, 'email', since);
      // The mailbox's page: another tab, with nothing of this page's sign-in. While it is in front, this page is
      // hidden and its polling pauses; the user then comes back to this tab.
      const other = window.open(link, '_blank');
      let frame: HTMLIFrameElement | undefined;
      if (other) {
        await sleep(2000);
        other.close();
      } else {
        frame = document.createElement('iframe');
        frame.src = link;
        document.body.append(frame);
      }
      try {
        await untilStatus(el, 'Success', 30000);
      } finally {
        frame?.remove();
      }
    });

    it('frank: Google Authenticator shows its QR code and its key in groups of four; a code from the key enrolls; used again it is refused', async () => {
      const { el, user } = await signedIn('frank');
      expect(await pickerNames(el)).to.deep.equal(['Google Authenticator']);
      await choose(el, 'Google Authenticator');
      await untilStatus(el, 'AwaitingEnrollmentCode');
      expect(title(el)).to.equal('Set up Google Authenticator');
      expect(part<HTMLImageElement>(el, 'qr')!.src).to.match(/^data:image\/png;base64,/);
      expect(part<HTMLImageElement>(el, 'qr')!.alt).to.equal('QR code to scan with Google Authenticator');
      const shown = part(el, 'secret')!.textContent!.trim();
      expect(shown).to.match(/^([A-Z2-7=]{4} )*[A-Z2-7=]{1,4}$/);
      expect(button(el, /^Copy key$/)).to.exist;
      expect(resendButton(el), 'nothing to send again').to.equal(null);
      await expect(el).to.be.accessible();

      // The user types the key into the app by hand.
      const app = new TOTP({ secret: shown.replace(/\s/g, '') });
      const code = app.generate();
      await enterCode(el, code);
      await untilStatus(el, 'Success');

      // Next sign-in: the code used to enroll is refused, the app's next one works.
      const again = await render();
      const events = recordEvents(again);
      await typeInto(again, 'input[autocomplete=username]', user.username);
      await typeInto(again, 'input[autocomplete=current-password]', user.password);
      await sendKeys({ press: 'Enter' });
      await untilStatus(again, 'AwaitingChallengeAuthenticatorSelection');
      await choose(again, 'Google Authenticator');
      await untilStatus(again, 'AwaitingChallengeCode');
      expect(title(again)).to.equal('Enter the code from Google Authenticator');
      expect(root(again).querySelector('#code')!.closest('form')!.querySelector('label')!.textContent).to.equal('Code from Google Authenticator');
      await expect(again).to.be.accessible();
      await enterCode(again, code);
      await waitFor(async () => events.of('okta-error').length > 0, 'okta-error');
      expect(events.of('okta-error')[0].code).to.equal('invalid_code');
      expect(again.flowState.status).to.equal('AwaitingChallengeCode');
      await enterCode(again, app.generate({ timestamp: Date.now() + 30000 }));
      await untilStatus(again, 'Success');
    });

    it('gina: an invalid phone number is refused; then Phone by SMS and Email, two enrollments in a row', async () => {
      const { el, user, org, events } = await signedIn('gina');
      expect(await pickerNames(el)).to.deep.equal(['Phone', 'Email']);
      await choose(el, 'Phone');
      await untilStatus(el, 'AwaitingEnrollmentData');
      expect(title(el)).to.equal('Set up phone');
      const number = root(el).querySelector<HTMLInputElement>('#phone-number')!;
      expect(number.type).to.equal('tel');
      expect(number.autocomplete).to.equal('tel');
      const radios = [...root(el).querySelectorAll<HTMLInputElement>('input[name=methodType]')];
      expect(radios.map((r) => r.labels![0].textContent!.trim())).to.deep.equal(['Text message (SMS)', 'Voice call']);
      expect(radios[0].checked).to.equal(true);
      for (const r of radios) expect(r.labels![0].getBoundingClientRect().height).to.be.at.least(44);
      expect(button(el, /^Set up something else$/)).to.exist;
      await expect(el).to.be.accessible();

      // Not a number at all: the site's server says so in backend mode; in IDX mode Okta does.
      await typeInto(el, '#phone-number', 'call me');
      await sendKeys({ press: 'Enter' });
      await waitFor(async () => events.of('okta-error').length > 0, 'okta-error');
      expect(events.of('okta-error')[0].code).to.equal('invalid_input');
      // IDX mode: Okta's key api.factors.error.sms.invalid_phone, worded by the element's table (oktaKeys).
      const invalidPhone = 'That phone number is not valid. Check it and try again.';
      expect(errorShown(el)).to.equal(mode === 'backend' ? 'Enter a valid phone number, for example +1 555 010 0100.' : invalidPhone);
      // A number Okta refuses: the table's sentence for Okta's key, which the site's server passes on in backend mode.
      number.value = '';
      await typeInto(el, '#phone-number', '+0 555 010 0001');
      await sendKeys({ press: 'Enter' });
      await waitFor(async () => events.of('okta-error').length > 1, 'okta-error');
      expect(events.of('okta-error')[1].code).to.equal('invalid_input');
      expect(errorShown(el)).to.equal(invalidPhone);
      expect(number.getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();

      const phone = `+1 555 010 ${String(1000 + Math.floor(Math.random() * 8999))}`;
      number.value = '';
      const since = new Date().toISOString();
      await typeInto(el, '#phone-number', phone);
      await sendKeys({ press: 'Enter' });
      await untilStatus(el, 'AwaitingEnrollmentCode');
      expect(title(el)).to.equal('Check your phone');
      expect(button(el, /^Set up something else$/)).to.exist;
      await expect(el).to.be.accessible();
      const sms = await newest(org, phone.replace(/\s/g, ''), 'sms', since);
      await enterCode(el, sms.code!);

      await untilStatus(el, 'AwaitingAuthenticatorEnrollment');
      expect(await pickerNames(el)).to.deep.equal(['Email']);
      await choose(el, 'Email');
      await untilStatus(el, 'AwaitingEnrollmentCode');
      expect(title(el)).to.equal('Check your email');
      await expect(el).to.be.accessible();
      const email = await newest(org, user.username, 'email', since);
      await enterCode(el, email.code!);
      await untilStatus(el, 'Success');
    });

    it('alice: the push view offers "Send push again" after its countdown and "Verify with something else"', async () => {
      const org = await orgOf('codes');
      const user = await newUser('alice', org);
      const el = await render();
      await typeInto(el, 'input[autocomplete=username]', user.username);
      await typeInto(el, 'input[autocomplete=current-password]', user.password);
      await sendKeys({ press: 'Enter' });
      await untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
      expect(await pickerNames(el)).to.include.members(['Okta Verify: get a push notification', 'Okta Verify: enter a code']);
      await choose(el, 'Okta Verify: get a push notification');
      await untilStatus(el, 'AwaitingChallengePoll');
      const pushOnDevice = async () =>
        (await (await fetch(`${org}/device/api/users/${encodeURIComponent(user.username)}`)).json()).push as { id: string } | null;
      const first = await waitFor(pushOnDevice, 'a push on the device');
      expect(resendButton(el)!.textContent!.trim()).to.match(/^Send again in \d+ s$/);
      await expect(el).to.be.accessible();
      await waitFor(async () => !resendButton(el)!.disabled, 'Send push again enabled');
      expect(resendButton(el)!.textContent!.trim()).to.equal('Send push again');
      resendButton(el)!.click();
      await waitFor(async () => (await pushOnDevice())?.id !== first.id, 'a new push');
      expect(el.flowState.status).to.equal('AwaitingChallengePoll');
      // The device may show the new push before the resend's answer is back: the view's buttons wait for that answer.
      await waitFor(async () => !button(el, /^Verify with something else$/).disabled, 'the resend answered');
      button(el, /^Verify with something else$/).click();
      await untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
      await choose(el, 'Okta Verify: enter a code');
      await untilStatus(el, 'AwaitingChallengeCode');
      expect(title(el)).to.equal('Enter a code');
      expect(root(el).querySelector('#code')!.closest('form')!.querySelector('label')!.textContent).to.equal('Code from Okta Verify');
      expect(button(el, /^Verify with something else$/)).to.exist;
      await expect(el).to.be.accessible();
    });

    it('an expired code is refused (codes that live three seconds)', async () => {
      const { el, user, org, events } = await signedIn('erin', 'strict');
      const since = new Date().toISOString();
      await choose(el, 'Email');
      await untilStatus(el, 'AwaitingChallengeCode');
      const { code } = await newest(org, user.username, 'email', since);
      await sleep(3500);
      await enterCode(el, code!);
      await waitFor(async () => events.of('okta-error').length > 0, 'okta-error');
      expect(events.of('okta-error')[0].code).to.equal('invalid_code');
      expect(el.flowState.status).to.equal('AwaitingChallengeCode');
      await expect(el).to.be.accessible();
    });

    it('Send again sooner than the org allows: "Too many attempts", and the code view stays', async () => {
      const { el, org, events } = await signedIn('erin', 'strict');
      const since = new Date().toISOString();
      await choose(el, 'Phone: get a text message');
      await untilStatus(el, 'AwaitingChallengeCode');
      await newest(org, ERIN_PHONE, 'sms', since);
      await waitFor(async () => resendButton(el) && !resendButton(el)!.disabled, 'Send again enabled');
      resendButton(el)!.click();
      await waitFor(async () => events.of('okta-error').length > 0, 'okta-error');
      const [error] = events.of('okta-error');
      expect(error.code).to.equal('rate_limited');
      expect(errorShown(el)).to.equal('Too many attempts. Wait a moment and try again.');
      expect(el.flowState.status).to.equal('AwaitingChallengeCode');
      expect((await allSince(org, ERIN_PHONE, 'sms', since)).length, 'nothing more was sent').to.equal(1);
      await expect(el).to.be.accessible();
    });
  });
}
