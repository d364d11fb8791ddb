/**
 * Configuration of the reference backend from the environment: the Okta org it talks to, and Redis when
 * `REDIS_URL` is set. The options themselves are `okta-signin-elements-server`'s `SignInHandlerOptions`.
 */
export const DEFAULT_SCOPES = ['openid', 'profile', 'email'];

/**
 * Reads `OKTA_ISSUER`, `OKTA_CLIENT_ID`, `OKTA_CLIENT_SECRET`, `OKTA_REDIRECT_URI`, `OKTA_SCOPES` (space or comma
 * separated) and `SESSION_SECRET`; anything missing falls back to the local org served by `npm start`.
 * @param {Record<string, string | undefined>} env
 * @param {{ origin?: string }} [defaults] Origin of the local org (default `http://localhost:$PORT`).
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
 * When `REDIS_URL` is set: a connected node-redis client, and the options that keep sessions and the failed-login
 * counts in it (`{ sessionStore, limits: { redis } }`). Without it: `undefined`, and everything stays in memory.
 * @param {Record<string, string | undefined>} env
 */
export async function redisFromEnv(env = process.env) {
  if (!env.REDIS_URL) return undefined;
  const { createClient } = await import('redis');
  const { redisSessionStore } = await import('okta-signin-elements-server/redis');
  const client = createClient({ url: env.REDIS_URL });
  client.on('error', (error) => console.error(`[redis] ${error.message}`));
  await client.connect();
  return { client, options: { sessionStore: redisSessionStore(client), limits: { redis: client } } };
}
