import type { FieldError } from '../core/types.js';
import { misconfiguration, type OktaSettings } from '../idx/misconfiguration.js';
import type { LastResponse } from './okta-client.js';

/** An error the backend answers with: an HTTP status and the contract's `{ code, message }`. */
export class BackendError extends Error {
  override name = 'BackendError';
  /** Seconds to send as `Retry-After` (429, 503). */
  retryAfter?: number;
  /** Okta's message key (`i18n.key`), so that the browser can show its own sentence in the user's language. */
  key?: string;
  /** Errors tied to a step form's fields. */
  fields?: FieldError[];
  /** For the server's log only, never in the reply: which of the server's own settings to fix, and how. */
  hint?: string;

  constructor(
    public status: number,
    public code: string,
    message: string,
    extra: { retryAfter?: number; key?: string; fields?: FieldError[]; hint?: string } = {},
  ) {
    super(message);
    this.retryAfter = extra.retryAfter;
    this.key = extra.key;
    if (extra.fields?.length) this.fields = extra.fields;
    if (extra.hint) this.hint = extra.hint;
  }

  /** The reply's body: `{ code, message }`, `key` when Okta named its message, `fields` for a step form's fields. */
  get body(): { code: string; message: string; key?: string; fields?: { name: string; message: string; key?: string }[] } {
    const body: { code: string; message: string; key?: string; fields?: { name: string; message: string; key?: string }[] } = {
      code: this.code,
      message: this.message,
    };
    if (this.key) body.key = this.key;
    if (this.fields) body.fields = this.fields.map(({ name, text, key }) => (key ? { name, message: text, key } : { name, message: text }));
    return body;
  }
}

/** `Retry-After` the backend sends, in seconds: never below 1 s nor above 5 min, whatever Okta said. */
export const clampRetryAfterSeconds = (seconds: number | undefined, fallback = 60): number => {
  const s = seconds === undefined || !Number.isFinite(seconds) ? fallback : Math.ceil(seconds);
  return Math.min(300, Math.max(1, s));
};

/**
 * The message of a refusal whose reasons are under single fields (Okta's, or the server's own check): the element's
 * own words for it, as IDX mode shows them.
 */
export const CHECK_FIELDS = 'Check what you entered and try again.';

export const invalidInput = (message: string, key?: string, fields?: FieldError[]): BackendError =>
  new BackendError(400, 'invalid_input', message, { key, fields });

export const sessionExpired = (): BackendError =>
  new BackendError(401, 'session_expired', 'Your sign-in session has expired. Please sign in again.');

export const rateLimited = (retryAfter?: number): BackendError =>
  new BackendError(429, 'rate_limited', 'Too many requests. Please wait a moment and try again.', {
    retryAfter: clampRetryAfterSeconds(retryAfter),
  });

export const upstreamFailure = (): BackendError =>
  new BackendError(502, 'server', 'The sign-in service could not be reached. Please try again.');

export const upstreamTimeout = (): BackendError =>
  new BackendError(504, 'server', 'The sign-in service took too long to answer. Please try again.');

/**
 * Where sessions or failure counts live (Redis, another store) did not answer in time or failed. The message names
 * the store and what went wrong, for the operator's log; the user is told only that the service is briefly unavailable.
 */
export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';

  constructor(
    /** `Redis`, or `session store` for a store of the site's own. */
    readonly store: string,
    detail: string,
  ) {
    super(`${store} unavailable: ${detail}`);
  }
}

/** How long the browser is asked to wait when a store is unavailable, seconds. */
const UNAVAILABLE_RETRY_AFTER = 5;

export const unavailable = (): BackendError =>
  new BackendError(503, 'server', 'The sign-in service is briefly unavailable. Please try again in a moment.', {
    retryAfter: UNAVAILABLE_RETRY_AFTER,
  });

export const busy = (): BackendError =>
  new BackendError(503, 'server', 'Another request of this sign-in is still running. Please try again.', { retryAfter: 1 });

/** The account may not sign in here (the org's sign-on policy, or the site's `onSignIn`): `message` says why. */
export const accessDenied = (message?: string, key?: string): BackendError =>
  new BackendError(403, 'access_denied', (message || 'You cannot sign in here with this account.').slice(0, 300), { key });

// What a call met when the issuer itself is wrong (no such host, nothing listening, another host's certificate),
// rather than a passing outage (a reset connection, a timeout), which stays a retryable `server` error.
const WRONG_ISSUER = /^(ECONNREFUSED|ENOTFOUND)$|CERT|TLS|SSL/;

/**
 * The reply to a failure that the server's own Okta settings explain, or undefined: `config` with a neutral sentence
 * for the user, and the `hint` (which setting, how to fix it) for the log. `calls` are what this request's calls to
 * Okta met.
 */
export function misconfigured(error: unknown, settings: OktaSettings, calls: readonly LastResponse[]): BackendError | undefined {
  const unreachable = calls.find((call) => call.unreachable && WRONG_ISSUER.test(call.unreachable))?.unreachable;
  const hint =
    misconfiguration(error, settings) ??
    (unreachable &&
      `Nothing answered at ${settings.issuer} (${unreachable}): set the issuer to https://{yourOktaDomain}/oauth2/default (or another authorization server's issuer) and check that this server reaches it.`);
  return hint ? new BackendError(502, 'config', 'Sign-in is not available right now. Please try again later.', { hint }) : undefined;
}
