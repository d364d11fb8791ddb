// The script-tag file under the strict Content-Security-Policy of docs/styling.md's "Content-Security-Policy" (demo/csp.mjs,
// the one `npm start` serves its demo pages with): no inline script or style, images from the origin and data:
// URLs, requests to the origin and the org. Each page collects `securitypolicyviolation` events from its first script.
import { expect } from '@open-wc/testing';
import { env, waitFor } from '../support/local-org.js';
import { choose, openPage, signInAlice, submitPassword, untilStatus, type OpenPage } from '../support/page-frames.js';

describe('under a strict Content-Security-Policy', function () {
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

  const violations = (page: OpenPage) => page.win.cspViolations;

  it('the policy is in force: an inline script is refused and reported', async () => {
    const page = await open('module-csp');
    const policy = (await fetch('/pages/module-csp')).headers.get('content-security-policy');
    expect(policy).to.include("script-src 'self'").and.include("style-src 'self'").and.include("img-src 'self' data:");
    const inline = page.win.document.createElement('script');
    inline.textContent = 'window.inlineRan = true';
    page.win.document.body.append(inline);
    await waitFor(async () => violations(page).length > 0, 'a reported violation');
    expect((page.win as unknown as { inlineRan?: boolean }).inlineRan).to.equal(undefined);
    expect(violations(page)[0].directive).to.match(/^script-src/);
  });

  for (const name of ['module-csp', 'classic-csp']) {
    it(`${name}: backend mode renders, signs alice in through the later views, no violation`, async () => {
      const page = await open(name);
      // The sign-in fields in the light DOM are styled by a constructed sheet on the document, not a <style>.
      const username = page.el.querySelector<HTMLInputElement>(':scope > form[data-okta-signin-fields] input[name=username]')!;
      expect(username.getRootNode()).to.equal(page.win.document);
      expect(username.getBoundingClientRect().height).to.be.at.least(44);
      expect(page.win.document.querySelector('style')).to.equal(null);
      await signInAlice(page);
      expect(violations(page)).to.deep.equal([]);
    });
  }

  it('backend mode: bob\'s enrollment QR code (a data: image) shows, no violation', async () => {
    const page = await open('module-csp');
    await submitPassword(page.el, 'bob');
    await untilStatus(page.el, 'AwaitingAuthenticatorEnrollment');
    await choose(page.el, /Okta Verify/);
    await untilStatus(page.el, 'AwaitingEnrollmentPoll');
    const img = await waitFor(async () => {
      const qr = page.el.shadowRoot!.querySelector<HTMLImageElement>('img[part~=qr]');
      return qr?.complete && qr.naturalWidth > 0 ? qr : null;
    }, 'the QR code loaded');
    expect(img.src).to.match(/^data:image\//);
    expect(violations(page)).to.deep.equal([]);
  });

  it('IDX mode: talks to the org (connect-src) and signs alice in with tokens, no violation', async () => {
    const e = await env();
    const page = await open('module-csp', `?issuer=${encodeURIComponent(e.issuer)}&redirect-uri=${encodeURIComponent(e.redirectUri)}`);
    await signInAlice(page);
    expect(page.events.find((x) => x.type === 'okta-success')!.detail.tokens?.accessToken).to.be.a('string');
    expect(violations(page)).to.deep.equal([]);
  });
});
