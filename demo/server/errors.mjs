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
