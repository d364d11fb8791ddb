// Verifying: choosing an authenticator (and Okta Verify's or the phone's method), answering a code or password (a
// security key's answers go to webauthn-routes), polling (push, Okta Verify enrollment, email magic link) and
// resending a code.
import { TOTP } from 'otpauth';
import { idxErrorBody, idxMessage, isObject, sendIon } from '../http.mjs';
import { EMAIL, EXTERNAL_IDP, GOOGLE_OTP, OKTA_VERIFY, PASSWORD, PHONE, WEBAUTHN } from './authenticators.mjs';
import { advance, completeFactor, sendActivation, startPush } from './flow.mjs';
import { checkGoogleCode } from './google-otp.mjs';
import { challengeIdp, startFastPass } from './offsite.mjs';
import { codeMatches, sendCode } from './one-time-codes.mjs';
import { keyOf, sendFailed } from './sending.mjs';
import { LOCKED_OUT, blank, passwordProblem } from './validate.mjs';
import { VERIFY_STEPS, verifyKeys } from './views/index.mjs';
import { webauthnChallenge, webauthnRoutes } from './webauthn-routes.mjs';

export const invalidCode = () => idxMessage('Invalid code. Try again.', 'api.authn.error.PASSCODE_INVALID');
const usedCode = () =>
  idxMessage('API error: Each code can only be used once. Please wait for a new code and try again.', 'authfactor.challenge.soft_token.used_passcode');
export const choose = () => idxMessage('Choose an authenticator to continue.', 'errors.E0000001');
export const noMethod = () => idxMessage('This verification method is not available.', 'errors.E0000001');

