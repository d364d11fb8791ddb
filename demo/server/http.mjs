import { BackendError, invalidInput, sessionExpired, upstreamFailure } from './errors.mjs';

/**
 * POST bodies must be JSON. Besides the contract, this is what keeps other sites out: a cross-site form cannot
 * send `application/json`, and a cross-site `fetch` that does needs a CORS preflight this backend never grants.
 */
export function requireJson(req, _res, next) {
  if (req.method === 'POST' && !req.is('application/json')) {
    next(new BackendError(415, 'invalid_input', 'Send the request as JSON (Content-Type: application/json).'));
    return;
  }
  next();
}

export function notFound(_req, _res, next) {
  next(new BackendError(404, 'not_found', 'No such endpoint.'));
}

function toBackendError(error) {
  if (error instanceof BackendError) return error;
  // body-parser's own errors: the client sent something unreadable.
  if (error?.type === 'entity.parse.failed') return invalidInput('The request body is not valid JSON.');
  if (error?.type === 'entity.too.large') return new BackendError(413, 'invalid_input', 'The request body is too large.');
  if (typeof error?.type === 'string' && error.status >= 400 && error.status < 500) {
    return new BackendError(error.status, 'invalid_input', 'The request body could not be read.');
  }
  if (error?.name === 'AuthSdkError' && /saved transaction could not be loaded/i.test(error.message ?? '')) {
    return sessionExpired();
  }
  // okta-auth-js errors: Okta unreachable, or it refused the client (wrong secret, unknown client, bad token).
  if (['AuthApiError', 'OAuthError', 'AuthSdkError', 'TypeError', 'FetchError'].includes(error?.name)) {
    return upstreamFailure();
  }
  return null;
}

/** Every error ends here: the contract's `{ code, message }`, never a stack trace. */
export function errorHandler(logger) {
  return (error, req, res, _next) => {
    let reply = toBackendError(error);
    if (!reply) {
      logger.error?.(`[auth] ${req.method} ${req.path}: unexpected ${error?.name ?? 'error'}: ${error?.message ?? error}`);
      reply = new BackendError(500, 'server', 'Something went wrong. Please try again.');
    } else if (reply.status >= 500) {
      logger.error?.(`[auth] ${req.method} ${req.path}: ${error?.name ?? 'error'}: ${error?.message ?? error}`);
    } else {
      logger.warn?.(`[auth] ${req.method} ${req.path}: ${reply.status} ${reply.code}`);
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    if (reply.retryAfter !== undefined) res.set('Retry-After', String(reply.retryAfter));
    res.status(reply.status).json({ code: reply.code, message: reply.message });
  };
}
