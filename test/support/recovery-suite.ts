/**
 * The password and recovery views end to end against the local org, the same for both modes: the file of each mode
 * says how to make the element (`backend` or `issuer`) and how to start each test from nothing.
 */
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../../src/elements/okta-signin/okta-signin.js';
import type { OktaSignin } from '../../src/elements/okta-signin/okta-signin.js';
import { control } from './fields.js';
import {
  button,
  choose,
  emailedCode,
  errorShown,
  field,
  newUser,
  messagesTo,
  pickerNames,
  recordEvents,
  root,
  signIn,
  text,
  title,
  typeInto,
  untilShown,
  untilStatus,
} from './recovery-ui.js';
import { waitFor } from './local-org.js';

export interface RecoveryMode {
  /** The element, on the identifier-first client or the usual one, with `username` set or not. */
  template(options: { idFirst?: boolean; username?: string }): Promise<TemplateResult>;
  /** Leaves nothing behind from the test before (backend mode: one cookie jar for every test). */
  reset?(): Promise<void>;
}

const WRONG = 'Wrong-passw0rd';

export function recoverySuite(mode: RecoveryMode) {
  let el: OktaSignin;
  let recorder: ReturnType<typeof recordEvents>;

  async function render(options: { idFirst?: boolean; username?: string } = {}) {
    el = await fixture<OktaSignin>(await mode.template(options));
    recorder = recordEvents(el);
    await untilStatus(el, 'Idle');
    return el;
  }

  /** "Forgot password?" once the org's offer of it has arrived. */
  const forgot = async () => {
    await untilShown(el, '[part~=forgot]');
    return button(el, /forgot password/i);
  };

  beforeEach(async () => mode.reset?.());
  afterEach(async () => mode.reset?.());

  it('hank through identifier first: username and password in one form, then an Email code signs in', async () => {
    const hank = await newUser('hank');
    await render({ idFirst: true });
    await signIn(el, hank);
    await untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
    expect(await pickerNames(el)).to.deep.equal(['Email']);
    expect(recorder.of('okta-error')).to.deep.equal([]);
    await expect(el).to.be.accessible();
    const since = new Date().toISOString();
    await choose(el, /Email/);
    await untilStatus(el, 'AwaitingChallengeCode');
    await typeInto(el, '#code', await emailedCode(hank.username, since));
    await sendKeys({ press: 'Enter' });
    await untilStatus(el, 'Success');
    expect(recorder.of('okta-success')).to.have.length(1);
  });

  it('hank forgets his password: username, Email code, a weak password refused with the org\'s reason and the rules shown, then signed in', async () => {
    const hank = await newUser('hank');
    const NEW = 'Recovered-2-Passw0rd';
    await render();
    (await forgot()).click();
    await untilStatus(el, 'AwaitingRecoveryIdentifier');
    await typeInto(el, 'input[name=username]', hank.username);
    await sendKeys({ press: 'Enter' });
    await untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
    const since = new Date().toISOString();
    await choose(el, /Email/);
    await untilStatus(el, 'AwaitingChallengeCode');
    await typeInto(el, '#code', await emailedCode(hank.username, since));
    await sendKeys({ press: 'Enter' });
    await untilStatus(el, 'AwaitingPasswordReset');
    await untilShown(el, 'form[part~=password-reset] [part~=rules]');
    expect(title(el)).to.equal('Choose a new password');
    expect(text(el)).to.include('Your password must have:');
    expect(text(el)).to.include('At least 8 characters');
    expect(field(el, '#new-password')!.getAttribute('aria-describedby')).to.equal('error rules');
    await expect(el).to.be.accessible();

    await typeInto(el, '#new-password', 'short');
    await typeInto(el, '#confirm-password', 'short');
    await sendKeys({ press: 'Enter' });
    await waitFor(async () => recorder.of('okta-error').length > 0, 'okta-error');
    expect(recorder.of('okta-error')[0].code).to.equal('invalid_input');
    // The sentence for Okta's key password.passwordRequirementsNotMet, in both modes; the checklist says which rule.
    expect(errorShown(el)).to.equal('The new password does not meet the password rules.');
    expect(el.flowState.status).to.equal('AwaitingPasswordReset');
    expect(text(el)).to.include('At least 8 characters');
    expect(field(el, '#new-password')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();

    await typeInto(el, '#new-password', NEW);
    expect(root(el).querySelector('[part~=rules-summary]')!.textContent!.trim()).to.equal('5 of 5 requirements met');
    await typeInto(el, '#confirm-password', NEW);
    await sendKeys({ press: 'Enter' });
    await untilStatus(el, 'Success');
    expect(recorder.of('okta-success')).to.have.length(1);
    const said = JSON.stringify(recorder.events);
    for (const secret of ['short', NEW, hank.password]) expect(said).not.to.include(secret);
  });

  it('a wrong password through identifier first asks for the password on its own; refused again, then accepted', async () => {
    const hank = await newUser('hank');
    await render({ idFirst: true });
    await signIn(el, { username: hank.username, password: WRONG });
    await untilStatus(el, 'AwaitingPassword');
    await untilShown(el, 'form[part~=password-only]');
    expect(title(el)).to.equal('Enter your password');
    expect(text(el)).to.include(hank.username);
    expect(errorShown(el)).to.match(/password/i);
    expect(recorder.of('okta-error').map((d) => d.code)).to.deep.equal(['invalid_credentials']);
    const input = field(el, 'input[name=password]')!;
    expect(input.getAttribute('autocomplete')).to.equal('current-password');
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.value).to.equal('');
    expect(button(el, /forgot password/i)).to.exist;
    await expect(el).to.be.accessible();

    await typeInto(el, 'input[name=password]', WRONG);
    await sendKeys({ press: 'Enter' });
    await waitFor(async () => recorder.of('okta-error').length === 2, 'a second okta-error');
    expect(el.flowState.status).to.equal('AwaitingPassword');
    expect(recorder.of('okta-error')[1].code).to.equal('invalid_credentials');
    expect(errorShown(el)).to.match(/password/i);

    await typeInto(el, 'input[name=password]', hank.password);
    await sendKeys({ press: 'Enter' });
    await untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
    expect(await pickerNames(el)).to.deep.equal(['Email']);
    const said = JSON.stringify(recorder.events);
    expect(said).not.to.include(WRONG);
    expect(said).not.to.include(hank.password);
  });

  it('"Forgot password?" on the password asked on its own goes to the recovery authenticators', async () => {
    const hank = await newUser('hank');
    await render({ idFirst: true });
    await signIn(el, { username: hank.username, password: WRONG });
    await untilStatus(el, 'AwaitingPassword');
    (await forgot()).click();
    await untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
    expect(await pickerNames(el)).to.deep.equal(['Email']);
  });

  it('"Forgot password?" from the sign-in form keeps the username typed; the recovery authenticators follow', async () => {
    const hank = await newUser('hank');
    await render();
    await typeInto(el, 'input[autocomplete=username]', hank.username);
    (await forgot()).click();
    await untilStatus(el, 'AwaitingRecoveryIdentifier');
    const input = (await untilShown(el, 'form[part~=recovery] input[name=username]')) as HTMLInputElement;
    expect(title(el)).to.equal('Reset your password');
    expect(input.value).to.equal(hank.username);
    expect(input.getAttribute('autocomplete')).to.equal('username');
    await expect(el).to.be.accessible();
    input.focus();
    await sendKeys({ press: 'Enter' });
    await untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
    expect(await pickerNames(el)).to.deep.equal(['Email']);
    await expect(el).to.be.accessible();
    expect(recorder.of('okta-error')).to.deep.equal([]);
  });

  it('an unknown user gets the same screens as a known one, and nothing is sent to them', async () => {
    const hank = await newUser('hank');
    const stranger = `nobody-${Date.now()}@example.com`;
    const screens: string[][] = [];
    for (const username of [hank.username, stranger]) {
      await mode.reset?.();
      await render();
      (await forgot()).click();
      await untilStatus(el, 'AwaitingRecoveryIdentifier');
      await typeInto(el, 'input[name=username]', username);
      const asked = text(el).replace(username, '');
      await sendKeys({ press: 'Enter' });
      await untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
      screens.push([asked, ...(await pickerNames(el)), text(el)]);
      expect(recorder.of('okta-error')).to.deep.equal([]);
      el.remove();
    }
    expect(screens[1]).to.deep.equal(screens[0]);
    expect(await messagesTo(stranger)).to.deep.equal([]);
  });

  it('the show-password toggle works from the keyboard, never submits and keeps focus', async () => {
    await render();
    await forgot();
    const changes = recorder.of('okta-status-change').length;
    await typeInto(el, 'input[autocomplete=current-password]', 'not-sent-1');
    const input = field(el, 'input[name=password]')!;
    const toggle = control<HTMLButtonElement>(el, `[part~=reveal][aria-controls="${input.id}"]`)!;
    // The sign-in form is in the light DOM by default: focus is the document's there.
    const focused = () => (input.getRootNode() as Document | ShadowRoot).activeElement;
    expect(toggle.getAttribute('type')).to.equal('button');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(toggle.textContent!.trim()).to.equal('Show password');
    await sendKeys({ press: 'Tab' });
    expect(focused()).to.equal(toggle);
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    expect(toggle.textContent!.trim()).to.equal('Hide password');
    expect(input.type).to.equal('text');
    expect(input.value).to.equal('not-sent-1');
    expect(focused()).to.equal(toggle);
    await expect(el).to.be.accessible();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(input.type).to.equal('password');
    expect(focused()).to.equal(toggle);
    expect(el.flowState.status).to.equal('Idle');
    expect(el.signInFlow?.pending).to.equal(false);
    expect(recorder.of('okta-error')).to.deep.equal([]);
    expect(recorder.of('okta-status-change').length).to.equal(changes);
  });

  it('the username attribute fills the sign-in form and the recovery form', async () => {
    await render({ username: 'given@example.com' });
    expect(field(el, 'input[name=username]')!.value).to.equal('given@example.com');
    (await forgot()).click();
    await untilStatus(el, 'AwaitingRecoveryIdentifier');
    const input = (await untilShown(el, 'form[part~=recovery] input[name=username]')) as HTMLInputElement;
    expect(input.value).to.equal('given@example.com');
  });

  it('carol: the expired password view lists the rules and checks them while typing; mismatch and a weak password refused', async () => {
    const carol = await newUser('carol');
    await render();
    await signIn(el, carol);
    await untilStatus(el, 'PasswordExpired');
    await untilShown(el, '[part~=rules]');
    const items = () => [...root(el).querySelectorAll('[part~=rule]')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(items()).to.deep.equal([
      '○ At least 8 characters: not yet',
      '○ Lowercase letters: at least 1: not yet',
      '○ Uppercase letters: at least 1: not yet',
      '○ Numbers: at least 1: not yet',
      '○ No part of your username: not yet',
      '• Not one of your last 1 passwords',
    ]);
    const summary = root(el).querySelector('[part~=rules-summary]')!;
    expect(summary.getAttribute('aria-live')).to.equal('polite');
    expect(summary.textContent!.trim()).to.equal('0 of 5 requirements met');
    expect(root(el).querySelectorAll('[aria-live]').length).to.equal(2, 'the summary and the number announcer only');
    expect(field(el, '#new-password')!.getAttribute('autocomplete')).to.equal('new-password');
    await expect(el).to.be.accessible();

    await typeInto(el, '#new-password', 'abcdefgh');
    await el.updateComplete;
    expect(summary.textContent!.trim()).to.equal('3 of 5 requirements met');
    expect(root(el).querySelectorAll('[part~=rule-met]').length).to.equal(3);
    await typeInto(el, '#confirm-password', 'something-else');
    await sendKeys({ press: 'Enter' });
    await waitFor(async () => errorShown(el) === 'The two passwords do not match.', 'the mismatch');
    expect(el.flowState.status).to.equal('PasswordExpired');

    await typeInto(el, '#new-password', 'short');
    await typeInto(el, '#confirm-password', 'short');
    await sendKeys({ press: 'Enter' });
    await waitFor(async () => recorder.of('okta-error').length > 0, 'okta-error');
    expect(recorder.of('okta-error')[0].code).to.equal('invalid_input');
    // The sentence for Okta's key password.passwordRequirementsNotMet, in both modes; the checklist says which rule.
    expect(errorShown(el)).to.equal('The new password does not meet the password rules.');
    expect(el.flowState.status).to.equal('PasswordExpired');
    await expect(el).to.be.accessible();

    await typeInto(el, '#new-password', 'Changed-2-Passw0rd');
    await typeInto(el, '#confirm-password', 'Changed-2-Passw0rd');
    await sendKeys({ press: 'Enter' });
    await untilStatus(el, 'Success');
    const said = JSON.stringify(recorder.events);
    for (const secret of ['short', 'Changed-2-Passw0rd', carol.password]) expect(said).not.to.include(secret);
  });
}
