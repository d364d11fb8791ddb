// The sign-in handler of okta-signin-elements-server, one per process: Next.js bundles route handlers and server
// components apart, so a module-level constant would make two, each with its own memory store. With a shared store
// (redisSessionStore) and one SESSION_SECRET, instances may be many.
import { createSignInHandler, type SignInHandler } from 'okta-signin-elements-server';

const shared = globalThis as typeof globalThis & { oktaSignIn?: SignInHandler };

/** Read at the first request, not at build time: `next build` runs without the org's settings. */
export function auth(): SignInHandler {
  const origin = process.env.APP_ORIGIN ?? 'http://localhost:3000';
  shared.oktaSignIn ??= createSignInHandler({
    issuer: required('OKTA_ISSUER'),
    clientId: required('OKTA_CLIENT_ID'),
    clientSecret: process.env.OKTA_CLIENT_SECRET,
    redirectUri: `${origin}/login/callback`,
    sessionSecret: process.env.SESSION_SECRET,
    basePath: '/api/auth',
    successUrl: '/account',
    signInUrl: '/login',
    // Tokens for calling APIs from the server (refreshed with offline_access); the browser never gets them.
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    keepTokens: true,
    // Signing out ends the Okta session too, then Okta sends the browser back here.
    postLogoutRedirectUri: `${origin}/`,
  });
  return shared.oktaSignIn;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
