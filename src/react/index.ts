/**
 * `okta-signin-elements-react`: the three elements as typed React components (made with `@lit/react`), with each
 * DOM event as a callback prop: `<OktaSignin backend="/auth" onOktaSuccess={(e) => e.detail.next} />`.
 * It imports the elements by their package's name, so that a page holds one copy of each element class.
 */
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { OktaSignin as OktaSigninElement } from 'okta-signin-elements/okta-signin';
import { AuthenticatorPicker as AuthenticatorPickerElement } from 'okta-signin-elements/authenticator-picker';
import { OktaVerifyPoller as OktaVerifyPollerElement } from 'okta-signin-elements/okta-verify-poller';
import type {
  OktaAuthenticatorSelectEvent,
  OktaErrorEvent,
  OktaPollCompleteEvent,
  OktaPollEvent,
  OktaSkipEvent,
  OktaStatusChangeEvent,
  OktaSuccessEvent,
} from 'okta-signin-elements';

export const OktaSignin = createComponent({
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
