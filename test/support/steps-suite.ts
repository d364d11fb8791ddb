/**
 * The steps Okta asks for beside the factors, end to end through `<okta-signin>`'s UI against the local org, the same
 * for both modes: signing up, unlocking an account, the security question, a hardware token (Custom OTP), consent,
 * keep me signed in, the password expiry warning and the device assurance grace period. Typed and clicked as a person
 * would; codes read from the org's outbox and the device page. The file of each mode says how to make the element.
 */
import { expect, fixture } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import '../../src/elements/okta-signin/okta-signin.js';
import type { OktaSignin } from '../../src/elements/okta-signin/okta-signin.js';
import { choose, emailedCode, errorShown, field, newUser, pickerNames, recordEvents, root, signIn, text, title, typeInto, untilShown, untilStatus } from './recovery-ui.js';
import { env, recordRequests, waitFor } from './local-org.js';

export interface StepsMode {
  kind: 'backend' | 'idx';
  /** The element, on the org's usual client or on the client that asks for consent (`local-consent`). */
  template(options: { consent?: boolean }): Promise<TemplateResult>;
  /** Leaves nothing behind from the test before (backend mode: one cookie jar for every test). */
  reset?(): Promise<void>;
}

const NEW_PASSWORD = 'Brand-new-2-Passw0rd';
/** The local org's Email authenticator, as its unlock form offers it. */
const EMAIL_ID = 'aut1okta0email000001';

/** The text of a field's own error (the paragraph its input points to with `aria-describedby`). */
function fieldError(el: OktaSignin, input: Element): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id.endsWith('-error'));
  return ids.map((id) => root(el).getElementById(id)?.textContent?.trim() ?? '').join(' ');
}

/** What the hardware token shows now, as the device page does. */
async function tokenCode(username: string): Promise<string> {
  const { orgOrigin } = await env();
  const reply = await fetch(`${orgOrigin}/device/api/users/${encodeURIComponent(username)}`);
  const { customOtp } = (await reply.json()) as { customOtp: { code: string } | null };
  if (!customOtp) throw new Error(`${username} has no hardware token`);
  return customOtp.code;
}

/** A button of the view, by its text as shown. */
function buttonNamed(el: OktaSignin, name: string): HTMLButtonElement {
  const found = [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent?.trim() === name);
  if (!found) throw new Error(`no button "${name}" in: ${text(el)}`);
  return found;
}

const labelsOf = (el: OktaSignin) => [...root(el).querySelectorAll('form label[for]')].map((l) => l.textContent?.trim());
/** The step form's buttons, by their text, the show-password toggles aside. */
const buttonsOf = (el: OktaSignin) =>
  [...root(el).querySelectorAll<HTMLButtonElement>('form[part~=step-form] button:not([part~=reveal])')].map((b) => b.textContent?.trim());
const listed = (el: OktaSignin, part: string) => [...root(el).querySelectorAll(`[part~=${part}] li`)].map((li) => li.textContent?.trim());

