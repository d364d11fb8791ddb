// What an app written in TypeScript sees when it imports the built package by name. Only type-checked, never run.
import 'okta-signin-elements';
import {
  type OktaAuthenticatorSelectEvent,
  type OktaErrorEvent,
  type OktaPollCompleteEvent,
  type OktaPollEvent,
  type OktaSkipEvent,
  type OktaStatusChangeEvent,
  type OktaSuccessEvent,
  OktaSignin,
} from 'okta-signin-elements';
import { SignInFlow, type FlowStatus } from 'okta-signin-elements/core';
import { errorOf, stateOf, type FlowState as ServerFlowState } from 'okta-signin-elements-server';

const signin = document.querySelector('okta-signin')!;
const picker = document.querySelector('authenticator-picker')!;
const poller = document.querySelector('okta-verify-poller')!;

// The tag names map to the element classes.
const asClass: OktaSignin = signin;

signin.addEventListener('okta-status-change', (e) => {
  const event: OktaStatusChangeEvent = e;
  const status: FlowStatus = e.detail.status;
  const previous: FlowStatus = e.detail.previousStatus;
  const names: string[] | undefined = e.detail.authenticators?.map((a) => a.name);
  const canSkip: boolean | undefined = e.detail.canSkip;
  const message: string | undefined = e.detail.message;
});
signin.addEventListener('okta-success', (e) => {
  const event: OktaSuccessEvent = e;
  e.preventDefault();
  const next: string | undefined = e.detail.next;
  const accessToken: string | undefined = e.detail.tokens?.accessToken;
});
signin.addEventListener('okta-error', (e) => {
  const event: OktaErrorEvent = e;
  const message: string = e.detail.message;
  const retryable: boolean = e.detail.retryable;
  const code: string = e.detail.code;
});
picker.addEventListener('okta-authenticator-select', (e) => {
  const event: OktaAuthenticatorSelectEvent = e;
  const id: string = e.detail.authenticator.id;
});
picker.addEventListener('okta-skip', (e) => {
  const event: OktaSkipEvent = e;
  const detail: Record<string, never> = e.detail;
});
poller.addEventListener('okta-poll', (e) => {
  const event: OktaPollEvent = e;
  const again: boolean = e.detail.continuePolling;
  const refresh: number | null = e.detail.refresh;
});
poller.addEventListener('okta-poll-complete', (e) => {
  const event: OktaPollCompleteEvent = e;
  e.preventDefault();
  const next: string | undefined = e.detail.next;
  const status: FlowStatus | undefined = e.detail.status;
});

// The events bubble and are composed: listeners on document and window are typed too.
document.addEventListener('okta-success', (e) => e.detail.next);
window.addEventListener('okta-error', (e) => e.detail.code);

// Wrong usages fail.
signin.addEventListener('okta-success', (e) => {
  // @ts-expect-error okta-success carries no error code
  e.detail.code;
});
signin.addEventListener('okta-error', (e) => {
  // @ts-expect-error the message is a string
  const n: number = e.detail.message;
});
signin.addEventListener('okta-status-change', (e) => {
  // @ts-expect-error not a flow status
  const s: typeof e.detail.status = 'Finished';
});
poller.addEventListener('okta-poll', (e) => {
  // @ts-expect-error continuePolling is a boolean
  const s: string = e.detail.continuePolling;
});
picker.addEventListener('okta-authenticator-select', (e) => {
  // @ts-expect-error the detail holds the authenticator, not its id
  e.detail.id;
});
picker.addEventListener('okta-skip', (e) => {
  // @ts-expect-error okta-skip carries nothing
  const reason: OktaSkipEvent = new CustomEvent('okta-skip', { detail: { reason: 'later' } });
});
poller.addEventListener('okta-poll-complete', (e) => {
  // @ts-expect-error next may be missing
  const next: string = e.detail.next;
});
signin.addEventListener('okta-success', (e) => {
  // @ts-expect-error an okta-success event is not an okta-error event
  const error: OktaErrorEvent = e;
});
// @ts-expect-error backend is a URL string
signin.backend = new URL('/auth', location.href);
signin.backend = '/auth';

// The flow core has its own entry point.
const flowType: typeof SignInFlow = SignInFlow;

// A Node server maps okta-auth-js transactions with the same mapping the browser uses.
const mapped: ServerFlowState = stateOf({ status: 'PENDING', neededToProceed: [{ name: 'identify' }] });
const failure = errorOf({ status: 'PENDING', messages: [] }, 'login');
const code: string | undefined = failure?.code;
// @ts-expect-error an operation the mapping does not know
errorOf({ status: 'PENDING' }, 'fly');
void mapped;
void code;
