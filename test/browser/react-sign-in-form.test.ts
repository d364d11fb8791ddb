// The React bindings' SignInForm in the browser, as React renders and hydrates it: the show-password toggle, the
// error the element shows describing its fields, the element's language, "Start over", and passkey autofill against
// the reference backend (passkeys on) with a virtual authenticator, as the element's own form has them.
import { expect, waitUntil } from '@open-wc/testing';
import * as React from 'react';
import { createRoot, hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { OktaSignin, SignInForm } from '../../src/react/index.js';
// The bindings use the package's element classes, so errors come from the package's core too.
import { FlowError, type FlowState, type Transport } from 'okta-signin-elements';
import { stubTransport } from '../support/stub-transport.js';
import { env } from '../support/local-org.js';
import { ivyEnrollsPasskey, passkeyAuthenticatorPerTest, signOut, untilStatus } from '../support/webauthn-ui.js';
import type { OktaSignin as OktaSigninElement } from '../../src/elements/okta-signin/okta-signin.js';

const h = React.createElement;
let root: Root | undefined;
let box: HTMLElement | undefined;

afterEach(() => {
  root?.unmount();
  box?.remove();
  root = box = undefined;
});

/** React renders `<OktaSignin>` with `SignInForm` in a new container (hydrating the server's HTML with `ssr`). */
async function mount(props: Record<string, unknown>, form: Record<string, unknown> = {}, ssr = false, shown = true) {
  box = document.createElement('div');
  document.body.append(box);
  const tree = h(OktaSignin, props, h(SignInForm, form));
  const recoverable: unknown[] = [];
  if (ssr) {
    box.innerHTML = renderToString(tree);
    root = hydrateRoot(box, tree, { onRecoverableError: (e) => recoverable.push(e) });
  } else {
    root = createRoot(box);
    root.render(tree);
  }
  const started = () => box!.querySelector<OktaSigninElement>('okta-signin:not([defer-hydration])');
  await waitUntil(started, 'the element started');
  const el = started()!;
  await el.updateComplete;
  const form$ = el.querySelector<HTMLFormElement>(':scope > form[slot=credentials]')!;
  if (shown) await waitUntil(() => form$.assignedSlot, 'the form in the sign-in view');
  return { el, form: form$, recoverable };
}

const named = (form: HTMLFormElement, name: string) => form.querySelector<HTMLInputElement>(`input[name=${name}]`)!;
const toggleOf = (form: HTMLFormElement) => form.querySelector<HTMLButtonElement>('button[type=button]')!;
const alertText = (el: OktaSigninElement) => el.shadowRoot!.querySelector('[role=alert]')?.textContent?.trim() ?? '';
const described = (input: HTMLInputElement) =>
  input.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)?.textContent?.trim() ?? '').join(' ');

