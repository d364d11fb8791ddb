// Loads and checks the org's data file (users and apps). A broken file stops the org at start with a clear reason.
import { readFileSync } from 'node:fs';
import { checkSelfService, registrationOf, selfServiceUser } from './self-service-data.mjs';
import { loadFederation } from './sso/config.mjs';

export const DEFAULT_DATA_FILE = new URL('../data/org.json', import.meta.url);

const POLICIES = new Set(['required', 'optional', 'none']);
// Authenticators a user's sign-on policy may name (Okta Verify also has its own `oktaVerify.policy`).
const SIGN_ON_KEYS = new Set(['okta_verify', 'okta_email', 'phone_number', 'google_otp', 'webauthn', 'external_idp', 'security_question', 'custom_otp', 'okta_password']);

/**
 * @typedef {{ policy: 'required'|'optional'|'none', enrolled: boolean, deviceName?: string, fastPassOnly?: boolean }} OktaVerifySetup
 * @typedef {{ enroll?: string[], verifyWith?: string[] }} SignOnSetup
 * @typedef {{ username: string, password: string, firstName: string, lastName: string, passwordExpired: boolean,
 *   oktaVerify: OktaVerifySetup, email: { enrolled: boolean }, phone: { enrolled: boolean, number: string|null },
 *   googleAuthenticator: { enrolled: boolean }, signOn: SignOnSetup, externalIdp: { enrolled: boolean },
 *   verifyIdentity: boolean } & import('./self-service-data.mjs').SelfServiceUser} UserRecord
 * @typedef {{ clientId: string, label: string, type: 'public'|'confidential', clientSecret?: string,
 *   redirectUris: string[], postLogoutRedirectUris: string[], scopes: string[], identifierFirst: boolean,
 *   consentRequired: boolean }} AppRecord
 * @typedef {{ users: UserRecord[], apps: AppRecord[], org: { audience: string, name: string, selfServiceUnlock: boolean },
 *   registration: import('./self-service-data.mjs').Registration|null } & import('./sso/config.mjs').Federation} OrgData
 */

/**
 * @param {string|URL} file
 * @returns {OrgData}
 */
export function loadData(file = DEFAULT_DATA_FILE) {
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  const fail = (why) => {
    throw new Error(`org data file ${String(file)}: ${why}`);
  };
  if (!Array.isArray(raw.users) || !Array.isArray(raw.apps)) fail('needs "users" and "apps" arrays');
  for (const u of raw.users) {
    if (typeof u.username !== 'string' || typeof u.password !== 'string') fail('each user needs username and password');
    if (u.oktaVerify !== undefined && !POLICIES.has(u.oktaVerify?.policy)) {
      fail(`user ${u.username}: oktaVerify.policy must be required, optional or none`);
    }
    for (const list of ['enroll', 'verifyWith']) {
      const keys = u.signOn?.[list];
      if (keys !== undefined && (!Array.isArray(keys) || !keys.every((k) => SIGN_ON_KEYS.has(k)))) {
        fail(`user ${u.username}: signOn.${list} must list authenticator keys (${[...SIGN_ON_KEYS].join(', ')})`);
      }
    }
    if (u.externalIdp?.enrolled && !raw.identityProviders?.some?.((idp) => idp?.authenticator)) {
      fail(`user ${u.username}: externalIdp needs an identity provider with "authenticator": true`);
    }
    if (u.phone?.enrolled && !/^\+\d{7,15}$/.test(String(u.phone.number).replace(/[\s\-().]/g, ''))) {
      fail(`user ${u.username}: an enrolled phone needs a number such as "+1 555 010 0001"`);
    }
  }
  for (const a of raw.apps) {
    if (typeof a.clientId !== 'string' || !['public', 'confidential'].includes(a.type)) fail('each app needs clientId and type');
    if (a.type === 'confidential' && typeof a.clientSecret !== 'string') fail(`app ${a.clientId}: confidential apps need clientSecret`);
    if (!Array.isArray(a.redirectUris)) fail(`app ${a.clientId}: redirectUris must be an array`);
    if (a.postLogoutRedirectUris !== undefined && !Array.isArray(a.postLogoutRedirectUris)) {
      fail(`app ${a.clientId}: postLogoutRedirectUris must be an array`);
    }
  }
  checkSelfService(raw, fail, SIGN_ON_KEYS);
  return {
    org: { audience: raw.org?.audience ?? 'api://default', name: raw.org?.name ?? 'Okta', selfServiceUnlock: Boolean(raw.org?.selfServiceUnlock) },
    registration: registrationOf(raw),
    users: raw.users.map(userRecord),
    apps: raw.apps.map((a) => ({
      clientId: a.clientId,
      label: a.label ?? a.clientId,
      type: a.type,
      clientSecret: a.clientSecret,
      redirectUris: a.redirectUris,
      postLogoutRedirectUris: a.postLogoutRedirectUris ?? [],
      scopes: a.scopes ?? ['openid', 'profile', 'email'],
      identifierFirst: Boolean(a.identifierFirst),
      consentRequired: Boolean(a.consentRequired),
    })),
    ...loadFederation(raw, fail),
  };
}

/**
 * A user record from a data file entry (or from a new user's registration), with every field's default.
 * @param {any} u
 * @returns {UserRecord}
 */
export const userRecord = (u) => ({
  username: u.username,
  password: u.password,
  firstName: u.firstName ?? '',
  lastName: u.lastName ?? '',
  passwordExpired: Boolean(u.passwordExpired),
  oktaVerify: {
    policy: u.oktaVerify?.policy ?? 'none',
    enrolled: Boolean(u.oktaVerify?.enrolled),
    deviceName: u.oktaVerify?.deviceName,
    fastPassOnly: Boolean(u.oktaVerify?.fastPassOnly),
  },
  email: { enrolled: Boolean(u.email?.enrolled) },
  phone: { enrolled: Boolean(u.phone?.enrolled), number: u.phone?.number ? String(u.phone.number).replace(/[\s\-().]/g, '') : null },
  googleAuthenticator: { enrolled: Boolean(u.googleAuthenticator?.enrolled) },
  signOn: { enroll: u.signOn?.enroll, verifyWith: u.signOn?.verifyWith },
  externalIdp: { enrolled: Boolean(u.externalIdp?.enrolled) },
  verifyIdentity: Boolean(u.verifyIdentity),
  ...selfServiceUser(u),
});

/**
 * Matches a redirect URI against a registered pattern; `*` stands for any port and nothing else.
 * @param {string} pattern
 * @param {string} uri
 */
export function redirectUriMatches(pattern, uri) {
  let target;
  try {
    target = new URL(uri);
  } catch {
    return false;
  }
  if (target.username || target.password || target.search || target.hash) return false;
  const m = /^(https?):\/\/([^/:]+)(?::(\*|\d+))?(\/.*)$/.exec(pattern);
  if (!m) return pattern === uri;
  const [, scheme, host, port, path] = m;
  if (target.protocol !== `${scheme}:` || target.hostname !== host || target.pathname !== path) return false;
  if (port === '*') return true;
  return target.port === (port ?? '');
}
