/**
 * Identity providers and the org's own sign-in page through `<okta-signin>`, end to end against the local org and its
 * fake provider, in either mode, as a person does it. The sign-in page (the script-tag file) runs in a window of its
 * own, since the round trip is a full-page one and the provider's pages refuse to be framed; the provider's and the
 * org's pages are filled in through the browser (`popup:act`). `idp-backend.test.ts` and `idp-idx.test.ts` run it.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { FlowState, FlowStatus } from '../../src/core/types.js';
import { env, waitFor } from './local-org.js';
import { choose } from './page-frames.js';

type Mode = 'backend' | 'idx';
type Signin = HTMLElement & { flowState: FlowState; updateComplete: Promise<unknown> };
type PageWindow = Window & typeof globalThis & { oktaEvents: { type: string; detail: any }[] };

const PASSWORD = 'Passw0rd!';

/** The page's path, or undefined while the window is on another origin (the provider, the org). */
function pathOf(win: Window): string | undefined {
  try {
    return win.location.pathname;
  } catch {
    return undefined;
  }
}

/** The window, once it is back on `path` of this origin with its `<okta-signin>`. */
async function backAt(win: Window, path: string): Promise<{ win: PageWindow; el: Signin }> {
  const el = await waitFor(
    async () => (pathOf(win) === path && win.document.readyState === 'complete' ? (win.document.querySelector('okta-signin') as Signin | null) : null),
    `the sign-in page at ${path} (at ${pathOf(win) ?? 'another origin'})`,
    20000,
  );
  return { win: win as PageWindow, el };
}

const text = (el: Signin) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const alertText = (el: Signin) => el.shadowRoot?.querySelector('[role=alert]')?.textContent?.trim() ?? '';

function untilStatus(el: Signin, status: FlowStatus) {
  return waitFor(async () => el.flowState.status === status, `status ${status} (at ${el.flowState.status}: ${text(el)})`, 20000);
}

/** The identity provider buttons the element shows, once their view has loaded. */
const idpButtons = (el: Signin) =>
  waitFor(async () => {
    const buttons = [...(el.shadowRoot?.querySelectorAll<HTMLButtonElement>('[part~=idp]') ?? [])];
    return buttons.length ? buttons : null;
  }, 'identity provider buttons');

