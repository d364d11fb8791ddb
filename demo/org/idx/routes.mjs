// The IDX endpoints under /idp/idx/. Each request names its transaction by stateHandle (or, for the first
// introspect, by interaction handle); a step that does not fit the transaction's state is refused with a message.
// The endpoints themselves live with their steps: identify-routes, challenge-routes, enroll-routes.
import express from 'express';
import { handle, idxErrorBody, idxMessage, isObject, sendIon } from '../http.mjs';
import { challengeRoutes } from './challenge-routes.mjs';
import { enrollRoutes } from './enroll-routes.mjs';
import { answerRoutes } from './answer-routes.mjs';
import { identifyRoutes } from './identify-routes.mjs';
import { postAuthRoutes } from './post-auth-routes.mjs';
import { selfServiceRoutes } from './self-service-routes.mjs';
import { render } from './views/index.mjs';
import { newChallenge } from './webauthn.mjs';

const SESSION_EXPIRED = () =>
  idxMessage('You have been logged out due to inactivity. Refresh or return to the sign in screen.', 'idx.session.expired');

/**
 * @typedef {{ store: import('../store.mjs').OrgStore, origin: string, pollRefreshMs: number, minPollIntervalMs: number,
 *   codeTtlMs: number, resendIntervalMs: number, trustedOrigins: string[], rpId: string, passkeys: boolean,
 *   webauthnTimeoutMs: number }} IdxEnv
 * @typedef {ReturnType<typeof makeKit>} Kit
 */

/** @param {IdxEnv} env @param {import('express').Router} router */
function makeKit(env, router) {
  const { store } = env;
  const ctx = {
    origin: env.origin,
    pollRefreshMs: env.pollRefreshMs,
    users: store,
    appLabel: (clientId) => store.apps.get(clientId)?.label,
    identifierFirst: (clientId) => Boolean(store.apps.get(clientId)?.identifierFirst),
    rpId: env.rpId,
    trustedOrigins: env.trustedOrigins,
    passkeys: env.passkeys,
    webauthnTimeoutMs: env.webauthnTimeoutMs,
  };

  const reply = (res, tx, status = 200, notes = {}) => {
    // With passkeys, identify carries a challenge for a passkey sign-in; a new one once it has expired.
    if (env.passkeys && tx.step === 'identify' && !(tx.autofill?.expiresAt > Date.now())) tx.autofill = newChallenge(env);
    sendIon(res, status, render(tx, ctx, notes));
  };
  const expired = (res, tx) =>
    sendIon(res, 401, idxErrorBody([SESSION_EXPIRED()], { ...(tx ? { expiresAt: new Date(tx.expiresAt).toISOString() } : {}), intent: 'LOGIN' }));
  const bad = (res, message, key = 'errors.E0000001', status = 400) => sendIon(res, status, idxErrorBody([idxMessage(message, key)]));

  /** Resolves the transaction of a request, or answers the error itself and returns undefined. */
  function transaction(req, res) {
    const body = req.body;
    if (!isObject(body)) {
      bad(res, 'The request body was not well-formed.', 'errors.E0000003');
      return undefined;
    }
    const handleValue = body.stateHandle ?? body.stateToken;
    if (handleValue === undefined && body.interactionHandle !== undefined) {
      const tx = store.transactionByInteraction(body.interactionHandle);
      if (!tx || tx.expiresAt <= Date.now()) expired(res, tx);
      return tx && tx.expiresAt > Date.now() ? tx : undefined;
    }
    if (typeof handleValue !== 'string' || !handleValue) {
      bad(res, "'stateHandle' is required.");
      return undefined;
    }
    const tx = store.transactionByState(handleValue);
    if (!tx || tx.expiresAt <= Date.now()) {
      expired(res, tx);
      return undefined;
    }
    return tx;
  }

  /** The transaction's user: a real one, the phantom of an unknown identifier, or none before identify. */
  const userOf = (tx) => tx.phantom ?? (tx.username ? store.findUser(tx.username) : undefined);

  return {
    env,
    store,
    ctx,
    reply,
    bad,
    userOf,
    /** @param {any} tx @param {import('../store.mjs').User} user */
    setUser(tx, user) {
      tx.phantom = user.phantom ? user : null;
      tx.username = user.phantom ? null : user.username;
    },
    wrongStep: (res, tx) =>
      reply(res, tx, 400, { messages: [idxMessage('This step is not available at this point of the sign-in.', 'errors.E0000001')] }),
    /** A 429 that keeps the transaction where it was, with Okta's message and a Retry-After in seconds. */
    tooMany(res, tx, retryAfterMs, message) {
      res.set('Retry-After', String(Math.max(1, Math.ceil(retryAfterMs / 1000))));
      return reply(res, tx, 429, { messages: [message] });
    },
    /**
     * Registers a POST endpoint whose handler gets a live transaction and its user. With `when`, the handler takes
     * only the requests it says yes to, and the others go on to the endpoint's next handler.
     * @param {string} path
     * @param {(body: any, tx: any, user: any, res: import('express').Response) => unknown} fn
     * @param {(body: any, tx: any, user: any) => boolean} [when]
     */
    step: (path, fn, when) =>
      router.post(
        path,
        handle(async (req, res, next) => {
          const tx = transaction(req, res);
          if (!tx) return;
          if (when && !when(req.body, tx, userOf(tx))) return next();
          await fn(req.body, tx, userOf(tx), res);
        }),
      ),
  };
}

/** @param {IdxEnv} env */
export function idxRouter(env) {
  const router = express.Router();
  const kit = makeKit(env, router);
  // Steps with their own handlers on shared endpoints (/challenge, /challenge/answer, /credential/enroll, /skip) come first.
  selfServiceRoutes(kit);
  answerRoutes(kit);
  postAuthRoutes(kit);
  identifyRoutes(kit);
  challengeRoutes(kit);
  enrollRoutes(kit);
  return router;
}
