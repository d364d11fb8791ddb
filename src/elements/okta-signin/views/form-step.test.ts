// The generic step form of <okta-signin> (AwaitingInput) with a stub transport: what it shows for Okta's fields, what
// `proceed` gets, errors under their fields, the yes/no buttons, the new password's checks, links beside a step,
// and that no secret reaches an event.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../okta-signin.js';
import type { OktaSignin } from '../okta-signin.js';
import { FlowError, type FlowState, type FlowStatus, type FormValues, type Transport } from '../../../core/types.js';
import { stubTransport } from '../../../../test/support/stub-transport.js';
import { loadLanguage } from '../../shared/i18n.js';
// The later steps' English (Okta's keys of the step forms) before the first test.
import '../../shared/messages-steps.js';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel) as T;
const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const text = (el: Element, sel: string) => $(el, sel)?.textContent?.replace(/\s+/g, ' ').trim();
const byLabel = <T extends HTMLElement = HTMLInputElement>(el: Element, label: string) =>
  $$<HTMLLabelElement>(el, 'label').find((l) => l.textContent!.replace(/\s+/g, ' ').trim().startsWith(label))?.control as T;

type Proceeded = { step: string; values?: FormValues };

/** A transport whose transaction in progress is `state`; `proceed` records its input and answers with `next`. */
function at(state: FlowState, calls: Proceeded[], next: (input: Proceeded) => Promise<FlowState> = async () => ({ status: 'Success' })): Transport {
  return stubTransport({
    resume: async () => state,
    proceed: async (input) => {
      calls.push(structuredClone(input));
      return next(input);
    },
    skip: async () => ({ status: 'Success' }),
  });
}

async function shown(transport: Transport, status: FlowStatus, lang = 'en') {
  const el = await fixture<OktaSignin>(html`<okta-signin lang=${lang} .transport=${transport} .navigate=${() => {}}></okta-signin>`);
  await waitUntil(() => el.flowState.status === status && $(el, '[part~=title]'), `status ${status}`, { timeout: 6000 });
  await el.updateComplete;
  return el;
}

function record(el: OktaSignin, type: string): unknown[] {
  const seen: unknown[] = [];
  el.addEventListener(type, (e) => seen.push((e as CustomEvent).detail));
  return seen;
}

const type = (input: HTMLInputElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
};

const REGISTRATION: FlowState = {
  status: 'AwaitingInput',
  form: {
    step: 'enroll-profile',
    fields: [
      { name: 'userProfile.firstName', type: 'text', label: 'First name', required: true, maxLength: 50 },
      { name: 'userProfile.lastName', type: 'text', label: 'Last name', required: true },
      { name: 'userProfile.email', type: 'email', label: 'Email', required: true },
      { name: 'userProfile.favoriteColor', type: 'text', label: '<i>Favorite</i> color' },
      { name: 'credentials.passcode', type: 'password', label: 'Enter Password', required: true, secret: true },
    ],
  },
  passwordRules: { minLength: 8, minNumber: 1 },
  authenticator: { key: 'okta_password' },
};

