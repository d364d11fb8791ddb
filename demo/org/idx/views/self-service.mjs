// Self-service from the identify page: "Sign up" (`select-enroll-profile`, then the profile form `enroll-profile`)
// and "Unlock account" (`unlock-account`, then `select-authenticator-unlock-account`: who, and where to send the code).
import { EMAIL, ID_BY_KEY, authenticatorObject } from '../authenticators.mjs';
import { fieldMessages, form } from '../ion.mjs';

/** @typedef {import('./index.mjs').View} View */

const list = (value) => ({ type: 'array', value });

/** The org's unlock authenticator: Email, as its password policy allows (codes and magic links). */
export const UNLOCK_KEYS = [EMAIL];

/** The remediations Okta adds to identify when the org offers registration and self-service unlock. @param {View} v */
export function identifyExtras(v) {
  const { c, ctx } = v;
  return [
    ...(ctx.users.data.registration ? [form(c, 'select-enroll-profile', '/idp/idx/enroll', [])] : []),
    ...(ctx.users.data.org.selfServiceUnlock ? [form(c, 'unlock-account', '/idp/idx/unlock-account', [])] : []),
  ];
}

/** The registration form: the profile fields of the org's registration policy, and the way back to sign in. @param {View} v */
export function enrollProfile(v) {
  const { c, ctx, fe } = v;
  const fields = ctx.users.data.registration.profile.map((f) => ({
    name: f.name,
    label: f.label,
    required: f.required,
    ...(f.maxLength ? { maxLength: f.maxLength } : {}),
    ...fieldMessages(fe[f.name]),
  }));
  return [form(c, 'enroll-profile', '/idp/idx/enroll/new', [{ name: 'userProfile', form: { value: fields } }]), form(c, 'select-identify', '/idp/idx/identify/select', [])];
}

/**
 * Who is unlocking and how: the identifier, and the unlock authenticators as the org's policy lists them. Nothing
 * here depends on an account, so the form reads the same for everyone (the enrollments carry no ids).
 * @param {View} v
 */
export function unlockAccount(v) {
  v.body.authenticators = list(UNLOCK_KEYS.map((key) => authenticatorObject(key)));
  v.body.authenticatorEnrollments = list(
    UNLOCK_KEYS.map((key) => {
      const { type, displayName, methods } = authenticatorObject(key);
      return { type, key, displayName, methods };
    }),
  );
  const options = UNLOCK_KEYS.map((key, i) => ({
    label: authenticatorObject(key).displayName,
    value: {
      form: {
        value: [
          { name: 'id', required: true, value: ID_BY_KEY[key], mutable: false },
          { name: 'methodType', required: false, value: authenticatorObject(key).methods[0].type, mutable: false },
        ],
      },
    },
    relatesTo: `$.authenticatorEnrollments.value[${i}]`,
  }));
  return [
    form(v.c, 'select-authenticator-unlock-account', '/idp/idx/challenge', [
      { name: 'identifier', label: 'Username', required: true, ...fieldMessages(v.fe.identifier) },
      { name: 'authenticator', type: 'object', options },
    ]),
  ];
}
