/**
 * `okta-signin-elements/jsx-react`: the three tags in React 19's JSX, with their properties and event props
 * (`onokta-success`, as React 19 attaches listeners to custom elements). Import it once, for its types:
 * `import type {} from 'okta-signin-elements/jsx-react';`. For components with camelCase callbacks, use
 * `okta-signin-elements-react` instead.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { OktaSignin } from '../elements/okta-signin/okta-signin.js';
import type { AuthenticatorPicker } from '../elements/authenticator-picker/authenticator-picker.js';
import type { OktaVerifyPoller } from '../elements/okta-verify-poller/okta-verify-poller.js';
import type * as P from './props.js';

type Tag<E extends HTMLElement, Props, Events> = DetailedHTMLProps<HTMLAttributes<E>, E> & Props & P.EventProps<Events>;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React declares JSX as a namespace.
  namespace JSX {
    interface IntrinsicElements {
      'okta-signin': Tag<OktaSignin, P.OktaSigninProps, P.OktaSigninEvents>;
      'authenticator-picker': Tag<AuthenticatorPicker, P.AuthenticatorPickerProps, P.AuthenticatorPickerEvents>;
      'okta-verify-poller': Tag<OktaVerifyPoller, P.OktaVerifyPollerProps, P.OktaVerifyPollerEvents>;
    }
  }
}
