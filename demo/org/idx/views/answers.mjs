// Steps answered with a typed secret: a first password (a new user's enrollment, with the rules in `settings`), the
// security question (enroll: Okta's question or one's own; verify: the enrolled question) and a Custom OTP code.
import { PASSWORD, authenticatorObject, enrollmentObject } from '../authenticators.mjs';
import { CUSTOM_OTP } from '../custom-otp.mjs';
import { PASSWORD_SETTINGS, fieldMessages, form } from '../ion.mjs';
import { CUSTOM, QUESTIONS, SECURITY_QUESTION, securityQuestion } from '../security-question.mjs';

/** @typedef {import('./index.mjs').View} View */

const obj = (value) => ({ type: 'object', value });
const answer = (c, name, fields, relatesTo) => form(c, name, '/idp/idx/challenge/answer', [{ name: 'credentials', type: 'object', form: { value: fields }, required: true }], { relatesTo: [relatesTo] });

/** @param {View} v */
export function enrollPassword(v) {
  const withRules = { ...authenticatorObject(PASSWORD), settings: PASSWORD_SETTINGS };
  v.body.currentAuthenticator = obj(withRules);
  v.body.enrollmentAuthenticator = obj(withRules);
  return [
    answer(v.c, 'enroll-authenticator', [{ name: 'passcode', label: 'Enter password', secret: true, ...fieldMessages(v.fe.passcode) }], '$.currentAuthenticator'),
    v.enrollPicker(),
    ...v.skip(),
  ];
}

/**
 * Okta's enrollment form: one option picks one of its questions, the other writes one's own. A refused answer's
 * messages go to the fields of the option that was used.
 * @param {View} v
 */
export function enrollSecurityQuestion(v) {
  const { c, fe, tx } = v;
  const keys = Object.keys(QUESTIONS);
  v.body.currentAuthenticator = obj({
    contextualData: { questionKeys: [...keys, CUSTOM], questions: keys.map((questionKey) => ({ questionKey, question: QUESTIONS[questionKey] })) },
    ...securityQuestion.authenticator(),
  });
  v.body.enrollmentAuthenticator = obj(securityQuestion.authenticator());
  const custom = tx.challenge?.custom === true;
  const errors = (mine, name) => (mine ? fieldMessages(fe[name]) : {});
  const answerField = (mine) => ({ name: 'answer', label: 'Answer', required: true, secret: true, ...errors(mine, 'answer') });
  const choose = {
    label: 'Choose a security question',
    value: {
      form: {
        value: [
          {
            name: 'questionKey',
            type: 'string',
            label: 'Choose a security question',
            required: true,
            options: keys.map((key) => ({ label: QUESTIONS[key], value: key })),
            ...errors(!custom, 'questionKey'),
          },
          answerField(!custom),
        ],
      },
    },
  };
  const own = {
    label: 'Create my own security question',
    value: {
      form: {
        value: [
          { name: 'questionKey', required: true, value: CUSTOM, mutable: false },
          { name: 'question', label: 'Create a security question', required: true, ...errors(custom, 'question') },
          answerField(custom),
        ],
      },
    },
  };
  return [
    form(c, 'enroll-authenticator', '/idp/idx/challenge/answer', [{ name: 'credentials', type: 'object', required: true, options: [choose, own] }], {
      relatesTo: ['$.currentAuthenticator'],
    }),
    v.enrollPicker(),
    ...v.skip(),
  ];
}

/** @param {View} v */
export function challengeSecurityQuestion(v) {
  const enrollment = enrollmentObject(v.user, SECURITY_QUESTION);
  const { questionKey, question } = enrollment.profile;
  v.body.currentAuthenticatorEnrollment = obj({ ...enrollment, contextualData: { enrolledQuestion: { question, questionKey } } });
  return [
    answer(
      v.c,
      'challenge-authenticator',
      [
        { name: 'questionKey', label: question, required: true, value: questionKey, visible: false, mutable: false },
        { name: 'answer', label: 'Answer', required: true, secret: true, ...fieldMessages(v.fe.answer) },
      ],
      '$.currentAuthenticatorEnrollment',
    ),
    v.verifyPicker(),
  ];
}

/** @param {View} v */
export function challengeCustomOtp(v) {
  v.body.currentAuthenticatorEnrollment = obj(enrollmentObject(v.user, CUSTOM_OTP));
  return [
    answer(v.c, 'challenge-authenticator', [{ name: 'passcode', label: 'Enter code', required: true, visible: true, ...fieldMessages(v.fe.passcode) }], '$.currentAuthenticatorEnrollment'),
    v.verifyPicker(),
  ];
}
