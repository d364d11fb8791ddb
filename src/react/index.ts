/**
 * `okta-signin-elements-react`: the three elements as typed React components (made with `@lit/react`), with each
 * DOM event as a callback prop: `<OktaSignin backend="/auth" onOktaSuccess={(e) => e.detail.next} />`, and
 * `SignInForm`, the sign-in form as React children, for pages rendered on the server.
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
  strings,
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

export interface SignInFormProps {
  /** Default: the element's English, "Username". */
  usernameLabel?: string;
  /** Default: "Password". */
  passwordLabel?: string;
  /** Default: "Sign in". */
  submitLabel?: string;
  /** The username to start with. */
  defaultUsername?: string;
}

/**
 * The sign-in form as React children of `OktaSignin` (its `credentials` slot: fields named `username` and
 * `password`, `method="dialog"`, so a submit before the script has run goes nowhere). Rendered on the server, the
 * page holds a usable form at once; the element takes its submit and gives it its look once it starts. Without it
 * the element renders its own form (with a show-password toggle and passkey autofill) once it starts.
 */
export function SignInForm({ usernameLabel, passwordLabel, submitLabel, defaultUsername }: SignInFormProps): React.ReactElement {
  const id = React.useId();
  const h = React.createElement;
  return h(
    'form',
    { slot: 'credentials', method: 'dialog', 'data-okta-signin-form': '' },
    h('label', { htmlFor: `${id}username` }, usernameLabel ?? strings.username),
    h('input', {
      id: `${id}username`,
      name: 'username',
      autoComplete: 'username',
      autoCapitalize: 'none',
      spellCheck: false,
      required: true,
      defaultValue: defaultUsername,
    }),
    h('label', { htmlFor: `${id}password` }, passwordLabel ?? strings.password),
    h('input', { id: `${id}password`, name: 'password', type: 'password', autoComplete: 'current-password', required: true }),
    h('button', { type: 'submit' }, submitLabel ?? strings.signIn),
  );
}

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