describe('<okta-signin> step form', () => {
  it('registration: Okta\'s labels as text, autofill hints, the rules; proceed gets the values; no secret in any event', async () => {
    const calls: Proceeded[] = [];
    const el = await shown(at(REGISTRATION, calls), 'AwaitingInput');
    expect(text(el, '[part~=title]')).to.equal('Sign up');
    const first = byLabel(el, 'First name');
    expect(first.autocomplete).to.equal('given-name');
    expect(first.required).to.equal(true);
    expect(first.maxLength).to.equal(50);
    expect(byLabel(el, 'Last name').autocomplete).to.equal('family-name');
    expect(byLabel(el, 'Email').type).to.equal('email');
    expect(byLabel(el, 'Email').autocomplete).to.equal('email');
    const color = byLabel(el, '<i>Favorite</i> color');
    expect(color.required).to.equal(false);
    expect(color.labels![0].textContent!.replace(/\s+/g, ' ').trim()).to.equal('<i>Favorite</i> color (optional)');
    expect(el.shadowRoot!.querySelector('i'), 'a label is text, never markup').to.equal(null);
    const password = byLabel(el, 'Enter Password');
    expect(password.type).to.equal('password');
    expect(password.autocomplete).to.equal('new-password');
    expect(password.getAttribute('aria-describedby')).to.equal('error rules');
    expect($$(el, '[part~=rule]').map((r) => r.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal(['○ At least 8 characters: not yet', '○ Numbers: at least 1: not yet']);
    expect(byLabel(el, 'Confirm new password').autocomplete).to.equal('new-password');
    await expect(el).to.be.accessible();

    const changes = record(el, 'okta-status-change');
    type(first, ' Ann ');
    type(byLabel(el, 'Last name'), 'Lee');
    type(byLabel(el, 'Email'), 'ann@example.com');
    type(color, 'Teal');
    type(password, 'Secret-pass-1');
    const confirm = byLabel(el, 'Confirm new password');
    type(confirm, 'Secret-pass-1');
    await el.updateComplete;
    expect($$(el, '[part~=rule-met]')).to.have.length(2);
    $<HTMLButtonElement>(el, '[part~=submit]').click();
    await waitUntil(() => el.flowState.status === 'Success', 'success');
    expect(calls).to.deep.equal([
      {
        step: 'enroll-profile',
        values: {
          'userProfile.firstName': ' Ann ',
          'userProfile.lastName': 'Lee',
          'userProfile.email': 'ann@example.com',
          'userProfile.favoriteColor': 'Teal',
          'credentials.passcode': 'Secret-pass-1',
        },
      },
    ]);
    expect(password.value, 'the password leaves the field once sent').to.equal('');
    expect(confirm.value).to.equal('');
    expect(color.value, 'what is not secret stays, for a refusal to keep').to.equal('Teal');
    expect(JSON.stringify(changes)).not.to.include('Secret-pass-1');
  });

  it('okta-status-change carries the form (Okta\'s fields, never a typed value) and the links', async () => {
    const el = await fixture<OktaSignin>(html`<okta-signin .transport=${at(REGISTRATION, [])}></okta-signin>`);
    const { detail } = await oneEvent(el, 'okta-status-change');
    expect(detail.status).to.equal('AwaitingInput');
    expect(detail.form).to.deep.equal(REGISTRATION.form);
    expect(detail.passwordRules).to.deep.equal({ minLength: 8, minNumber: 1 });
  });

  it('Okta\'s refusal: each error under its field (in the element\'s words for its key), the alert, okta-error', async () => {
    const refusal = new FlowError('invalid_input', 'refused', {
      retryable: true,
      fields: [
        { name: 'userProfile.email', text: 'A user with this Email already exists', key: 'registration.error.notUniqueWithinOrg' },
        { name: 'userProfile.lastName', text: 'Last name is <b>weird</b>' },
      ],
    });
    const el = await shown(
      at(REGISTRATION, [], async () => {
        throw refusal;
      }),
      'AwaitingInput',
    );
    for (const [label, value] of [['First name', 'Ann'], ['Last name', 'Lee'], ['Email', 'taken@example.com'], ['Enter Password', 'Secret-pass-1'], ['Confirm new password', 'Secret-pass-1']]) {
      type(byLabel(el, label), value);
    }
    const failed = oneEvent(el, 'okta-error');
    $<HTMLButtonElement>(el, '[part~=submit]').click();
    const { detail } = await failed;
    await el.updateComplete;
    expect(detail).to.deep.equal({ code: 'invalid_input', message: 'Check what you entered and try again.', retryable: true });
    expect(text(el, '[role=alert]')).to.equal('Check what you entered and try again.');
    const email = byLabel(el, 'Email');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    const described = email.getAttribute('aria-describedby')!.split(' ');
    expect(described[0]).to.equal('error');
    expect(el.shadowRoot!.getElementById(described[1])!.textContent).to.equal('An account with this value already exists.');
    const last = byLabel(el, 'Last name');
    expect(el.shadowRoot!.getElementById(last.getAttribute('aria-describedby')!.split(' ')[1])!.textContent).to.equal('Last name is <b>weird</b>');
    expect(byLabel(el, 'First name').getAttribute('aria-invalid'), 'a field without an error').to.equal('false');
    expect(email.value, 'what was typed stays, but the password').to.equal('taken@example.com');
    await expect(el).to.be.accessible();
  });

  it('the security question: choose one, or write your own (its fields appear); the answer goes to proceed only', async () => {
    const questions = ['What is your favorite toy?', 'Where did you meet your spouse?', 'What was your first car?', 'Who is your hero?', 'What is your pet\'s name?'];
    const state: FlowState = {
      status: 'AwaitingInput',
      authenticator: { key: 'security_question' },
      canSkip: true,
      authenticators: [{ id: 'aut-email', key: 'okta_email', name: 'Email' }],
      form: {
        step: 'enroll-authenticator',
        fields: [
          {
            name: 'credentials',
            type: 'radio',
            required: true,
            value: '0',
            options: [
              {
                value: '0',
                label: 'Choose a security question',
                fields: [
                  { name: 'credentials.questionKey', type: 'select', label: 'Choose a security question', required: true, options: questions.map((q, i) => ({ value: `q${i}`, label: q })) },
                  { name: 'credentials.answer', type: 'password', label: 'Answer', required: true, secret: true },
                ],
              },
              {
                value: '1',
                label: 'Create my own security question',
                fields: [
                  { name: 'credentials.questionKey', type: 'text', required: true, value: 'custom', readOnly: true, hidden: true },
                  { name: 'credentials.question', type: 'text', label: 'Create a security question', required: true },
                  { name: 'credentials.answer', type: 'password', label: 'Answer', required: true, secret: true },
                ],
              },
            ],
          },
        ],
      },
    };
    const calls: Proceeded[] = [];
    const el = await shown(at(state, calls), 'AwaitingInput');
    expect(text(el, '[part~=title]')).to.equal('Set up a security question');
    expect($$(el, 'legend'), 'the ways Okta does not name get no heading made of the field\'s name').to.deep.equal([]);
    expect(text(el, '[part~=skip]')).to.equal('Skip for now');
    expect(text(el, '[part~=other-authenticator]')).to.equal('Set up something else');
    const own = $$<HTMLFieldSetElement>(el, 'fieldset[data-group]');
    expect(own.map((f) => f.hidden)).to.deep.equal([false, true]);
    expect(own.map((f) => getComputedStyle(f).display), 'the way not chosen is not on screen').to.deep.equal(['grid', 'none']);
    const select = $<HTMLSelectElement>(el, 'select');
    expect(select.labels[0].textContent!.trim()).to.equal('Choose a security question');
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['Choose…', ...questions]);
    await expect(el).to.be.accessible();

    $<HTMLInputElement>(el, 'input[type=radio][value="1"]').click();
    expect(own.map((f) => f.hidden)).to.deep.equal([true, false]);
    expect(own.map((f) => getComputedStyle(f).display)).to.deep.equal(['none', 'grid']);
    expect(own[0].disabled, 'the other way is not checked nor sent').to.equal(true);
    const mine = own[1];
    type(byLabel(el, 'Create a security question'), 'Name of my first teacher?');
    const answer = mine.querySelector<HTMLInputElement>('input[type=password]')!;
    expect(answer.autocomplete).to.equal('off');
    type(answer, 'Mrs Smith');
    await expect(el).to.be.accessible();
    const changes = record(el, 'okta-status-change');
    $<HTMLButtonElement>(el, '[part~=submit]').click();
    await waitUntil(() => calls.length === 1, 'proceed');
    expect(calls[0]).to.deep.equal({
      step: 'enroll-authenticator',
      values: { credentials: '1', 'credentials.question': 'Name of my first teacher?', 'credentials.answer': 'Mrs Smith' },
    });
    expect(answer.value).to.equal('');
    await waitUntil(() => el.flowState.status === 'Success', 'success');
    expect(JSON.stringify(changes)).not.to.include('Mrs Smith');
  });

  it('consent: the app and its scopes as text, Okta\'s two answers as buttons; "Don\'t Allow" sends consent false', async () => {
    const state: FlowState = {
      status: 'AwaitingInput',
      form: {
        step: 'consent',
        fields: [],
        choices: [
          { id: 'yes', label: 'Allow Access', values: { consent: true } },
          { id: 'no', label: "Don't Allow", values: { consent: false } },
        ],
        context: { app: '<b>Native</b> client', scopes: ['View your email', 'View your phone'] },
      },
    };
    const calls: Proceeded[] = [];
    const el = await shown(at(state, calls, async () => ({ status: 'Terminal', message: 'Operation cancelled by user.', messageKey: 'idx.operation.cancelled.by.user' })), 'AwaitingInput');
    expect(text(el, '[part~=title]')).to.equal('Allow access?');
    expect($$(el, '[part~=context]').map((p) => p.textContent)).to.deep.equal(['<b>Native</b> client is asking to access your account.', 'It will be able to:']);
    expect($$(el, '[part~=scopes] li').map((li) => li.textContent)).to.deep.equal(['View your email', 'View your phone']);
    expect($$(el, '[part~=choice]').map((b) => b.textContent!.trim())).to.deep.equal(['Allow Access', "Don't Allow"]);
    await expect(el).to.be.accessible();
    $$<HTMLButtonElement>(el, '[part~=choice]')[1].click();
    await waitUntil(() => el.flowState.status === 'Terminal', 'terminal');
    expect(calls).to.deep.equal([{ step: 'consent', values: { consent: false } }]);
    await el.updateComplete;
    expect(text(el, '[part~=message]'), 'the element\'s sentence for Okta\'s key').to.equal('The sign-in was cancelled.');
    await expect(el).to.be.accessible();
  });

  it('keep me signed in: yes or no in the element\'s words; granular consent sends the boxes with the answer', async () => {
    const calls: Proceeded[] = [];
    const kmsi: FlowState = {
      status: 'AwaitingInput',
      form: { step: 'keep-me-signed-in', fields: [], choices: [{ id: 'yes', values: { keepMeSignedIn: true } }, { id: 'no', values: { keepMeSignedIn: false } }] },
    };
    const el = await shown(at(kmsi, calls), 'AwaitingInput');
    expect(text(el, '[part~=title]')).to.equal('Stay signed in?');
    expect($$(el, '[part~=choice]').map((b) => b.textContent!.trim())).to.deep.equal(['Stay signed in', "Don't stay signed in"]);
    await expect(el).to.be.accessible();
    $$<HTMLButtonElement>(el, '[part~=choice]')[0].click();
    await waitUntil(() => calls.length === 1, 'proceed');
    expect(calls[0]).to.deep.equal({ step: 'keep-me-signed-in', values: { keepMeSignedIn: true } });

    const granular: FlowState = {
      status: 'AwaitingInput',
      form: {
        step: 'granular-consent',
        fields: [
          { name: 'optedScopes.openid', type: 'boolean', required: true, value: true, readOnly: true },
          { name: 'optedScopes.okta%2Eusers%2Eread', type: 'boolean', label: 'Read your profile', required: true, value: true },
        ],
        choices: [{ id: 'yes', values: { consent: true } }, { id: 'no', values: { consent: false } }],
      },
    };
    const g = await shown(at(granular, calls), 'AwaitingInput');
    const openid = byLabel(g, 'openid');
    expect([openid.checked, openid.disabled]).to.deep.equal([true, true]);
    byLabel(g, 'Read your profile').click();
    await expect(g).to.be.accessible();
    $$<HTMLButtonElement>(g, '[part~=choice]')[0].click();
    await waitUntil(() => calls.length === 2, 'proceed');
    expect(calls[1]).to.deep.equal({ step: 'granular-consent', values: { 'optedScopes.okta%2Eusers%2Eread': false, consent: true } });
  });

  it('the expiry warning: two passwords that differ are not sent; "Remind me later" skips', async () => {
    const state: FlowState = {
      status: 'AwaitingInput',
      canSkip: true,
      passwordRules: { minLength: 8 },
      authenticator: { key: 'okta_password' },
      message: 'When your password expires, you will have to change your password before you can login to your Acme account.',
      form: { step: 'reenroll-authenticator-warning', fields: [{ name: 'credentials.passcode', type: 'password', label: 'New password', secret: true }] },
    };
    const calls: Proceeded[] = [];
    const transport = at(state, calls);
    let skipped = 0;
    transport.skip = async () => {
      skipped++;
      return { status: 'Success' };
    };
    const el = await shown(transport, 'AwaitingInput');
    expect(text(el, '[part~=title]')).to.equal('Your password will expire soon');
    expect(text(el, '[part~=message]')).to.match(/^When your password expires/);
    type(byLabel(el, 'New password'), 'Secret-pass-1');
    type(byLabel(el, 'Confirm new password'), 'Secret-pass-2');
    $<HTMLButtonElement>(el, '[part~=submit]').click();
    await el.updateComplete;
    expect(text(el, '[role=alert]')).to.equal('The two passwords do not match.');
    expect(byLabel(el, 'Confirm new password').getAttribute('aria-invalid')).to.equal('true');
    expect(calls).to.deep.equal([]);
    await expect(el).to.be.accessible();
    expect(text(el, '[part~=skip]')).to.equal('Remind me later');
    $<HTMLButtonElement>(el, '[part~=skip]').click();
    await waitUntil(() => skipped === 1, 'skip');
  });

  it('"Sign up" and "Unlock account" on the sign-in form: a link proceeds with its step and no values', async () => {
    const calls: Proceeded[] = [];
    const idle: FlowState = {
      status: 'Idle',
      canRecover: true,
      links: [{ step: 'select-enroll-profile' }, { step: 'unlock-account' }, { step: 'other-step', label: 'Other way' }],
    };
    const transport = stubTransport({
      resume: async () => idle,
      proceed: async (input) => {
        calls.push(input);
        return { status: 'AwaitingInput', form: { step: 'unlock-account', fields: [{ name: 'identifier', type: 'text', label: 'Username', required: true }] } };
      },
    });
    const el = await fixture<OktaSignin>(html`<okta-signin .transport=${transport}></okta-signin>`);
    await waitUntil(() => $$(el, '[part~=link]').length === 3, 'the links');
    expect($$(el, '[part~=link]').map((b) => b.textContent!.trim())).to.deep.equal(['Sign up', 'Unlock account', 'Other way']);
    await expect(el).to.be.accessible();
    $$<HTMLButtonElement>(el, '[part~=link]')[1].click();
    await waitUntil(() => el.flowState.status === 'AwaitingInput' && $(el, '[part~=title]')?.textContent === 'Unlock your account', 'the unlock form');
    expect(calls).to.deep.equal([{ step: 'unlock-account' }]);
    expect(byLabel(el, 'Username').autocomplete).to.equal('username');
    expect(text(el, '[part~=help]')).to.equal('Enter your username. We will help you verify it is you and unlock your account.');
    await expect(el).to.be.accessible();
  });

  it('Okta FastPass where nothing else is offered: says it is not available here', async () => {
    const el = await fixture<OktaSignin>(
      html`<okta-signin
        .transport=${stubTransport({
          login: async () => {
            throw new FlowError('config', 'Okta FastPass is not available on this page', { reason: 'unsupported-step', key: 'signed_nonce' });
          },
        })}
      ></okta-signin>`,
    );
    await waitUntil(() => el.querySelector('input[name=username]'), 'the form');
    el.querySelector<HTMLInputElement>('input[name=username]')!.value = 'ann';
    el.querySelector<HTMLInputElement>('input[name=password]')!.value = 'pw';
    const failed = oneEvent(el, 'okta-error');
    el.querySelector<HTMLFormElement>('form[slot=credentials]')!.requestSubmit();
    const { detail } = await failed;
    expect(detail.message).to.equal('Okta FastPass is not available on this page. Sign in another way, or ask your administrator for help.');
  });

  it('Okta probing this device for Okta Verify: "Sign in another way" goes on without FastPass', async () => {
    const calls: Proceeded[] = [];
    const el = await shown(at({ status: 'AwaitingInput', form: { step: 'authenticatorChallenge-cancel', fields: [] } }, calls), 'AwaitingInput');
    expect(text(el, '[part~=title]')).to.equal('Sign in another way');
    expect(text(el, '[part~=help]')).to.equal('Okta FastPass is not available on this page. Continue to sign in another way.');
    await expect(el).to.be.accessible();
    $<HTMLButtonElement>(el, '[part~=submit]').click();
    await waitUntil(() => calls.length === 1, 'proceed');
    expect(calls).to.deep.equal([{ step: 'authenticatorChallenge-cancel', values: {} }]);
  });

  it('speaks the element\'s language; Okta\'s labels stay as Okta sent them', async () => {
    await loadLanguage('de');
    const el = await shown(at(REGISTRATION, []), 'AwaitingInput', 'de');
    await waitUntil(() => text(el, '[part~=title]') === 'Registrieren', 'German');
    expect(byLabel(el, 'First name')).to.not.equal(undefined);
    expect(text(el, '[part~=submit]')).to.equal('Registrieren');
    await expect(el).to.be.accessible();
  });
});
