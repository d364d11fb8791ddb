import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import '../okta-signin/okta-signin.js';
import type { OktaSignin } from '../okta-signin/okta-signin.js';
import type { AuthenticatorPicker } from '../authenticator-picker/authenticator-picker.js';
import { FlowError, type FlowState, type Transport } from '../../core/types.js';
import { strings } from './messages.js';
import { control, fieldNamed, lightForm } from '../../../test/support/fields.js';

// The view's controls, or the sign-in form's in the element's light DOM (the default) while it shows.
const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => control<T>(el, sel) as T;
/** The label of the sign-in field named `name`. */
const label = (el: Element, name: string) => fieldNamed(el, name)?.labels?.[0]?.textContent?.trim();
const text = (el: Element, sel: string) => $(el, sel)?.textContent?.trim();
const title = (el: OktaSignin) => text(el, '[part~=title]');
const shows = (el: OktaSignin, want: string) =>
  waitUntil(() => title(el) === want, `title "${want}", still "${title(el)}"`, { timeout: 5000 });

/** A Transport that resumes into `state` and answers every step with it; login fails with `loginError` if given. */
function fake(state: FlowState | null, loginError?: FlowError): Transport {
  const same = async () => state ?? { status: 'Idle' as const };
  return {
    kind: 'backend',
    resume: async () => state,
    login: async () => {
      if (loginError) throw loginError;
      return same();
    },
    selectAuthenticator: same,
    selectEnrollmentChannel: same,
    sendEnrollmentChannelData: same,
    verifyCode: same,
    changePassword: same,
    verifyPassword: same,
    sendEnrollmentData: same,
    resend: same,
    recover: same,
    verifyWebAuthn: same,
    skip: same,
    proceed: same,
    cancel: same,
    poll: () => new Promise(() => {}),
  };
}

const signin = (lang: string | null, state: FlowState | null = null, extra: Partial<OktaSignin> = {}) =>
  fixture<OktaSignin>(
    html`<okta-signin lang=${lang ?? nothing} .transport=${fake(state)} .strings=${extra.strings}></okta-signin>`,
  );

// The page's own lang and the browser's languages are put back after each test.
let pageLang: string | null;
beforeEach(() => {
  pageLang = document.documentElement.getAttribute('lang');
  document.documentElement.removeAttribute('lang');
});
afterEach(() => {
  if (pageLang == null) document.documentElement.removeAttribute('lang');
  else document.documentElement.setAttribute('lang', pageLang);
  delete (navigator as { languages?: unknown }).languages;
});
const browserLanguages = (...languages: string[]) =>
  Object.defineProperty(navigator, 'languages', { value: languages, configurable: true });

describe('languages', () => {
  it('speaks German by the element’s own lang', async () => {
    const el = await signin('de');
    await shows(el, 'Anmelden');
    expect(label(el, 'username')).to.equal('Benutzername');
    expect(label(el, 'password')).to.equal('Passwort');
    expect(text(el, '[part~=submit]')).to.equal('Anmelden');
    expect($(el, '[part=container]').getAttribute('lang')).to.equal('de');
    expect($(el, '[part=container]').getAttribute('dir')).to.equal('ltr');
  });

  it('speaks Japanese by an ancestor’s lang', async () => {
    const box = await fixture<HTMLElement>(html`<div lang="ja-JP"><section><okta-signin .transport=${fake(null)}></okta-signin></section></div>`);
    const el = box.querySelector('okta-signin')!;
    await shows(el, 'サインイン');
    expect(label(el, 'username')).to.equal('ユーザー名');
    expect(label(el, 'password')).to.equal('パスワード');
  });

  it('speaks Arabic, right to left, by the lang of the shadow host it sits in', async () => {
    const host = await fixture<HTMLElement>(html`<div lang="ar"></div>`);
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<div><okta-signin></okta-signin></div>';
    const el = root.querySelector('okta-signin')!;
    el.transport = fake(null);
    await shows(el, 'تسجيل الدخول');
    expect(label(el, 'username')).to.equal('اسم المستخدم');
    expect($(el, '[part=container]').getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle($(el, '[part=container]')).direction).to.equal('rtl');
    expect(getComputedStyle(fieldNamed(el, 'username')!).direction, 'the light sign-in form too').to.equal('rtl');
  });

  it('speaks the browser’s first supported language when no lang is set', async () => {
    browserLanguages('xx-XX', 'de-AT', 'fr');
    const de = await signin(null);
    await shows(de, 'Anmelden');
    browserLanguages('zh-Hant-TW', 'en');
    const tw = await signin(null);
    await shows(tw, '登入');
    browserLanguages('ar-EG');
    const ar = await signin(null);
    await shows(ar, 'تسجيل الدخول');
    expect($(ar, '[part=container]').getAttribute('dir')).to.equal('rtl');
    browserLanguages('ja');
    const ja = await signin(null);
    await shows(ja, 'サインイン');
  });

  it('speaks English for a lang it does not know and with no lang and an English browser', async () => {
    browserLanguages('en-US');
    const el = await signin(null);
    expect(title(el)).to.equal('Sign in');
    const sw = await signin('sw');
    expect(title(sw)).to.equal('Sign in');
  });

  it('re-renders when its own lang or the page’s lang changes', async () => {
    browserLanguages('en-US');
    const el = await signin(null);
    expect(title(el)).to.equal('Sign in');
    document.documentElement.setAttribute('lang', 'fr');
    await shows(el, 'Se connecter');
    el.setAttribute('lang', 'ar');
    await shows(el, 'تسجيل الدخول');
    expect($(el, '[part=container]').getAttribute('dir')).to.equal('rtl');
    el.removeAttribute('lang');
    await shows(el, 'Se connecter');
    expect($(el, '[part=container]').getAttribute('dir')).to.equal('ltr');
  });

  it('re-words a shown error when the language changes', async () => {
    const el = await fixture<OktaSignin>(
      html`<okta-signin lang="de" .transport=${fake(null, new FlowError('invalid_credentials', 'wrong'))}></okta-signin>`,
    );
    await shows(el, 'Anmelden');
    const messages: string[] = [];
    el.addEventListener('okta-error', (e) => messages.push((e as CustomEvent).detail.message));
    fieldNamed(el, 'username')!.value = 'ann';
    fieldNamed(el, 'password')!.value = 'pw';
    lightForm(el)!.requestSubmit();
    await waitUntil(() => text(el, '[role=alert]') === 'Benutzername oder Passwort ist falsch.');
    expect(messages).to.deep.equal(['Benutzername oder Passwort ist falsch.']);
    el.setAttribute('lang', 'es');
    await waitUntil(() => text(el, '[role=alert]') === 'Nombre de usuario o contraseña incorrectos.');
  });
});

