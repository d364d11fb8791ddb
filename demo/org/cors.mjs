// CORS as Okta's Trusted Origins do it: listed origins get credentialed CORS, others are refused.
import { sendJson } from './http.mjs';

/**
 * @param {string[]} trustedOrigins
 * @returns {import('express').RequestHandler}
 */
export function cors(trustedOrigins) {
  const trusted = new Set(trustedOrigins);
  return (req, res, next) => {
    const origin = req.get('origin');
    res.vary('Origin');
    if (!origin) return next();
    if (!trusted.has(origin)) {
      // Reading is already blocked by the missing CORS headers; refusing also keeps untrusted pages from acting.
      return sendJson(res, 403, { error: 'access_denied', message: 'This origin is not a trusted origin of the org.' });
    }
    res.set('Access-Control-Allow-Origin', origin);
    res.set('Access-Control-Allow-Credentials', 'true');
    res.set('Access-Control-Expose-Headers', 'Retry-After, WWW-Authenticate, x-rate-limit-reset');
    if (req.method === 'OPTIONS') {
      res.set('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      const requested = req.get('access-control-request-headers');
      res.set('Access-Control-Allow-Headers', requested && /^[\w\-, ]+$/.test(requested) ? requested : 'Content-Type, Accept, Authorization');
      res.set('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    next();
  };
}