/** Types a username and password into the element's sign-in form and submits it. */
async function signInWithPassword(el: Signin, username: string) {
  const form = await waitFor(async () => el.querySelector<HTMLFormElement>('form[data-okta-signin-fields]'), 'the sign-in form');
  for (const [name, value] of [['username', username], ['password', PASSWORD]]) {
    const input = form.querySelector<HTMLInputElement>(`input[name=${name}]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  form.querySelector<HTMLButtonElement>('button[part~=submit]')!.click();
}

/** Signs in at the fake provider (sign-in, then consent), or cancels there. */
async function atProvider(username: string, { cancel = false } = {}) {
  if (cancel) return executeServerCommand('popup:act', { at: '/provider/authorize', press: 'Cancel' });
  const login = (await executeServerCommand('popup:act', {
    at: '/provider/authorize',
    fill: { '#username': username, '#password': PASSWORD },
    press: 'Sign in',
  })) as { text: string };
  expect(login.text).to.match(/Sign in with/);
  const consent = (await executeServerCommand('popup:act', { at: '/provider/authorize', press: 'Allow' })) as { text: string };
  expect(consent.text).to.include(`(${username})`);
}

export function idpSuite(mode: Mode) {
  describe(`<okta-signin> (${mode} mode): identity providers and the org's own sign-in page`, function () {
    this.timeout(90000);
    let win: Window | null = null;

    async function open(): Promise<{ win: PageWindow; el: Signin }> {
      const e = await env();
      if (mode === 'backend') {
        // One cookie jar for every test: the sign-in and the user a test left behind go.
        for (const path of ['/cancel', '/logout']) {
          await fetch(`${e.backend}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        }
      }
      const start = mode === 'backend' ? '/pages/classic' : `/pages/classic?issuer=${encodeURIComponent(e.issuer)}&redirect-uri=${encodeURIComponent(e.redirectUri)}`;
      win = window.open(start, '_blank', 'popup,width=640,height=800');
      if (!win) throw new Error('the browser did not open a window');
      return backAt(win, '/pages/classic');
    }

    afterEach(async () => {
      win?.close();
      win = null;
      // The next test file shares the cookie jar: no user, and no Success still to be told, are left behind.
      if (mode === 'backend') await fetch(`${(await env()).backend}/logout`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    });

    /** Where the browser lands once signed in: the backend's success URL, or IDX mode's redirect URI with tokens. */
    async function signedIn(username: string) {
      if (mode === 'backend') {
        await waitFor(async () => pathOf(win!) === '/signed-in', `the success URL (at ${pathOf(win!) ?? 'another origin'})`, 20000);
        const me = await (await fetch('/auth/me')).json();
        expect([me.signedIn, me.user?.email]).to.deep.equal([true, username]);
        return;
      }
      const { win: page, el } = await backAt(win!, '/login/callback');
      await untilStatus(el, 'Success');
      expect(el.flowState.tokens?.idTokenClaims?.email).to.equal(username);
      expect(page.location.search, 'the code and state are taken off the address').to.equal('');
      const success = page.oktaEvents.filter((e) => e.type === 'okta-success');
      expect(success.map((e) => e.detail.tokens?.idTokenClaims?.email)).to.deep.equal([username]);
      expect(page.oktaEvents.filter((e) => e.type === 'okta-error')).to.deep.equal([]);
      // The transaction kept for the way back is gone, and its PKCE verifier was never in localStorage.
      expect(page.sessionStorage.getItem('okta-transaction-storage')).to.equal(null);
      expect(JSON.stringify({ ...page.localStorage })).not.to.include('codeVerifier');
    }

    it('sam: the buttons Okta offers on the sign-in form, Google, the provider, back, signed in', async () => {
      const { win: page, el } = await open();
      const buttons = await idpButtons(el);
      expect(buttons.map((b) => b.textContent!.trim())).to.deep.equal(['Sign in with Google', 'Sign in with Microsoft', 'Sign in with Acme Identity']);
      expect(buttons[0].querySelector('svg path[fill="#4285F4"]'), "Google's own logo").to.exist;
      expect(el.shadowRoot!.querySelector('[part~=idps]')!.getAttribute('aria-label')).to.equal('Other ways to sign in');
      const offered = page.oktaEvents.filter((e) => e.type === 'okta-status-change' && e.detail.idps).at(-1)!.detail.idps;
      expect(offered.map((p: { name: string; type: string }) => [p.name, p.type])).to.deep.equal([
        ['Google', 'GOOGLE'],
        ['Microsoft', 'MICROSOFT'],
        ['Acme Identity', 'OIDC'],
      ]);
      expect(JSON.stringify(page.oktaEvents), "Okta's addresses are in no event").not.to.match(/stateToken|sso\/idps/);

      buttons[0].click();
      await atProvider('sam@example.com');
      await signedIn('sam@example.com');
    });

    it('tina: the IdP that is her second factor is a step of its own, then the provider, back, signed in', async () => {
      const { el } = await open();
      await signInWithPassword(el, 'tina@example.com');
      await untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
      await choose(el, /IdP Authenticator/);
      await untilStatus(el, 'AwaitingIdentityProvider');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~=title]')!.textContent!.trim()).to.equal('Verify with Acme MFA');
      expect(text(el)).to.include('You will continue at Acme MFA, then come back here.');
      expect(el.shadowRoot!.querySelector('[part~=other-authenticator]'), 'no way back to a picker of this IdP alone').to.equal(null);
      const [button] = await idpButtons(el);
      expect(button.textContent!.trim()).to.equal('Verify with Acme MFA');
      button.click();
      // The org names tina to the provider (login_hint): she only gives her password there.
      const login = (await executeServerCommand('popup:act', { at: '/provider/authorize', fill: { '#password': PASSWORD }, press: 'Sign in' })) as { text: string };
      expect(login.text).to.match(/Sign in with Acme MFA/);
      await executeServerCommand('popup:act', { at: '/provider/authorize', press: 'Allow' });
      await signedIn('tina@example.com');
    });

    it('cancelled at the provider: a clear message and okta-error on the way back, and a new sign-in works', async () => {
      const { el } = await open();
      (await idpButtons(el))[0].click();
      await atProvider('sam@example.com', { cancel: true });
      const { win: page, el: back } = await backAt(win!, mode === 'backend' ? '/pages/classic' : '/login/callback');
      await waitFor(async () => alertText(back), 'the error message');
      expect(alertText(back)).to.equal('The sign-in was cancelled or not allowed. Sign in again.');
      const errors = page.oktaEvents.filter((e) => e.type === 'okta-error').map((e) => e.detail);
      expect(errors).to.deep.equal([
        { code: 'session_expired', message: 'The sign-in was cancelled or not allowed. Sign in again.', retryable: false, reason: 'redirect-denied' },
      ]);
      expect(page.location.search, 'the error is taken off the address').to.equal('');
      expect(back.flowState.status).to.equal('Idle');
      // The form, its buttons back, and a sign-in with the password goes through.
      await idpButtons(back);
      await signInWithPassword(back, 'sam@example.com');
      if (mode === 'backend') {
        await waitFor(async () => pathOf(win!) === '/signed-in', 'the success URL', 20000);
        expect((await (await fetch('/auth/me')).json()).user.email).to.equal('sam@example.com');
      } else {
        await untilStatus(back, 'Success');
        expect(back.flowState.tokens?.idTokenClaims?.email).to.equal('sam@example.com');
      }
    });

    if (mode === 'idx') {
      it('an app that finishes the way back in code: handleSignInRedirect, one call, the tokens', async () => {
        document.cookie = 'okta-callback=code; path=/';
        try {
          const { el } = await open();
          (await idpButtons(el))[1].click();
          await atProvider('sam@example.com');
          const result = await waitFor(
            async () => (pathOf(win!) === '/login/callback' ? (win as unknown as { result?: any }).result : undefined),
            'the code on the redirect URI to finish',
            20000,
          );
          expect(result.tokens?.idTokenClaims?.email).to.equal('sam@example.com');
          expect(win!.location.search).to.equal('');
          // Used once: the same way back again is refused.
          const again = await (win as unknown as { OktaSigninElements: { loadApi(): Promise<any> } }).OktaSigninElements.loadApi();
          expect(await again.handleSignInRedirect({ issuer: 'x' })).to.equal(null);
        } finally {
          document.cookie = 'okta-callback=; path=/; max-age=0';
        }
      });
    }

    it("vera (Okta FastPass only): the step no page can answer, the org's own sign-in page, back, signed in", async () => {
      const { win: page, el } = await open();
      await signInWithPassword(el, 'vera@example.com');
      await untilStatus(el, 'UnsupportedStep');
      await el.updateComplete;
      const error = page.oktaEvents.filter((e) => e.type === 'okta-error').at(-1)!.detail;
      expect([error.code, error.reason, error.step]).to.deep.equal(['config', 'unsupported-step', 'challenge-poll/okta_verify']);
      const hosted = await waitFor(async () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=hosted]'), 'the way to the org\'s page');
      expect(hosted.textContent!.trim()).to.equal('Continue on the sign-in page');
      expect(text(el)).to.include("You can finish signing in on your organization's sign-in page.");
      hosted.click();
      const signInPage = (await executeServerCommand('popup:act', {
        at: '/v1/authorize',
        fill: { '#identifier': 'vera@example.com', '#passcode': PASSWORD },
        press: 'Sign in',
      })) as { url: string };
      const sent = new URL(signInPage.url).searchParams;
      expect([sent.get('response_type'), sent.get('code_challenge_method')]).to.deep.equal(['code', 'S256']);
      const fastPass = (await executeServerCommand('popup:act', { at: '/signin/hosted', press: 'Sign in with Okta Verify' })) as { text: string };
      expect(fastPass.text).to.include('Okta FastPass');
      await signedIn('vera@example.com');
    });
  });
}
