// Starts what the browser tests talk to and tells the test pages where it is (GET /__env.json).
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

const here = new URL('../../', import.meta.url);
const has = (path) => existsSync(new URL(path, here));

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Mounts an Express app (or router) into the Koa test server for paths under `prefix`. */
export function mount(prefix, handler) {
  return async (ctx, next) => {
    if (ctx.path !== prefix && !ctx.path.startsWith(`${prefix}/`)) return next();
    ctx.respond = false;
    await new Promise((resolve) => {
      ctx.res.on('finish', resolve);
      ctx.res.on('close', resolve);
      ctx.req.url = ctx.req.url.slice(prefix.length) || '/';
      ctx.req.baseUrl = prefix;
      handler(ctx.req, ctx.res, () => {
        ctx.res.statusCode = 404;
        ctx.res.end();
      });
    });
  };
}

export async function testServers() {
  const testPort = Number(process.env.TEST_PORT) || (await freePort());
  const testOrigin = `http://localhost:${testPort}`;
  const env = { testOrigin };
  const middleware = [];

  if (has('demo/org/index.mjs')) {
    const { startOrg } = await import('../../demo/org/index.mjs');
    // Fast polling keeps the suite short; the org still enforces its minimum interval.
    const org = await startOrg({ trustedOrigins: [testOrigin], pollRefreshMs: 300, minPollIntervalMs: 150 });
    const untrusted = await startOrg({ trustedOrigins: ['http://localhost:1'] });
    // Transactions here live two seconds, so tests meet a real expiry.
    const shortLived = await startOrg({ trustedOrigins: [testOrigin], pollRefreshMs: 300, minPollIntervalMs: 150, stateHandleTtlMs: 2000 });
    Object.assign(env, {
      orgOrigin: org.origin,
      issuer: org.issuer,
      untrustedIssuer: untrusted.issuer,
      shortLivedOrigin: shortLived.origin,
      shortLivedIssuer: shortLived.issuer,
      spaClientId: 'local-spa',
      redirectUri: `${testOrigin}/login/callback`,
    });

    if (has('demo/server/index.mjs')) {
      const { createBackend } = await import('../../demo/server/index.mjs');
      // The org's identity providers come back to this backend's own callback; its sign-in page is /pages/classic.
      const backend = createBackend({
        issuer: org.issuer,
        clientId: 'local-web',
        clientSecret: 'local-web-secret',
        redirectUri: `${testOrigin}/auth/callback`,
        successUrl: '/signed-in',
        signInUrl: '/pages/classic',
        idps: true,
        // Every test page comes from 127.0.0.1: the form's transaction started ahead (and its IdP buttons) for each.
        prestart: { perAddress: 10_000 },
      });
      middleware.push(mount('/auth', backend));
      env.backend = '/auth';

      /** A reference backend at `path` on one of the org's public clients (no client secret), under its own cookie. */
      const publicBackend = (clientId, path, cookieName) => {
        const cookie = { name: cookieName, path };
        middleware.push(mount(path, createBackend({ issuer: org.issuer, clientId, redirectUri: `${testOrigin}/login/callback`, successUrl: '/signed-in', cookie })));
      };
      // Identifier first: the org's public client `local-idfirst`.
      publicBackend('local-idfirst', '/auth-idfirst', 'okta_signin_idfirst.sid');
      Object.assign(env, { backendIdFirst: '/auth-idfirst', idFirstClientId: 'local-idfirst' });
      // Consent is the org's per client: `local-consent` asks for it.
      publicBackend('local-consent', '/auth-consent', 'okta_signin_consent.sid');
      Object.assign(env, { consentBackend: '/auth-consent', consentClientId: 'local-consent' });

      // Servers set up wrong, as sites get it wrong: a client secret that is not the app's, a client id the org does
      // not know, a redirect URI the app does not list. Their log lines are the Node tests' business: silent here.
      const misconfigured = {
        wrongSecret: ['/auth-wrong-secret', { clientId: 'local-web', clientSecret: 'not-the-secret' }],
        unknownClient: ['/auth-unknown-client', { clientId: 'no-such-client', clientSecret: 'local-web-secret' }],
        unregisteredRedirect: ['/auth-unregistered-redirect', { clientId: 'local-web', clientSecret: 'local-web-secret', redirectUri: `${testOrigin}/not-registered` }],
      };
      for (const [path, settings] of Object.values(misconfigured)) {
        const backend = createBackend({
          issuer: org.issuer,
          redirectUri: `${testOrigin}/login/callback`,
          cookie: { name: `misconfigured.sid`, path },
          logger: {},
          ...settings,
        });
        middleware.push(mount(path, backend));
      }
      env.misconfiguredBackends = Object.fromEntries(Object.entries(misconfigured).map(([name, [path]]) => [name, path]));
    }

    // ---- Codes (Email, Phone, Google Authenticator) ----
    // `codes`: codes may be sent again after one second, so "Send again" can be used without a long wait.
    // `strictCodes`: codes live three seconds and may be sent again only after a minute (expiry, 429 on resend).
    // Each has its own reference backend, under its own cookie name.
    const codesOrg = await startOrg({ trustedOrigins: [testOrigin], pollRefreshMs: 300, minPollIntervalMs: 150, resendIntervalMs: 1000 });
    const strictOrg = await startOrg({
      trustedOrigins: [testOrigin],
      pollRefreshMs: 300,
      minPollIntervalMs: 150,
      resendIntervalMs: 60 * 1000,
      codeTtlMs: 3000,
    });
    Object.assign(env, {
      codesOrigin: codesOrg.origin,
      codesIssuer: codesOrg.issuer,
      strictCodesOrigin: strictOrg.origin,
      strictCodesIssuer: strictOrg.issuer,
    });
    if (has('demo/server/index.mjs')) {
      const { createBackend } = await import('../../demo/server/index.mjs');
      for (const [path, org, cookie] of [
        ['/auth-codes', codesOrg, 'codes.sid'],
        ['/auth-codes-strict', strictOrg, 'strict-codes.sid'],
      ]) {
        const backend = createBackend({
          issuer: org.issuer,
          clientId: 'local-web',
          clientSecret: 'local-web-secret',
          redirectUri: `${testOrigin}/login/callback`,
          successUrl: '/signed-in',
          cookie: { name: cookie },
        });
        middleware.push(mount(path, backend));
      }
      Object.assign(env, { codesBackend: '/auth-codes', strictCodesBackend: '/auth-codes-strict' });
    }
    // ---- end of Codes ----
  }

  // ---- Passkeys: an org that offers passkey sign-in on identify, and a reference backend on it that hands the offer
  // to the form (`passkeys: true`), under its own cookie so that it does not share a session with /auth.
  if (has('demo/org/index.mjs')) {
    const { startOrg } = await import('../../demo/org/index.mjs');
    const passkeyOrg = await startOrg({ trustedOrigins: [testOrigin], passkeys: true });
    Object.assign(env, { passkeyOrgOrigin: passkeyOrg.origin, passkeyIssuer: passkeyOrg.issuer });
    if (has('demo/server/index.mjs')) {
      const { createBackend } = await import('../../demo/server/index.mjs');
      const backend = createBackend({
        issuer: passkeyOrg.issuer,
        clientId: 'local-web',
        clientSecret: 'local-web-secret',
        redirectUri: `${testOrigin}/login/callback`,
        successUrl: '/signed-in',
        passkeys: true,
        cookie: { name: 'passkeys_sid' },
      });
      middleware.push(mount('/auth-passkeys', backend));
      env.passkeyBackend = '/auth-passkeys';
    }
  }
  // ---- end of passkeys

  if (has('test/support/hostile-backend.mjs')) {
    const { createHostileBackend } = await import('./hostile-backend.mjs');
    middleware.push(mount('/hostile', createHostileBackend()));
    env.hostile = '/hostile';
  }

  // Pages that load the built script-tag file as a site does (classic and module script tags, a strict CSP).
  if (has('test/support/pages.mjs')) {
    const { pagesMiddleware } = await import('./pages.mjs');
    // /login/callback: IDX mode's redirect URI, the page the identity providers and the org's own page come back to.
    middleware.push(pagesMiddleware({ connect: env.orgOrigin ? [env.orgOrigin] : [], callback: env.issuer && { issuer: env.issuer, redirectUri: env.redirectUri } }));
  }

  const envPlugin = {
    name: 'test-env',
    serve(context) {
      if (context.path === '/__env.json') return { body: JSON.stringify(env), type: 'json' };
      return undefined;
    },
  };

  return { testPort, env, middleware, plugins: [envPlugin] };
}
