/**
 * Backend mode: the browser talks only to the site's own server (README, "Backend contract"), which keeps the
 * IDX transaction in its session. JSON over fetch with the session cookie, an optional CSRF header, and an
 * AbortSignal on every request.
 */
import { FlowError, type ErrorCode, type FlowState, type PollKind, type PollResult, type Transport } from '../core/types.js';
import { parseFlowReply } from '../core/flow-reply.js';
import { parsePollReply } from '../core/poll-reply.js';
import { isObject, pick } from '../core/read.js';
import { parseRetryAfter } from '../core/retry-after.js';

export type BackendEndpoint =
  | 'login'
  | 'state'
  | 'selectAuthenticator'
  | 'enrollmentChannel'
  | 'enrollmentChannelData'
  | 'verifyCode'
  | 'changePassword'
  | 'skip'
  | 'cancel'
  | 'enrollPoll'
  | 'challengePoll';

/** `selectAuthenticator` → `select-authenticator`. */
export const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Each endpoint's path under the base URL: its name in kebab case, but the seed's poll endpoints. */
export const BACKEND_PATHS: Readonly<Record<BackendEndpoint, string>> = {
  ...(Object.fromEntries(
    (['login', 'state', 'selectAuthenticator', 'enrollmentChannel', 'enrollmentChannelData', 'verifyCode', 'changePassword', 'skip', 'cancel'] as const).map(
      (n) => [n, `/${kebab(n)}`],
    ),
  ) as Record<BackendEndpoint, string>),
  enrollPoll: '/OktaVerify/EnrollPoll',
  challengePoll: '/OktaVerify/ChallengePoll',
};

export interface BackendRequestOptions {
  /** Default `'same-origin'`: the session cookie goes along. */
  credentials?: RequestCredentials;
  csrfToken?: string;
  /** Default `X-CSRF-Token`. */
  csrfHeader?: string;
  /** Replaces the global fetch (tests, instrumentation). */
  fetch?: typeof fetch;
}

export interface BackendTransportOptions extends BackendRequestOptions {
  /** Base URL the default paths are appended to, e.g. `/auth`. */
  baseUrl: string;
  /** Full URLs that replace the default path of an endpoint. */
  endpoints?: Partial<Record<BackendEndpoint, string>>;
}

const KNOWN_CODES: readonly ErrorCode[] = [
  'invalid_credentials',
  'invalid_code',
  'invalid_input',
  'push_rejected',
  'session_expired',
  'rate_limited',
];
const MAX_MESSAGE = 300;

/** Reads an error body `{ code, message }`, `{ Code, Message }` or `{ error: { code, message } }`. */
function errorBody(body: unknown): { code?: string; message?: string } {
  if (!isObject(body)) return {};
  const inner = pick(body, 'error');
  const src = isObject(inner) ? inner : body;
  const code = pick(src, 'code');
  const message = pick(src, 'message');
  return {
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' && message.trim() ? message.trim().slice(0, MAX_MESSAGE) : undefined,
  };
}

/**
 * One JSON request. Error messages here are short and technical: the elements show their own text
 * (`strings.errors`) for every code but those that carry the server's message.
 * Resolves with the parsed body of a 2xx answer; rejects with a FlowError for anything else,
 * or with the AbortError when the signal aborts.
 */
