// Security key or biometric end to end, in backend mode (reference backend at /auth) and IDX mode (the org's SPA
// client), against the local org, with Chromium's virtual authenticators standing in for the user's key.
import { expect } from '@open-wc/testing';
import { strings } from '../../src/elements/shared/messages.js';
import type { OktaSignin } from '../../src/elements/okta-signin/okta-signin.js';
import type { WebAuthnAssertion } from '../../src/core/types.js';
import {
  authenticators,
  button,
  choose,
  errors,
  newIvy,
  part,
  partText,
  signIn,
  signinElement,
  signOut,
  title,
  untilStatus,
  type Mode,
} from '../support/webauthn-ui.js';
import { waitFor } from '../support/local-org.js';

// The element's sentence for Okta's message key, in both modes (the reference backend passes the key on).
const REFUSED = strings.oktaKeys['authfactor.webauthn.error.assertion_validation_failure'];

/** Records what the element hands its transport, to replay it later. */
function spyAssertions(el: OktaSignin): WebAuthnAssertion[] {
  const transport = el.signInFlow!.transport;
  const seen: WebAuthnAssertion[] = [];
  const original = transport.verifyWebAuthn.bind(transport);
  (transport as { verifyWebAuthn: typeof transport.verifyWebAuthn }).verifyWebAuthn = (credential, signal) => {
    if ('signatureData' in credential) seen.push({ ...credential });
    return original(credential, signal);
  };
  return seen;
}

async function startOver(el: OktaSignin) {
  button(el, /start over/i).click();
  await untilStatus(el, 'Idle');
}

/** ivy enrolls her key through the UI; returns her credentials and the key's id. */
async function enrolledIvy(mode: Mode, key: string) {
  const user = await newIvy();
  await signOut(mode);
  const el = await signinElement(mode);
  await signIn(el, user);
  await untilStatus(el, 'AwaitingAuthenticatorEnrollment');
  await choose(el, /security key/i);
  await untilStatus(el, 'AwaitingWebAuthnEnrollment');
  button(el, /^\s*set up\s*$/i).click();
  await untilStatus(el, 'Success');
  const [credential] = await authenticators.credentials(key);
  return { user, el, credential };
}

async function toChallenge(mode: Mode, user: { username: string; password: string }) {
  await signOut(mode);
  const el = await signinElement(mode);
  await signIn(el, user);
  // ivy's only factor after the password is her key: the org may ask for it straight away or through the picker.
  await waitFor(async () => ['AwaitingWebAuthnChallenge', 'AwaitingChallengeAuthenticatorSelection'].includes(el.flowState.status), 'challenge', 20000);
  if (el.flowState.status === 'AwaitingChallengeAuthenticatorSelection') await choose(el, /security key/i);
  await untilStatus(el, 'AwaitingWebAuthnChallenge');
  return el;
}

