// The sign-in fields `<okta-signin>` renders into its light DOM by default, where password managers see them.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './okta-signin.js';
import type { OktaSignin } from './okta-signin.js';
import { FlowError, type FlowState } from '../../core/types.js';
import { stubTransport } from '../../../test/support/stub-transport.js';
import { fieldNamed, lightForm } from '../../../test/support/fields.js';

const alertText = (el: OktaSignin) => el.shadowRoot!.querySelector('[role=alert]')?.textContent?.trim() ?? '';
const generated = () => document.querySelectorAll('okta-signin > form[data-okta-signin-fields]');
const fieldStyleSheets = (root: Document | ShadowRoot) =>
  root.adoptedStyleSheets.filter((s) => [...s.cssRules].some((r) => r.cssText.includes('data-okta-signin-fields')));

/** A transport whose login records what it got and answers with `answer()`. */
const recording = (seen: unknown[], answer: () => Promise<FlowState>) =>
  stubTransport({
    login: async (input) => {
      seen.push(input);
      return answer();
    },
  });

async function mount(transport = stubTransport(), attrs: { lang?: string; username?: string } = {}) {
  const el = await fixture<OktaSignin>(
    html`<okta-signin .transport=${transport} lang=${attrs.lang ?? 'en'} username=${attrs.username ?? ''}></okta-signin>`,
  );
  await el.updateComplete;
  return el;
}