/** A code from `credentials.passcode` (or `totp`), as okta-auth-js sends it: a string, sometimes a number. */
const codeOf = (credentials, name) => {
  const value = credentials[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
};

/** @param {import('./routes.mjs').Kit} kit */
export function challengeRoutes(kit) {
  const { step, store, env, reply, wrongStep } = kit;
  const answerWebauthn = webauthnRoutes(kit);

  step('/challenge', (body, tx, user, res) => {
    if (!user || !VERIFY_STEPS.includes(tx.step)) return wrongStep(res, tx);
    const authenticator = body.authenticator;
    // A bare resend (okta-auth-js's generic remediator sends only the stateHandle) repeats the current push.
    if (authenticator === undefined && ['challenge-push', 'push-rejected'].includes(tx.step)) {
      startPush(tx);
      return reply(res, tx);
    }
    const key = isObject(authenticator) ? keyOf(authenticator.id, user) : null;
    const offered = [...verifyKeys(tx, user), ...(tx.step === 'verification-data' ? [tx.current] : [])];
    if (!key || !offered.includes(key)) return reply(res, tx, 400, { messages: [choose()] });
    const method = authenticator.methodType;
    const none = method === undefined || method === null || method === '';

    switch (key) {
      case OKTA_VERIFY:
        if (user.oktaVerify.fastPassOnly) {
          if (!none && method !== 'signed_nonce') return reply(res, tx, 400, { messages: [noMethod()] });
          startFastPass(tx, user);
          return reply(res, tx);
        }
        tx.current = OKTA_VERIFY;
        tx.challenge = null;
        if (none) {
          tx.step = 'verification-data';
          tx.push = null;
        } else if (method === 'push') {
          startPush(tx);
        } else if (method === 'totp') {
          tx.step = 'challenge-totp';
          tx.push = null;
        } else {
          return reply(res, tx, 400, { messages: [noMethod()] });
        }
        return reply(res, tx);
      case PHONE:
        if (none) {
          Object.assign(tx, { current: PHONE, step: 'verification-data', push: null });
          return reply(res, tx);
        }
        if (method !== 'sms' && method !== 'voice') return reply(res, tx, 400, { messages: [noMethod()] });
        return sendThenChallenge(res, tx, user, { key, method, target: user.phone.number });
      case EMAIL:
        if (!none && method !== 'email') return reply(res, tx, 400, { messages: [noMethod()] });
        return sendThenChallenge(res, tx, user, { key, method: 'email', target: user.email.address });
      case GOOGLE_OTP:
        Object.assign(tx, { push: null, step: 'challenge-code', challenge: { key, method: 'otp' } });
        return reply(res, tx);
      case EXTERNAL_IDP:
        if (!none && method !== 'idp') return reply(res, tx, 400, { messages: [noMethod()] });
        challengeIdp(tx);
        return reply(res, tx);
      case WEBAUTHN:
        if (!none && method !== 'webauthn') return reply(res, tx, 400, { messages: [noMethod()] });
        Object.assign(tx, { push: null, current: WEBAUTHN, step: 'challenge-webauthn', challenge: webauthnChallenge(env) });
        return reply(res, tx);
      default:
        Object.assign(tx, { push: null, challenge: null, step: 'challenge-password' });
        return reply(res, tx);
    }
  });

  /** Sends a code and shows its challenge; too soon after the last send, stays put with Okta's 429. */
  function sendThenChallenge(res, tx, user, what) {
    const refused = sendCode(tx, user, what, env);
    if (refused) return sendFailed(kit, res, tx, refused, what.method);
    Object.assign(tx, { push: null, current: what.key, step: 'challenge-code' });
    return reply(res, tx);
  }

  step('/challenge/answer', (body, tx, user, res) => {
    const steps = ['challenge-totp', 'reenroll-password', 'challenge-password', 'challenge-code', 'enroll-code', 'reset-password', 'challenge-webauthn', 'enroll-webauthn'];
    if (!user || !steps.includes(tx.step)) return wrongStep(res, tx);
    const credentials = isObject(body.credentials) ? body.credentials : {};

    if (tx.step === 'challenge-webauthn' || tx.step === 'enroll-webauthn') return answerWebauthn(credentials, tx, user, res);

    if (tx.step === 'challenge-totp') {
      const code = codeOf(credentials, 'totp');
      if (!code) return reply(res, tx, 400, { fieldErrors: { totp: [blank()] } });
      const totp = new TOTP({ secret: user.oktaVerify.totpSecret, digits: 6, period: 30, algorithm: 'SHA1' });
      if (!/^\d{6}$/.test(code) || totp.validate({ token: code, window: 1 }) === null) {
        return reply(res, tx, 400, { fieldErrors: { totp: [invalidCode()] } });
      }
      completeFactor(tx, user, store, OKTA_VERIFY);
      return reply(res, tx);
    }

    if (tx.step === 'challenge-code' || tx.step === 'enroll-code') return answerCode(res, tx, user, codeOf(credentials, 'passcode'));

    const passcode = typeof credentials.passcode === 'string' ? credentials.passcode : '';
    if (!passcode) return reply(res, tx, 400, { fieldErrors: { passcode: [blank()] } });
    if (tx.step === 'challenge-password') {
      const checked = user.phantom ? 'wrong' : store.checkPassword(user, passcode);
      if (checked === 'locked') return reply(res, tx, 401, { messages: [LOCKED_OUT()] });
      if (checked === 'wrong') return reply(res, tx, 401, { messages: [idxMessage('Password is incorrect', 'incorrectPassword')] });
      completeFactor(tx, user, store, PASSWORD);
      return reply(res, tx);
    }
    // A new password: expired (reenroll) or forgotten (reset).
    const problem = passwordProblem(passcode, user);
    if (problem) return reply(res, tx, 400, { fieldErrors: { passcode: [problem] } });
    user.password = passcode;
    user.passwordExpired = false;
    user.passwordExpiresAt = null;
    if (tx.step === 'reset-password') {
      // Recovered: the recovery authenticator and the new password sign the user in, under the sign-on policy.
      tx.purpose = 'login';
      tx.factors = [...(tx.factors ?? []), PASSWORD];
    }
    advance(tx, user, store);
    return reply(res, tx);
  });

  /** A code for an email, phone or Google Authenticator challenge or enrollment. */
  function answerCode(res, tx, user, code) {
    const { key } = tx.challenge;
    const enrolling = tx.step === 'enroll-code';
    if (!code) return reply(res, tx, 400, { fieldErrors: { passcode: [blank()] } });
    if (key === GOOGLE_OTP) {
      const secret = enrolling ? tx.otpSecret : user.googleOtp.secret;
      const checked = checkGoogleCode(secret, enrolling ? -1 : user.googleOtp.lastCounter, code);
      if (!checked.ok) return reply(res, tx, 400, { fieldErrors: { passcode: [checked.reason === 'used' ? usedCode() : invalidCode()] } });
      if (enrolling) store.enrollGoogleOtp(user, secret, checked.counter);
      else user.googleOtp.lastCounter = checked.counter;
      completeFactor(tx, user, store, key);
      return reply(res, tx);
    }
    // Okta answers a wrong email code with 401, as its mocks of that error are named.
    if (!codeMatches(tx.challenge, code)) return reply(res, tx, key === EMAIL ? 401 : 400, { fieldErrors: { passcode: [invalidCode()] } });
    codeProven(tx, user);
    return reply(res, tx);
  }

  /** The challenge's code was entered, or its magic link opened: enroll if enrolling, and move on. */
  function codeProven(tx, user) {
    const { key } = tx.challenge;
    if (tx.step === 'enroll-code') {
      if (key === EMAIL) store.enrollEmail(user);
      else store.enrollPhone(user, tx.challenge.target);
    }
    completeFactor(tx, user, store, key);
  }

  const poll = (_body, tx, user, res) => {
    const emailWaiting = ['challenge-code', 'enroll-code'].includes(tx.step) && tx.challenge?.key === EMAIL;
    if (!user || !(emailWaiting || ['challenge-push', 'push-rejected', 'enroll-poll', 'challenge-fastpass', 'success'].includes(tx.step))) return wrongStep(res, tx);
    const now = Date.now();
    const wait = tx.lastPollAt + env.minPollIntervalMs - now;
    if (tx.lastPollAt && wait > 0) {
      res.set('Retry-After', String(Math.max(1, Math.ceil(wait / 1000))));
      return sendIon(res, 429, idxErrorBody([idxMessage('Too many requests', 'tooManyRequests')]));
    }
    tx.lastPollAt = now;
    if (tx.step === 'challenge-push') {
      if (tx.push.status === 'approved') completeFactor(tx, user, store, OKTA_VERIFY);
      else if (tx.push.status === 'rejected') tx.step = 'push-rejected';
    } else if ((tx.step === 'enroll-poll' && tx.activated) || (tx.step === 'challenge-fastpass' && tx.fastPass.verified)) {
      completeFactor(tx, user, store, OKTA_VERIFY);
    } else if (emailWaiting && tx.challenge.verified && tx.challenge.expiresAt > now) {
      codeProven(tx, user);
    }
    const rejected = tx.step === 'push-rejected';
    return reply(res, tx, 200, rejected ? { messages: [idxMessage('You have chosen to reject this login.', 'api.authn.poll.error.push_rejected')] } : {});
  };
  step('/authenticators/poll', poll);
  step('/challenge/poll', poll);

  step('/challenge/resend', (_body, tx, user, res) => {
    if (user && tx.step === 'enroll-poll' && tx.channel !== 'qrcode') {
      sendActivation(tx, tx.channelTarget, store);
      return reply(res, tx);
    }
    const resendable = ['challenge-code', 'enroll-code'].includes(tx.step) && [EMAIL, PHONE].includes(tx.challenge?.key);
    if (!user || !resendable) return wrongStep(res, tx);
    const { key, method, target } = tx.challenge;
    const refused = sendCode(tx, user, { key, method, target }, env);
    if (refused) return sendFailed(kit, res, tx, refused, method);
    return reply(res, tx);
  });
}
