import type { WebAuthnAssertion } from '../../core/types.js';

/**
 * Passkey sign-in from the username field's autofill: while the server offers it (`webauthn.requestOptions` in Idle)
 * and the browser supports conditional mediation, a `navigator.credentials.get({ mediation: 'conditional' })` waits
 * for the user to pick a passkey from the field's suggestions, which then signs in. The element stops it while the
 * password form is submitted, when the form goes and when it leaves the page; a new offer (after a refused passkey,
 * with a new challenge) starts it again. The WebAuthn code loads only once an offer comes.
 */
export class PasskeyOffer {
  private ctrl?: AbortController;
  private options?: unknown;

  /** Follows the offer: `options` to wait for a passkey (the same object keeps the request), undefined to stop. */
  follow(options: unknown, signIn: (assertion: WebAuthnAssertion) => void): void {
    if (options && options === this.options && this.ctrl) return;
    this.stop();
    if (!options) return;
    const ctrl = (this.ctrl = new AbortController());
    this.options = options;
    import('../../webauthn/ceremony.js')
      .then(async (ceremony) => {
        if (ctrl.signal.aborted || !(await ceremony.conditionalMediationAvailable())) return;
        const assertion = await ceremony.getAssertion(options, ctrl.signal, true);
        if (!ctrl.signal.aborted) signIn(assertion);
      })
      .catch(() => {
        // No passkey chosen, or none usable: the password form works as ever.
      });
  }

  stop(): void {
    this.ctrl?.abort();
    this.ctrl = undefined;
    this.options = undefined;
  }
}
