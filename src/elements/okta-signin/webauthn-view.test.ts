// The security key view and the passkey autofill of <okta-signin> with stub transports: what the user sees for each
// failure, the way forward, and that every ceremony stops when the view or the element goes.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import './okta-signin.js';
import type { OktaSignin } from './okta-signin.js';
import type { FlowState, WebAuthnAssertion, WebAuthnAttestation } from '../../core/types.js';
import { stubTransport } from '../../../test/support/stub-transport.js';
import { toBase64url } from '../../webauthn/ceremony.js';
import { fieldNamed, lightForm } from '../../../test/support/fields.js';

const $ = (el: OktaSignin, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const partText = (el: OktaSignin, name: string) => $(el, `[part~="${name}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const button = (el: OktaSignin, label: RegExp) => {
  const found = [...el.shadowRoot!.querySelectorAll('button')].find((b) => label.test(b.textContent ?? ''));
  if (!found) throw new Error(`no button ${label}: ${el.shadowRoot!.textContent}`);
  return found;
};

const PICKER = [{ id: 'aut1', key: 'okta_email', name: 'Email' }, { id: 'aut2', key: 'webauthn', name: 'Security Key or Biometric' }];

/** A transport that resumes into `state` and records the security key answers, logins and skips it gets. */
function stub(state: FlowState) {
  const answers: (WebAuthnAttestation | WebAuthnAssertion)[] = [];
  const logins: string[] = [];
  let skips = 0;
  const transport = stubTransport({
    resume: async () => state,
    login: async (input) => {
      logins.push(input.username);
      return new Promise(() => {});
    },
    verifyWebAuthn: async (credential) => {
      answers.push(credential);
      return new Promise(() => {});
    },
    skip: async () => {
      skips++;
      return { status: 'Success' };
    },
    poll: () => new Promise(() => {}),
  });
  return { transport, answers, logins, skips: () => skips };
}

async function shown(state: FlowState) {
  const s = stub(state);
  const el = await fixture<OktaSignin>(html`<okta-signin .transport=${s.transport}></okta-signin>`);
  await waitUntil(() => el.flowState.status === state.status && !!$(el, '[part~=title]'), `status ${state.status}`, { timeout: 10000 });
  await el.updateComplete;
  return { el, ...s };
}

const challenge = (extra: Record<string, unknown> = {}): FlowState => ({
  status: 'AwaitingWebAuthnChallenge',
  authenticator: { key: 'webauthn' },
  authenticators: PICKER,
  webauthn: { requestOptions: { challenge: toBase64url(crypto.getRandomValues(new Uint8Array(20))), allowCredentials: [], ...extra } },
});

describe('security key view', () => {
  const get = navigator.credentials.get;
  const create = navigator.credentials.create;
  afterEach(() => {
    (navigator.credentials as { get: unknown }).get = get;
  });

  it('explains the step, shows progress while the browser asks, and stops the ceremony when the element leaves', async () => {
    let signal: AbortSignal | undefined;
    (navigator.credentials as { get: unknown }).get = (options: CredentialRequestOptions) => {
      signal = options.signal;
      return new Promise(() => {});
    };
    const { el } = await shown(challenge());
    expect(partText(el, 'title')).to.equal('Verify with a security key or biometric');
    expect(partText(el, 'webauthn-help')).to.equal("Use your security key or your device's fingerprint, face or PIN.");
    await expect(el).to.be.accessible();
    button(el, /^\s*verify\s*$/i).click();
    await waitUntil(() => partText(el, 'webauthn-progress') !== '', 'progress');
    expect(partText(el, 'webauthn-progress')).to.equal("Follow your browser's instructions…");
    expect($(el, '[part~=webauthn-progress]')!.getAttribute('role')).to.equal('status');
    expect(($(el, '[part~=webauthn-start]') as HTMLButtonElement).disabled).to.equal(true);
    await expect(el).to.be.accessible();
    expect(signal?.aborted).to.equal(false);
    el.remove();
    expect(signal?.aborted, 'the ceremony is aborted').to.equal(true);
  });

  it('"Verify with something else" stops the ceremony and shows the picker', async () => {
    let signal: AbortSignal | undefined;
    (navigator.credentials as { get: unknown }).get = (options: CredentialRequestOptions) => {
      signal = options.signal;
      return new Promise(() => {});
    };
    const { el } = await shown(challenge());
    button(el, /^\s*verify\s*$/i).click();
    await waitUntil(() => signal, 'ceremony');
    button(el, /verify with something else/i).click();
    await waitUntil(() => el.flowState.status === 'AwaitingChallengeAuthenticatorSelection', 'picker');
    expect(signal!.aborted).to.equal(true);
  });

  it('an optional enrollment offers "Skip for now", which skips it without a ceremony', async () => {
    let asked = 0;
    (navigator.credentials as { create: unknown }).create = () => {
      asked++;
      return new Promise(() => {});
    };
    try {
      const { el, skips } = await shown({
        status: 'AwaitingWebAuthnEnrollment',
        authenticator: { key: 'webauthn' },
        canSkip: true,
        webauthn: { creationOptions: { challenge: 'AwQF', rp: { name: 'x' }, user: { id: 'AQ', name: 'ivy', displayName: 'Ivy' }, pubKeyCredParams: [] } },
      });
      expect(button(el, /skip for now/i).getAttribute('part')).to.equal('skip');
      await expect(el).to.be.accessible();
      button(el, /skip for now/i).click();
      await waitUntil(() => skips() === 1, 'skip');
      expect(asked).to.equal(0);
      await waitUntil(() => el.flowState.status === 'Success', 'skipped');
    } finally {
      (navigator.credentials as { create: unknown }).create = create;
    }
  });

  it('a required enrollment has no "Skip for now"', async () => {
    const { el } = await shown({ status: 'AwaitingWebAuthnEnrollment', authenticator: { key: 'webauthn' }, webauthn: { creationOptions: { challenge: 'AwQF' } } });
    expect([...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent!.trim())).not.to.include('Skip for now');
  });

  it('a browser without WebAuthn: says so, offers the other ways, no button that cannot work', async () => {
    const saved = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential');
    Object.defineProperty(window, 'PublicKeyCredential', { value: undefined, configurable: true, writable: true });
    try {
      const { el } = await shown(challenge());
      expect(partText(el, 'webauthn-failure')).to.equal('This browser cannot use security keys or biometrics. Use another browser, or verify with something else.');
      expect($(el, '[part~=webauthn-start]')).to.equal(null);
      await expect(el).to.be.accessible();
      button(el, /verify with something else/i).focus();
      button(el, /verify with something else/i).click();
      await waitUntil(() => el.flowState.status === 'AwaitingChallengeAuthenticatorSelection', 'picker');
    } finally {
      if (saved) Object.defineProperty(window, 'PublicKeyCredential', saved);
    }
  });

  describe('with a virtual authenticator', () => {
    let authenticatorId: string;
    before(async () => {
      ({ authenticatorId } = (await executeServerCommand('webauthn:add', {})) as { authenticatorId: string });
    });
    after(() => executeServerCommand('webauthn:remove', { authenticatorId }));

    it('a key already registered (InvalidStateError): message, and nothing is sent', async () => {
      const userId = crypto.getRandomValues(new Uint8Array(16));
      const creation = {
        rp: { name: 'Test' },
        user: { id: toBase64url(userId), name: 'ivy', displayName: 'Ivy' },
        challenge: toBase64url(crypto.getRandomValues(new Uint8Array(20))),
        pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
        excludeCredentials: [] as { type: string; id: string }[],
      };
      const first = await shown({ status: 'AwaitingWebAuthnEnrollment', authenticator: { key: 'webauthn' }, webauthn: { creationOptions: creation } });
      expect(partText(first.el, 'title')).to.equal('Set up a security key or biometric');
      button(first.el, /^\s*set up\s*$/i).click();
      await waitUntil(() => first.answers.length === 1, 'the attestation');
      const credentials = (await executeServerCommand('webauthn:credentials', { authenticatorId })) as { credentialId: string }[];
      const id = credentials[0].credentialId.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      first.el.remove();

      const again = await shown({
        status: 'AwaitingWebAuthnEnrollment',
        authenticator: { key: 'webauthn' },
        authenticators: PICKER,
        webauthn: { creationOptions: { ...creation, excludeCredentials: [{ type: 'public-key', id }] } },
      });
      button(again.el, /^\s*set up\s*$/i).click();
      await waitUntil(() => partText(again.el, 'webauthn-failure'), 'failure', { timeout: 15000 });
      expect(partText(again.el, 'webauthn-failure')).to.equal('This security key is already registered. Use another key, or verify with something else.');
      expect(again.answers).to.have.length(0);
      expect(button(again.el, /try again/i)).to.exist;
      expect(button(again.el, /^\s*set up something else\s*$/i), 'an enrollment offers the other setups').to.exist;
      await expect(again.el).to.be.accessible();
    });

    it('an RP id the page may not use (SecurityError): message', async () => {
      const { el, answers } = await shown(challenge({ rpId: 'example.com' }));
      button(el, /^\s*verify\s*$/i).click();
      await waitUntil(() => partText(el, 'webauthn-failure'), 'failure', { timeout: 15000 });
      expect(partText(el, 'webauthn-failure')).to.equal('This page is not allowed to use security keys. Contact your administrator.');
      expect(answers).to.have.length(0);
      await expect(el).to.be.accessible();
    });
  });
});

describe('passkey autofill on the sign-in form', () => {
  const get = navigator.credentials.get;
  const saved = Object.getOwnPropertyDescriptor(PublicKeyCredential, 'isConditionalMediationAvailable');
  let calls: CredentialRequestOptions[];
  let resolveLast: ((credential: unknown) => void) | undefined;
  beforeEach(() => {
    calls = [];
    Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', { value: async () => true, configurable: true });
    (navigator.credentials as { get: unknown }).get = (options: CredentialRequestOptions) => {
      calls.push(options);
      return new Promise((resolve) => (resolveLast = resolve));
    };
  });
  afterEach(() => {
    (navigator.credentials as { get: unknown }).get = get;
    if (saved) Object.defineProperty(PublicKeyCredential, 'isConditionalMediationAvailable', saved);
    else delete (PublicKeyCredential as { isConditionalMediationAvailable?: unknown }).isConditionalMediationAvailable;
  });

  const offer = (): FlowState => ({ status: 'Idle', webauthn: { requestOptions: { challenge: 'AwQF', allowCredentials: [], userVerification: 'required' } } });

  it('offers passkeys in the username field and signs in with the one chosen', async () => {
    const { el, answers } = await shown(offer());
    await waitUntil(() => calls.length === 1, 'conditional request');
    expect(fieldNamed(el, 'username')!.getAttribute('autocomplete')).to.equal('username webauthn');
    expect(fieldNamed(el, 'username')!.getRootNode(), 'the light sign-in form').to.equal(document);
    expect(calls[0].mediation).to.equal('conditional');
    await expect(el).to.be.accessible();
    resolveLast!({
      type: 'public-key',
      rawId: new Uint8Array([9]).buffer,
      response: { clientDataJSON: new Uint8Array([1]).buffer, authenticatorData: new Uint8Array([2]).buffer, signature: new Uint8Array([3]).buffer, userHandle: new Uint8Array([4]).buffer },
    });
    await waitUntil(() => answers.length === 1, 'verifyWebAuthn');
    expect(answers[0]).to.deep.equal({ clientData: 'AQ', authenticatorData: 'Ag', signatureData: 'Aw', credentialId: 'CQ', userHandle: 'BA' });
  });

  it('fields="shadow": offers passkeys in the shadow username field too, and stops when the element leaves', async () => {
    const s = stub(offer());
    const el = await fixture<OktaSignin>(html`<okta-signin fields="shadow" .transport=${s.transport}></okta-signin>`);
    await waitUntil(() => calls.length === 1, 'conditional request');
    expect(lightForm(el)).to.equal(null);
    expect($(el, 'input[name=username]')!.getAttribute('autocomplete')).to.equal('username webauthn');
    el.remove();
    expect(calls[0].signal!.aborted).to.equal(true);
  });

  it('stops when the password form is submitted', async () => {
    const { el, logins } = await shown(offer());
    await waitUntil(() => calls.length === 1, 'conditional request');
    fieldNamed(el, 'username')!.value = 'ivy';
    fieldNamed(el, 'username')!.dispatchEvent(new Event('input'));
    fieldNamed(el, 'password')!.value = 'pw';
    lightForm(el)!.requestSubmit();
    await waitUntil(() => logins.length === 1, 'login');
    await waitUntil(() => calls[0].signal!.aborted, 'aborted on submit');
  });

  it('stops when the element leaves', async () => {
    const { el } = await shown(offer());
    await waitUntil(() => calls.length === 1, 'conditional request');
    el.remove();
    expect(calls[0].signal!.aborted).to.equal(true);
  });

  it("a page's own form: passkeys only when its username field asks for them in its autofill", async () => {
    // Built from markup, as a page writes it (lit-analyzer's HTML data does not know the webauthn token).
    const pageForm = (autocomplete: string) => {
      const form = document.createElement('form');
      form.slot = 'credentials';
      form.method = 'dialog';
      form.innerHTML = `<label for="pk-username">Email</label><input id="pk-username" name="username" autocomplete="${autocomplete}">
        <label for="pk-password">Password</label><input id="pk-password" name="password" type="password"><button>Sign in</button>`;
      return form;
    };
    const plain = stub(offer());
    const without = await fixture<OktaSignin>(html`<okta-signin .transport=${plain.transport}>${pageForm('username')}</okta-signin>`);
    await waitUntil(() => without.flowState.webauthn, 'the offer');
    await new Promise((r) => setTimeout(r, 100));
    expect(calls, 'the page did not ask').to.have.length(0);
    without.remove();

    const asking = stub(offer());
    const el = await fixture<OktaSignin>(html`<okta-signin .transport=${asking.transport}>${pageForm('username webauthn')}</okta-signin>`);
    await waitUntil(() => calls.length === 1, 'conditional request');
    expect(calls[0].mediation).to.equal('conditional');
    expect(el.querySelector('#pk-username')!.getAttribute('autocomplete'), "the page's attribute as it wrote it").to.equal('username webauthn');
    await expect(el).to.be.accessible();
    resolveLast!({
      type: 'public-key',
      rawId: new Uint8Array([9]).buffer,
      response: { clientDataJSON: new Uint8Array([1]).buffer, authenticatorData: new Uint8Array([2]).buffer, signature: new Uint8Array([3]).buffer, userHandle: new Uint8Array([4]).buffer },
    });
    await waitUntil(() => asking.answers.length === 1, 'verifyWebAuthn');
    el.remove();
  });

  it('no offer: a plain username field and no request', async () => {
    const { el } = await shown({ status: 'Idle' });
    await new Promise((r) => setTimeout(r, 100));
    expect(fieldNamed(el, 'username')!.getAttribute('autocomplete')).to.equal('username');
    expect(calls).to.have.length(0);
  });
});
