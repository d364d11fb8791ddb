/**
 * `okta-signin-elements/jsx-preact`: the three tags in Preact's JSX, with their properties and event props
 * (`onokta-success`). Import it once, for its types: `import type {} from 'okta-signin-elements/jsx-preact';`.
 */
import type { JSX as PreactJSX } from 'preact';
import type { OktaSignin } from '../elements/okta-signin/okta-signin.js';
import type { AuthenticatorPicker } from '../elements/authenticator-picker/authenticator-picker.js';
import type { OktaVerifyPoller } from '../elements/okta-verify-poller/okta-verify-poller.js';
import type * as P from './props.js';

type Tag<E extends HTMLElement, Props, Events> = Omit<PreactJSX.HTMLAttributes<E>, keyof Props> & Props & P.EventProps<Events>;

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Preact declares JSX as a namespace.
  namespace JSX {
    interface IntrinsicElements {
      'okta-signin': Tag<OktaSignin, P.OktaSigninProps, P.OktaSigninEvents>;
      'authenticator-picker': Tag<AuthenticatorPicker, P.AuthenticatorPickerProps, P.AuthenticatorPickerEvents>;
      'okta-verify-poller': Tag<OktaVerifyPoller, P.OktaVerifyPollerProps, P.OktaVerifyPollerEvents>;
    }
  }
}
