// The data file's self-service settings, checked like the rest of it: the registration policy, account unlock, the
// users' security question, hardware token, password expiry, lockout, keep-me-signed-in and device assurance, and
// the apps that ask for consent.

/**
 * @typedef {{ name: string, label: string, required: boolean, maxLength?: number }} ProfileField
 * @typedef {{ profile: ProfileField[], signOn: { enroll: string[], verifyWith: string[] } }} Registration
 * @typedef {{ enrolled: boolean, questionKey?: string, question?: string, answer?: string }} SecurityQuestionSetup
 * @typedef {{ locked: boolean, passwordExpiresInDays: number|null, securityQuestion: SecurityQuestionSetup,
 *   customOtp: { enrolled: boolean }, keepMeSignedIn: boolean, deviceAssurance: { gracePeriodDays: number }|null }} SelfServiceUser
 */

import { QUESTIONS } from './idx/security-question.mjs';

// Okta's base attributes a registration form may carry without a custom schema; anything else is a custom attribute.
const REQUIRED_PROFILE = ['email', 'firstName', 'lastName'];
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,49}$/;

const positiveInt = (value, max) => Number.isInteger(value) && value > 0 && value <= max;

/**
 * Checks the self-service parts of a raw data file; `fail` throws with the reason.
 * @param {any} raw
 * @param {(why: string) => never} fail
 * @param {Set<string>} signOnKeys the authenticator keys a sign-on list may name
 */
export function checkSelfService(raw, fail, signOnKeys) {
  const reg = raw.registration;
  if (reg !== undefined) {
    if (!Array.isArray(reg?.profile)) fail('registration.profile must be an array of fields');
    for (const f of reg.profile) {
      if (typeof f?.name !== 'string' || !NAME.test(f.name)) fail('each registration.profile field needs a name such as "favoriteSport"');
      if (typeof f.label !== 'string' || !f.label) fail(`registration.profile ${f.name}: label is required`);
      if (f.maxLength !== undefined && !positiveInt(f.maxLength, 1000)) fail(`registration.profile ${f.name}: maxLength must be 1 to 1000`);
    }
    for (const name of REQUIRED_PROFILE) {
      if (!reg.profile.some((f) => f.name === name && f.required)) fail(`registration.profile must have a required "${name}"`);
    }
    for (const list of ['enroll', 'verifyWith']) {
      const keys = reg.signOn?.[list] ?? [];
      if (!Array.isArray(keys) || !keys.every((k) => signOnKeys.has(k))) fail(`registration.signOn.${list} must list authenticator keys`);
    }
    if (!reg.signOn?.enroll?.includes('okta_password')) fail('registration.signOn.enroll must include okta_password: new users set a password');
  }
  for (const u of raw.users) {
    const who = `user ${u.username}`;
    if (u.passwordExpiresInDays !== undefined && !positiveInt(u.passwordExpiresInDays, 365)) fail(`${who}: passwordExpiresInDays must be 1 to 365`);
    const sq = u.securityQuestion;
    if (sq?.enrolled) {
      if (!(sq.questionKey in QUESTIONS || sq.questionKey === 'custom') || typeof sq.answer !== 'string' || sq.answer.trim().length < 4) {
        fail(`${who}: an enrolled securityQuestion needs one of Okta's questionKeys (or "custom") and an answer of 4 or more characters`);
      }
      if (sq.questionKey === 'custom' && (typeof sq.question !== 'string' || !sq.question.trim())) fail(`${who}: a custom securityQuestion needs its question`);
    }
    const grace = u.deviceAssurance?.gracePeriodDays;
    if (u.deviceAssurance !== undefined && !positiveInt(grace, 365)) fail(`${who}: deviceAssurance.gracePeriodDays must be 1 to 365`);
  }
}

/** @param {any} raw @returns {Registration|null} */
export const registrationOf = (raw) =>
  raw.registration
    ? {
        profile: raw.registration.profile.map((f) => ({
          name: f.name,
          label: f.label,
          required: Boolean(f.required),
          ...(f.maxLength ? { maxLength: f.maxLength } : {}),
        })),
        signOn: { enroll: raw.registration.signOn.enroll, verifyWith: raw.registration.signOn.verifyWith ?? [] },
      }
    : null;

/** @param {any} u a raw user @returns {SelfServiceUser} */
export const selfServiceUser = (u) => ({
  locked: Boolean(u.locked),
  passwordExpiresInDays: u.passwordExpiresInDays ?? null,
  securityQuestion: u.securityQuestion?.enrolled
    ? { enrolled: true, questionKey: u.securityQuestion.questionKey, question: u.securityQuestion.question, answer: u.securityQuestion.answer }
    : { enrolled: false },
  customOtp: { enrolled: Boolean(u.customOtp?.enrolled) },
  keepMeSignedIn: Boolean(u.keepMeSignedIn),
  deviceAssurance: u.deviceAssurance ? { gracePeriodDays: u.deviceAssurance.gracePeriodDays } : null,
});
