import express from 'express';
import { createOktaClient, hasIdxTransaction } from './okta-client.mjs';
import { BackendError, invalidInput, sessionExpired } from './errors.mjs';
import { ENROLLMENT_CHANNELS, remediation, stepName } from 'okta-signin-elements/server';
import { currentFlowState, forgetFlow, settle } from './settle.mjs';
import { emailAddress, optionalString, phoneNumber, requiredString, verificationCode } from './validate.mjs';

const ENROLLMENT_STATES = [
  'AwaitingEnrollmentPoll',
  'AwaitingEnrollmentChannelSelection',
  'AwaitingEnrollmentChannelData',
];

/** Wraps an async handler that returns the JSON to send. */
const handle = (fn) => async (req, res, next) => {
  try {
    const body = await fn(req, res);
    res.json(body);
  } catch (error) {
    next(error);
  }
};

/**
 * Checks that the user's sign-in is at one of `statuses`, so that each endpoint only takes its own step.
 * @returns {Record<string, any>} the current flow state
 */
function requireState(session, statuses) {
  if (!hasIdxTransaction(session)) throw sessionExpired();
  const state = currentFlowState(session);
  if (!statuses.includes(state.status)) {
    throw new BackendError(409, 'invalid_input', 'That step is not available now. Please start over.');
  }
  return state;
}

/**
 * The flow endpoints of the backend contract (everything but the two polls).
 * @param {ReturnType<typeof import('./config.mjs').normalizeOptions>} options
 * @param {ReturnType<typeof import('./okta-client.mjs').memoryStorage>} cache
 */
export function flowRoutes(options, cache) {
  const router = express.Router();
  const okta = (req) => createOktaClient(options, req.session, cache);

  router.get(
    '/state',
    handle(async (req) => {
      const state = currentFlowState(req.session);
      // Success is told once: a page that comes back later starts a new sign-in instead of leaving again.
      if (state.status === 'Success') delete req.session.flowState;
      return state;
    }),
  );

  router.post(
    '/login',
    handle(async (req) => {
      const username = requiredString(req.body, 'username', { label: 'username' });
      const password = requiredString(req.body, 'password', { label: 'password', trim: false, max: 1024 });
      forgetFlow(req.session);
      const { authClient, http } = okta(req);
      const started = await authClient.idx.start();
      if (stepName(started) !== 'identify') return settle(req, started, http, options, 'start');
      let transaction = await authClient.idx.proceed({ step: 'identify', username, password });
      // Orgs that ask for the username first then ask for the password as a separate challenge.
      const next = remediation(transaction, stepName(transaction));
      if (next?.name === 'challenge-authenticator' && next.relatesTo?.value?.key === 'okta_password') {
        transaction = await authClient.idx.proceed({ step: 'challenge-authenticator', password });
      }
      return settle(req, transaction, http, options, 'login');
    }),
  );

  router.post(
    '/select-authenticator',
    handle(async (req) => {
      const state = requireState(req.session, ['AwaitingChallengeAuthenticatorSelection', 'AwaitingAuthenticatorEnrollment']);
      const id = requiredString(req.body, 'authenticatorId', { label: 'authenticator' });
      const methodType = optionalString(req.body, 'methodType');
      const choice = (state.authenticators ?? []).find(
        (a) => a.id === id && (!methodType || !a.methodType || a.methodType === methodType),
      );
      if (!choice) throw invalidInput('Choose one of the listed authenticators.');
      const method = methodType ?? choice.methodType;
      const enrolling = state.status === 'AwaitingAuthenticatorEnrollment';
      const { authClient, http } = okta(req);
      let transaction = await authClient.idx.proceed({
        step: enrolling ? 'select-authenticator-enroll' : 'select-authenticator-authenticate',
        authenticator: { id, ...(method && !enrolling ? { methodType: method } : {}) },
      });
      // Some orgs ask for the method in a second step even when it came with the selection.
      if (stepName(transaction) === 'authenticator-verification-data' && method) {
        transaction = await authClient.idx.proceed({ step: 'authenticator-verification-data', methodType: method });
      }
      return settle(req, transaction, http, options, 'select');
    }),
  );

  router.post(
    '/enrollment-channel',
    handle(async (req) => {
      requireState(req.session, ENROLLMENT_STATES);
      const channel = requiredString(req.body, 'channel', { label: 'channel' });
      if (!ENROLLMENT_CHANNELS.includes(channel)) throw invalidInput('Choose QR code, email or SMS.');
      const { authClient, http } = okta(req);
      const transaction = await authClient.idx.proceed({ step: 'select-enrollment-channel', channel });
      return settle(req, transaction, http, options, 'channel');
    }),
  );

  router.post(
    '/enrollment-channel-data',
    handle(async (req) => {
      const state = requireState(req.session, ['AwaitingEnrollmentChannelData']);
      const wantsPhone = state.enrollment?.channel === 'sms';
      const values = wantsPhone ? { phoneNumber: phoneNumber(req.body) } : { email: emailAddress(req.body) };
      const { authClient, http } = okta(req);
      const transaction = await authClient.idx.proceed({ step: 'enrollment-channel-data', ...values });
      return settle(req, transaction, http, options, 'channel-data');
    }),
  );

  router.post(
    '/verify-code',
    handle(async (req) => {
      requireState(req.session, ['AwaitingChallengeCode']);
      const code = verificationCode(req.body);
      const { authClient, http } = okta(req);
      const transaction = await authClient.idx.proceed({ step: 'challenge-authenticator', verificationCode: code });
      return settle(req, transaction, http, options, 'code');
    }),
  );

  router.post(
    '/change-password',
    handle(async (req) => {
      requireState(req.session, ['PasswordExpired']);
      const newPassword = requiredString(req.body, 'newPassword', { label: 'new password', trim: false, max: 1024 });
      const { authClient, http } = okta(req);
      const transaction = await authClient.idx.proceed({ step: 'reenroll-authenticator', newPassword });
      return settle(req, transaction, http, options, 'password');
    }),
  );

  router.post(
    '/skip',
    handle(async (req) => {
      const state = requireState(req.session, ['AwaitingAuthenticatorEnrollment', ...ENROLLMENT_STATES]);
      if (!state.canSkip) throw new BackendError(409, 'invalid_input', 'This step cannot be skipped.');
      const { authClient, http } = okta(req);
      const transaction = await authClient.idx.proceed({ step: 'skip' });
      return settle(req, transaction, http, options, 'skip');
    }),
  );

  router.post(
    '/cancel',
    handle(async (req) => {
      if (hasIdxTransaction(req.session)) {
        const { authClient } = okta(req);
        // Cancelling is best effort: the user starts over whatever Okta says about the old transaction.
        await authClient.idx.cancel().catch(() => undefined);
      }
      forgetFlow(req.session);
      return { status: 'Idle' };
    }),
  );

  return router;
}
