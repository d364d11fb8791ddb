// Choosing and answering the authenticators described in their own modules (Security Question, Custom OTP), and a
// new user's first password. The endpoints are the ones every authenticator shares; these handlers take only the
// requests about these authenticators and leave the rest to challenge-routes and enroll-routes.
import { isObject } from '../http.mjs';
import { PASSWORD } from './authenticators.mjs';
import { choose, invalidCode, noMethod } from './challenge-routes.mjs';
import { CUSTOM_OTP, customOtp, enrollRestricted } from './custom-otp.mjs';
import { EXTRA, EXTRA_KEYS } from './extra-authenticators.mjs';
import { completeFactor } from './flow.mjs';
import { checkGoogleCode } from './google-otp.mjs';
import { SECURITY_QUESTION, answerMatches, checkNewAnswer, enrollSecurityQuestion, securityQuestion, wrongAnswer } from './security-question.mjs';
import { keyOf } from './sending.mjs';
import { blank, passwordProblem } from './validate.mjs';
import { ENROLL_PASSWORD } from './views/extra-steps.mjs';
import { ENROLL_STEPS, VERIFY_STEPS, enrollKeys, verifyKeys } from './views/index.mjs';

const ANSWER_STEPS = [ENROLL_PASSWORD, securityQuestion.enrollStep, securityQuestion.challengeStep, customOtp.challengeStep];

/** The authenticator key a request chose: an authenticator id, or one of the user's enrollment ids. */
const chosenKey = (body, user) => (user && isObject(body.authenticator) ? keyOf(body.authenticator.id, user) : null);

const given = (value) => value !== undefined && value !== null && value !== '';

/** @param {import('./routes.mjs').Kit} kit */
export function answerRoutes(kit) {
  const { step, store, reply } = kit;

  step(
    '/challenge',
    (body, tx, user, res) => {
      const key = chosenKey(body, user);
      if (!verifyKeys(tx, user).includes(key)) return reply(res, tx, 400, { messages: [choose()] });
      const method = body.authenticator.methodType;
      if (given(method) && method !== EXTRA[key].methodType) return reply(res, tx, 400, { messages: [noMethod()] });
      Object.assign(tx, { push: null, current: key, step: EXTRA[key].challengeStep, challenge: { key } });
      return reply(res, tx);
    },
    (body, tx, user) => Boolean(user) && VERIFY_STEPS.includes(tx.step) && EXTRA_KEYS.includes(chosenKey(body, user)),
  );

  step(
    '/credential/enroll',
    (body, tx, user, res) => {
      const key = chosenKey(body, user);
      if (!enrollKeys(user).includes(key)) return reply(res, tx, 400, { messages: [choose()] });
      tx.push = null;
      const enrollStep = key === PASSWORD ? ENROLL_PASSWORD : EXTRA[key].enrollStep;
      if (!enrollStep) {
        // As Okta answers a Custom OTP chosen at sign-in: its tokens come from the administrator.
        Object.assign(tx, { step: 'select-enroll', challenge: null });
        return reply(res, tx, 403, { messages: [enrollRestricted()] });
      }
      Object.assign(tx, { step: enrollStep, challenge: { key } });
      return reply(res, tx);
    },
    (body, tx, user) => Boolean(user) && !user.phantom && ENROLL_STEPS.includes(tx.step) && [PASSWORD, ...EXTRA_KEYS].includes(chosenKey(body, user)),
  );

  step(
    '/challenge/answer',
    (body, tx, user, res) => {
      const credentials = isObject(body.credentials) ? body.credentials : {};
      switch (tx.step) {
        case ENROLL_PASSWORD: {
          const passcode = typeof credentials.passcode === 'string' ? credentials.passcode : '';
          const problem = passcode ? passwordProblem(passcode, user) : blank();
          if (problem) return reply(res, tx, 400, { fieldErrors: { passcode: [problem] } });
          user.password = passcode;
          completeFactor(tx, user, store, PASSWORD);
          return reply(res, tx);
        }
        case securityQuestion.enrollStep: {
          const checked = checkNewAnswer(credentials);
          if ('fieldErrors' in checked) {
            tx.challenge = { key: SECURITY_QUESTION, custom: checked.custom };
            return reply(res, tx, 400, { fieldErrors: checked.fieldErrors });
          }
          enrollSecurityQuestion(user, checked);
          completeFactor(tx, user, store, SECURITY_QUESTION);
          return reply(res, tx);
        }
        case securityQuestion.challengeStep: {
          if (typeof credentials.answer !== 'string' || !credentials.answer.trim()) return reply(res, tx, 400, { fieldErrors: { answer: [blank()] } });
          if (!answerMatches(user, credentials.answer)) return reply(res, tx, 400, { fieldErrors: { answer: [wrongAnswer()] } });
          completeFactor(tx, user, store, SECURITY_QUESTION);
          return reply(res, tx);
        }
        default: {
          const code = typeof credentials.passcode === 'string' || typeof credentials.passcode === 'number' ? String(credentials.passcode).trim() : '';
          if (!code) return reply(res, tx, 400, { fieldErrors: { passcode: [blank()] } });
          // Okta answers a wrong Custom OTP code for the whole form, not the field.
          const checked = checkGoogleCode(user.customOtp.secret, user.customOtp.lastCounter, code);
          if (!checked.ok) return reply(res, tx, 400, { messages: [invalidCode()] });
          user.customOtp.lastCounter = checked.counter;
          completeFactor(tx, user, store, CUSTOM_OTP);
          return reply(res, tx);
        }
      }
    },
    (_body, tx, user) => Boolean(user) && !user.phantom && ANSWER_STEPS.includes(tx.step),
  );
}
