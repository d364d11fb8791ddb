/**
 * The reference backend of okta-signin-elements: `okta-signin-elements-server`'s request handler, which speaks
 * the backend contract (docs/backend-contract.md) over Okta's IDX API with `@okta/okta-auth-js` in Node, each
 * user's IDX transaction kept in their own server-side session.
 *
 *   app.use('/auth', createBackend(configFromEnv(process.env)));
 */
import { createSignInHandler } from 'okta-signin-elements-server';
import { configFromEnv, redisFromEnv } from './config.mjs';

export { configFromEnv, redisFromEnv };

/**
 * @param {import('okta-signin-elements-server').SignInHandlerOptions & { secureCookie?: boolean | 'auto' }} options
 *   `secureCookie` is the older name of `cookie.secure`.
 * @returns {import('okta-signin-elements-server').SignInHandler} a `(req, res, next)` handler: mount it at `/auth`
 *   (Express, Connect, `node:http`), or call its `.fetch(request)`.
 */
export function createBackend(options) {
  const { secureCookie, ...rest } = options ?? {};
  const cookie = secureCookie === undefined ? rest.cookie : { ...rest.cookie, secure: secureCookie };
  return createSignInHandler({ ...rest, ...(cookie ? { cookie } : {}) });
}
