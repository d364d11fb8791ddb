// The org's error handler: bad input never becomes a 500, and a real fault never leaks its stack.
import { idxErrorBody, idxMessage, sendIon, sendJson } from './http.mjs';

/** Which family of endpoint a path belongs to, to answer in its own error dialect. */
function dialect(path) {
  if (path.startsWith('/idp/idx/')) return 'idx';
  if (path.startsWith('/oauth2/')) return 'oauth';
  return 'json';
}

/**
 * @param {{ error: (...args: unknown[]) => void }} logger
 * @returns {import('express').ErrorRequestHandler}
 */
export function errorHandler(logger) {
  return (err, req, res, _next) => {
    if (res.headersSent) {
      res.end();
      return;
    }
    const kind = dialect(req.path);
    const clientError = typeof err?.status === 'number' && err.status >= 400 && err.status < 500;
    if (clientError) {
      const malformed = err.type === 'entity.parse.failed';
      const tooLarge = err.type === 'entity.too.large';
      const status = tooLarge ? 413 : 400;
      const message = malformed
        ? 'The request body was not well-formed.'
        : tooLarge
          ? 'The request body is too large.'
          : 'The request could not be understood.';
      if (kind === 'idx') sendIon(res, status, idxErrorBody([idxMessage(message, 'errors.E0000003')]));
      else if (kind === 'oauth') sendJson(res, status, { error: 'invalid_request', error_description: message });
      else sendJson(res, status, { error: 'invalid_request', message });
      return;
    }
    logger.error('[org] unexpected error', req.method, req.path, err);
    if (kind === 'idx') sendIon(res, 500, idxErrorBody([idxMessage('An unexpected error occurred.', 'errors.E0000009')]));
    else if (kind === 'oauth') sendJson(res, 500, { error: 'server_error', error_description: 'An unexpected error occurred.' });
    else sendJson(res, 500, { error: 'server_error', message: 'An unexpected error occurred.' });
  };
}

/** 404 for unknown paths inside the org's own prefixes; other paths fall through to the host app. */
export function notFound(req, res, next) {
  const kind = dialect(req.path);
  if (kind === 'idx') {
    sendIon(res, 404, idxErrorBody([idxMessage('The requested resource was not found.', 'errors.E0000007')]));
  } else if (kind === 'oauth' || req.path.startsWith('/device/api/')) {
    sendJson(res, 404, { error: 'not_found', message: 'The requested resource was not found.' });
  } else {
    next();
  }
}
