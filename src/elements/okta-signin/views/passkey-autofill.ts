import { nothing } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import type { ViewHost } from './host.js';

/**
 * Passkey sign-in from the username field's autofill: when the server offers it (`webauthn.requestOptions` in
 * Idle) and the browser supports conditional mediation, a `navigator.credentials.get({ mediation: 'conditional' })`
 * waits for the user to pick a passkey, which then signs in through `verifyWebAuthn`. It stops while the password
 * form is submitted, when the form goes and when the element leaves the page; a new offer (after a refused
 * passkey, with a new challenge) starts it again. Renders nothing.
 */
class PasskeyAutofill extends AsyncDirective {
  private ctrl?: AbortController;
  private options?: unknown;

  render(_h: ViewHost) {
    return nothing;
  }

  override update(_part: unknown, [h]: [ViewHost]) {
    const options = h.state.status === 'Idle' ? h.state.webauthn?.requestOptions : undefined;
    // An element that left the page may still render once (its flow stopping): it starts nothing.
    if (!options || h.pending || !this.isConnected) this.stop();
    else if (!this.ctrl || options !== this.options) this.begin(h, options);
    return nothing;
  }

  protected override disconnected(): void {
    this.stop();
  }

  private stop(): void {
    this.ctrl?.abort();
    this.ctrl = undefined;
  }

  private begin(h: ViewHost, options: unknown): void {
    this.stop();
    const ctrl = (this.ctrl = new AbortController());
    this.options = options;
    import('../../../webauthn/ceremony.js')
      .then(async (ceremony) => {
        if (ctrl.signal.aborted || !(await ceremony.conditionalMediationAvailable())) return;
        const assertion = await ceremony.getAssertion(options, ctrl.signal, true);
        if (!ctrl.signal.aborted) h.act('verifyWebAuthn', assertion);
      })
      .catch(() => {
        // No passkey chosen, or none usable: the password form works as ever.
      });
  }
}

/** Place inside the sign-in form. */
export const passkeyAutofill = directive(PasskeyAutofill);
