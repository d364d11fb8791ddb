import { expect } from '@open-wc/testing';
import {
  WebAuthnCeremonyError,
  createCredential,
  failureOf,
  fromBase64url,
  getAssertion,
  toBase64url,
  toCreationOptions,
  toRequestOptions,
  webauthnAvailable,
} from './ceremony.js';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('WebAuthn ceremony: base64url and options', () => {
  it('encodes and decodes base64url without padding, both ways', () => {
    const all = new Uint8Array(256).map((_, i) => i);
    const text = toBase64url(all);
    expect(text).to.match(/^[A-Za-z0-9_-]+$/);
    expect([...fromBase64url(text)]).to.deep.equal([...all]);
    expect(toBase64url(bytes(0xfb, 0xff))).to.equal('-_8');
    expect([...fromBase64url('-_8')]).to.deep.equal([0xfb, 0xff]);
    expect([...fromBase64url('-_8=')]).to.deep.equal([0xfb, 0xff], 'padding is accepted');
    expect(toBase64url(bytes().buffer)).to.equal('');
  });

  it('refuses what is not base64url', () => {
    for (const bad of ['a+b', 'a/b', 'abcde', 'ab cd', 42, null]) {
      expect(() => fromBase64url(bad), String(bad)).to.throw(WebAuthnCeremonyError);
    }
  });

  it('builds creation options: binary fields decoded, the rest kept', () => {
    const options = toCreationOptions({
      rp: { name: 'Okta' },
      user: { id: 'AAEC', name: 'ivy@example.com', displayName: 'Ivy Ito' },
      challenge: 'AwQF',
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      excludeCredentials: [{ type: 'public-key', id: 'Bgc', transports: ['usb'] }],
      authenticatorSelection: { userVerification: 'discouraged' },
      attestation: 'direct',
      timeout: 60000,
    });
    expect([...(options.user.id as Uint8Array)]).to.deep.equal([0, 1, 2]);
    expect([...(options.challenge as Uint8Array)]).to.deep.equal([3, 4, 5]);
    expect([...(options.excludeCredentials![0].id as Uint8Array)]).to.deep.equal([6, 7]);
    expect(options.excludeCredentials![0].transports).to.deep.equal(['usb']);
    expect(options.rp).to.deep.equal({ name: 'Okta' });
    expect(options.authenticatorSelection).to.deep.equal({ userVerification: 'discouraged' });
    expect(options.attestation).to.equal('direct');
    expect(options.timeout).to.equal(60000);
    expect(() => toCreationOptions({ rp: {}, user: { id: 'AA' } })).to.throw(WebAuthnCeremonyError);
  });

  it('builds request options', () => {
    const options = toRequestOptions({ challenge: 'AwQF', allowCredentials: [{ type: 'public-key', id: 'Bgc' }], userVerification: 'preferred', rpId: 'localhost' });
    expect([...(options.challenge as Uint8Array)]).to.deep.equal([3, 4, 5]);
    expect(options.allowCredentials!.map((c) => [...(c.id as Uint8Array)])).to.deep.equal([[6, 7]]);
    expect(options.userVerification).to.equal('preferred');
    expect(options.rpId).to.equal('localhost');
    expect(() => toRequestOptions({ challenge: 'not base64url!' })).to.throw(WebAuthnCeremonyError);
    expect(() => toRequestOptions(undefined)).to.throw(WebAuthnCeremonyError);
  });

  it('names each browser failure', () => {
    const dom = (name: string) => new DOMException('x', name);
    expect(failureOf(dom('NotAllowedError'))).to.equal('cancelled');
    expect(failureOf(dom('InvalidStateError'))).to.equal('already-registered');
    expect(failureOf(dom('SecurityError'))).to.equal('security');
    expect(failureOf(dom('NotSupportedError'))).to.equal('unsupported');
    expect(failureOf(dom('AbortError'))).to.equal('aborted');
    expect(failureOf(new TypeError('x'))).to.equal('failed');
    const ctrl = new AbortController();
    ctrl.abort();
    expect(failureOf(dom('NotAllowedError'), ctrl.signal)).to.equal('aborted');
  });
});

describe('WebAuthn ceremony: a browser without WebAuthn', () => {
  let saved: PropertyDescriptor | undefined;
  beforeEach(() => {
    saved = Object.getOwnPropertyDescriptor(window, 'PublicKeyCredential');
    Object.defineProperty(window, 'PublicKeyCredential', { value: undefined, configurable: true, writable: true });
  });
  afterEach(() => {
    if (saved) Object.defineProperty(window, 'PublicKeyCredential', saved);
  });

  it('says unsupported without calling the browser', async () => {
    expect(webauthnAvailable()).to.equal(false);
    const options = { challenge: 'AwQF', allowCredentials: [] };
    const failure = await getAssertion(options).then(
      () => null,
      (e: WebAuthnCeremonyError) => e.failure,
    );
    expect(failure).to.equal('unsupported');
    const creation = { rp: { name: 'x' }, user: { id: 'AA', name: 'n' }, challenge: 'AA', pubKeyCredParams: [] };
    expect(await createCredential(creation).catch((e: WebAuthnCeremonyError) => e.failure)).to.equal('unsupported');
  });
});

describe('WebAuthn ceremony: the credential as Okta takes it', () => {
  const original = navigator.credentials.get;
  afterEach(() => {
    (navigator.credentials as { get: unknown }).get = original;
  });

  it('turns an assertion into base64url fields, with the user handle and credential id', async () => {
    let seen: CredentialRequestOptions | undefined;
    (navigator.credentials as { get: unknown }).get = async (options: CredentialRequestOptions) => {
      seen = options;
      return {
        type: 'public-key',
        rawId: bytes(9, 9).buffer,
        response: { clientDataJSON: bytes(1).buffer, authenticatorData: bytes(2).buffer, signature: bytes(3).buffer, userHandle: bytes(4).buffer },
      };
    };
    const ctrl = new AbortController();
    const assertion = await getAssertion({ challenge: 'AwQF', allowCredentials: [] }, ctrl.signal, true);
    expect(assertion).to.deep.equal({ clientData: 'AQ', authenticatorData: 'Ag', signatureData: 'Aw', credentialId: 'CQk', userHandle: 'BA' });
    expect(seen!.mediation).to.equal('conditional');
    expect(seen!.signal).to.equal(ctrl.signal);
  });

  it('stops as aborted when the signal aborts', async () => {
    (navigator.credentials as { get: unknown }).get = (options: CredentialRequestOptions) =>
      new Promise((_, reject) => options.signal!.addEventListener('abort', () => reject(new DOMException('stop', 'AbortError'))));
    const ctrl = new AbortController();
    const pending = getAssertion({ challenge: 'AwQF', allowCredentials: [] }, ctrl.signal).catch((e: WebAuthnCeremonyError) => e.failure);
    ctrl.abort();
    expect(await pending).to.equal('aborted');
  });
});
