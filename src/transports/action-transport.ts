/**
 * The `Transport` methods that each take one action of the table (`core/actions.ts`) to the service. They are the
 * same in both modes, which differ only in how an action is taken (`act`): a POST to the backend's endpoint, or a
 * step of okta-auth-js in the browser.
 */
import type { ActionInputs, RequestAction } from '../core/actions.js';
import type { EnrollmentChannel, FlowState, WebAuthnAssertion, WebAuthnAttestation } from '../core/types.js';

export abstract class ActionTransport {
  protected abstract act<A extends RequestAction>(action: A, input: ActionInputs[A], signal?: AbortSignal): Promise<FlowState>;

  login(input: ActionInputs['login'], signal?: AbortSignal): Promise<FlowState> {
    return this.act('login', input, signal);
  }

  selectAuthenticator(input: ActionInputs['selectAuthenticator'], signal?: AbortSignal): Promise<FlowState> {
    return this.act('selectAuthenticator', input, signal);
  }

  selectEnrollmentChannel(channel: EnrollmentChannel, signal?: AbortSignal): Promise<FlowState> {
    return this.act('selectEnrollmentChannel', channel, signal);
  }

  sendEnrollmentChannelData(input: ActionInputs['sendEnrollmentChannelData'], signal?: AbortSignal): Promise<FlowState> {
    return this.act('sendEnrollmentChannelData', input, signal);
  }

  verifyCode(code: string, signal?: AbortSignal): Promise<FlowState> {
    return this.act('verifyCode', code, signal);
  }

  changePassword(input: ActionInputs['changePassword'], signal?: AbortSignal): Promise<FlowState> {
    return this.act('changePassword', input, signal);
  }

  verifyPassword(input: ActionInputs['verifyPassword'], signal?: AbortSignal): Promise<FlowState> {
    return this.act('verifyPassword', input, signal);
  }

  sendEnrollmentData(input: ActionInputs['sendEnrollmentData'], signal?: AbortSignal): Promise<FlowState> {
    return this.act('sendEnrollmentData', input, signal);
  }

  resend(signal?: AbortSignal): Promise<FlowState> {
    return this.act('resend', undefined, signal);
  }

  recover(input: ActionInputs['recover'], signal?: AbortSignal): Promise<FlowState> {
    return this.act('recover', input, signal);
  }

  verifyWebAuthn(credential: WebAuthnAttestation | WebAuthnAssertion, signal?: AbortSignal): Promise<FlowState> {
    return this.act('verifyWebAuthn', credential, signal);
  }

  skip(signal?: AbortSignal): Promise<FlowState> {
    return this.act('skip', undefined, signal);
  }

  proceed(input: ActionInputs['proceed'], signal?: AbortSignal): Promise<FlowState> {
    return this.act('proceed', input, signal);
  }

  cancel(signal?: AbortSignal): Promise<FlowState> {
    return this.act('cancel', undefined, signal);
  }
}
