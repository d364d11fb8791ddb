import { clearIdxTransaction } from './okta-client.mjs';
import { rateLimited, sessionExpired, upstreamFailure } from './errors.mjs';
import { errorReply, toFlowState } from './flow-reply.mjs';

/** Forgets the sign-in attempt (not the signed-in user). */
export function forgetFlow(session) {
  clearIdxTransaction(session);
  delete session.flowState;
}

/** The flow state kept for `GET /state` and for checking which step a request may take. */
export function currentFlowState(session) {
  return session.flowState ?? { status: 'Idle' };
}

function regenerate(req) {
  return new Promise((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
}

/**
 * Turns what okta-auth-js answered into the contract's flow reply, keeps it in the session, or throws the error
 * the user must see.
 * @param {import('express').Request} req
 * @param {any} transaction okta-auth-js `IdxTransaction`
 * @param {{ status?: number, retryAfter?: number }} http the last Okta response
 * @param {{ successUrl: string }} options
 * @param {import('okta-signin-elements/server').Operation} op what the request was doing
 */
export async function settle(req, transaction, http, options, op) {
  const session = req.session;
  const error = errorReply(transaction, op, http);
  if (error) {
    if (error.code === 'session_expired') forgetFlow(session);
    else if (error.code !== 'rate_limited' && transaction.neededToProceed?.length) {
      session.flowState = toFlowState(transaction);
    }
    throw error;
  }

  if (transaction.status === 'CANCELED') {
    forgetFlow(session);
    return { status: 'Idle' };
  }

  if (transaction.status === 'SUCCESS') {
    const claims = transaction.tokens?.idToken?.claims;
    if (!claims?.sub) throw upstreamFailure();
    const user = {
      sub: String(claims.sub),
      email: typeof claims.email === 'string' ? claims.email : undefined,
      name: typeof claims.name === 'string' ? claims.name : undefined,
    };
    // A new session id at sign-in, so that a session id planted before sign-in is worth nothing after it.
    await regenerate(req);
    req.session.user = user;
    req.session.flowState = { status: 'Success', next: options.successUrl };
    return { status: 'Success', next: options.successUrl };
  }

  if (!transaction.neededToProceed?.length) {
    // An answer without remediations: Okta refused the request itself (rate limit, gone, broken).
    if (http.status === 429) throw rateLimited(http.retryAfter ?? 60);
    forgetFlow(session);
    if (http.status === 401 || http.status === 403 || http.status === 404) throw sessionExpired();
    if (http.status >= 500) throw upstreamFailure();
    const ended = toFlowState(transaction);
    return ended;
  }

  const state = toFlowState(transaction);
  session.flowState = state;
  return state;
}
