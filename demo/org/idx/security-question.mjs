// The Security Question authenticator: Okta's questions, the user's enrollment (one of them, or their own question)
// and the checks on a new answer and on an answer to the challenge.
import { idxMessage } from '../http.mjs';
import { oktaId } from '../ids.mjs';
import { blank, text } from './validate.mjs';

export const SECURITY_QUESTION = 'security_question';
export const SECURITY_QUESTION_ID = 'aut1security0quest01';
export const CUSTOM = 'custom';
export const MIN_ANSWER = 4;

/** Okta's questions, by key, in the order its enrollment form lists them. */
export const QUESTIONS = {
  disliked_food: 'What is the food you least liked as a child?',
  name_of_first_plush_toy: 'What is the name of your first stuffed animal?',
  first_award: 'What did you earn your first medal or award for?',
  favorite_security_question: 'What is your favorite security question?',
  favorite_toy: 'What is the toy/stuffed animal you liked the most as a kid?',
  first_computer_game: 'What was the first computer game you played?',
  favorite_movie_quote: 'What is your favorite movie quote?',
  first_sports_team_mascot: 'What was the mascot of the first sports team you played on?',
  first_music_purchase: 'What music album or song did you first purchase?',
  favorite_art_piece: 'What is your favorite piece of art?',
  grandmother_favorite_desert: "What was your grandmother's favorite dessert?",
  first_thing_cooked: 'What was the first thing you learned to cook?',
  childhood_dream_job: 'What was your dream job as a child?',
  place_where_significant_other_was_met: 'Where did you meet your spouse/significant other?',
  favorite_vacation_location: 'Where did you go for your favorite vacation?',
  new_years_two_thousand: "Where were you on New Year's Eve in the year 2000?",
  favorite_speaker_actor: 'Who is your favorite speaker/orator?',
  favorite_book_movie_character: 'Who is your favorite book/movie character?',
  favorite_sports_player: 'Who is your favorite sports player?',
};

const methods = [{ type: SECURITY_QUESTION }];
const DISPLAY_NAME = 'Security Question';

// Answers are compared as people remember them: case and surrounding spaces do not count.
const normal = (answer) => answer.trim().toLowerCase();

/** The authenticator as the org lists it, and what the enrollment and challenge steps need. */
export const securityQuestion = {
  key: SECURITY_QUESTION,
  id: SECURITY_QUESTION_ID,
  label: DISPLAY_NAME,
  methodType: SECURITY_QUESTION,
  challengeStep: 'challenge-security-question',
  enrollStep: 'enroll-security-question',
  authenticator: () => ({ type: SECURITY_QUESTION, key: SECURITY_QUESTION, id: SECURITY_QUESTION_ID, displayName: DISPLAY_NAME, methods }),
  /** @param {import('../store.mjs').User} user */
  enrollment: (user) => ({
    profile: { questionKey: user.securityQuestion.questionKey, question: user.securityQuestion.question },
    type: SECURITY_QUESTION,
    key: SECURITY_QUESTION,
    id: user.securityQuestion.enrollmentId,
    displayName: DISPLAY_NAME,
    methods,
  }),
  enrolled: (user) => Boolean(user.securityQuestion?.enrolled),
  enrollmentId: (user) => user.securityQuestion?.enrollmentId ?? null,
  /** A user's state from the data file: the question (Okta's text for its keys) and the answer. */
  initialState(record) {
    const sq = record.securityQuestion;
    if (!sq?.enrolled) return { securityQuestion: { enrolled: false, enrollmentId: null } };
    const question = sq.questionKey === CUSTOM ? sq.question.trim() : QUESTIONS[sq.questionKey];
    return { securityQuestion: { enrolled: true, enrollmentId: oktaId('qae'), questionKey: sq.questionKey, question, answer: normal(sq.answer) } };
  },
};

const tooShort = () => ({
  message: `The security question answer must be at least ${MIN_ANSWER} characters in length`,
  i18n: { key: 'securityQuestion.answer.tooShort.arg', params: [MIN_ANSWER] },
  class: 'ERROR',
});
const notAllowed = () => idxMessage('This field value is not allowed', 'model.validation.field.value.not.allowed');
const tags = () => ({ message: 'The field must not contain HTML tags', i18n: { key: 'tagsNotAllowed' }, class: 'ERROR' });

/**
 * Checks a new question and answer (`credentials.{ questionKey, question?, answer }`), as Okta's enrollment form
 * posts them. The errors are field messages of the option that was used: Okta's question or one's own.
 * @param {Record<string, unknown>} credentials
 * @returns {{ custom: boolean, fieldErrors: Record<string, object[]> } | { custom: boolean, questionKey: string, question: string, answer: string }}
 */
export function checkNewAnswer(credentials) {
  const questionKey = text(credentials.questionKey, 100);
  const custom = questionKey === CUSTOM;
  const fieldErrors = {};
  if (!questionKey) fieldErrors.questionKey = [blank()];
  else if (!custom && !(questionKey in QUESTIONS)) fieldErrors.questionKey = [notAllowed()];
  let question = questionKey ? QUESTIONS[questionKey] : undefined;
  if (custom) {
    question = text(credentials.question, 200) ?? '';
    if (!question) fieldErrors.question = [blank()];
    else if (/<[^>]*>/.test(question)) fieldErrors.question = [tags()];
  }
  const answer = typeof credentials.answer === 'string' ? credentials.answer.trim() : '';
  if (!answer) fieldErrors.answer = [blank()];
  else if (answer.length < MIN_ANSWER) fieldErrors.answer = [tooShort()];
  if (Object.keys(fieldErrors).length) return { custom, fieldErrors };
  return { custom, questionKey, question, answer };
}

/** Enrolls a checked question and answer. @param {import('../store.mjs').User} user */
export function enrollSecurityQuestion(user, { questionKey, question, answer }) {
  user.securityQuestion = { enrolled: true, enrollmentId: oktaId('qae'), questionKey, question, answer: normal(answer) };
}

/** @param {import('../store.mjs').User} user @param {unknown} answer */
export const answerMatches = (user, answer) =>
  user.securityQuestion?.enrolled === true && typeof answer === 'string' && answer.trim() !== '' && normal(answer) === user.securityQuestion.answer;

/** Okta's words for a wrong answer (its recorded responses carry no answer error; this key is the org's own). */
export const wrongAnswer = () => idxMessage("Your answer doesn't match our records. Please try again.", 'authfactor.challenge.question_factor.answer_invalid');
