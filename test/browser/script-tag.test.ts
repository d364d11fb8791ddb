// The built script-tag file (dist/cdn) on real pages (test/support/pages.mjs), loaded by a classic <script src> and by
// <script type="module">: it renders the form, loads its later chunks from beside itself (the page lives in another
// folder, /pages/, than the script, /cdn/), and signs alice in against the reference backend and, in IDX mode,
// against the local org.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { answerPush, env, newUser, waitFor } from '../support/local-org.js';

type Signin = HTMLElement & { flowState: { status: string }; updateComplete: Promise<unknown> };
type PageWindow = Window & typeof globalThis & { cspViolations: { directive: string; blocked: string }[]; OktaSigninElements?: Record<string, unknown> };

export interface OpenPage {
  frame: HTMLIFrameElement;
  win: PageWindow;
  el: Signin;
  events: { type: string; detail: any }[];
}

/** Opens /pages/<name> in an iframe and waits for the form; records the okta-* events (success is prevented). */
export async function openPage(name: string, query = ''): Promise<OpenPage> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 40rem; height: 40rem';
  frame.src = `/pages/${name}${query}`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as PageWindow;
  const events: OpenPage['events'] = [];
  for (const type of ['okta-status-change', 'okta-success', 'okta-error']) {
    win.document.addEventListener(type, (e) => {
      if (type === 'okta-success') e.preventDefault();
      events.push({ type, detail: (e as CustomEvent).detail });
    });
  }
  const el = win.document.querySelector('okta-signin') as Signin;
  await waitFor(async () => el.shadowRoot?.querySelector('input[autocomplete=username]'), 'the sign-in form', 20000);
  return { frame, win, el, events };
}

export const shadowText = (el: HTMLElement) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

export function untilStatus(el: Signin, status: string, timeoutMs = 20000) {
  return waitFor(async () => el.flowState.status === status, `status ${status} (at ${el.flowState.status}: ${shadowText(el)})`, timeoutMs);
}

async function typeInto(el: Signin, selector: string, value: string) {
  const input = el.shadowRoot!.querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`no ${selector} in: ${shadowText(el)}`);
  input.focus();
  await sendKeys({ type: value });
}

/** alice: password, the picker (a lazy chunk), push (the step views, another), approved on the device: okta-success. */
export async function signInAlice({ el, events }: OpenPage) {
  const user = await newUser('alice');
  await typeInto(el, 'input[autocomplete=username]', user.username);
  await typeInto(el, 'input[autocomplete=current-password]', user.password);
  await sendKeys({ press: 'Enter' });
  await untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
  const picker = await waitFor(async () => {
    const p = el.shadowRoot!.querySelector('authenticator-picker');
    return p?.shadowRoot?.querySelector('[role=radio]') ? p : null;
  }, 'the authenticator picker');
  const push = [...picker.shadowRoot!.querySelectorAll<HTMLElement>('[role=radio]')].find((o) => /push/i.test(o.textContent ?? ''));
  push!.click();
  await (picker as Signin).updateComplete;
  [...picker.shadowRoot!.querySelectorAll('button')].find((b) => /continue/i.test(b.textContent ?? ''))!.click();
  await untilStatus(el, 'AwaitingChallengePoll');
  const number = await waitFor(async () => el.shadowRoot!.querySelector('[part~=number]')?.textContent, 'the number challenge');
  expect(shadowText(el)).to.include(number);
  await answerPush(user.username, 'approve', Number(number));
  await waitFor(async () => events.some((e) => e.type === 'okta-success'), 'okta-success', 30000);
  expect(events.filter((e) => e.type === 'okta-error')).to.deep.equal([]);
  return user;
}

/** Every script the page downloaded came from /cdn/ (beside the script-tag file) and none failed. */
function scriptsLoaded(win: PageWindow) {
  return win.performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name).pathname)
    .filter((path) => path.endsWith('.js') && path !== '/pages/csp-violations.js');
}

async function me() {
  return (await fetch('/auth/me', { headers: { accept: 'application/json' } })).json();
}

describe('the script-tag file on a page', function () {
  this.timeout(90000);
  let frames: HTMLIFrameElement[] = [];
  const open = async (name: string, query = '') => {
    const page = await openPage(name, query);
    frames.push(page.frame);
    return page;
  };
  afterEach(async () => {
    frames.forEach((f) => f.remove());
    frames = [];
    await fetch('/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  });

  for (const [name, kind] of [
    ['classic', 'a classic <script src>'],
    ['module', '<script type="module">'],
  ] as const) {
    it(`loaded by ${kind}: renders the form, loads its chunks from beside itself, signs alice in (backend mode)`, async () => {
      const page = await open(name);
      const tag = page.win.document.querySelector('script[src$="okta-signin-elements.min.js"]')!;
      expect(tag.getAttribute('type')).to.equal(name === 'classic' ? null : 'module');
      expect(page.el.shadowRoot!.querySelector('[part~=title]')?.textContent?.trim()).to.equal('Sign in');
      expect(page.win.OktaSigninElements?.OktaSignin).to.equal(page.win.customElements.get('okta-signin'));

      const user = await signInAlice(page);
      expect((await me()).user?.email).to.equal(user.username);
      const scripts = scriptsLoaded(page.win);
      expect(scripts).to.include('/cdn/okta-signin-elements.min.js');
      expect(scripts.some((p) => /^\/cdn\/chunks\/steps-[\w-]+\.js$/.test(p)), scripts.join(' ')).to.equal(true);
      expect(scripts.some((p) => /^\/cdn\/chunks\/authenticator-picker-[\w-]+\.js$/.test(p)), scripts.join(' ')).to.equal(true);
      expect(scripts.every((p) => p.startsWith('/cdn/')), scripts.join(' ')).to.equal(true);
      expect(page.win.cspViolations).to.deep.equal([]);
    });
  }

  it('loaded by a classic <script src>: a language file comes from beside it too', async () => {
    const page = await open('classic', '?lang=de');
    await waitFor(async () => page.el.shadowRoot!.querySelector('[part~=title]')?.textContent?.trim() === 'Anmelden', 'the German form');
    expect(scriptsLoaded(page.win)).to.include('/cdn/chunks/i18n/de.js');
  });

  it('loaded by a classic <script src>: IDX mode downloads okta-signin-elements.idx.min.js and signs alice in with tokens', async () => {
    const e = await env();
    const page = await open('classic', `?issuer=${encodeURIComponent(e.issuer)}&redirect-uri=${encodeURIComponent(e.redirectUri)}`);
    await signInAlice(page);
    const success = page.events.find((x) => x.type === 'okta-success')!;
    expect(success.detail.tokens?.idToken, 'an ID token').to.be.a('string');
    expect(scriptsLoaded(page.win)).to.include('/cdn/okta-signin-elements.idx.min.js');
  });
});
