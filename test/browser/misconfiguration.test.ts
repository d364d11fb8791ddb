// A site set up wrong, as the user and the developer meet it, in both modes against the local org: the user reads the
// neutral sentence for `config`; `okta-error` carries the code `config` and, for the developer, a hint that says which
// setting to fix, which the element never shows. In backend mode the hint only points to the server's log, which names
// the setting (test/node/backend-misconfiguration.test.mjs): the browser learns nothing of the server's secrets.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/okta-signin/okta-signin.js';
import type { OktaSignin } from '../../src/elements/okta-signin/okta-signin.js';
import type { ErrorDetail } from '../../src/elements/shared/events.js';
import { strings } from '../../src/elements/shared/messages.js';
import { fieldNamed } from '../support/fields.js';
import { env } from '../support/local-org.js';

const NEUTRAL = strings.errors.config;

function nextError(el: OktaSignin, timeoutMs = 15000): Promise<ErrorDetail> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no okta-error')), timeoutMs);
    el.addEventListener(
      'okta-error',
      (e) => {
        clearTimeout(timer);
        resolve(e.detail);
      },
      { once: true },
    );
  });
}

/** Signs in as dave, reads the error the element reports and shows. */
async function signInFails(el: OktaSignin): Promise<ErrorDetail> {
  const failed = nextError(el);
  const username = fieldNamed(el, 'username')!;
  username.value = 'dave@example.com';
  username.dispatchEvent(new Event('input'));
  fieldNamed(el, 'password')!.value = 'Passw0rd!';
  username.form!.requestSubmit();
  const detail = await failed;
  await el.updateComplete;
  expect(detail.code).to.equal('config');
  expect(detail.retryable).to.equal(false);
  expect(detail.message).to.equal(NEUTRAL);
  expect(el.shadowRoot!.querySelector('[part~=error]')?.textContent?.trim()).to.equal(NEUTRAL);
  // The hint is for the developer: never on screen, in the shadow root or in the light-DOM form.
  for (const text of [el.shadowRoot!.textContent ?? '', el.textContent ?? '']) {
    expect(text).not.to.contain(detail.hint);
  }
  await expect(el).to.be.accessible();
  return detail;
}

describe('a site set up wrong: IDX mode', function () {
  this.timeout(30000);

  async function idxElement(settings: { issuer?: string; clientId?: string; redirectUri?: string }) {
    const e = await env();
    return fixture<OktaSignin>(html`<okta-signin
      issuer=${settings.issuer ?? e.issuer}
      client-id=${settings.clientId ?? e.spaClientId}
      redirect-uri=${settings.redirectUri ?? e.redirectUri}
    ></okta-signin>`);
  }

  it('a client id the org does not know: the hint names it and where the right one is', async () => {
    const { hint } = await signInFails(await idxElement({ clientId: 'no-such-client' }));
    expect(hint).to.match(/^Okta knows no client id "no-such-client" at http:\/\/localhost:\d+\/oauth2\/default/);
    expect(hint).to.contain('set the Client ID of an app of that org');
  });

  it('a redirect URI the app does not list: the hint names it and where to add it', async () => {
    const e = await env();
    const { hint } = await signInFails(await idxElement({ redirectUri: `${e.testOrigin}/not-registered` }));
    expect(hint).to.contain(`Okta refused the redirect URI "${e.testOrigin}/not-registered" of client id "${e.spaClientId}"`);
    expect(hint).to.contain("add it to the app's Sign-in redirect URIs");
  });

  it('an org that does not trust the page\'s origin (CORS): the hint names the origin to add', async () => {
    const e = await env();
    const { hint } = await signInFails(await idxElement({ issuer: e.untrustedIssuer }));
    expect(hint).to.equal(
      `The org at ${new URL(e.untrustedIssuer).origin} answered, but not to ${location.origin}: add ${location.origin} as a Trusted Origin with CORS (Okta Admin Console: Security > API > Trusted Origins).`,
    );
  });

  it("a web app's client id in the browser: the hint says IDX mode needs a single-page app", async () => {
    const { hint } = await signInFails(await idxElement({ clientId: 'local-web' }));
    expect(hint).to.match(/^Okta wants a client secret for client id "local-web".*use a single-page app/);
  });
});

describe('a site set up wrong: backend mode', function () {
  this.timeout(30000);

  for (const [name, what] of [
    ['wrongSecret', 'a client secret that is not the app\'s'],
    ['unknownClient', 'a client id the org does not know'],
    ['unregisteredRedirect', 'a redirect URI the app does not list'],
  ] as const) {
    it(`${what}: the hint points to the server's log, and says nothing of its settings`, async () => {
      const path = (await env()).misconfiguredBackends[name];
      const el = await fixture<OktaSignin>(html`<okta-signin backend=${path}></okta-signin>`);
      const { hint } = await signInFails(el);
      expect(hint).to.equal(
        `${path}/login answered config: the server's Okta settings (client id, secret, redirect URI, issuer) need fixing; its log says which.`,
      );
      for (const secret of ['not-the-secret', 'local-web-secret', 'no-such-client', 'not-registered']) expect(hint).not.to.contain(secret);
    });
  }
});
