// <okta-signin>'s identity provider buttons, the step that continues at one, and the step no page can answer, with a
// transport that answers as the org would: what a person sees (names, logos, titles, roles), where the buttons go
// (`idp-display`), the events (which IdPs are offered; the unsupported step's name), where the page is sent (only to
// allowed origins), and the way back's outcome (tokens, or a clear message).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './okta-signin.js';
import type { OktaSignin } from './okta-signin.js';
import { FlowError, type FlowState, type FlowStatus, type IdentityProvider, type Transport } from '../../core/types.js';
import { stubTransport } from '../../../test/support/stub-transport.js';

const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const IDPS: IdentityProvider[] = [
  { id: '0oa-google', name: 'Google', type: 'GOOGLE', kind: 'idp' },
  { id: '0oa-acme', name: 'Acme <b>SSO</b>', type: 'SAML2', kind: 'idp', logo: 'https://org.example/logo.png' },
  { id: '0oa-inline', name: 'Inline', type: 'OIDC', kind: 'idp', logo: PNG },
  // Logos an <img> must not load: plain http, script, SVG inline (could hold anything).
  { id: '0oa-http', name: 'Plain', type: 'OIDC', kind: 'idp', logo: 'http://org.example/logo.png' },
  { id: '0oa-js', name: 'Script', type: 'OIDC', kind: 'idp', logo: 'javascript:alert(1)' },
  { id: '0oa-svg', name: 'Svg', type: 'OIDC', kind: 'idp', logo: 'data:image/svg+xml;base64,PHN2Zz4=' },
];

const root = (el: OktaSignin) => el.shadowRoot!;
const title = (el: OktaSignin) => root(el).querySelector('[part~=title]')?.textContent?.trim();
const alertText = (el: OktaSignin) => root(el).querySelector('[role=alert]')?.textContent?.trim() ?? '';
const buttons = (el: OktaSignin) => [...root(el).querySelectorAll<HTMLButtonElement>('[part~=idp]')];

function record(el: HTMLElement) {
  const events: Array<{ type: string; detail: any }> = [];
  for (const type of ['okta-status-change', 'okta-error', 'okta-success']) {
    el.addEventListener(type, (e) => events.push({ type, detail: (e as CustomEvent).detail }));
  }
  return events;
}

async function until(el: OktaSignin, what: () => unknown, label: string) {
  await waitUntil(() => what(), label, { timeout: 5000 });
  await el.updateComplete;
}

/** The element on a transport whose first state is `first`; `went` records where the page was sent. */
async function mount(first: FlowState | null, overrides: Partial<Transport> = {}, attrs: { display?: string; fallback?: string; origins?: string } = {}) {
  const went: string[] = [];
  const calls: string[] = [];
  let resumed = first;
  const transport = stubTransport({
    // What there is to resume, once: after "Start over" the org has nothing more.
    resume: async () => {
      const state = resumed;
      resumed = null;
      return state;
    },
    redirectToIdp: async ({ id }) => {
      calls.push(`idp ${id}`);
      return `https://org.example/sso/idps/${id}?stateToken=st`;
    },
    redirectToOkta: async () => {
      calls.push('okta');
      return 'https://org.example/oauth2/default/v1/authorize?client_id=c';
    },
    ...overrides,
  });
  const el = await fixture<OktaSignin>(html`<okta-signin
    .transport=${transport}
    .navigate=${(u: string) => went.push(u)}
    allowed-origins=${attrs.origins ?? 'https://org.example'}
    idp-display=${attrs.display ?? 'secondary'}
    hosted-fallback=${attrs.fallback ?? ''}
  ></okta-signin>`);
  const events = record(el);
  return { el, went, calls, events };
}

const idle: FlowState = { status: 'Idle', idps: IDPS };