function type(input: HTMLInputElement, value: string) {
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('<okta-signin> sign-in fields in the light DOM (the default)', () => {
  it('renders a real form in the page: fields found from the document, autocomplete tokens, labels, shown in the slot', async () => {
    const el = await mount();
    const password = document.querySelector<HTMLInputElement>('okta-signin input[name=password]')!;
    const username = document.querySelector<HTMLInputElement>('okta-signin input[name=username]')!;
    expect(password, 'the password field is in the page').to.not.equal(null);
    expect(password.getRootNode()).to.equal(document);
    expect(username.getRootNode()).to.equal(document);
    expect(el.fields).to.equal('light');
    const form = lightForm(el)!;
    expect(form.parentElement).to.equal(el);
    expect(form.hasAttribute('data-okta-signin-fields')).to.equal(true);
    expect(form.getAttribute('method')).to.equal('dialog');
    expect(form.assignedSlot, 'shown in the credentials slot').to.not.equal(null);
    expect(generated()).to.have.length(1);
    expect(username.autocomplete).to.equal('username');
    expect(password.autocomplete).to.equal('current-password');
    expect(password.type).to.equal('password');
    expect(username.labels![0].textContent!.trim()).to.equal('Username');
    expect(password.labels![0].textContent!.trim()).to.equal('Password');
    expect(form.querySelector('button:not([type])')!.textContent!.trim()).to.equal('Sign in');
    expect(el.shadowRoot!.querySelector('input'), 'no second form in the shadow root').to.equal(null);
    expect(el.shadowRoot!.querySelector('[part~=title]')!.textContent!.trim()).to.equal('Sign in');
    await expect(el).to.be.accessible();
  });

  it('gives each element its own ids, so two elements on one page do not share them', async () => {
    const box = await fixture<HTMLElement>(html`<div>
      <okta-signin .transport=${stubTransport()}></okta-signin><okta-signin .transport=${stubTransport()}></okta-signin>
    </div>`);
    const [a, b] = [...box.querySelectorAll<OktaSignin>('okta-signin')];
    await a.updateComplete;
    await b.updateComplete;
    const idA = lightForm(a)!.querySelector('input[name=password]')!.id;
    const idB = lightForm(b)!.querySelector('input[name=password]')!.id;
    expect(idA).to.not.equal(idB);
    expect(document.querySelectorAll(`#${idA}`)).to.have.length(1);
  });

  it('signs in with {username, password}; busy while sending, the password emptied once sent and never an attribute', async () => {
    const seen: unknown[] = [];
    let release!: () => void;
    let inFieldWhenSent: string | undefined;
    const t = recording(seen, () => {
      // What a password manager watching the form sees as the request goes out: the password is still there.
      inFieldWhenSent = fieldNamed(el, 'password')!.value;
      return new Promise<FlowState>((r) => (release = () => r({ status: 'AwaitingChallengeCode', challenge: { methodType: 'totp' } })));
    });
    const events: string[] = [];
    const el = await mount(t);
    for (const type of ['okta-status-change', 'okta-error', 'okta-success']) el.addEventListener(type, (e) => events.push(JSON.stringify((e as CustomEvent).detail)));
    const username = fieldNamed(el, 'username')!;
    const password = fieldNamed(el, 'password')!;
    type(username, 'ann@example.com');
    type(password, 'pw-light-1');
    expect(el.username).to.equal('ann@example.com');
    expect(password.getAttribute('value')).to.equal(null);
    expect(el.outerHTML).not.to.include('pw-light-1');
    const button = lightForm(el)!.querySelector<HTMLButtonElement>('button:not([type])')!;
    button.click();
    await el.updateComplete;
    expect(button.disabled, 'busy while the request runs').to.equal(true);
    // The flow's code may still be on its way: the login goes out once it is here.
    await waitUntil(() => seen.length > 0, 'the login');
    expect(seen).to.deep.equal([{ username: 'ann@example.com', password: 'pw-light-1' }]);
    expect(inFieldWhenSent, 'in the field until the request went').to.equal('pw-light-1');
    expect(password.value, 'emptied once sent').to.equal('');
    release();
    await waitUntil(() => el.flowState.status === 'AwaitingChallengeCode');
    await el.updateComplete;
    expect(lightForm(el)!.assignedSlot, 'not shown outside the sign-in step').to.equal(null);
    expect(el.shadowRoot!.querySelector('[name=code]')).to.not.equal(null);
    expect(events.join()).not.to.include('pw-light-1');
    expect(location.href).not.to.include('pw-light-1');
    await expect(el).to.be.accessible();
  });

  it('a wrong password shows the error, marks the light fields invalid and describes them by text in their own tree', async () => {
    const t = recording([], () => Promise.reject(new FlowError('invalid_credentials', 'bad', { status: 401 })));
    const el = await mount(t);
    const username = fieldNamed(el, 'username')!;
    const password = fieldNamed(el, 'password')!;
    expect(password.getAttribute('aria-invalid')).to.equal('false');
    type(username, 'bo');
    type(password, 'nope');
    lightForm(el)!.requestSubmit();
    await waitUntil(() => alertText(el) !== '', 'the error');
    await el.updateComplete;
    const message = 'Wrong username or password.';
    expect(alertText(el)).to.equal(message);
    for (const input of [username, password]) {
      expect(input.getAttribute('aria-invalid'), input.name).to.equal('true');
      const ids = input.getAttribute('aria-describedby')!.split(' ');
      const description = (input.getRootNode() as Document).getElementById(ids[0])!;
      expect(description, `${input.name} is described by an element of its own tree`).to.not.equal(null);
      expect(description.getRootNode()).to.equal(document);
      expect(description.textContent!.trim()).to.equal(message);
    }
    expect(username.value, 'the username stays').to.equal('bo');
    expect(password.value).to.equal('');
    expect(el.flowState.status).to.equal('Idle');
    await expect(el).to.be.accessible();
  });

  it('the show-password toggle shows and hides the light password field', async () => {
    const el = await mount();
    const password = fieldNamed(el, 'password')!;
    const toggle = lightForm(el)!.querySelector<HTMLButtonElement>(`[aria-controls="${password.id}"]`)!;
    expect(toggle.type).to.equal('button');
    expect(toggle.getAttribute('aria-pressed')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(password.type).to.equal('text');
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    await expect(el).to.be.accessible();
    toggle.click();
    await el.updateComplete;
    expect(password.type).to.equal('password');
  });

  it('the username attribute fills the light username field', async () => {
    const el = await mount(stubTransport(), { username: 'given@example.com' });
    expect(fieldNamed(el, 'username')!.value).to.equal('given@example.com');
    el.username = 'other@example.com';
    await el.updateComplete;
    expect(fieldNamed(el, 'username')!.value).to.equal('other@example.com');
  });

  it('lang="de" gives German labels, and a change of language re-renders them', async () => {
    const el = await mount(stubTransport(), { lang: 'de' });
    await waitUntil(() => fieldNamed(el, 'username')?.labels?.[0].textContent?.trim() === 'Benutzername', 'German labels');
    expect(fieldNamed(el, 'password')!.labels![0].textContent!.trim()).to.equal('Passwort');
    expect(lightForm(el)!.querySelector('button:not([type])')!.textContent!.trim()).to.equal('Anmelden');
    expect(lightForm(el)!.lang).to.equal('de');
    await expect(el).to.be.accessible();
    el.setAttribute('lang', 'en');
    await waitUntil(() => fieldNamed(el, 'username')?.labels?.[0].textContent?.trim() === 'Username', 'English labels');
    expect(generated()).to.have.length(1);
  });

  it('leaves with the element, and comes back once when it returns', async () => {
    const el = await mount();
    const parent = el.parentElement!;
    el.remove();
    expect(generated()).to.have.length(0);
    expect(document.querySelector('input[name=password]')).to.equal(null);
    parent.append(el);
    await el.updateComplete;
    expect(generated()).to.have.length(1);
    expect(fieldNamed(el, 'password')).to.not.equal(null);
  });

  it("gives way to the page's own form, and comes back when it goes: never two forms", async () => {
    const el = await mount();
    const page = document.createElement('form');
    page.slot = 'credentials';
    page.method = 'dialog';
    page.innerHTML = '<label for="pp-u">Email</label><input id="pp-u" name="username"><label for="pp-p">Password</label><input id="pp-p" name="password" type="password"><button>Go</button>';
    el.append(page);
    await waitUntil(() => generated().length === 0, 'the generated form removed');
    expect(el.querySelectorAll('form')).to.have.length(1);
    page.remove();
    await waitUntil(() => generated().length === 1, 'the generated form back');
    expect(el.querySelectorAll('form')).to.have.length(1);
  });

  it('fields="shadow" keeps the form in the shadow root', async () => {
    const el = await fixture<OktaSignin>(html`<okta-signin fields="shadow" .transport=${stubTransport()}></okta-signin>`);
    await el.updateComplete;
    expect(el.fields).to.equal('shadow');
    expect(lightForm(el)).to.equal(null);
    expect(document.querySelector('okta-signin input[name=password]')).to.equal(null);
    const password = el.shadowRoot!.querySelector<HTMLInputElement>('input[name=password]')!;
    expect(password.autocomplete).to.equal('current-password');
    expect(password.labels![0].textContent!.trim()).to.equal('Password');
    await expect(el).to.be.accessible();
    el.fields = 'light';
    await el.updateComplete;
    expect(generated()).to.have.length(1);
    expect(el.shadowRoot!.querySelector('input[name=password]')).to.equal(null);
  });
});

describe('<okta-signin> light sign-in form styles', () => {
  it('one constructed sheet on the document, however many elements; 44 px controls and a visible focus ring', async () => {
    const box = await fixture<HTMLElement>(html`<div>
      <okta-signin .transport=${stubTransport()}></okta-signin><okta-signin .transport=${stubTransport()}></okta-signin>
    </div>`);
    const el = box.querySelector<OktaSignin>('okta-signin')!;
    await el.updateComplete;
    expect(fieldStyleSheets(document)).to.have.length(1);
    expect(document.querySelector('okta-signin > style, okta-signin style')).to.equal(null);
    const form = lightForm(el)!;
    for (const control of form.querySelectorAll<HTMLElement>('input, button')) {
      expect(control.getBoundingClientRect().height, control.outerHTML).to.be.at.least(44);
    }
    const password = fieldNamed(el, 'password')!;
    password.focus();
    const style = getComputedStyle(password);
    expect(style.outlineStyle).to.equal('solid');
    expect(style.outlineOffset).to.equal('2px');
    expect(getComputedStyle(form).display).to.equal('flex');
  });

  it('themes apply: --okta-signin-accent colours the submit button', async () => {
    const el = await fixture<OktaSignin>(html`<okta-signin style="--okta-signin-accent: rgb(1, 2, 3)" .transport=${stubTransport()}></okta-signin>`);
    await el.updateComplete;
    const submit = lightForm(el)!.querySelector<HTMLButtonElement>('button:not([type])')!;
    expect(getComputedStyle(submit).backgroundColor).to.equal('rgb(1, 2, 3)');
  });

  it("the page's own rules win over the element's (a cascade layer)", async () => {
    const style = document.createElement('style');
    style.textContent = 'okta-signin > form[data-okta-signin-fields] input { min-height: 70px; }';
    document.head.append(style);
    try {
      const el = await mount();
      expect(fieldNamed(el, 'password')!.getBoundingClientRect().height).to.be.at.least(70);
    } finally {
      style.remove();
    }
  });

  it('inside another shadow root: the sheet goes on that root, once', async () => {
    const outer = await fixture<HTMLElement>(html`<div></div>`);
    const shadow = outer.attachShadow({ mode: 'open' });
    for (let i = 0; i < 2; i++) {
      const el = document.createElement('okta-signin');
      el.transport = stubTransport();
      shadow.append(el);
      await el.updateComplete;
    }
    expect(fieldStyleSheets(shadow)).to.have.length(1);
    const el = shadow.querySelector('okta-signin')!;
    const password = lightForm(el)!.querySelector<HTMLInputElement>('input[name=password]')!;
    expect(password.getRootNode()).to.equal(shadow);
    expect(password.getBoundingClientRect().height).to.be.at.least(44);
  });
});
