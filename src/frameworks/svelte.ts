/**
 * `okta-signin-elements/svelte`: the three tags in Svelte 5's element types, with their properties and event
 * attributes (`onokta-success`). Import it once, for its types: `import type {} from 'okta-signin-elements/svelte';`.
 */
import type { HTMLAttributes } from 'svelte/elements';
import type { OktaSignin } from '../elements/okta-signin/okta-signin.js';
import type { AuthenticatorPicker } from '../elements/authenticator-picker/authenticator-picker.js';
import type { OktaVerifyPoller } from '../elements/okta-verify-poller/okta-verify-poller.js';
import type * as P from './props.js';

type Tag<E extends HTMLElement, Props, Events> = Omit<HTMLAttributes<E>, keyof Props> & Props & P.EventProps<Events>;

declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'okta-signin': Tag<OktaSignin, P.OktaSigninProps, P.OktaSigninEvents>;
    'authenticator-picker': Tag<AuthenticatorPicker, P.AuthenticatorPickerProps, P.AuthenticatorPickerEvents>;
    'okta-verify-poller': Tag<OktaVerifyPoller, P.OktaVerifyPollerProps, P.OktaVerifyPollerEvents>;
  }
}
