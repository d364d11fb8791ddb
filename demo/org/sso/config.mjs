// The org's identity providers (IdPs) and their routing rules, its identity verification vendor, and the accounts of
// the fake provider that stands in for all of them, as the data file describes them.

/** The IdP types Okta sends in `redirect-idp`; the fake provider plays each of them. */
const TYPES = new Set(['GOOGLE', 'FACEBOOK', 'APPLE', 'MICROSOFT', 'LINKEDIN', 'OIDC', 'SAML2']);

/**
 * @typedef {{ id: string, type: string, name: string, buttons: boolean, domains: string[], authenticator: boolean,
 *   logoUri: string|null }} IdpRecord
 *   `buttons`: a routing rule shows it on the first screen of every app; `domains`: usernames at these domains are
 *   sent to it (IdP discovery); `authenticator`: it backs the IdP authenticator (`external_idp`)
 * @typedef {{ id: string, name: string }} IdvRecord
 * @typedef {{ username: string, password: string, name: string }} ProviderAccount
 * @typedef {{ identityProviders: IdpRecord[], identityVerification: IdvRecord|null, fakeProvider: { users: ProviderAccount[] } }} Federation
 */

/**
 * @param {any} raw the parsed data file
 * @param {(why: string) => never} fail
 * @returns {Federation}
 */
export function loadFederation(raw, fail) {
  const idps = raw.identityProviders ?? [];
  if (!Array.isArray(idps)) fail('"identityProviders" must be an array');
  const seen = new Set();
  for (const idp of idps) {
    if (typeof idp?.id !== 'string' || !/^[A-Za-z0-9_-]{1,40}$/.test(idp.id)) fail('each identity provider needs an id (letters, digits, - or _)');
    if (seen.has(idp.id)) fail(`identity provider ${idp.id} is listed twice`);
    seen.add(idp.id);
    if (!TYPES.has(idp.type)) fail(`identity provider ${idp.id}: type must be one of ${[...TYPES].join(', ')}`);
    if (typeof idp.name !== 'string' || !idp.name) fail(`identity provider ${idp.id} needs a name`);
    const domains = idp.routing?.domains ?? [];
    if (!Array.isArray(domains) || !domains.every((d) => typeof d === 'string' && /^[a-z0-9.-]+$/i.test(d))) {
      fail(`identity provider ${idp.id}: routing.domains must list domain names`);
    }
  }
  if (idps.filter((idp) => idp.authenticator).length > 1) fail('only one identity provider can back the IdP authenticator');
  const idv = raw.identityVerification ?? null;
  if (idv !== null && (typeof idv.id !== 'string' || typeof idv.name !== 'string')) fail('identityVerification needs an id and a name');
  const accounts = raw.fakeProvider?.users ?? [];
  if (!Array.isArray(accounts) || !accounts.every((a) => typeof a?.username === 'string' && typeof a.password === 'string')) {
    fail('fakeProvider.users: each account needs username and password');
  }
  return {
    identityProviders: idps.map((idp) => ({
      id: idp.id,
      type: idp.type,
      name: idp.name,
      buttons: Boolean(idp.routing?.buttons),
      domains: (idp.routing?.domains ?? []).map((d) => d.toLowerCase()),
      authenticator: Boolean(idp.authenticator),
      logoUri: typeof idp.logoUri === 'string' ? idp.logoUri : null,
    })),
    identityVerification: idv && { id: idv.id, name: idv.name },
    fakeProvider: { users: accounts.map((a) => ({ username: a.username, password: a.password, name: a.name ?? a.username })) },
  };
}

/** @param {Federation} f */
export const buttonIdps = (f) => f.identityProviders.filter((idp) => idp.buttons);

/** @param {Federation} f */
export const authenticatorIdp = (f) => f.identityProviders.find((idp) => idp.authenticator);

/** @param {Federation} f @param {unknown} id */
export const findIdp = (f, id) => f.identityProviders.find((idp) => idp.id === id);

/**
 * The IdP a routing rule sends this username to, by its domain (IdP discovery), if any.
 * @param {Federation} f
 * @param {string} identifier
 */
export function routedIdp(f, identifier) {
  const at = identifier.lastIndexOf('@');
  if (at < 0) return undefined;
  const domain = identifier.slice(at + 1).trim().toLowerCase();
  return f.identityProviders.find((idp) => idp.domains.includes(domain));
}
