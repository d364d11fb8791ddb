/**
 * `okta-signin-elements/react`: the three elements as typed React components (made with `@lit/react`), with each
 * DOM event as a callback prop: `<OktaSignin backend="/auth" onOktaSuccess={(e) => e.detail.next} />`.
 * Needs `react` and `@lit/react` (optional peer dependencies of this package).
 */
// First (and no-dom-end.js last): the elements' modules load where there is no DOM too (see no-dom-start.ts).
import '../elements/shared/no-dom-start.js';
import * as React from 'react';
import { createComponent, type EventName } from '@lit/react';
import { OktaSignin as OktaSigninElement } from '../elements/okta-signin/okta-signin.js';
import { AuthenticatorPicker as AuthenticatorPickerElement } from '../elements/authenticator-picker/authenticator-picker.js';
import { OktaVerifyPoller as OktaVerifyPollerElement } from '../elements/okta-verify-poller/okta-verify-poller.js';
import type {
  OktaAuthenticatorSelectEvent,
  OktaErrorEvent,
  OktaPollCompleteEvent,
  OktaPollEvent,
  OktaSkipEvent,
  OktaStatusChangeEvent,
  OktaSuccessEvent,
} from '../elements/shared/events.js';
import '../elements/shared/no-dom-end.js';

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
