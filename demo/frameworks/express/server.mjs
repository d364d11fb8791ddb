// An Express 5 app with server-side sessions from okta-signin-elements-server: the sign-in page (the script-tag
// build of the elements, served from the package), a protected page and API that read the signed-in user on the
// server, and a sign-out that revokes the tokens and ends the Okta session.
//
//   OKTA_ISSUER=https://example.okta.com/oauth2/default OKTA_CLIENT_ID=... OKTA_CLIENT_SECRET=... \
//   SESSION_SECRET=... PORT=3000 node server.mjs
import { fileURLToPath } from 'node:url';
import express from 'express';
import { createSignInHandler } from 'okta-signin-elements-server';

// The script-tag build, exported as okta-signin-elements/cdn/*, its chunks beside it: serve the whole folder.
const CDN = fileURLToPath(new URL('.', import.meta.resolve('okta-signin-elements/cdn/okta-signin-elements.min.js')));
const PUBLIC = fileURLToPath(new URL('public/', import.meta.url));
// Scripts from this origin only; the elements' styles are constructed stylesheets, which the policy allows.
const CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const escape = (text) =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const page = (title, body) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title>
<link rel="icon" href="data:,">
<script type="module" src="/elements/okta-signin-elements.min.js"></script>
<script type="module" src="/app.js"></script></head>
<body><main>${body}</main></body>
</html>`;

/**
 * @param {{ issuer: string, clientId: string, clientSecret?: string, origin: string, sessionSecret?: string,
 *   logger?: import('okta-signin-elements-server').Logger }} settings
 */
export function createExampleApp({ issuer, clientId, clientSecret, origin, sessionSecret, logger }) {
  const auth = createSignInHandler({
    issuer,
    clientId,
    clientSecret,
    redirectUri: `${origin}/login/callback`,
    sessionSecret,
    successUrl: '/account',
    signInUrl: '/login',
    // Tokens for calling APIs from this server, refreshed with offline_access; the browser never gets them.
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    keepTokens: true,
    // Signing out ends the Okta session too, then Okta sends the browser back here.
    postLogoutRedirectUri: `${origin}/`,
    // Who may sign in, and what the session remembers of them: here, how they proved who they are.
    onSignIn: ({ user, claims }) => ({ ...user, amr: claims.amr }),
    logger,
  });

  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.set('Content-Security-Policy', CSP);
    next();
  });
  app.use('/auth', auth);
  app.use('/elements', express.static(CDN));
  app.use(express.static(PUBLIC, { index: false }));

  app.get('/', async (req, res) => {
    const session = await auth.getSession(req);
    res.send(
      page(
        'Example app (Express)',
        `<h1>Example app (Express)</h1>${
          session
            ? `<p>Signed in as ${escape(session.user.name ?? session.user.email)}. <a href="/account">Your account</a></p>`
            : '<p id="signed-out">You are signed out. <a href="/login">Sign in</a></p>'
        }`,
      ),
    );
  });

  app.get('/login', async (req, res) => {
    if (await auth.getSession(req)) return res.redirect('/account');
    res.send(page('Sign in', '<h1>Sign in to the example app</h1><okta-signin backend="/auth"></okta-signin>'));
  });

  app.get('/account', auth.requireSession({ redirectTo: '/login' }), (_req, res) => {
    const { user, tokens } = res.locals.session;
    res.send(
      page(
        'Your account',
        `<h1>Your account</h1><dl>
          <dt>Name</dt><dd id="account-name">${escape(user.name)}</dd>
          <dt>Email</dt><dd id="account-email">${escape(user.email)}</dd>
          <dt>Signed in with</dt><dd>${escape((user.amr ?? []).join(', '))}</dd>
          <dt>Access token valid until</dt><dd>${tokens ? new Date(tokens.expiresAt * 1000).toISOString() : 'no token'}</dd>
        </dl><button type="button" id="sign-out">Sign out</button>`,
      ),
    );
  });

  // An API of the app: 401 for anyone signed out.
  app.get('/api/me', auth.requireSession(), (_req, res) => {
    const { user, tokens } = res.locals.session;
    res.json({ user, accessTokenExpiresAt: tokens?.expiresAt ?? null });
  });

  return app;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 3000);
  const app = createExampleApp({
    issuer: process.env.OKTA_ISSUER,
    clientId: process.env.OKTA_CLIENT_ID,
    clientSecret: process.env.OKTA_CLIENT_SECRET,
    origin: process.env.APP_ORIGIN ?? `http://localhost:${port}`,
    sessionSecret: process.env.SESSION_SECRET,
  });
  app.listen(port, '127.0.0.1', () => console.log(`Example app (Express) on http://localhost:${port}/`));
}
