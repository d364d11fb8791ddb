// The per-element entries, as an app that registers only what it uses sees them. Only type-checked, never run.
import { OktaSignin } from 'okta-signin-elements/okta-signin';
import { AuthenticatorPicker } from 'okta-signin-elements/authenticator-picker';
import { OktaVerifyPoller } from 'okta-signin-elements/okta-verify-poller';

// Each entry brings its tag's declaration in HTMLElementTagNameMap and its events in HTMLElementEventMap.
const signin: OktaSignin = document.createElement('okta-signin');
const picker: AuthenticatorPicker = document.createElement('authenticator-picker');
const poller: OktaVerifyPoller = document.createElement('okta-verify-poller');

signin.addEventListener('okta-success', (e) => {
  const next: string | undefined = e.detail.next;
});
picker.addEventListener('okta-authenticator-select', (e) => {
  const key: string = e.detail.authenticator.key;
});
poller.addEventListener('okta-poll-complete', (e) => {
  const next: string | null | undefined = e.detail.next;
});
signin.backend = '/auth';
picker.canSkip = true;
poller.interval = 4000;

// @ts-expect-error the entries export their element's class and nothing else
import { SignInFlow } from 'okta-signin-elements/okta-signin';