for (const mode of ['backend', 'idx'] as Mode[]) {
  describe(`security key or biometric (${mode} mode)`, function () {
    this.timeout(90000);
    let key: string;
    beforeEach(async () => {
      key = await authenticators.add();
    });
    afterEach(async () => {
      await authenticators.remove(key).catch(() => undefined);
    });

    it('ivy enrolls a security key, signs out, and signs in with it', async () => {
      const user = await newIvy();
      await signOut(mode);
      const el = await signinElement(mode);
      await signIn(el, user);
      await untilStatus(el, 'AwaitingAuthenticatorEnrollment');
      await choose(el, /security key/i);
      await untilStatus(el, 'AwaitingWebAuthnEnrollment');
      expect(title(el)).to.equal('Set up a security key or biometric');
      expect(partText(el, 'webauthn-help')).to.equal("Your browser will ask you to register a security key or your device's fingerprint, face or PIN.");
      expect(el.flowState.webauthn?.creationOptions).to.include.keys('challenge', 'user', 'rp', 'pubKeyCredParams');
      await expect(el).to.be.accessible();
      const success = new Promise<CustomEvent>((resolve) => el.addEventListener('okta-success', (e) => resolve(e as CustomEvent), { once: true }));
      el.addEventListener('okta-success', (e) => e.preventDefault());
      button(el, /^\s*set up\s*$/i).click();
      await success;
      const [credential] = await authenticators.credentials(key);
      expect(credential, 'the virtual key holds the new credential').to.exist;

      const again = await toChallenge(mode, user);
      expect(title(again)).to.equal('Verify with a security key or biometric');
      expect(partText(again, 'webauthn-help')).to.equal("Use your security key or your device's fingerprint, face or PIN.");
      const allowed = again.flowState.webauthn?.requestOptions?.allowCredentials as { id: string }[];
      expect(allowed.map((c) => c.id)).to.deep.equal([credential.credentialId.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')]);
      await expect(again).to.be.accessible();
      again.addEventListener('okta-success', (e) => e.preventDefault());
      button(again, /^\s*verify\s*$/i).click();
      await untilStatus(again, 'Success');
      expect((await authenticators.credentials(key))[0].signCount).to.be.greaterThan(credential.signCount);
    });

    it('the user cancels (no user verification): a message, and Try again works', async () => {
      const { user } = await enrolledIvy(mode, key);
      const el = await toChallenge(mode, user);
      await authenticators.userVerified(key, false);
      button(el, /^\s*verify\s*$/i).click();
      await waitFor(async () => partText(el, 'webauthn-failure'), 'the failure message', 30000);
      expect(partText(el, 'webauthn-failure')).to.equal('The request was cancelled or timed out. Try again when your security key or device is ready.');
      expect(el.flowState.status).to.equal('AwaitingWebAuthnChallenge');
      await expect(el).to.be.accessible();
      await authenticators.userVerified(key, true);
      el.addEventListener('okta-success', (e) => e.preventDefault());
      button(el, /try again/i).click();
      await untilStatus(el, 'Success');
    });

    it('a key the org never enrolled is refused with the org’s message; the next challenge works with the right key', async () => {
      const { user, credential } = await enrolledIvy(mode, key);
      const el = await toChallenge(mode, user);
      const seen = errors(el);
      const before = el.flowState.webauthn?.requestOptions?.challenge;
      // The real key goes away; another one answers under the same credential id with a key of its own.
      await authenticators.remove(key);
      const stranger = await authenticators.add();
      await authenticators.impostor({ authenticatorId: stranger, credentialId: credential.credentialId });
      button(el, /^\s*verify\s*$/i).click();
      await waitFor(async () => seen.length > 0, 'okta-error', 30000);
      expect(seen[0]).to.deep.include({ code: 'invalid_input', message: REFUSED });
      expect(partText(el, 'error')).to.equal(REFUSED);
      await waitFor(async () => el.flowState.webauthn?.requestOptions?.challenge !== before, 'a new challenge');
      expect(el.flowState.status).to.equal('AwaitingWebAuthnChallenge');
      await expect(el).to.be.accessible();
      await authenticators.remove(stranger);
      key = await authenticators.add();
      // The first key is gone for good: a fresh ivy proves "Try again" answers the new challenge.
      expect(button(el, /try again/i).disabled).to.equal(false);
    });

    it('a replayed assertion is refused by the org', async () => {
      const { user } = await enrolledIvy(mode, key);
      const first = await toChallenge(mode, user);
      const captured = spyAssertions(first);
      first.addEventListener('okta-success', (e) => e.preventDefault());
      button(first, /^\s*verify\s*$/i).click();
      await untilStatus(first, 'Success');
      expect(captured).to.have.length(1);
      first.remove();

      const second = await toChallenge(mode, user);
      const seen = errors(second);
      await second.signInFlow!.verifyWebAuthn(captured[0]);
      expect(seen[0]).to.deep.include({ code: 'invalid_input', message: REFUSED });
      expect(second.flowState.status).to.equal('AwaitingWebAuthnChallenge');
      expect(partText(second, 'error')).to.equal(REFUSED);
    });

    it('"Set up something else" goes back to the picker, and Start over leaves the step', async () => {
      const user = await newIvy();
      await signOut(mode);
      const el = await signinElement(mode);
      await signIn(el, user);
      await untilStatus(el, 'AwaitingAuthenticatorEnrollment');
      await choose(el, /security key/i);
      await untilStatus(el, 'AwaitingWebAuthnEnrollment');
      if (el.flowState.authenticators?.length) {
        button(el, /^\s*set up something else\s*$/i).click();
        await untilStatus(el, 'AwaitingAuthenticatorEnrollment');
        await choose(el, /security key/i);
        await untilStatus(el, 'AwaitingWebAuthnEnrollment');
      }
      await startOver(el);
      expect(part(el, 'webauthn')).to.equal(null);
    });
  });
}
