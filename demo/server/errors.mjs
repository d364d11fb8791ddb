/** An error the backend answers with: an HTTP status and the contract's `{ code, message }`. */
export class BackendError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message Shown to the user as text.
   * @param {{ retryAfter?: number }} [extra] `retryAfter` in seconds (429).
   */
  constructor(status, code, message, extra = {}) {
    super(message);
    this.name = 'BackendError';
    this.status = status;
    this.code = code;
    this.retryAfter = extra.retryAfter;
  }
}

export const invalidInput = (message) => new BackendError(400, 'invalid_input', message);

export const sessionExpired = () =>
  new BackendError(401, 'session_expired', 'Your sign-in session has expired. Please sign in again.');

export const rateLimited = (retryAfter = 60) =>
  new BackendError(429, 'rate_limited', 'Too many requests. Please wait a moment and try again.', { retryAfter });

export const upstreamFailure = () =>
  new BackendError(502, 'server', 'The sign-in service could not be reached. Please try again.');

// Okta's own texts for these name the user or the policy; the user gets a fixed message instead.
const BY_I18N_KEY = {
  'errors.E0000004': [400, 'invalid_credentials', 'Incorrect username or password.'],
  incorrectPassword: [400, 'invalid_credentials', 'Incorrect username or password.'],
  'idx.unknown.user': [400, 'invalid_credentials', 'Incorrect username or password.'],
  'idx.session.expired': [401, 'session_expired', 'Your sign-in session has expired. Please sign in again.'],
  'core.system.transaction_resource_not_found': [
    401,
    'session_expired',
    'Your sign-in session has expired. Please sign in again.',
  ],
  E0000010: [401, 'session_expired', 'The verification timed out. Please sign in again.'],
  tooManyRequests: [429, 'rate_limited', 'Too many requests. Please wait a moment and try again.'],
  'api.authn.poll.error.push_rejected': [403, 'push_rejected', 'The push notification was denied in Okta Verify.'],
  'api.authn.error.PASSCODE_INVALID': [400, 'invalid_code', 'That code is not valid. Try again.'],
  'E0000068': [400, 'invalid_code', 'That code is not valid. Try again.'],
};

/**
 * Turns the IDX messages of a transaction into one error, or null when no message is an error.
 * @param {Array<{ message?: string, class?: string, i18n?: { key?: string } }>} messages
 * @param {{ retryAfter?: number }} [http] What the last Okta response said about waiting.
 * @returns {BackendError | null}
 */
export function errorFromMessages(messages, http = {}) {
  const errors = (messages ?? []).filter((m) => m && m.class === 'ERROR');
  if (!errors.length) return null;
  for (const message of errors) {
    const known = BY_I18N_KEY[message.i18n?.key];
    if (known) {
      const [status, code, text] = known;
      return new BackendError(status, code, text, status === 429 ? { retryAfter: http.retryAfter ?? 60 } : {});
    }
  }
  // Anything else is Okta refusing what was sent (a password policy, a bad phone number): its text says why.
  const text = errors.map((m) => String(m.message ?? '')).filter(Boolean).join(' ');
  return invalidInput(text.slice(0, 500) || 'The request was refused.');
}