export async function requestJson(
  url: string,
  init: { method?: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal },
  options: BackendRequestOptions = {},
): Promise<unknown> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method === 'POST') {
    headers['Content-Type'] = 'application/json';
    if (options.csrfToken) headers[options.csrfHeader || 'X-CSRF-Token'] = options.csrfToken;
  }
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method,
      headers,
      body: method === 'POST' ? JSON.stringify(init.body ?? {}) : undefined,
      credentials: options.credentials ?? 'same-origin',
      signal: init.signal,
      cache: 'no-store',
    });
    text = await response.text();
  } catch (error) {
    if ((error as Error | null)?.name === 'AbortError' || init.signal?.aborted) throw error;
    throw new FlowError('network', 'Network error', { retryable: true, cause: error });
  }
  const isJson = /\bjson\b/i.test(response.headers.get('Content-Type') ?? '');
  let body: unknown;
  let parsed = false;
  if (isJson && text) {
    try {
      body = JSON.parse(text);
      parsed = true;
    } catch {
      // Reported below according to the status.
    }
  }

  const status = response.status;
  if (response.ok) {
    if (!parsed) throw new FlowError('malformed_response', 'Not JSON', { status });
    return body;
  }
  const info = parsed ? errorBody(body) : {};
  if (status === 429) {
    throw new FlowError('rate_limited', 'Too many requests', {
      status,
      retryable: true,
      retryAfterMs: parseRetryAfter(response.headers.get('Retry-After')),
    });
  }
  if (status === 401 || info.code === 'session_expired') {
    throw new FlowError('session_expired', 'Session expired', { status });
  }
  if (status >= 500) {
    throw new FlowError('server', `HTTP ${status}`, { status, retryable: true });
  }
  const code = KNOWN_CODES.includes(info.code as ErrorCode) ? (info.code as ErrorCode) : 'unknown';
  throw new FlowError(code, info.message ?? '', { status });
}

// Each flow call: the endpoint and the JSON body the contract names for it.
const CALLS: Record<string, [BackendEndpoint, (input: any) => unknown]> = {
  login: ['login', (i) => ({ username: i.username, password: i.password })],
  selectAuthenticator: ['selectAuthenticator', (i) => ({ authenticatorId: i.id, methodType: i.methodType })],
  selectEnrollmentChannel: ['enrollmentChannel', (channel) => ({ channel })],
  sendEnrollmentChannelData: ['enrollmentChannelData', (i) => (i.email !== undefined ? { email: i.email } : { phoneNumber: i.phoneNumber })],
  verifyCode: ['verifyCode', (code) => ({ code })],
  changePassword: ['changePassword', (i) => ({ newPassword: i.newPassword })],
};

export interface BackendTransport extends Transport {}

export class BackendTransport {
  readonly kind = 'backend' as const;

  constructor(readonly options: BackendTransportOptions) {
    for (const [name, [endpoint, body]] of Object.entries(CALLS)) {
      (this as any)[name] = (input: unknown, signal?: AbortSignal) => this.flow(endpoint, body(input), signal);
    }
  }

  /** The URL of an endpoint: its override, else the base URL plus the default path. */
  url(endpoint: BackendEndpoint): string {
    return this.options.endpoints?.[endpoint] || this.options.baseUrl.replace(/\/+$/, '') + BACKEND_PATHS[endpoint];
  }

  private async flow(endpoint: BackendEndpoint, body?: unknown, signal?: AbortSignal): Promise<FlowState> {
    const method = body === undefined ? 'GET' : 'POST';
    return parseFlowReply(await requestJson(this.url(endpoint), { method, body, signal }, this.options));
  }

  async resume(signal?: AbortSignal): Promise<FlowState | null> {
    const state = await this.flow('state', undefined, signal);
    return state.status === 'Idle' ? null : state;
  }

  skip(signal?: AbortSignal) {
    return this.flow('skip', {}, signal);
  }

  cancel(signal?: AbortSignal) {
    return this.flow('cancel', {}, signal);
  }

  async poll(kind: PollKind, signal?: AbortSignal): Promise<PollResult> {
    // A final reply's Next is the seed's page-based navigation; the flow asks /state what comes next instead.
    const { continuePolling, refresh, next } = await fetchPollReply(
      this.url(kind === 'enroll' ? 'enrollPoll' : 'challengePoll'),
      signal,
      this.options,
    );
    return { continuePolling, refresh, next };
  }
}

export function createBackendTransport(options: BackendTransportOptions): Transport {
  return new BackendTransport(options);
}

/** One GET of a seed-style poll endpoint, for `<okta-verify-poller endpoint>`. */
export async function fetchPollReply(url: string, signal: AbortSignal | undefined, options: BackendRequestOptions = {}) {
  return parsePollReply(await requestJson(url, { signal }, options));
}
