import express from 'express';
import { createOktaClient, hasIdxTransaction } from './okta-client.mjs';
import { sessionExpired } from './errors.mjs';
import { currentFlowState, settle } from './settle.mjs';

/**
 * The seed's two poll endpoints, answering its `OktaVerifyPollResponseModel` in PascalCase:
 * `{ Refresh, ContinuePolling, Next, Status }`. When polling ends the next flow state stays in the session,
 * so `GET /state` tells a sign-in element where the flow went.
 * @param {ReturnType<typeof import('./config.mjs').normalizeOptions>} options
 * @param {ReturnType<typeof import('./okta-client.mjs').memoryStorage>} cache
 */
export function pollRoutes(options, cache) {
  const router = express.Router();

  const done = (req, status) => {
    // A final reply that says Success ends the sign-in element's flow without asking `GET /state`: Success is
    // told once, here, so that a page that comes back later starts a new sign-in instead of leaving again.
    if (status === 'Success') delete req.session.flowState;
    return { Refresh: null, ContinuePolling: false, Next: status === 'Success' ? options.successUrl : options.signInUrl, Status: status };
  };

  const poll = (step, waitingStatus) => async (req, res, next) => {
    try {
      if (!hasIdxTransaction(req.session)) throw sessionExpired();
      const state = currentFlowState(req.session);
      if (state.status !== waitingStatus) {
        res.json(done(req, state.status));
        return;
      }
      const { authClient, http } = createOktaClient(options, req.session, cache);
      const transaction = await authClient.idx.proceed({ step });
      const reply = await settle(req, transaction, http, options, 'poll');
      if (reply.status === waitingStatus) {
        res.json({ Refresh: reply.refresh ?? null, ContinuePolling: true, Next: null, Status: reply.status });
      } else {
        res.json(done(req, reply.status));
      }
    } catch (error) {
      next(error);
    }
  };

  router.get('/OktaVerify/EnrollPoll', poll('enroll-poll', 'AwaitingEnrollmentPoll'));
  router.get('/OktaVerify/ChallengePoll', poll('challenge-poll', 'AwaitingChallengePoll'));
  return router;
}
