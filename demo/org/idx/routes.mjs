// The IDX endpoints under /idp/idx/. Each request names its transaction by stateHandle (or, for the first
// introspect, by interaction handle); a step that does not fit the transaction's state is refused with a message.
import express from 'express';
import { TOTP } from 'otpauth';
import { handle, idxErrorBody, idxMessage, isObject, sendIon } from '../http.mjs';
import { OKTA_VERIFY_ID } from './ion.mjs';
import { afterPassword, sendActivation, startEnrollment, startPush, succeed } from './flow.mjs';
import { blank, passwordProblem, text, validEmail, validPhone } from './validate.mjs';
import { render } from './views.mjs';

const SESSION_EXPIRED = () =>
  idxMessage('You have been logged out due to inactivity. Refresh or return to the sign in screen.', 'idx.session.expired');

/**
 * @param {{ store: import('../store.mjs').OrgStore, origin: string, pollRefreshMs: number, minPollIntervalMs: number }} env
 */
export function idxRouter(env) {
  const { store } = env;
  const router = express.Router();
  const ctx = {
    origin: env.origin,
    pollRefreshMs: env.pollRefreshMs,
    users: store,
    appLabel: (clientId) => store.apps.get(clientId)?.label,
  };

  const reply = (res, tx, status = 200, notes = {}) => sendIon(res, status, render(tx, ctx, notes));
  const expired = (res, tx) =>
    sendIon(res, 401, idxErrorBody([SESSION_EXPIRED()], { ...(tx ? { expiresAt: new Date(tx.expiresAt).toISOString() } : {}), intent: 'LOGIN' }));
  const bad = (res, message, key = 'errors.E0000001', status = 400) => sendIon(res, status, idxErrorBody([idxMessage(message, key)]));
  const wrongStep = (res, tx) =>
    reply(res, tx, 400, { messages: [idxMessage('This step is not available at this point of the sign-in.', 'errors.E0000001')] });

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

  /** Registers a POST endpoint whose handler gets a live transaction and its user. */
  const step = (path, fn) =>
    router.post(
      path,
      handle(async (req, res) => {
        const tx = transaction(req, res);
        if (!tx) return;
        const user = tx.username ? store.findUser(tx.username) : undefined;
        await fn(req.body, tx, user, res);
      }),
    );

  step('/introspect', (_body, tx, _user, res) => reply(res, tx));

  step('/identify', (body, tx, _user, res) => {
    if (tx.step !== 'identify') return wrongStep(res, tx);
    const identifier = text(body.identifier);
    const passcode = isObject(body.credentials) && typeof body.credentials.passcode === 'string' ? body.credentials.passcode : '';
    if (!identifier || !passcode) {
      return reply(res, tx, 400, {
        fieldErrors: { ...(identifier ? {} : { identifier: [blank()] }), ...(passcode ? {} : { passcode: [blank()] }) },
      });
    }
    const user = store.findUser(identifier);
    // Okta answers an unknown user and a wrong password alike, so the answer does not reveal who has an account.
    if (!user || user.password !== passcode) {
      return reply(res, tx, 401, { messages: [idxMessage('Authentication failed', 'errors.E0000004')] });
    }
    tx.username = user.username;
    afterPassword(tx, user, store);
    return reply(res, tx);
  });

  step('/challenge', (body, tx, user, res) => {
    const allowed = ['select-authenticate', 'verification-data', 'challenge-push', 'push-rejected', 'challenge-totp'];
    if (!user || !allowed.includes(tx.step)) return wrongStep(res, tx);
    const authenticator = body.authenticator;
    // A bare resend (okta-auth-js's generic remediator sends only the stateHandle) repeats the current push.
    if (authenticator === undefined && ['challenge-push', 'push-rejected'].includes(tx.step)) {
      startPush(tx);
      return reply(res, tx);
    }
    if (!isObject(authenticator) || authenticator.id !== OKTA_VERIFY_ID) {
      return reply(res, tx, 400, { messages: [idxMessage('Choose an authenticator to continue.', 'errors.E0000001')] });
    }
    const method = authenticator.methodType;
    if (method === undefined || method === null || method === '') {
      tx.step = 'verification-data';
      tx.push = null;
    } else if (method === 'push') {
      startPush(tx);
    } else if (method === 'totp') {
      tx.step = 'challenge-totp';
      tx.push = null;
    } else {
      return reply(res, tx, 400, { messages: [idxMessage('This verification method is not available.', 'errors.E0000001')] });
    }
    return reply(res, tx);
  });

  const poll = (body, tx, user, res) => {
    if (!user || !['challenge-push', 'push-rejected', 'enroll-poll', 'success'].includes(tx.step)) return wrongStep(res, tx);
    const now = Date.now();
    const wait = tx.lastPollAt + env.minPollIntervalMs - now;
    if (tx.lastPollAt && wait > 0) {
      res.set('Retry-After', String(Math.max(1, Math.ceil(wait / 1000))));
      return sendIon(res, 429, idxErrorBody([idxMessage('Too many requests', 'tooManyRequests')]));
    }
    tx.lastPollAt = now;
    if (tx.step === 'challenge-push') {
      if (tx.push.status === 'approved') succeed(tx, user, store);
      else if (tx.push.status === 'rejected') tx.step = 'push-rejected';
    } else if (tx.step === 'enroll-poll' && tx.activated) {
      succeed(tx, user, store);
    }
    const rejected = tx.step === 'push-rejected';
    return reply(res, tx, 200, rejected ? { messages: [idxMessage('You have chosen to reject this login.', 'api.authn.poll.error.push_rejected')] } : {});
  };
  step('/authenticators/poll', poll);
  step('/challenge/poll', poll);

  step('/challenge/answer', (body, tx, user, res) => {
    if (!user || !['challenge-totp', 'reenroll-password'].includes(tx.step)) return wrongStep(res, tx);
    const credentials = isObject(body.credentials) ? body.credentials : {};
    if (tx.step === 'challenge-totp') {
      const code = typeof credentials.totp === 'string' || typeof credentials.totp === 'number' ? String(credentials.totp).trim() : '';
      if (!code) return reply(res, tx, 400, { fieldErrors: { totp: [blank()] } });
      const totp = new TOTP({ secret: user.oktaVerify.totpSecret, digits: 6, period: 30, algorithm: 'SHA1' });
      if (!/^\d{6}$/.test(code) || totp.validate({ token: code, window: 1 }) === null) {
        return reply(res, tx, 400, { fieldErrors: { totp: [idxMessage('Invalid code. Try again.', 'api.authn.error.PASSCODE_INVALID')] } });
      }
      succeed(tx, user, store);
      return reply(res, tx);
    }
    const passcode = typeof credentials.passcode === 'string' ? credentials.passcode : '';
    if (!passcode) return reply(res, tx, 400, { fieldErrors: { passcode: [blank()] } });
    const problem = passwordProblem(passcode, user);
    if (problem) return reply(res, tx, 400, { fieldErrors: { passcode: [problem] } });
    user.password = passcode;
    user.passwordExpired = false;
    afterPassword(tx, user, store);
    return reply(res, tx);
  });

  step('/credential/enroll', async (body, tx, user, res) => {
    if (!user || !['select-enroll', 'enrollment-channel-data', 'enroll-poll'].includes(tx.step)) return wrongStep(res, tx);
    const authenticator = body.authenticator;
    if (!isObject(authenticator) || authenticator.id !== OKTA_VERIFY_ID) {
      return reply(res, tx, 400, { messages: [idxMessage('Choose an authenticator to continue.', 'errors.E0000001')] });
    }
    const channel = authenticator.channel ?? 'qrcode';
    if (!['qrcode', 'email', 'sms'].includes(channel)) {
      return reply(res, tx, 400, { messages: [idxMessage('This enrollment channel is not available.', 'errors.E0000001')] });
    }
    await startEnrollment(tx, channel, store);
    return reply(res, tx);
  });

  step('/challenge/send', (body, tx, user, res) => {
    if (!user || tx.step !== 'enrollment-channel-data') return wrongStep(res, tx);
    if (tx.channel === 'email') {
      if (body.email === undefined || body.email === '') return reply(res, tx, 400, { fieldErrors: { email: [blank()] } });
      const email = validEmail(body.email);
      if (!email) return reply(res, tx, 400, { fieldErrors: { email: [idxMessage('Invalid email address.', 'registration.error.invalidEmail')] } });
      sendActivation(tx, email, store);
    } else {
      if (body.phoneNumber === undefined || body.phoneNumber === '') {
        return reply(res, tx, 400, { fieldErrors: { phoneNumber: [blank()] } });
      }
      const phone = validPhone(body.phoneNumber);
      if (!phone) return reply(res, tx, 400, { fieldErrors: { phoneNumber: [idxMessage('Invalid phone number.', 'api.factors.error.sms.invalid_phone')] } });
      sendActivation(tx, phone, store);
    }
    return reply(res, tx);
  });

  step('/challenge/resend', (_body, tx, user, res) => {
    if (!user || tx.step !== 'enroll-poll' || tx.channel === 'qrcode') return wrongStep(res, tx);
    sendActivation(tx, tx.channelTarget, store);
    return reply(res, tx);
  });

  step('/skip', (_body, tx, user, res) => {
    const skippable = ['select-enroll', 'enrollment-channel-data', 'enroll-poll'].includes(tx.step);
    if (!user || !skippable || user.oktaVerify.policy !== 'optional') return wrongStep(res, tx);
    succeed(tx, user, store);
    return reply(res, tx);
  });

  step('/cancel', (_body, tx, _user, res) => {
    Object.assign(tx, { step: 'identify', username: null, push: null, channel: null, activated: false, interactionCode: null });
    return reply(res, tx);
  });

  return router;
}
