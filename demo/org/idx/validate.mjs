// Input checks for IDX requests, with Okta's field messages.
import { idxMessage } from '../http.mjs';

export const blank = () => idxMessage('This field cannot be left blank', 'model.validation.field.blank');

/** A non-empty string trimmed, or null. */
export function text(value, max = 256) {
  if (typeof value !== 'string') return null;
  const t = value.trim();
  return t && t.length <= max ? t : null;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
/** @param {unknown} value */
export const validEmail = (value) => {
  const t = text(value, 254);
  return t && EMAIL.test(t) ? t : null;
};

/** E.164-ish: an optional +, then 7 to 15 digits once spaces, dashes, dots and brackets are removed. */
export const validPhone = (value) => {
  const t = text(value, 32);
  if (!t) return null;
  const compact = t.replace(/[\s\-().]/g, '');
  return /^\+?\d{7,15}$/.test(compact) ? compact : null;
};

/**
 * The org's password rules (see PASSWORD_SETTINGS); returns the broken rules' message or null.
 * @param {string} candidate
 * @param {import('../store.mjs').User} user
 */
export function passwordProblem(candidate, user) {
  const local = user.username.split('@')[0].toLowerCase();
  const ok =
    candidate.length >= 8 &&
    /[a-z]/.test(candidate) &&
    /[A-Z]/.test(candidate) &&
    /\d/.test(candidate) &&
    !candidate.toLowerCase().includes(local);
  if (!ok) {
    return idxMessage(
      'Password requirements were not met. Password requirements: at least 8 characters, a lowercase letter, an uppercase letter, a number, no parts of your username.',
      'password.passwordRequirementsNotMet',
    );
  }
  if (candidate === user.password) {
    return idxMessage('Password has been used too recently', 'password.passwordHistoryNotMet');
  }
  return null;
}

/**
 * A phone number for the Phone authenticator in E.164: "+" and 8 to 15 digits once spaces, dashes, dots and
 * brackets are removed; ten digits alone are taken as a North American number (+1).
 */
export const e164Phone = (value) => {
  const t = text(value, 32);
  if (!t) return null;
  const compact = t.replace(/[\s\-().]/g, '');
  if (/^\+[1-9]\d{7,14}$/.test(compact)) return compact;
  return /^[2-9]\d{9}$/.test(compact) ? `+1${compact}` : null;
};

/** Okta's answer once the password policy has locked the account (the same for every password from then on). */
export const LOCKED_OUT = () => idxMessage('Your account is locked. Please contact your administrator.', 'errors.E0000119');

export const wrongType = () => idxMessage('This field is of the wrong type', 'model.validation.field.wrong.type');