describe('the strings property', () => {
  it('overrides part of the table on one element and leaves another alone', async () => {
    const box = await fixture<HTMLElement>(html`<div lang="de">
      <okta-signin id="a" .transport=${fake(null)} .strings=${{ signIn: 'Einloggen', username: 'Kennung' }}></okta-signin>
      <okta-signin id="b" .transport=${fake(null)}></okta-signin>
    </div>`);
    const a = box.querySelector<OktaSignin>('#a')!;
    const b = box.querySelector<OktaSignin>('#b')!;
    await shows(a, 'Einloggen');
    await shows(b, 'Anmelden');
    expect(label(a, 'username')).to.equal('Kennung');
    expect(label(a, 'password')).to.equal('Passwort', 'the rest stays German');
    expect(label(b, 'username')).to.equal('Benutzername');
    expect(strings.signIn).to.equal('Sign in', 'the English table is untouched');
  });

  it('reaches the inner picker with the element’s language', async () => {
    const state: FlowState = {
      status: 'AwaitingChallengeAuthenticatorSelection',
      authenticators: [{ id: 'ov', name: 'Okta Verify', methodType: 'push' }],
    } as FlowState;
    const el = await signin('de', state, { strings: { continue: 'Los' } });
    await shows(el, 'Bestätigen Sie Ihre Identität');
    const picker = $<AuthenticatorPicker>(el, 'authenticator-picker');
    await picker.updateComplete;
    await waitUntil(() => text(picker, '[part=label]') === 'Wählen Sie eine Sicherheitsmethode');
    expect(text(picker, '[part=submit]')).to.equal('Los');
  });

  it('keeps the exported English table working: Object.assign(strings, …)', async () => {
    browserLanguages('en-US');
    const before = strings.signIn;
    Object.assign(strings, { signIn: 'Log in' });
    try {
      const el = await signin(null);
      expect(title(el)).to.equal('Log in');
      const de = await signin('de');
      await shows(de, 'Anmelden');
    } finally {
      strings.signIn = before;
    }
  });
});

describe('placeholders and later views', () => {
  it('fills the number challenge’s placeholder in the language', async () => {
    const el = await signin('de', { status: 'AwaitingChallengePoll', challenge: { correctAnswer: 42 } } as FlowState);
    await shows(el, 'Push-Benachrichtigung gesendet');
    expect(text(el, '.sr')).to.equal('Push-Benachrichtigung gesendet. Tippen Sie in Okta Verify auf 42.');
    expect(text(el, '[part~=number]')).to.equal('42');
  });

  it('fills the setup link’s address in the language', async () => {
    const el = await signin('fr', {
      status: 'AwaitingEnrollmentPoll',
      enrollment: { channel: 'email', channels: ['email'], sentTo: 'a@example.com' },
    } as FlowState);
    await shows(el, 'Consultez vos e-mails');
    expect(text(el, '[part~=sent-to]')).to.equal(
      'Nous avons envoyé un lien de configuration à a@example.com. Ouvrez-le sur votre téléphone pour configurer Okta Verify.',
    );
  });
});

describe('accessibility in other languages', () => {
  for (const [lang, heading] of [
    ['de', 'Anmelden'],
    ['ar', 'تسجيل الدخول'],
  ]) {
    it(`the sign-in form in ${lang}`, async () => {
      const el = await signin(lang);
      await shows(el, heading);
      await expect(el).to.be.accessible();
    });
  }

  for (const [lang, heading] of [
    ['ja', 'コードを入力'],
    ['ar', 'أدخل رمزًا'],
  ]) {
    it(`the code entry in ${lang}`, async () => {
      const el = await signin(lang, { status: 'AwaitingChallengeCode', challenge: { methodType: 'totp' } } as FlowState);
      await shows(el, heading);
      await expect(el).to.be.accessible();
    });
  }
});
