// The built script-tag file (dist/cdn) on real pages (test/support/pages.mjs), loaded by a classic <script src> and by
// <script type="module">: it renders the form, loads its later chunks from beside itself (the page lives in another
// folder, /pages/, than the script, /cdn/), and signs alice in against the reference backend and, in IDX mode,
// against the local org.
import { expect } from '@open-wc/testing';
import { env, waitFor } from '../support/local-org.js';
import { openPage, signInAlice, type PageWindow } from '../support/page-frames.js';

/** The paths of the scripts the page downloaded. */
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

  it('loaded by a classic <script src>: the rest of the API comes with loadApi(), the same classes the element uses', async () => {
    const page = await open('classic');
    const api = page.win.OktaSigninElements!;
    expect(Object.keys(api).sort()).to.deep.equal(
      ['FlowError', 'LANGUAGES', 'OktaSignin', 'createTransport', 'errorText', 'loadApi', 'loadLanguage', 'strings', 'toFlowError'],
    );
    const full = await (api.loadApi as () => Promise<Record<string, unknown>>)();
    const flow = await (page.el as unknown as { signInFlowReady: Promise<object> }).signInFlowReady;
    expect(flow).to.be.instanceOf(full.SignInFlow as new () => object);
    expect(full.OktaSignin).to.equal(api.OktaSignin);
    expect(full.strings).to.equal(api.strings);
    expect(full.AuthenticatorPicker).to.equal(page.win.customElements.get('authenticator-picker'));
    expect(full.runPoller).to.be.a('function');
    expect(full.BackendTransport).to.be.a('function');
    expect(scriptsLoaded(page.win).every((p) => p.startsWith('/cdn/'))).to.equal(true);
  });

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

  for (const [name, kind] of [
    ['classic-alone', 'a classic <script src>'],
    ['module-alone', '<script type="module">'],
  ] as const) {
    it(`loaded by ${kind} without its folder: the user reads a neutral sentence, okta-error's hint names the file that did not load`, async () => {
      const page = await open(name);
      const win = page.win as PageWindow & { oktaErrors: { code: string; message: string; retryable: boolean; hint?: string }[] };
      await waitFor(async () => win.oktaErrors.length > 0, 'an okta-error');
      const [error] = win.oktaErrors;
      expect(error.code).to.equal('network');
      expect(error.retryable).to.equal(true);
      expect(error.message).to.equal('The sign-in code could not load. Check your connection and reload the page.');
      // The URL tried: absolute from a classic script (its own URL is known); a module script's browser message names it.
      expect(error.hint).to.match(/\/cdn-alone\/chunks\/[\w-]+\.js/);
      expect(error.hint).to.match(/^\S+\/chunks\/[\w-]+\.js did not load \(TypeError: .+\)$/);
      if (name === 'classic-alone') expect(error.hint).to.match(/^http:\/\/localhost:\d+\/cdn-alone\/chunks\//);
      const alert = page.el.shadowRoot!.querySelector('[role=alert]')!;
      expect(alert.textContent!.trim()).to.equal(error.message);
      expect(page.el.shadowRoot!.textContent).not.to.contain('cdn-alone');
      expect(page.el.shadowRoot!.textContent).not.to.contain('did not load');
    });
  }
});
