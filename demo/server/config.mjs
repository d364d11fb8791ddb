/**
 * Configuration of the reference backend: the Okta org it talks to and where the browser goes afterwards.
 * @typedef {object} BackendOptions
 * @property {string} issuer Authorization server, e.g. `https://example.okta.com/oauth2/default`.
 * @property {string} clientId A confidential web application with the Interaction Code grant.
 * @property {string} [clientSecret]
 * @property {string} redirectUri Registered sign-in redirect URI (IDX never redirects to it, but Okta checks it).
 * @property {string[]} [scopes]
 * @property {string} [successUrl] Where the browser goes after signing in.
 * @property {string} [signInUrl] The page that hosts the sign-in element: `Next` of a poll that ends elsewhere than success.
 * @property {string} [sessionSecret] Signs the session cookie; random per process when missing.
 * @property {import('express-session').Store} [sessionStore] Server-side session store (memory by default).
 * @property {boolean|'auto'} [secureCookie] `Secure` flag of the session cookie ('auto': when the request is HTTPS).
 * @property {{ info?: Function, warn?: Function, error?: Function }} [logger]
 */

export const DEFAULT_SCOPES = ['openid', 'profile', 'email'];

/**
 * Reads `OKTA_ISSUER`, `OKTA_CLIENT_ID`, `OKTA_CLIENT_SECRET`, `OKTA_REDIRECT_URI`, `OKTA_SCOPES` (space or comma
 * separated); anything missing falls back to the local org served by `npm start`.
 * @param {Record<string, string | undefined>} env
 * @param {{ origin?: string }} [defaults] Origin of the local org (default `http://localhost:$PORT`).
 * @returns {BackendOptions}
 */
export function configFromEnv(env = process.env, defaults = {}) {
  const origin = defaults.origin ?? `http://localhost:${env.PORT || 8080}`;
  const scopes = env.OKTA_SCOPES?.split(/[\s,]+/).filter(Boolean);
  return {
    issuer: env.OKTA_ISSUER || `${origin}/oauth2/default`,
    clientId: env.OKTA_CLIENT_ID || 'local-web',
    clientSecret: env.OKTA_CLIENT_SECRET || (env.OKTA_CLIENT_ID ? undefined : 'local-web-secret'),
    redirectUri: env.OKTA_REDIRECT_URI || `${origin}/login/callback`,
    scopes: scopes?.length ? scopes : DEFAULT_SCOPES,
    sessionSecret: env.SESSION_SECRET || undefined,
  };
}

/**
 * @param {BackendOptions} options
 * @returns {Required<Pick<BackendOptions, 'issuer' | 'clientId' | 'redirectUri' | 'scopes' | 'successUrl' | 'signInUrl'>> & BackendOptions}
 */
export function normalizeOptions(options) {
  for (const key of ['issuer', 'clientId', 'redirectUri']) {
    if (typeof options?.[key] !== 'string' || !options[key]) {
      throw new TypeError(`createBackend: option "${key}" is required`);
    }
  }
  return {
    ...options,
    issuer: options.issuer.replace(/\/+$/, ''),
    scopes: options.scopes?.length ? [...options.scopes] : DEFAULT_SCOPES,
    successUrl: options.successUrl ?? '/',
    signInUrl: options.signInUrl ?? '/',
  };
}