describe('<okta-signin> identity providers', () => {
  it('shows a button per IdP Okta offers on the sign-in form, after it, with Okta\'s name as text and a logo only when safe', async () => {
    const { el } = await mount(idle);
    await until(el, () => buttons(el).length, 'the buttons');
    expect(buttons(el).map((b) => b.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Sign in with Google',
      'Sign in with Acme <b>SSO</b>',
      'Sign in with Inline',
      'Sign in with Plain',
      'Sign in with Script',
      'Sign in with Svg',
    ]);
    expect(root(el).querySelector('[part~=idp] b'), "Okta's name is text, never markup").to.equal(null);
    const logos = buttons(el).map((b) => b.querySelector('img')?.getAttribute('src') ?? (b.querySelector('svg') ? 'drawn' : 'none'));
    expect(logos).to.deep.equal(['drawn', 'https://org.example/logo.png', PNG, 'drawn', 'drawn', 'drawn']);
    expect(buttons(el)[1].querySelector('img')!.getAttribute('alt'), 'decorative: the text names it').to.equal('');
    const group = root(el).querySelector('[part~=idps]')!;
    expect([group.getAttribute('role'), group.getAttribute('aria-label')]).to.deep.equal(['group', 'Other ways to sign in']);
    // After the sign-in form (the light-DOM form's slot, then the group).
    const slot = root(el).querySelector('slot[name=credentials]')!;
    expect(slot.compareDocumentPosition(group) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);
    // The buttons' own look is there: a logo the size of the text beside it, not the drawing's own size.
    await until(el, () => buttons(el)[0].querySelector('svg')!.getBoundingClientRect().height < 40, 'logos the size of the text');
    expect(getComputedStyle(group).flexDirection).to.equal('column');
    await expect(el).to.be.accessible();
  });

  it('idp-display="primary" puts them before the form; "none" shows none, and okta-status-change still lists them', async () => {
    const primary = await mount(idle, {}, { display: 'primary' });
    await until(primary.el, () => buttons(primary.el).length, 'the buttons');
    const group = root(primary.el).querySelector('[part~=idps]')!;
    const heading = root(primary.el).querySelector('[part~=title]')!;
    expect(group.compareDocumentPosition(heading) & Node.DOCUMENT_POSITION_FOLLOWING).to.be.greaterThan(0);

    const hidden = await mount(idle, {}, { display: 'none' });
    const events = hidden.events;
    await until(hidden.el, () => events.some((e) => e.type === 'okta-status-change'), 'the status change');
    await new Promise((r) => setTimeout(r, 50));
    await hidden.el.updateComplete;
    expect(title(hidden.el)).to.equal('Sign in');
    expect(buttons(hidden.el)).to.deep.equal([]);
    const offered = events.find((e) => e.type === 'okta-status-change')!.detail.idps;
    expect(offered.map((p: IdentityProvider) => p.id)).to.deep.equal(IDPS.map((p) => p.id));
    expect(JSON.stringify(offered)).not.to.include('sso/idps');
  });

  it('a button sends the page to the address the transport gives, once, busy meanwhile; an address elsewhere is refused', async () => {
    const { el, went, calls, events } = await mount(idle);
    await until(el, () => buttons(el).length, 'the buttons');
    buttons(el)[0].click();
    await until(el, () => went.length, 'the navigation');
    expect(calls).to.deep.equal(['idp 0oa-google']);
    expect(went).to.deep.equal(['https://org.example/sso/idps/0oa-google?stateToken=st']);

    const other = await mount(idle, { redirectToIdp: async () => 'https://evil.example/phish' });
    await until(other.el, () => buttons(other.el).length, 'the buttons');
    buttons(other.el)[0].click();
    await until(other.el, () => other.events.some((e) => e.type === 'okta-error'), 'the error');
    expect(other.went).to.deep.equal([]);
    expect(other.events.find((e) => e.type === 'okta-error')!.detail.code).to.equal('unsafe_navigation');
    expect(alertText(other.el)).to.equal('The sign-in finished, but the page it wants to open is not allowed.');
    expect(events.filter((e) => e.type === 'okta-error')).to.deep.equal([]);
  });

  it('the IdP that is an authenticator is a step of its own: "Verify with", where the page goes, the other authenticators', async () => {
    const step: FlowState = {
      status: 'AwaitingIdentityProvider',
      idps: [{ id: '0oa-mfa', name: 'Acme MFA', type: 'OIDC', kind: 'idp' }],
      authenticator: { key: 'external_idp' },
      authenticators: [{ id: 'aut-email', key: 'okta_email', name: 'Email' }],
    };
    const { el, went } = await mount(step);
    await until(el, () => title(el) === 'Verify with Acme MFA', 'the step');
    expect(root(el).querySelector('[part~=help]')!.textContent).to.equal('You will continue at Acme MFA, then come back here.');
    expect(buttons(el).map((b) => b.textContent!.trim())).to.deep.equal(['Verify with Acme MFA']);
    expect(root(el).querySelector('[part~=other-authenticator]')!.textContent!.trim()).to.equal('Verify with something else');
    await expect(el).to.be.accessible();
    buttons(el)[0].click();
    await until(el, () => went.length, 'the navigation');
    expect(went).to.deep.equal(['https://org.example/sso/idps/0oa-mfa?stateToken=st']);
  });

  it('identity verification and a smart card use the names Okta sends', async () => {
    const verify = await mount({ status: 'AwaitingIdentityProvider', idps: [{ id: 'IDV_PERSONA', name: 'Persona', type: 'ID_PROOFING', kind: 'idverify' }] });
    await until(verify.el, () => title(verify.el) === 'Verify your identity with Persona', 'the step');
    expect(buttons(verify.el)[0].textContent!.trim()).to.equal('Verify your identity with Persona');
    const piv = await mount({ status: 'AwaitingIdentityProvider', idps: [{ id: 'x509', name: 'Smart card', type: 'X509', kind: 'piv' }] });
    await until(piv.el, () => title(piv.el) === 'Sign in with Smart card', 'the step');
  });

  it('a step no page can answer: the message, okta-error with the step, and the org\'s own sign-in page', async () => {
    const { el, went, calls, events } = await mount({ status: 'UnsupportedStep', unsupportedStep: 'challenge-poll/okta_verify' });
    await until(el, () => root(el).querySelector('[part~=hosted]'), 'the way through');
    expect(alertText(el)).to.equal('Okta asks for a step this page cannot show. Ask the site owner to check the sign-in policy.');
    const error = events.find((e) => e.type === 'okta-error')!.detail;
    expect(error).to.deep.include({ code: 'config', reason: 'unsupported-step', step: 'challenge-poll/okta_verify' });
    expect(root(el).querySelector('[part~=hosted]')!.textContent!.trim()).to.equal('Continue on the sign-in page');
    await expect(el).to.be.accessible();
    root(el).querySelector<HTMLButtonElement>('[part~=hosted]')!.click();
    await until(el, () => went.length, 'the navigation');
    expect(calls).to.deep.equal(['okta']);
    expect(went).to.deep.equal(['https://org.example/oauth2/default/v1/authorize?client_id=c']);
  });

  it('hosted-fallback="off": only the message and "Start over"', async () => {
    const { el, events } = await mount({ status: 'UnsupportedStep', unsupportedStep: 'challenge-authenticator/duo' }, {}, { fallback: 'off' });
    await until(el, () => el.flowState.status === 'UnsupportedStep' && title(el), 'the step');
    expect(root(el).querySelector('[part~=hosted]')).to.equal(null);
    expect(root(el).querySelector('[part~=cancel]')).to.exist;
    expect(events.find((e) => e.type === 'okta-error')!.detail.step).to.equal('challenge-authenticator/duo');
  });

  it('the way back: tokens from the transport end in Success; a refused one is a clear message and the form works', async () => {
    const tokens = { idToken: 'id', idTokenClaims: { email: 'sam@example.com' } };
    const back = await mount(null, { callback: async () => ({ status: 'Success', tokens }) });
    await until(back.el, () => back.events.some((e) => e.type === 'okta-success'), 'okta-success');
    expect(back.events.find((e) => e.type === 'okta-success')!.detail.tokens).to.deep.equal(tokens);

    let logins = 0;
    const refused = await mount(idle, {
      callback: async () => {
        throw new FlowError('session_expired', 'Sign-in redirect: redirect-denied', { reason: 'redirect-denied' });
      },
      login: async () => {
        logins += 1;
        return { status: 'Success' };
      },
    });
    await until(refused.el, () => alertText(refused.el), 'the message');
    expect(alertText(refused.el)).to.equal('The sign-in was cancelled or not allowed. Sign in again.');
    expect(refused.events.find((e) => e.type === 'okta-error')!.detail).to.deep.equal({
      code: 'session_expired',
      message: 'The sign-in was cancelled or not allowed. Sign in again.',
      retryable: false,
      reason: 'redirect-denied',
    });
    // The form's IdPs come back with the message still shown, and a sign-in goes through.
    await until(refused.el, () => buttons(refused.el).length, 'the buttons');
    expect(alertText(refused.el)).to.equal('The sign-in was cancelled or not allowed. Sign in again.');
    await expect(refused.el).to.be.accessible();
    await refused.el.signInFlow!.login({ username: 'sam', password: 'pw' });
    expect(logins).to.equal(1);
  });

  it('an IdP the state does not offer is not asked for', async () => {
    const { el, calls } = await mount(idle);
    await until(el, () => buttons(el).length, 'the buttons');
    const flow = el.signInFlow!;
    expect(flow.can('redirectToIdp', { id: '0oa-google' })).to.equal(true);
    expect(flow.can('redirectToIdp', { id: '0oa-other' })).to.equal(false);
    const refused = await flow.redirectToIdp({ id: '0oa-other' }).then(
      () => undefined,
      (e: FlowError) => e,
    );
    expect(refused?.code).to.equal('invalid_input');
    expect(flow.can('redirectToOkta')).to.equal(false);
    expect(calls).to.deep.equal([]);
  });

  const statuses: FlowStatus[] = ['AwaitingIdentityProvider', 'UnsupportedStep'];
  it(`Start over leaves ${statuses.join(' and ')} for the sign-in form`, async () => {
    for (const status of statuses) {
      const { el } = await mount({ status, idps: IDPS.slice(0, 1), unsupportedStep: 'x' });
      await until(el, () => root(el).querySelector('[part~=cancel]'), 'Start over');
      root(el).querySelector<HTMLButtonElement>('[part~=cancel]')!.click();
      await until(el, () => el.flowState.status === 'Idle', 'the form');
    }
  });
});
