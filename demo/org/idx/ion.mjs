// Builders for the pieces of an IDX (Ion) response: remediation forms, fields and authenticator objects.
import { ION, IDX_ACCEPTS } from '../http.mjs';

export const OKTA_VERIFY_ID = 'aut1okta0verify00001';
export const PASSWORD_ID = 'aut1okta0password001';

/** @param {string} stateHandle */
export const stateHandleField = (stateHandle) => ({
  name: 'stateHandle',
  required: true,
  value: stateHandle,
  visible: false,
  mutable: false,
});

/**
 * One remediation form, posted by the client to `href` with the listed fields.
 * @param {{ origin: string, stateHandle: string }} ctx
 * @param {string} name
 * @param {string} path
 * @param {object[]} fields
 * @param {object} [extra] e.g. relatesTo, refresh
 */
export function form(ctx, name, path, fields, extra = {}) {
  return {
    rel: ['create-form'],
    name,
    ...extra,
    href: `${ctx.origin}${path}`,
    method: 'POST',
    produces: ION,
    value: [...fields, stateHandleField(ctx.stateHandle)],
    accepts: IDX_ACCEPTS,
  };
}

/** @param {object[]} messages */
export const fieldMessages = (messages) => (messages?.length ? { messages: { type: 'array', value: messages } } : {});

export const CHANNEL_OPTIONS = [
  { label: 'QRCODE', value: 'qrcode' },
  { label: 'EMAIL', value: 'email' },
  { label: 'SMS', value: 'sms' },
];

export const METHOD_OPTIONS = [
  { label: 'Get a push notification', value: 'push' },
  { label: 'Enter a code', value: 'totp' },
];

/** The Okta Verify authenticator as the org lists it. */
export const oktaVerifyAuthenticator = (methods = ['push', 'totp']) => ({
  type: 'app',
  key: 'okta_verify',
  id: OKTA_VERIFY_ID,
  displayName: 'Okta Verify',
  methods: methods.map((type) => ({ type })),
});

/** @param {import('../store.mjs').User} user */
export const oktaVerifyEnrollment = (user) => ({
  profile: { deviceName: user.oktaVerify.deviceName },
  type: 'app',
  key: 'okta_verify',
  id: user.oktaVerify.enrollmentId,
  displayName: 'Okta Verify',
  methods: user.oktaVerify.fastPassOnly ? [{ type: 'signed_nonce' }] : [{ type: 'push' }, { type: 'totp' }],
});

/** @param {import('../store.mjs').User} user */
export const passwordEnrollment = (user) => ({
  type: 'password',
  key: 'okta_password',
  id: `lae${user.id.slice(3)}`,
  displayName: 'Password',
  methods: [{ type: 'password' }],
});

/** @param {import('../store.mjs').User} user */
export const userObject = (user) => ({
  type: 'object',
  value: {
    id: user.id,
    identifier: user.username,
    profile: { firstName: user.firstName, lastName: user.lastName, timeZone: 'UTC', locale: 'en_US' },
  },
});

/** The password rules the org enforces, as Okta describes them in `settings`. */
export const PASSWORD_SETTINGS = {
  complexity: {
    minLength: 8,
    minLowerCase: 1,
    minUpperCase: 1,
    minNumber: 1,
    minSymbol: 0,
    excludeUsername: true,
    excludeAttributes: [],
  },
  age: { minAgeMinutes: 0, historyCount: 1 },
};
