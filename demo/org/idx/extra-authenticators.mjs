// Authenticators described in their own modules (Security Question, Custom OTP). Each names its key, id and label,
// its authenticator and enrollment objects, whether a user has it, its steps and a user's state at start; the
// org's tables (authenticators, pickers, policy) fall back to these for keys they do not know.
import { customOtp } from './custom-otp.mjs';
import { securityQuestion } from './security-question.mjs';

/**
 * @typedef {object} ExtraAuthenticator
 * @property {string} key
 * @property {string} id
 * @property {string} label
 * @property {string} methodType the picker's fixed `methodType`
 * @property {string} challengeStep the transaction step that verifies it
 * @property {string|null} enrollStep the transaction step that enrolls it (null: not enrolled at sign-in)
 * @property {() => object} authenticator
 * @property {(user: import('../store.mjs').User) => object} enrollment
 * @property {(user: import('../store.mjs').User) => boolean} enrolled
 * @property {(user: import('../store.mjs').User) => string|null} enrollmentId
 * @property {(record: any) => object} initialState the user's fields for it, from a data file record
 */

/** @type {Record<string, ExtraAuthenticator>} */
export const EXTRA = { [securityQuestion.key]: securityQuestion, [customOtp.key]: customOtp };

export const EXTRA_KEYS = Object.keys(EXTRA);

/** Each extra authenticator's id -> key. */
export const EXTRA_KEY_BY_ID = Object.fromEntries(Object.values(EXTRA).map((a) => [a.id, a.key]));

/** A user's enrollment ids of the extra authenticators, by key (null where not enrolled). */
export const extraEnrollmentIds = (user) => Object.fromEntries(Object.values(EXTRA).map((a) => [a.key, a.enrollmentId(user)]));

/** The user fields of every extra authenticator, from a data file record. */
export const extraUserState = (record) => Object.assign({}, ...Object.values(EXTRA).map((a) => a.initialState(record)));

/** The transaction steps that verify, and that enroll, an extra authenticator. */
export const EXTRA_VERIFY_STEPS = Object.values(EXTRA).map((a) => a.challengeStep);
export const EXTRA_ENROLL_STEPS = Object.values(EXTRA).flatMap((a) => (a.enrollStep ? [a.enrollStep] : []));
