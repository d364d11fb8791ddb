// Passkey sign-in from the username field's autofill, in backend mode (the reference backend with `passkeys: true`
// at /auth-passkeys) and IDX mode, against an org started with `passkeys: true`, with a virtual authenticator that
// holds discoverable credentials and verifies the user.
import { expect } from '@open-wc/testing';
import { authenticators, errors, ivyEnrollsPasskey, passkeyAuthenticatorPerTest, signinElement, signOut, untilStatus, type Mode } from '../support/webauthn-ui.js';

for (const mode of ['backend', 'idx'] as Mode[]) {
  describe(`passkeys (${mode} mode)`, function () {
    this.timeout(90000);
    const key = passkeyAuthenticatorPerTest();

    it('ivy enrolls a passkey, then signs in by choosing it in the username field', async () => {
      const enrolling = await ivyEnrollsPasskey(mode);
      const [credential] = await authenticators.credentials(key());
      expect(credential.isResidentCredential).to.equal(true);
      enrolling.remove();

      await signOut(mode, { passkeys: true });
      const el = await signinElement(mode, { passkeys: true });
      const seen = errors(el);
      // The virtual authenticator answers the conditional request at once, as a user choosing the passkey would:
      // what the form showed meanwhile is read from the states it went through.
      const states: { status: string; offer: boolean; autocomplete?: string | null }[] = [];
      (await el.signInFlowReady)!.addEventListener('statechange', (e) => {
        const { state } = e as unknown as { state: { status: string; webauthn?: { requestOptions?: unknown } } };
        states.push({ status: state.status, offer: !!state.webauthn?.requestOptions });
      });
      await untilStatus(el, 'Success', 30000);
      expect(states.map((s) => s.status)).to.deep.equal(['Idle', 'Success']);
      expect(states[0].offer, 'the form offered passkeys').to.equal(true);
      expect(seen).to.deep.equal([]);
    });
  });
}
