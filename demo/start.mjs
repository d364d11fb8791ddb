// `npm start`: the local Okta org, the reference backend and both demo pages in one Node process.
//   http://localhost:PORT       org (issuer /oauth2/default, IDX /idp/idx/*), device page /device,
//                               reference backend /auth, backend-mode demo page /
//   http://localhost:PORT+1     IDX-mode demo page: another origin, so the browser talks to the org through CORS
import express from 'express';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
import { createOrg } from './org/index.mjs';
import { createBackend, configFromEnv, redisFromEnv } from './server/index.mjs';
import { contentSecurityPolicy } from './csp.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 8080);
const idxPort = Number(process.env.IDX_DEMO_PORT ?? port + 1);
const host = '127.0.0.1';
const origin = `http://localhost:${port}`;
const idxOrigin = `http://localhost:${idxPort}`;

if (!existsSync(`${root}/dist/cdn/okta-signin-elements.min.js`)) {
  console.error('dist/ is missing: run `npm run build` first (npm start does).');
  process.exit(1);
}

// `csp`: the demo pages are served with the strict Content-Security-Policy docs/styling.md recommends (demo/csp.mjs).
const staticFiles = (dir, csp) =>
  express.static(`${root}/${dir}`, {
    index: 'index.html',
    fallthrough: true,
    setHeaders: csp ? (res) => res.setHeader('Content-Security-Policy', csp) : undefined,
  });
const dist = staticFiles('dist/cdn');
const shared = staticFiles('demo/shared');

/** ORG_TRUSTED_ORIGINS: more origins (space- or comma-separated) whose pages may call the org, as Okta's Trusted Origins. */
function extraTrustedOrigins(value = '') {
  return value.split(/[\s,]+/).filter(Boolean).map((entry) => {
    let url;
    try {
      url = new URL(entry);
    } catch {
      url = null;
    }
    const bare = url && url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
    if (!bare || !['http:', 'https:'].includes(url.protocol)) {
      console.error(`ORG_TRUSTED_ORIGINS: "${entry}" is not an origin such as http://localhost:5173`);
      process.exit(1);
    }
    return url.origin;
  });
}

const trustedOrigins = [origin, idxOrigin, ...extraTrustedOrigins(process.env.ORG_TRUSTED_ORIGINS)];
// ORG_PASSKEYS=1: the org offers passkey sign-in on identify, and the backend hands the offer to the form.
const passkeys = process.env.ORG_PASSKEYS === '1';
const org = createOrg({ origin, trustedOrigins, logger: console, passkeys });
const backendConfig = configFromEnv(process.env, { origin });
// Sessions and failed-login counts in memory, or in Redis when REDIS_URL is set (several instances share them).
const redis = await redisFromEnv(process.env);

const main = express();
main.disable('x-powered-by');
main.use('/dist', dist);
main.use('/shared', shared);
// `idps`: the org's identity provider buttons show on the form at once.
main.use('/auth', createBackend({ ...backendConfig, ...redis?.options, passkeys, idps: true }));
// The local org asks for consent per app: `local-consent` asks, with a reference backend of its own (a public client,
// under its own cookie). Only with the local org: another org has no such app.
const consent = backendConfig.clientId === 'local-web' ? { clientId: 'local-consent', backend: '/auth-consent' } : undefined;
if (consent) {
  const { clientSecret: _secret, ...publicClient } = backendConfig;
  const cookie = { name: 'okta_signin_consent.sid', path: consent.backend };
  // Its own callback, registered for local-consent: identity providers and the org's page come back there.
  const redirectUri = `${origin}${consent.backend}/callback`;
  main.use(consent.backend, createBackend({ ...publicClient, ...redis?.options, clientId: consent.clientId, redirectUri, cookie }));
}
main.get('/demo-config.json', (_req, res) => {
  res.json({ issuer: `${origin}/oauth2/default`, clientId: 'local-spa', redirectUri: `${origin}/login/callback`, idxDemoUrl: `${idxOrigin}/`, consent });
});
// IDX mode's redirect URI is the demo page itself: identity providers and the org's own page come back to it.
const callbackPage = (dir, csp) => (_req, res) => {
  res.setHeader('Content-Security-Policy', csp);
  res.sendFile(`${root}/${dir}/index.html`);
};
main.get('/login/callback', callbackPage('demo/public', contentSecurityPolicy()));
// Backend mode and IDX mode both talk to this origin only (the org is here too).
main.use('/', staticFiles('demo/public', contentSecurityPolicy()));
main.use(org.router);

const idxDemo = express();
idxDemo.disable('x-powered-by');
idxDemo.use('/dist', dist);
idxDemo.use('/shared', shared);
idxDemo.get('/config.json', (_req, res) => {
  res.json({ issuer: `${origin}/oauth2/default`, clientId: 'local-spa', redirectUri: `${idxOrigin}/login/callback`, consentClientId: consent?.clientId });
});
// IDX mode from the second origin talks to the org's origin.
idxDemo.get('/login/callback', callbackPage('demo/public-idx', contentSecurityPolicy({ connect: [origin] })));
idxDemo.use('/', staticFiles('demo/public-idx', contentSecurityPolicy({ connect: [origin] })));

const listen = (app, p) =>
  new Promise((resolve, reject) => {
    const server = app.listen(p, host, () => resolve(server));
    server.on('error', reject);
  });

const servers = await Promise.all([listen(main, port), listen(idxDemo, idxPort)]);

console.log(`okta-signin-elements demo
  Backend-mode demo   ${origin}/
  IDX-mode demo       ${idxOrigin}/
  Okta Verify device  ${origin}/device
  Local org issuer    ${origin}/oauth2/default
  Reference backend   ${origin}/auth  (issuer ${backendConfig.issuer}; sessions in ${redis ? 'Redis' : 'memory'})
Users (password Passw0rd!): alice, bob, carol, dave, erin, frank, gina, hank, ivy, jack, kate, leo, mia, noah, olivia (@example.com);
                    Sign up and Unlock account on the sign-in page; the app local-consent asks for consent (App on the demo pages)
Trusted origins     ${trustedOrigins.join(' ')}`);

const stop = () => {
  for (const server of servers) server.close();
  org.close?.();
  redis?.client.quit().catch(() => undefined);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
