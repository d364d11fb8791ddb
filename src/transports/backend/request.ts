import { FlowError, type ErrorCode, type FieldError } from '../../core/types.js';
import { parseRetryAfter } from '../../core/retry-after.js';
import { rateLimitWait } from '../../core/poller.js';
import type { BackendRequestOptions } from '../config.js';
import { isObject, pick } from './read.js';

// Codes a backend may answer with; any other is reported as `unknown`.
const KNOWN_CODES: readonly ErrorCode[] = [
  'invalid_credentials',
  'invalid_code',
  'invalid_input',
  'push_rejected',
  'session_expired',
  'rate_limited',
  'access_denied',
];
const MAX_MESSAGE = 300;
// Okta's message keys are short dotted names; anything longer is not one.
const MAX_KEY = 100;
/** As in IDX mode: a request the server never answers fails after 30 s instead of freezing the flow. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** A 429's `Retry-After` in ms, clamped to 1 s .. 5 min as the poller waits it; undefined when absent. */
function clampedRetryAfter(header: string | null): number | undefined {
  const ms = parseRetryAfter(header);
  return ms === undefined ? undefined : rateLimitWait(ms);
}

// A step form has a few dozen fields at most; a field name is a short dotted path.
const MAX_FIELDS = 50;
const FIELD_NAME = /^[A-Za-z_$][\w$.-]{0,99}$/;

/** Errors tied to a step form's fields, `[{ name, message, key? }]`: what is well formed of them. */
function fieldErrors(raw: unknown): FieldError[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const fields: FieldError[] = [];
  for (const f of raw.slice(0, MAX_FIELDS)) {
    if (!isObject(f)) continue;
    const name = pick(f, 'name');
    const text = pick(f, 'message');
    const key = pick(f, 'key');
    if (typeof name !== 'string' || !FIELD_NAME.test(name) || typeof text !== 'string' || !text.trim()) continue;
    fields.push({ name, text: text.trim().slice(0, MAX_MESSAGE), ...(typeof key === 'string' && key.length <= MAX_KEY ? { key } : {}) });
  }
  return fields.length ? fields : undefined;
}

/**
 * Reads an error body `{ code, message, key?, fields? }`, `{ Code, Message, Key? }` or `{ error: { code, message, key? } }`;
 * `key` is Okta's message key, for the element's own sentence; `fields` are errors tied to a step form's fields.
 */
function errorBody(body: unknown): { code?: string; message?: string; key?: string; fields?: FieldError[] } {
  if (!isObject(body)) return {};
  const inner = pick(body, 'error');
  const src = isObject(inner) ? inner : body;
  const code = pick(src, 'code');
  const message = pick(src, 'message');
  const key = pick(src, 'key');
  return {
    code: typeof code === 'string' ? code : undefined,
    message: typeof message === 'string' && message.trim() ? message.trim().slice(0, MAX_MESSAGE) : undefined,
    key: typeof key === 'string' && key.length <= MAX_KEY ? key : undefined,
    fields: fieldErrors(pick(src, 'fields')),
  };
}

/**
 * One JSON request. Resolves with the parsed body of a 2xx answer; rejects with a FlowError for anything else
 * (the server's message, if any, as `serverText`), or with the AbortError when the signal aborts.
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
  // The caller's signal aborts the request as before; the timeout aborts it too, reported as a network error.
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new DOMException('Timed out', 'TimeoutError'));
  }, timeoutMs);
  const onAbort = () => controller.abort(init.signal?.reason);
  if (init.signal?.aborted) onAbort();
  else init.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    response = await (options.fetch ?? fetch)(url, {
      method,
      headers,
      body: method === 'POST' ? JSON.stringify(init.body ?? {}) : undefined,
      credentials: options.credentials ?? 'same-origin',
      signal: controller.signal,
      cache: 'no-store',
    });
    text = await response.text();
  } catch (error) {
    if (timedOut && !init.signal?.aborted) {
      throw new FlowError('network', `No answer in ${timeoutMs} ms`, { retryable: true, cause: error });
    }
    if ((error as Error | null)?.name === 'AbortError' || init.signal?.aborted) throw error;
    throw new FlowError('network', 'Network error', { retryable: true, cause: error });
  } finally {
    clearTimeout(timer);
    init.signal?.removeEventListener('abort', onAbort);
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
      retryAfterMs: clampedRetryAfter(response.headers.get('Retry-After')),
    });
  }
  if (status === 401 || info.code === 'session_expired') {
    throw new FlowError('session_expired', 'Session expired', { status });
  }
  if (info.code === 'config') {
    // The server's own settings with Okta are wrong: what to fix is in its log, never in the reply.
    const hint = `${url} answered config: the server's Okta settings (client id, secret, redirect URI, issuer) need fixing; its log says which.`;
    throw new FlowError('config', 'The server is misconfigured', { status, hint });
  }
  if (status >= 500) {
    throw new FlowError('server', `HTTP ${status}`, { status, retryable: true });
  }
  const code = KNOWN_CODES.includes(info.code as ErrorCode) ? (info.code as ErrorCode) : 'unknown';
  throw new FlowError(code, info.message ?? `HTTP ${status}`, { status, serverText: info.message, key: info.key, fields: info.fields });
}
