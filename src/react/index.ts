/**
 * `okta-signin-elements-react`: the three elements as typed React components (made with `@lit/react`), with each
 * DOM event as a callback prop: `<OktaSignin backend="/auth" onOktaSuccess={(e) => e.detail.next} />`, and
 * `SignInForm`, the element's sign-in form as React children, for pages rendered on the server.
 * It imports the elements by their package's name, so that a page holds one copy of each element class. A client
 * module (the build adds `'use client'`): Server Components render these components, with string props and children,
 * as they are.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { OktaSignin as OktaSigninElement } from 'okta-signin-elements/okta-signin';
import { AuthenticatorPicker as AuthenticatorPickerElement } from 'okta-signin-elements/authenticator-picker';
import { OktaVerifyPoller as OktaVerifyPollerElement } from 'okta-signin-elements/okta-verify-poller';
import {
  type OktaAuthenticatorSelectEvent,
  type OktaErrorEvent,
  type OktaPollCompleteEvent,
  type OktaPollEvent,
  type OktaSkipEvent,
  type OktaStatusChangeEvent,
  type OktaSuccessEvent,
} from 'okta-signin-elements';

const OktaSigninComponent = createComponent({
  react: React,
  tagName: 'okta-signin',
  elementClass: OktaSigninElement,
  events: {
    onOktaStatusChange: 'okta-status-change' as EventName<OktaStatusChangeEvent>,
    onOktaSuccess: 'okta-success' as EventName<OktaSuccessEvent>,
    onOktaError: 'okta-error' as EventName<OktaErrorEvent>,
    onOktaAuthenticatorSelect: 'okta-authenticator-select' as EventName<OktaAuthenticatorSelectEvent>,
    onOktaPoll: 'okta-poll' as EventName<OktaPollEvent>,
    onOktaPollComplete: 'okta-poll-complete' as EventName<OktaPollCompleteEvent>,
  },
  displayName: 'OktaSignin',
});

type OktaSigninProps = React.ComponentProps<typeof OktaSigninComponent>;

/**
 * `<okta-signin>`. It is rendered with `defer-hydration`, which `@lit/react` removes once it has set the element's
 * properties: the element starts only then, so it never reports a configuration it does not have yet, and never
 * adds its own form to children React is hydrating.
 */
export const OktaSignin = React.forwardRef<OktaSigninElement, Omit<OktaSigninProps, 'ref'>>(function OktaSignin(props, ref) {
  return React.createElement(OktaSigninComponent, { ...props, ref, 'defer-hydration': '' } as OktaSigninProps);
});

export { SignInForm, type SignInFormProps } from './sign-in-form.js';

export const AuthenticatorPicker = createComponent({
  react: React,
  tagName: 'authenticator-picker',
  elementClass: AuthenticatorPickerElement,
  events: {
    onOktaAuthenticatorSelect: 'okta-authenticator-select' as EventName<OktaAuthenticatorSelectEvent>,
    onOktaSkip: 'okta-skip' as EventName<OktaSkipEvent>,
  },
  displayName: 'AuthenticatorPicker',
});

export const OktaVerifyPoller = createComponent({
  react: React,
  tagName: 'okta-verify-poller',
  elementClass: OktaVerifyPollerElement,
  events: {
    onOktaPoll: 'okta-poll' as EventName<OktaPollEvent>,
    onOktaPollComplete: 'okta-poll-complete' as EventName<OktaPollCompleteEvent>,
    onOktaError: 'okta-error' as EventName<OktaErrorEvent>,
  },
  displayName: 'OktaVerifyPoller',
});