describe('SignInForm (okta-signin-elements-react) in the browser', () => {
  it('hydrates the server HTML without a mismatch, and the element takes it as its sign-in form', async () => {
    const { el, form, recoverable } = await mount({ transport: stubTransport() }, { defaultUsername: 'dave@example.com' }, true);
    expect(recoverable, 'no hydration error').to.deep.equal([]);
    expect(el.querySelectorAll('form'), 'no form of its own besides').to.have.length(1);
    expect(named(form, 'username').value).to.equal('dave@example.com');
    expect(named(form, 'username').autocomplete).to.equal('username webauthn');
    await expect(el).to.be.accessible();
  });

  it('the show-password toggle shows and hides the password, saying what it does and whether it is pressed', async () => {
    const { el, form } = await mount({ transport: stubTransport() });
    const password = named(form, 'password');
    const toggle = toggleOf(form);
    expect(toggle.getAttribute('aria-controls')).to.equal(password.id);
    expect(toggle.textContent).to.equal('Show password');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    expect(password.type).to.equal('password');
    await expect(el).to.be.accessible();
    toggle.click();
    await waitUntil(() => password.type === 'text', 'the password shown');
    expect(toggle.textContent).to.equal('Hide password');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
    toggle.click();
    await waitUntil(() => password.type === 'password', 'the password hidden');
    expect(toggle.textContent).to.equal('Show password');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
  });

  it('a wrong password: busy while sent, then the fields invalid and described by the error the element shows', async () => {
    let refuse!: () => void;
    const transport = stubTransport({
      login: () => new Promise<FlowState>((_, reject) => (refuse = () => reject(new FlowError('invalid_credentials', 'bad', { status: 401 })))),
    });
    const { el, form } = await mount({ transport });
    const [username, password] = [named(form, 'username'), named(form, 'password')];
    const submit = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
    expect(described(username)).to.equal('');
    username.value = 'bo';
    password.value = 'nope-1';
    toggleOf(form).click();
    await waitUntil(() => password.type === 'text');
    submit.click();
    await waitUntil(() => submit.disabled, 'busy while the request runs');
    expect(password.type, 'hidden again once sent').to.equal('password');
    refuse();
    await waitUntil(() => alertText(el) === 'Wrong username or password.', 'the error');
    await waitUntil(() => described(password) === 'Wrong username or password.', 'the fields described by it');
    expect(described(username)).to.equal('Wrong username or password.');
    expect([username, password].map((f) => f.getAttribute('aria-invalid'))).to.deep.equal(['true', 'true']);
    expect(submit.disabled).to.equal(false);
    expect(username.value).to.equal('bo');
    expect(password.value).to.equal('');
    expect(form.outerHTML).not.to.include('nope-1');
    await expect(el).to.be.accessible();
  });

  it("speaks the element's language: German labels and toggle under lang=\"de\"", async () => {
    const { el, form } = await mount({ transport: stubTransport(), lang: 'de' });
    await waitUntil(() => named(form, 'username').labels?.[0].textContent === 'Benutzername', 'German labels');
    expect(named(form, 'password').labels![0].textContent).to.equal('Passwort');
    expect(toggleOf(form).textContent).to.equal('Passwort anzeigen');
    expect(form.querySelector('button[type=submit]')!.textContent).to.equal('Anmelden');
    expect(form.lang).to.equal('de');
    await expect(el).to.be.accessible();
  });

  it('"Start over" brings the form back with the username kept, the password empty and hidden', async () => {
    const transport: Transport = stubTransport({ login: async () => ({ status: 'AwaitingChallengeCode', challenge: { methodType: 'totp' } }) });
    const { el, form } = await mount({ transport });
    named(form, 'username').value = 'ann@example.com';
    named(form, 'password').value = 'pw-1';
    form.requestSubmit();
    await untilStatus(el, 'AwaitingChallengeCode');
    expect(form.assignedSlot, 'not shown on the code step').to.equal(null);
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=cancel]')!.click();
    await untilStatus(el, 'Idle');
    await waitUntil(() => form.assignedSlot, 'the form back');
    expect(named(form, 'username').value).to.equal('ann@example.com');
    expect(named(form, 'password').value).to.equal('');
    expect(toggleOf(form).getAttribute('aria-pressed')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  describe('passkey autofill (backend mode, passkeys on)', function () {
    this.timeout(90000);
    passkeyAuthenticatorPerTest();

    it("ivy signs in by choosing her passkey in SignInForm's username field, with no password", async () => {
      const { passkeyBackend } = await env();
      // She enrolls a passkey through the element's own form first.
      (await ivyEnrollsPasskey('backend')).remove();
      await signOut('backend', { passkeys: true });

      const seen: unknown[] = [];
      const { el, form } = await mount({
        backend: passkeyBackend,
        onOktaSuccess: (e: Event) => e.preventDefault(),
        onOktaError: (e: CustomEvent) => seen.push(e.detail),
      }, {}, false, false);
      expect(named(form, 'username').autocomplete).to.equal('username webauthn');
      // The virtual authenticator answers the conditional request at once, as a user choosing the passkey would.
      await untilStatus(el, 'Success', 30000);
      expect(named(form, 'password').value, 'no password typed').to.equal('');
      expect(seen).to.deep.equal([]);
    });
  });
});