export function stepsSuite(mode: StepsMode) {
  let el: OktaSignin;
  let recorder: ReturnType<typeof recordEvents>;
  let recording: ReturnType<typeof recordRequests> | undefined;

  async function render(options: { consent?: boolean } = {}) {
    recording?.stop();
    recording = recordRequests();
    el = await fixture<OktaSignin>(await mode.template(options));
    recorder = recordEvents(el);
    await untilStatus(el, 'Idle');
    return el;
  }

  /** A new page, nothing kept from the one before, where `user` signs in with a password. */
  async function signInAgain(user: { username: string; password: string }, options: { consent?: boolean } = {}) {
    await mode.reset?.();
    await render(options);
    await signIn(el, user);
    return user;
  }

  /** A new user made from the seeded `template`, signed in with the password. */
  const newSignIn = async (template: string, options: { consent?: boolean } = {}) => signInAgain(await newUser(template), options);

  const changes = () => recorder.of('okta-status-change');
  const errors = () => recorder.of('okta-error');
  /** Nothing typed in secret reached an event's detail. */
  const nothingLeaked = (...secrets: string[]) => {
    const said = JSON.stringify(recorder.events);
    for (const secret of secrets) expect(said, 'no secret in any event').not.to.include(secret);
  };
  const untilForm = async (step: string) => {
    await waitFor(
      async () => el.flowState.status === 'AwaitingInput' && el.flowState.form?.step === step,
      `the ${step} form (at ${el.flowState.status} ${el.flowState.form?.step ?? ''}: ${text(el)})`,
      20000,
    );
    await el.updateComplete;
    return untilShown(el, 'form[part~=step-form]');
  };
  /**
   * The last request the page sent for a step, and its JSON body: backend mode to its server's endpoint, IDX mode to
   * the org's IDX API (whose body also holds the state handle).
   */
  function sent(expected: { backend: [string, Record<string, unknown>]; idx: [string, Record<string, unknown>] }) {
    const [path, body] = expected[mode.kind];
    const request = [...(recording?.requests ?? [])].reverse().find((r) => new URL(r.url, location.href).pathname.endsWith(path));
    expect(request, `a request to …${path}`).to.exist;
    expect(request!.method).to.equal('POST');
    const json = JSON.parse(request!.body) as Record<string, unknown>;
    if (mode.kind === 'backend') expect(json).to.deep.equal(body);
    else expect(json).to.deep.include(body);
  }

  beforeEach(async () => mode.reset?.());
  afterEach(async () => {
    recording?.stop();
    recording = undefined;
    await mode.reset?.();
  });

  describe('Sign up', () => {
    it("a new user: the profile with Okta's labels, a taken email refused under its field, a password, the emailed code; the password signs in again", async () => {
      const taken = await newUser('hank');
      await render();
      const signUp = await waitFor(
        async () => [...root(el).querySelectorAll<HTMLButtonElement>('[part~=link]')].find((b) => b.textContent?.trim() === 'Sign up'),
        '"Sign up"',
      );
      expect(buttonNamed(el, 'Unlock account').getAttribute('part')).to.equal('link');
      expect(changes().at(-1)!.links).to.deep.equal([{ step: 'select-enroll-profile' }, { step: 'unlock-account' }]);
      await expect(el).to.be.accessible();

      signUp.click();
      await untilForm('enroll-profile');
      sent({ backend: ['/proceed', { step: 'select-enroll-profile' }], idx: ['/idp/idx/enroll', {}] });
      expect(title(el)).to.equal('Sign up');
      expect(labelsOf(el)).to.deep.equal(['Email', 'First name', 'Last name', 'Favorite sport']);
      expect(field(el, 'input[name="userProfile.email"]')!.type).to.equal('email');
      expect(field(el, 'input[name="userProfile.email"]')!.autocomplete).to.equal('email');
      expect(field(el, 'input[name="userProfile.firstName"]')!.autocomplete).to.equal('given-name');
      expect(field(el, 'input[name="userProfile.favoriteSport"]')!.maxLength).to.equal(50);
      expect(buttonsOf(el)).to.deep.equal(['Sign up']);
      const shown = changes().at(-1)!;
      expect(shown.status).to.equal('AwaitingInput');
      const fields = (shown.form as { fields: { name: string; label: string; required: boolean }[] }).fields;
      expect(fields.map((f) => [f.name, f.label, f.required])).to.deep.equal([
        ['userProfile.email', 'Email', true],
        ['userProfile.firstName', 'First name', true],
        ['userProfile.lastName', 'Last name', true],
        ['userProfile.favoriteSport', 'Favorite sport', true],
      ]);
      await expect(el).to.be.accessible();

      await typeInto(el, 'input[name="userProfile.email"]', taken.username);
      await typeInto(el, 'input[name="userProfile.firstName"]', 'Nora');
      await typeInto(el, 'input[name="userProfile.lastName"]', 'Newman');
      await typeInto(el, 'input[name="userProfile.favoriteSport"]', 'Chess');
      await sendKeys({ press: 'Enter' });
      await waitFor(async () => errors().length > 0, 'okta-error');
      const profile = { email: taken.username, firstName: 'Nora', lastName: 'Newman', favoriteSport: 'Chess' };
      sent({
        backend: ['/proceed', { step: 'enroll-profile', values: Object.fromEntries(Object.entries(profile).map(([k, v]) => [`userProfile.${k}`, v])) }],
        idx: ['/idp/idx/enroll/new', { userProfile: profile }],
      });
      expect(errors()[0]).to.deep.include({ code: 'invalid_input', message: 'Check what you entered and try again.' });
      expect(errorShown(el)).to.equal('Check what you entered and try again.');
      const email = field(el, 'input[name="userProfile.email"]')!;
      await waitFor(async () => fieldError(el, email), 'the error under the email field');
      // Okta's key (registration.error.notUniqueWithinOrg), in the element's words.
      expect(fieldError(el, email)).to.equal('An account with this value already exists.');
      expect(email.getAttribute('aria-invalid')).to.equal('true');
      expect(field(el, 'input[name="userProfile.firstName"]')!.getAttribute('aria-invalid')).to.equal('false');
      // Nothing typed is lost.
      expect(field(el, 'input[name="userProfile.firstName"]')!.value).to.equal('Nora');
      expect(field(el, 'input[name="userProfile.favoriteSport"]')!.value).to.equal('Chess');
      await expect(el).to.be.accessible();

      const username = `nora.${Date.now()}.${Math.random().toString(36).slice(2, 6)}@example.com`;
      email.select();
      await sendKeys({ type: username });
      await sendKeys({ press: 'Enter' });
      await untilStatus(el, 'AwaitingAuthenticatorEnrollment');
      expect(await pickerNames(el)).to.deep.equal(['Password', 'Email']);
      await expect(el).to.be.accessible();

      await choose(el, /Password/);
      await untilForm('enroll-authenticator');
      await untilShown(el, '[part~=rules]');
      expect(title(el)).to.equal('Set up a password');
      expect(text(el)).to.include('At least 8 characters');
      expect(field(el, 'input[name="credentials.passcode"]')!.autocomplete).to.equal('new-password');
      expect(buttonsOf(el)).to.include('Set password');
      expect(changes().at(-1)).to.deep.include({ status: 'AwaitingInput', authenticator: { key: 'okta_password', methodType: 'password' } });
      expect(changes().at(-1)!.passwordRules).to.deep.include({ minLength: 8 });
      await expect(el).to.be.accessible();
      await typeInto(el, 'input[name="credentials.passcode"]', NEW_PASSWORD);
      await typeInto(el, 'input[part~=confirm-password]', NEW_PASSWORD);
      await sendKeys({ press: 'Enter' });

      await untilStatus(el, 'AwaitingAuthenticatorEnrollment');
      expect(await pickerNames(el)).to.deep.equal(['Email']);
      const since = new Date().toISOString();
      await choose(el, /Email/);
      await untilStatus(el, 'AwaitingEnrollmentCode');
      await expect(el).to.be.accessible();
      await typeInto(el, '#code', await emailedCode(username, since));
      await sendKeys({ press: 'Enter' });
      await untilStatus(el, 'Success');
      expect(recorder.of('okta-success')).to.have.length(1);
      nothingLeaked(NEW_PASSWORD);

      // The new user signs in with the password alone.
      await signInAgain({ username, password: NEW_PASSWORD });
      await untilStatus(el, 'Success');
      expect(errors()).to.deep.equal([]);
      nothingLeaked(NEW_PASSWORD);
    });
  });

  describe('Unlock account', () => {
    it('leo is locked out: "Unlock account", his username, the emailed code, then his password goes on', async () => {
      const leo = await newSignIn('leo');
      await waitFor(async () => errors().length > 0, 'okta-error');
      expect(errors()[0]).to.deep.include({ code: 'invalid_credentials', message: 'Your account is locked. Contact your administrator.' });
      expect(errorShown(el)).to.equal('Your account is locked. Contact your administrator.');
      expect(el.flowState.status).to.equal('Idle');
      await expect(el).to.be.accessible();

      // Whether the password went before the form's offer had arrived or not, the form offers the unlock.
      (await waitFor(async () => [...root(el).querySelectorAll<HTMLButtonElement>('[part~=link]')].find((b) => b.textContent?.trim() === 'Unlock account'), '"Unlock account"')).click();
      await untilForm('select-authenticator-unlock-account');
      sent({ backend: ['/proceed', { step: 'unlock-account' }], idx: ['/idp/idx/unlock-account', {}] });
      expect(title(el)).to.equal('Unlock your account');
      expect(text(el)).to.include('Enter your username and choose how to verify it is you.');
      expect(labelsOf(el)).to.deep.equal(['Username']);
      const way = root(el).querySelector<HTMLInputElement>('input[type=radio]')!;
      expect(way.closest('fieldset')!.querySelector('legend')!.textContent).to.equal('Choose a security method');
      expect(way.labels![0].textContent!.trim()).to.equal('Email');
      expect(way.checked, 'the one way is chosen').to.equal(true);
      await expect(el).to.be.accessible();

      const since = new Date().toISOString();
      await typeInto(el, 'input[name=identifier]', leo.username);
      await sendKeys({ press: 'Enter' });
      await untilStatus(el, 'AwaitingChallengeCode');
      sent({
        backend: ['/proceed', { step: 'select-authenticator-unlock-account', values: { identifier: leo.username, authenticator: `${EMAIL_ID} email` } }],
        idx: ['/idp/idx/challenge', { identifier: leo.username, authenticator: { id: EMAIL_ID, methodType: 'email' } }],
      });
      expect(title(el)).to.equal('Check your email');
      await expect(el).to.be.accessible();
      await typeInto(el, '#code', await emailedCode(leo.username, since));
      await sendKeys({ press: 'Enter' });

      await untilStatus(el, 'AwaitingPassword');
      expect(root(el).querySelector('[part~=message]')!.textContent).to.equal(
        'Account successfully unlocked! Verify your account with a security method to continue.',
      );
      expect(changes().at(-1)).to.deep.include({
        status: 'AwaitingPassword',
        message: 'Account successfully unlocked! Verify your account with a security method to continue.',
      });
      await expect(el).to.be.accessible();
      await typeInto(el, 'input[name=password]', leo.password);
      await sendKeys({ press: 'Enter' });
      await untilStatus(el, 'Success');
      nothingLeaked(leo.password);
    });
  });

  describe('Security question', () => {
    /** jack, signed in with his password, at the security question's setup. */
    async function jackAtSetup() {
      const jack = await newSignIn('jack');
      await untilStatus(el, 'AwaitingAuthenticatorEnrollment');
      expect(await pickerNames(el)).to.deep.equal(['Security Question']);
      await choose(el, /Security Question/);
      await untilForm('enroll-authenticator');
      return jack;
    }

    it("jack chooses one of Okta's questions; next time he is asked it, and a wrong answer is refused under the field", async () => {
      const jack = await jackAtSetup();
      expect(title(el)).to.equal('Set up a security question');
      const ways = [...root(el).querySelectorAll<HTMLInputElement>('input[type=radio]')];
      expect(ways.map((r) => r.labels![0].textContent!.trim())).to.deep.equal(['Choose a security question', 'Create my own security question']);
      expect(ways[0].checked).to.equal(true);
      expect(changes().at(-1)).to.deep.include({ authenticator: { key: 'security_question', methodType: 'security_question' } });
      await expect(el).to.be.accessible();
      const select = root(el).querySelector<HTMLSelectElement>('select')!;
      expect(select.labels[0].textContent!.trim()).to.equal('Choose a security question');
      const question = [...select.options].find((o) => o.value === 'favorite_sports_player')!;
      expect(question.textContent).to.equal('Who is your favorite sports player?');
      select.focus();
      select.value = question.value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      await typeInto(el, 'fieldset[data-group]:not([hidden]) input[type=password]', 'Pele');
      await sendKeys({ press: 'Enter' });
      await untilStatus(el, 'Success');
      sent({
        backend: ['/proceed', { step: 'enroll-authenticator', values: { credentials: '0', 'credentials.questionKey': 'favorite_sports_player', 'credentials.answer': 'Pele' } }],
        idx: ['/idp/idx/challenge/answer', { credentials: { questionKey: 'favorite_sports_player', answer: 'Pele' } }],
      });
      nothingLeaked('Pele');

      await signInAgain(jack);
      await untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
      expect(await pickerNames(el)).to.deep.equal(['Security Question']);
      await choose(el, /Security Question/);
      await untilForm('challenge-authenticator');
      expect(title(el)).to.equal('Answer your security question');
      expect(root(el).querySelector('[part~=question]')!.textContent!.trim()).to.equal('Who is your favorite sports player?');
      expect(labelsOf(el)).to.deep.equal(['Answer']);
      expect(changes().at(-1)!.form).to.deep.include({ context: { authenticator: 'Security Question', question: 'Who is your favorite sports player?' } });
      await expect(el).to.be.accessible();
      await typeInto(el, 'input[name="credentials.answer"]', 'Maradona');
      await sendKeys({ press: 'Enter' });
      await waitFor(async () => errors().length > 0, 'okta-error');
      expect(errors()[0]).to.deep.include({ code: 'invalid_input', message: 'Check what you entered and try again.' });
      const answer = await untilShown(el, 'input[name="credentials.answer"]');
      await waitFor(async () => fieldError(el, answer), 'the error under the answer');
      expect(fieldError(el, answer)).to.equal("Your answer doesn't match our records. Please try again.");
      expect(answer.getAttribute('aria-invalid')).to.equal('true');
      expect((answer as HTMLInputElement).value, 'the answer left the field once sent').to.equal('');
      await expect(el).to.be.accessible();
      await typeInto(el, 'input[name="credentials.answer"]', ' pele ');
      await sendKeys({ press: 'Enter' });
      await untilStatus(el, 'Success');
      nothingLeaked('Pele', 'Maradona', ' pele ');
    });

    it('jack writes his own question; an answer too short is refused under its field, a longer one sets it up', async () => {
      await jackAtSetup();
      root(el).querySelector<HTMLInputElement>('input[type=radio][value="1"]')!.click();
      await el.updateComplete;
      const own = root(el).querySelector<HTMLFieldSetElement>('fieldset[data-group]:not([hidden])')!;
      expect([...own.querySelectorAll('label')].map((l) => l.textContent?.trim())).to.deep.equal(['Create a security question', 'Answer']);
      const away = root(el).querySelector('fieldset[data-group][hidden]')!;
      expect(away.querySelector('select'), "Okta's questions are put away").to.exist;
      expect(getComputedStyle(away).display).to.equal('none');
      await expect(el).to.be.accessible();
      await typeInto(el, 'fieldset[data-group]:not([hidden]) input[name="credentials.question"]', 'Name of my first teacher?');
      await typeInto(el, 'fieldset[data-group]:not([hidden]) input[type=password]', 'Li');
      await sendKeys({ press: 'Enter' });
      await waitFor(async () => errors().length > 0, 'okta-error');
      sent({
        backend: ['/proceed', { step: 'enroll-authenticator', values: { credentials: '1', 'credentials.question': 'Name of my first teacher?', 'credentials.answer': 'Li' } }],
        idx: ['/idp/idx/challenge/answer', { credentials: { questionKey: 'custom', question: 'Name of my first teacher?', answer: 'Li' } }],
      });
      expect(errors()[0].code).to.equal('invalid_input');
      const answer = await waitFor(async () => root(el).querySelector<HTMLInputElement>('fieldset[data-group]:not([hidden]) input[type=password]'), 'the answer');
      await waitFor(async () => fieldError(el, answer), 'the error under the answer');
      // Okta's key securityQuestion.answer.tooShort.arg, in the element's words.
      expect(fieldError(el, answer)).to.equal('The answer is too short.');
      expect(answer.getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();
      await typeInto(el, 'fieldset[data-group]:not([hidden]) input[type=password]', 'Mrs Lindqvist');
      await sendKeys({ press: 'Enter' });
      await untilStatus(el, 'Success');
      nothingLeaked('Mrs Lindqvist');
    });
  });

  describe('Hardware token (Custom OTP)', () => {
    it('kate: a wrong code is refused; the code the device page shows signs in', async () => {
      const kate = await newSignIn('kate');
      await untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
      expect(await pickerNames(el)).to.deep.equal(['Hardware token']);
      await choose(el, /Hardware token/);
      await untilForm('challenge-authenticator');
      expect(title(el)).to.equal('Verify with Hardware token');
      expect(labelsOf(el)).to.deep.equal(['Enter code']);
      const input = field(el, 'input[name="credentials.passcode"]')!;
      expect(input.autocomplete).to.equal('one-time-code');
      expect(changes().at(-1)).to.deep.include({ authenticator: { key: 'custom_otp', methodType: 'otp' } });
      await expect(el).to.be.accessible();

      const code = await tokenCode(kate.username);
      const wrong = code === '000000' ? '111111' : '000000';
      await typeInto(el, 'input[name="credentials.passcode"]', wrong);
      await sendKeys({ press: 'Enter' });
      await waitFor(async () => errors().length > 0, 'okta-error');
      sent({
        backend: ['/proceed', { step: 'challenge-authenticator', values: { 'credentials.passcode': wrong } }],
        idx: ['/idp/idx/challenge/answer', { credentials: { passcode: wrong } }],
      });
      expect(errors()[0]).to.deep.include({ code: 'invalid_code', message: 'That code is not right. Try again.' });
      expect(errorShown(el)).to.equal('That code is not right. Try again.');
      expect(field(el, 'input[name="credentials.passcode"]')!.getAttribute('aria-invalid')).to.equal('true');
      await expect(el).to.be.accessible();
      await typeInto(el, 'input[name="credentials.passcode"]', await tokenCode(kate.username));
      await sendKeys({ press: 'Enter' });
      await untilStatus(el, 'Success');
    });
  });

  describe('Consent', () => {
    /** A new dave on the client that asks for consent, past his optional enrollment, at the consent. */
    async function atConsent() {
      const dave = await newSignIn('dave', { consent: true });
      await untilStatus(el, 'AwaitingAuthenticatorEnrollment');
      const picker = (await untilShown(el, 'authenticator-picker')) as HTMLElement & { updateComplete: Promise<unknown> };
      await picker.updateComplete;
      picker.shadowRoot!.querySelector<HTMLButtonElement>('[part~=skip]')!.click();
      await untilForm('consent');
      expect(title(el)).to.equal('Allow access?');
      expect(text(el)).to.include('Local SPA that asks for consent is asking to access your account. It will be able to:');
      expect(listed(el, 'scopes')).to.deep.equal(['View your profile information.', 'View your email address.']);
      expect(buttonsOf(el)).to.deep.equal(['Allow Access', "Don't Allow"]);
      expect(changes().at(-1)!.form).to.deep.include({ step: 'consent', fields: [] });
      await expect(el).to.be.accessible();
      return dave;
    }

    it('the app and what it asks for; "Allow Access" signs in', async () => {
      await atConsent();
      buttonNamed(el, 'Allow Access').click();
      await untilStatus(el, 'Success');
      sent({ backend: ['/proceed', { step: 'consent', values: { consent: true } }], idx: ['/idp/idx/consent', { consent: true }] });
      expect(errors()).to.deep.equal([]);
    });

    it('"Don\'t Allow": the sign-in ends with a clear message, and can start again', async () => {
      const dave = await atConsent();
      buttonNamed(el, "Don't Allow").click();
      await untilStatus(el, 'Terminal');
      sent({ backend: ['/proceed', { step: 'consent', values: { consent: false } }], idx: ['/idp/idx/consent', { consent: false }] });
      // Okta's key idx.operation.cancelled.by.user, in the element's words.
      expect(root(el).querySelector('[part~=message]')!.textContent).to.equal('The sign-in was cancelled.');
      expect(changes().at(-1)).to.deep.include({ status: 'Terminal', message: 'Operation cancelled by user.' });
      expect(root(el).querySelector('form[part~=step-form]'), 'no answer left to give').to.equal(null);
      await expect(el).to.be.accessible();

      buttonNamed(el, 'Start over').click();
      await untilStatus(el, 'Idle');
      // The sign-in form again, the username kept: the password signs in again.
      expect(field(el, 'input[autocomplete=username]')!.value).to.equal(dave.username);
      await typeInto(el, 'input[autocomplete=current-password]', dave.password);
      await sendKeys({ press: 'Enter' });
      await untilStatus(el, 'AwaitingAuthenticatorEnrollment');
    });
  });

  describe('Keep me signed in', () => {
    for (const [answer, label] of [
      [true, 'Stay signed in'],
      [false, "Don't stay signed in"],
    ] as const) {
      it(`mia: "${label}" goes on`, async () => {
        const mia = await newSignIn('mia');
        await untilForm('keep-me-signed-in');
        expect(title(el)).to.equal('Stay signed in?');
        expect(text(el)).to.include('You will be asked to sign in less often on this device.');
        expect(buttonsOf(el)).to.deep.equal(['Stay signed in', "Don't stay signed in"]);
        expect(changes().at(-1)!.form).to.deep.equal({
          step: 'keep-me-signed-in',
          fields: [],
          choices: [
            { id: 'yes', values: { keepMeSignedIn: true } },
            { id: 'no', values: { keepMeSignedIn: false } },
          ],
        });
        await expect(el).to.be.accessible();
        buttonNamed(el, label).click();
        await untilStatus(el, 'Success');
        sent({
          backend: ['/proceed', { step: 'keep-me-signed-in', values: { keepMeSignedIn: answer } }],
          idx: ['/idp/idx/keep-me-signed-in', { keepMeSignedIn: answer }],
        });
        nothingLeaked(mia.password);
      });
    }
  });

  describe('Password expiry warning', () => {
    /** A new noah, signed in with his password, at the warning. */
    async function noahWarned() {
      const noah = await newSignIn('noah');
      await untilForm('reenroll-authenticator-warning');
      await untilShown(el, '[part~=rules]');
      expect(title(el)).to.equal('Your password will expire soon');
      expect(root(el).querySelector('[part~=message]')!.textContent).to.equal(
        'When your password expires, you will have to change your password before you can login to your Local Okta org account.',
      );
      expect(text(el)).to.include('Choose a new password now, or do it later.');
      expect(buttonsOf(el)).to.deep.equal(['Change password', 'Remind me later']);
      expect(changes().at(-1)).to.deep.include({ status: 'AwaitingInput', canSkip: true, authenticator: { key: 'okta_password' } });
      await expect(el).to.be.accessible();
      return noah;
    }

    it('noah: "Remind me later" goes on', async () => {
      await noahWarned();
      buttonNamed(el, 'Remind me later').click();
      await untilStatus(el, 'Success');
      sent({ backend: ['/skip', {}], idx: ['/idp/idx/skip', {}] });
    });

    it('noah: a new password now goes on, and is his password from then on', async () => {
      const noah = await noahWarned();
      await typeInto(el, 'input[name="credentials.passcode"]', NEW_PASSWORD);
      expect(root(el).querySelector('[part~=rules-summary]')!.textContent!.trim()).to.equal('5 of 5 requirements met');
      await typeInto(el, 'input[part~=confirm-password]', NEW_PASSWORD);
      await sendKeys({ press: 'Enter' });
      await untilStatus(el, 'Success');
      nothingLeaked(NEW_PASSWORD, noah.password);

      await signInAgain({ username: noah.username, password: NEW_PASSWORD });
      await untilStatus(el, 'Success');
    });
  });

  describe('Device assurance grace period', () => {
    it('olivia: the warning and what to fix, then "Continue" goes on', async () => {
      await newSignIn('olivia');
      await untilForm('device-assurance-grace-period');
      expect(title(el)).to.equal('Your device needs attention');
      expect(text(el)).to.include('Fix these issues soon to keep signing in from this device:');
      const notices = listed(el, 'notices');
      expect(notices[0]).to.match(/^Your device doesn't meet the security requirements\. Fix the issue by \d\d\/\d\d\/\d{4}, 12:00 AM UTC to prevent lockout\.$/);
      expect(notices.slice(1)).to.deep.equal([
        'Update to macOS 15',
        'Turn on FileVault',
        'For more information, follow the instructions on the help page or contact your administrator for help',
      ]);
      expect(buttonsOf(el)).to.deep.equal(['Continue']);
      expect(errors(), 'a warning, not an error').to.deep.equal([]);
      await expect(el).to.be.accessible();
      buttonNamed(el, 'Continue').click();
      await untilStatus(el, 'Success');
      sent({ backend: ['/proceed', { step: 'device-assurance-grace-period', values: {} }], idx: ['/idp/idx/skip', {}] });
    });
  });
}
