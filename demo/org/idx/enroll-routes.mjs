// Enrolling: choosing an authenticator (Okta Verify's channel, the phone's number and method, a security key's new
// challenge), Okta Verify's email/SMS activation, and skipping an optional enrollment.
import { idxMessage, isObject } from '../http.mjs';
import { EMAIL, GOOGLE_OTP, OKTA_VERIFY, PHONE, WEBAUTHN } from './authenticators.mjs';
import { finish, sendActivation, startEnrollment } from './flow.mjs';
import { startGoogleEnrollment } from './google-otp.mjs';
import { sendCode } from './one-time-codes.mjs';
import { keyOf, sendFailed } from './sending.mjs';
import { blank, e164Phone, validEmail, validPhone } from './validate.mjs';
import { ENROLL_STEPS, canSkip, enrollKeys } from './views/index.mjs';
import { webauthnChallenge } from './webauthn-routes.mjs';

const invalidPhone = () => idxMessage('Invalid Phone Number.', 'api.factors.error.sms.invalid_phone');

/** @param {import('./routes.mjs').Kit} kit */
export function enrollRoutes(kit) {
  const { step, store, env, reply, wrongStep } = kit;

  step('/credential/enroll', async (body, tx, user, res) => {
    if (!user || user.phantom || !ENROLL_STEPS.includes(tx.step)) return wrongStep(res, tx);
    const authenticator = body.authenticator;
    const key = isObject(authenticator) ? keyOf(authenticator.id, user) : null;
    if (!key || !enrollKeys(user).includes(key)) {
      return reply(res, tx, 400, { messages: [idxMessage('Choose an authenticator to continue.', 'errors.E0000001')] });
    }
    tx.push = null;
    if (key === OKTA_VERIFY) {
      const channel = authenticator.channel ?? 'qrcode';
      if (!['qrcode', 'email', 'sms'].includes(channel)) {
        return reply(res, tx, 400, { messages: [idxMessage('This enrollment channel is not available.', 'errors.E0000001')] });
      }
      tx.challenge = null;
      await startEnrollment(tx, channel, store);
      return reply(res, tx);
    }
    if (key === GOOGLE_OTP) {
      await startGoogleEnrollment(tx, user, env.origin);
      Object.assign(tx, { step: 'enroll-code', challenge: { key, method: 'otp' } });
      return reply(res, tx);
    }
    if (key === WEBAUTHN) {
      Object.assign(tx, { step: 'enroll-webauthn', challenge: webauthnChallenge(env) });
      return reply(res, tx);
    }
    if (key === EMAIL) return sendThenEnroll(res, tx, user, { key, method: 'email', target: user.email.address });
    return enrollPhone(res, tx, user, authenticator);
  });

  /** Phone: the number and method may come with the choice or, from authenticator-enrollment-data, after it. */
  function enrollPhone(res, tx, user, authenticator) {
    const { methodType, phoneNumber } = authenticator;
    if (tx.step !== 'enrollment-data' && methodType === undefined && phoneNumber === undefined) {
      Object.assign(tx, { step: 'enrollment-data', challenge: null });
      return reply(res, tx);
    }
    tx.step = 'enrollment-data';
    tx.challenge = null;
    if (methodType !== 'sms' && methodType !== 'voice') {
      return reply(res, tx, 400, { fieldErrors: { methodType: [blank()] } });
    }
    if (phoneNumber === undefined || phoneNumber === null || phoneNumber === '') {
      return reply(res, tx, 400, { fieldErrors: { phoneNumber: [blank()] } });
    }
    const number = e164Phone(phoneNumber);
    // As Okta sends it: a message for the whole form, and the form again.
    if (!number) return reply(res, tx, 400, { messages: [invalidPhone()] });
    return sendThenEnroll(res, tx, user, { key: PHONE, method: methodType, target: number });
  }

  /** Sends a code and shows its enrollment form; too soon after the last send, stays put with Okta's 429. */
  function sendThenEnroll(res, tx, user, what) {
    const refused = sendCode(tx, user, what, env);
    if (refused) return sendFailed(kit, res, tx, refused, what.method);
    tx.step = 'enroll-code';
    return reply(res, tx);
  }

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

  step('/skip', (_body, tx, user, res) => {
    if (!user || user.phantom || !ENROLL_STEPS.includes(tx.step) || !canSkip(user)) return wrongStep(res, tx);
    finish(tx, user, store);
    return reply(res, tx);
  });
}
