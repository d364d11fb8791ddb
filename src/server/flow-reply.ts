/**
 * The backend contract's flow reply for an okta-auth-js (step mode) IDX transaction, from the package's one IDX
 * mapping, so that backend mode shows every step exactly as IDX mode does. The reply never holds secrets.
 */
import { errorOf, type Operation } from '../idx/errors.js';
import { stateToShow } from '../idx/map.js';
import type { IdxTransaction } from '../idx/types.js';
import type { FlowState } from '../core/types.js';
import { BackendError, CHECK_FIELDS, accessDenied, invalidInput, rateLimited, sessionExpired, upstreamFailure } from './errors.js';

/** A flow reply as the contract sends it (a plain JSON object). */
export type FlowReply = FlowState & Record<string, unknown>;

export function toFlowState(transaction: IdxTransaction): FlowReply {
  // A step no web page can answer is `UnsupportedStep`: the user may finish on the org's own page (`GET /authorize`).
  return { ...stateToShow(transaction) } as FlowReply;
}

// What the browser is told for each error code the mapping reports. Okta's own wording for these names the user or
// the policy; the user gets a fixed message instead.
const REPLY_BY_CODE: Record<string, [number, string]> = {
  invalid_credentials: [400, 'Incorrect username or password.'],
  invalid_code: [400, 'That code is not valid. Try again.'],
  push_rejected: [403, 'The push notification was denied in Okta Verify.'],
};

/** The error a transaction stands for, as the contract's error reply, or null when it is a state to show. */
export function errorReply(
  transaction: IdxTransaction,
  op: Operation,
  http: { retryAfter?: number } = {},
): BackendError | null {
  const error = errorOf(transaction, op, http.retryAfter === undefined ? undefined : http.retryAfter * 1000);
  if (!error) return null;
  switch (error.code) {
    case 'rate_limited':
      return rateLimited((error.retryAfterMs ?? 60000) / 1000);
    case 'session_expired':
      return sessionExpired();
    case 'access_denied':
      // The org's sign-on policy refused the account: its message (Okta's, or the admin's own) says so.
      return accessDenied(error.serverText, error.key);
    case 'server':
      // Okta refused the step with its own reason (a password rule, a bad phone number): that text helps the user.
      return error.serverText ? invalidInput(error.serverText, error.key, error.fields) : upstreamFailure();
    default: {
      const known = REPLY_BY_CODE[error.code];
      // A refused sign-in says nothing of which part was wrong: no field errors, whatever Okta tied them to.
      const fields = error.code === 'invalid_credentials' ? undefined : error.fields;
      if (known) return new BackendError(known[0], error.code, known[1], { key: error.key, fields });
      return invalidInput(error.serverText ?? (error.fields?.length ? CHECK_FIELDS : 'The request was refused.'), error.key, error.fields);
    }
  }
}
