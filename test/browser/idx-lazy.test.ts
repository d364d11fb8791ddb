// Own test file (own page) so that nothing else has loaded okta-auth-js into it.
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/okta-signin/okta-signin.js';
import type { OktaSignin } from '../../src/elements/okta-signin/okta-signin.js';
import type { ErrorDetail } from '../../src/elements/shared/events.js';
import { testEnv } from '../support/env.js';
import { newUser } from '../support/local-org.js';
import { fieldNamed } from '../support/fields.js';

const idxModules = () =>
  performance
    .getEntriesByType('resource')
    .map((r) => r.name)
    .filter((name) => /okta-auth-js|transports\/idx/.test(name));

async function configError(template: ReturnType<typeof html>): Promise<{ el: OktaSignin; detail: ErrorDetail }> {
  let detail: ErrorDetail | undefined;
  const listener = (e: Event) => (detail = (e as CustomEvent<ErrorDetail>).detail);
  document.addEventListener('okta-error', listener);
  try {
    const el = await fixture<OktaSignin>(template);
    await el.updateComplete;
    if (!detail) throw new Error('no okta-error');
    return { el, detail };
  } finally {
    document.removeEventListener('okta-error', listener);
  }
}

describe('<okta-signin> mode selection', () => {
  it('backend mode runs a sign-in without ever requesting okta-auth-js', async function () {
    const env = await testEnv();
    if (!env.backend) this.skip();
    const el = await fixture<OktaSignin>(html`<okta-signin backend=${env.backend}></okta-signin>`);
    // Whatever the backend answers, the answer came from the backend and okta-auth-js stayed on the server.
    const answered = new Promise<void>((resolve) => {
      el.addEventListener('okta-status-change', () => resolve(), { once: true });
      el.addEventListener('okta-error', () => resolve(), { once: true });
    });
    const { username, password } = await newUser('alice');
    const user = fieldNamed(el, 'username')!;
    user.value = username;
    user.dispatchEvent(new Event('input'));
    fieldNamed(el, 'password')!.value = password;
    user.form!.requestSubmit();
    await answered;
    const names = performance.getEntriesByType('resource').map((r) => r.name);
    expect(names.some((n) => n.includes(`${env.backend}/login`))).to.equal(true);
    expect(idxModules()).to.deep.equal([]);

    // Leave no sign-in in progress in the backend session for the test files after this one.
    const cancel = el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=cancel]');
    if (cancel) {
      const idle = new Promise<void>((resolve) => el.addEventListener('okta-status-change', () => resolve(), { once: true }));
      cancel.click();
      await idle;
    }
  });

  it('neither backend nor issuer: a config error is shown and nothing is loaded', async () => {
    const { el, detail } = await configError(html`<okta-signin></okta-signin>`);
    expect(detail.code).to.equal('config');
    expect(el.shadowRoot!.querySelector('[part~=error]')?.textContent?.trim()).to.equal(detail.message);
    expect(detail.message).to.match(/backend/i).and.match(/issuer/i);
    expect(idxModules()).to.deep.equal([]);
  });

  it('both backend and issuer: a config error is shown and nothing is loaded', async () => {
    const env = await testEnv();
    const { el, detail } = await configError(
      html`<okta-signin backend="/auth" issuer=${env.issuer} client-id="local-spa" redirect-uri=${env.redirectUri}></okta-signin>`,
    );
    expect(detail.code).to.equal('config');
    expect(el.shadowRoot!.querySelector('[part~=error]')?.textContent?.trim()).to.equal(detail.message);
    expect(detail.message).to.match(/not both/i);
    expect(idxModules()).to.deep.equal([]);
  });

  it('issuer without client-id or redirect-uri is a config error', async () => {
    const env = await testEnv();
    const { detail } = await configError(html`<okta-signin issuer=${env.issuer}></okta-signin>`);
    expect(detail.code).to.equal('config');
    expect(detail.message).to.match(/client-id/);
  });
});
