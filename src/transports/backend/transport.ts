/**
 * Backend mode: the browser talks only to the site's own server (README, "Backend contract"), which keeps the
 * IDX transaction in its session. JSON over fetch with the session cookie, an optional CSRF header, and an
 * AbortSignal on every request.
 */
import { ACTIONS, type ActionInputs, type ActionRule, type FlowAction, type RequestAction } from '../../core/actions.js';
import {
  FlowError,
  offersOnForm,
  type FlowErrorReason,
  type FlowState,
  type PollKind,
  type PollResult,
  type Transport,
} from '../../core/types.js';
import { ActionTransport } from '../action-transport.js';
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

/** The sign-in page's query parameter that carries why the backend's callback failed (a `FlowErrorReason`). */
export const CALLBACK_ERROR_PARAM = 'okta_signin_error';

/** Why a way back can fail, as the server module's callback route says it (`src/idx/redirect.ts`). */
const REDIRECT_REASONS: readonly FlowErrorReason[] = ['redirect-denied', 'redirect-failed', 'redirect-invalid', 'token-exchange', 'unverified'];

export class BackendTransport extends ActionTransport implements Transport {
  readonly kind = 'backend' as const;

  /**
   * The `GET /state` under way. Its reply may set the cookie of a sign-in the server started ahead; an action waits
   * for it, so that the action's own reply, and its cookie, come last.
   */
  private resuming: Promise<unknown> = Promise.resolve();

  constructor(readonly options: BackendTransportOptions) {
    super();
  }

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
    const reply = this.flow('state', undefined, signal);
    this.resuming = reply.catch(() => undefined);
    const state = await reply;
    // An Idle state matters only for what it offers (passkey sign-in, recovery, links, identity providers).
    return state.status === 'Idle' && !offersOnForm(state) ? null : state;
  }

  /** A navigation of the table: the endpoint's URL with the action's path (the backend answers with a redirect). */
  private where<A extends FlowAction>(action: A, input: ActionInputs[A]): Promise<string> {
    const rule = ACTIONS[action] as ActionRule<A>;
    return Promise.resolve(this.url(rule.endpoint!) + rule.path!(input));
  }

  redirectToIdp(input: ActionInputs['redirectToIdp']): Promise<string> {
    return this.where('redirectToIdp', input);
  }

  redirectToOkta(): Promise<string> {
    return this.where('redirectToOkta', undefined);
  }

  /**
   * The backend's callback finishes a sign-in that left the page itself, and sends the browser on (success) or back
   * here with why it failed in the address: that is reported, and taken off the address.
   */
  async callback(): Promise<FlowState | null> {
    const location = globalThis.location;
    if (!location) return null;
    const url = new URL(location.href);
    const reason = url.searchParams.get(CALLBACK_ERROR_PARAM);
    if (reason === null) return null;
    url.searchParams.delete(CALLBACK_ERROR_PARAM);
    globalThis.history?.replaceState(globalThis.history.state, '', url.href);
    const known = REDIRECT_REASONS.find((r) => r === reason) ?? 'redirect-failed';
    throw new FlowError('session_expired', `Sign-in redirect: ${known}`, { reason: known });
  }

  /** An action of the table, to its endpoint with its body. */
  protected async act<A extends RequestAction>(action: A, input: ActionInputs[A], signal?: AbortSignal): Promise<FlowState> {
    const rule = ACTIONS[action] as ActionRule<A>;
    await this.resuming;
    return this.flow(rule.endpoint!, rule.body!(input), signal);
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
