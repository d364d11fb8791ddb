/**
 * Backend mode: the browser talks only to the site's own server (README, "Backend contract"), which keeps the
 * IDX transaction in its session. JSON over fetch with the session cookie, an optional CSRF header, and an
 * AbortSignal on every request.
 */
import {
  type EnrollmentChannel,
  type FlowState,
  type PhoneMethod,
  type PollKind,
  type PollResult,
  type Transport,
  type WebAuthnAssertion,
  type WebAuthnAttestation,
} from '../../core/types.js';
import { BACKEND_ENDPOINTS, kebabCase, type BackendEndpoint, type BackendTransportOptions } from '../config.js';
import { parseFlowReply } from './flow-reply.js';
import { fetchPollReply } from './poll-endpoint.js';
import { requestJson } from './request.js';

/** Each endpoint's path under the base URL: its name in kebab case, but the seed's poll endpoints. */
export const BACKEND_PATHS: Readonly<Record<BackendEndpoint, string>> = {
  ...(Object.fromEntries(BACKEND_ENDPOINTS.map((n) => [n, `/${kebabCase(n)}`])) as Record<BackendEndpoint, string>),
  enrollPoll: '/OktaVerify/EnrollPoll',
  challengePoll: '/OktaVerify/ChallengePoll',
};

export class BackendTransport implements Transport {
  readonly kind = 'backend' as const;

  constructor(readonly options: BackendTransportOptions) {}

  /** The URL of an endpoint: its override, else the base URL plus the default path. */
  url(endpoint: BackendEndpoint): string {
    return this.options.endpoints?.[endpoint] || this.options.baseUrl.replace(/\/+$/, '') + BACKEND_PATHS[endpoint];
  }

  /** GET without a body, POST with one; every reply is a flow reply. */
  private async flow(endpoint: BackendEndpoint, body?: object, signal?: AbortSignal): Promise<FlowState> {
    const method = body === undefined ? 'GET' : 'POST';
    return parseFlowReply(await requestJson(this.url(endpoint), { method, body, signal }, this.options));
  }

  async resume(signal?: AbortSignal): Promise<FlowState | null> {
    const state = await this.flow('state', undefined, signal);
    // An Idle state matters only for what it offers (passkey sign-in, recovery).
    return state.status === 'Idle' && !state.webauthn && !state.canRecover ? null : state;
  }

  login(input: { username: string; password: string }, signal?: AbortSignal): Promise<FlowState> {
    return this.flow('login', { username: input.username, password: input.password }, signal);
  }

  selectAuthenticator(input: { id: string; methodType?: string }, signal?: AbortSignal): Promise<FlowState> {
    return this.flow('selectAuthenticator', { authenticatorId: input.id, methodType: input.methodType }, signal);
  }

  selectEnrollmentChannel(channel: EnrollmentChannel, signal?: AbortSignal): Promise<FlowState> {
    return this.flow('enrollmentChannel', { channel }, signal);
  }

  sendEnrollmentChannelData(input: { email?: string; phoneNumber?: string }, signal?: AbortSignal): Promise<FlowState> {
    const body = input.email !== undefined ? { email: input.email } : { phoneNumber: input.phoneNumber };
    return this.flow('enrollmentChannelData', body, signal);
  }

  verifyCode(code: string, signal?: AbortSignal): Promise<FlowState> {
    return this.flow('verifyCode', { code }, signal);
  }

  changePassword(input: { newPassword: string }, signal?: AbortSignal): Promise<FlowState> {
    return this.flow('changePassword', { newPassword: input.newPassword }, signal);
  }

  verifyPassword(input: { password: string }, signal?: AbortSignal): Promise<FlowState> {
    return this.flow('verifyPassword', { password: input.password }, signal);
  }

  sendEnrollmentData(input: { phoneNumber: string; methodType: PhoneMethod }, signal?: AbortSignal): Promise<FlowState> {
    return this.flow('enrollmentData', { phoneNumber: input.phoneNumber, methodType: input.methodType }, signal);
  }

  resend(signal?: AbortSignal): Promise<FlowState> {
    return this.flow('resend', {}, signal);
  }

  recover(input: { username?: string }, signal?: AbortSignal): Promise<FlowState> {
    return this.flow('recover', input.username ? { username: input.username } : {}, signal);
  }

  verifyWebAuthn(credential: WebAuthnAttestation | WebAuthnAssertion, signal?: AbortSignal): Promise<FlowState> {
    return this.flow('webauthn', { ...credential }, signal);
  }

  skip(signal?: AbortSignal): Promise<FlowState> {
    return this.flow('skip', {}, signal);
  }

  cancel(signal?: AbortSignal): Promise<FlowState> {
    return this.flow('cancel', {}, signal);
  }

  async poll(kind: PollKind, signal?: AbortSignal): Promise<PollResult> {
    const endpoint = kind === 'enroll' ? 'enrollPoll' : 'challengePoll';
    const { continuePolling, refresh, next, status } = await fetchPollReply(this.url(endpoint), signal, this.options);
    // A final reply that says Success with Next ends the flow there. Any other final reply's Next is the seed's
    // page-based navigation: the flow asks `GET /state` what comes next instead.
    if (!continuePolling && status === 'Success' && next) return { continuePolling, refresh, next, state: { status, next } };
    return { continuePolling, refresh, next };
  }
}

export function createBackendTransport(options: BackendTransportOptions): Transport {
  return new BackendTransport(options);
}
