// The bench's servers, all on 127.0.0.1: the local org (its own origin, as Okta is) and one page origin serving
// the four variants' pages, the script-tag build, the Sign-In Widget's dist files, the reference backend at /auth
// and the plain form's POST handler.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import express from 'express';
import { startOrg } from '../../demo/org/index.mjs';
import { createBackend } from '../../demo/server/index.mjs';
import { sendStatic, staticBody, staticDir } from './static.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pagesDir = fileURLToPath(new URL('./pages/', import.meta.url));
export const WIDGET_DIST = `${root}node_modules/@okta/okta-signin-widget/dist`;
export const WIDGET_BUNDLE = 'okta-sign-in.oie.min.js';

export function widgetVersion() {
  return JSON.parse(readFileSync(`${root}node_modules/@okta/okta-signin-widget/package.json`, 'utf8')).version;
}

const now = () => performance.timeOrigin + performance.now();
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** What the plain form's POST answers: the next step as a minimal page (no script, no style). */
function nextPage(state) {
  const headings = {
    AwaitingAuthenticatorEnrollment: 'Set up a security method',
    AwaitingChallengeAuthenticatorSelection: "Verify it's you",
    PasswordExpired: 'Change your password',
    Success: "You're signed in",
  };
  const heading = headings[state?.status] ?? (state?.message ? 'Sign-in failed' : `Next step: ${state?.status ?? 'unknown'}`);
  const items = (state?.authenticators ?? []).map((a) => `<li>${escape(a.name ?? a.id)}</li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(heading)}</title><link rel="icon" href="data:,"></head>
<body><main><h2 id="next">${escape(heading)}</h2>${state?.message ? `<p>${escape(state.message)}</p>` : ''}${items ? `<ul>${items}</ul>` : ''}</main></body></html>`;
}

export async function startBenchServers() {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const server = http.createServer(app);
  // The plain form's handler calls /auth/login over a kept-alive loopback connection (fetch). With Node's 5 s idle
  // timeout the server could close that socket as the next POST is sent on it, about one form run later, and a POST
  // is not retried: the client must be the side that closes idle sockets.
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const pageOrigin = `http://localhost:${port}`;
  const redirectUri = `${pageOrigin}/login/callback`;

  const org = await startOrg({ trustedOrigins: [pageOrigin] });

  // Chromium's network emulation does not delay CORS preflights (they reach the org and come back within a few ms
  // while the request they guard waits the full latency). On a real network each preflight is one more round trip,
  // so while `preflightDelayMs` is set the org answers preflights that much later.
  const listeners = org.server.listeners('request');
  if (listeners.length !== 1) throw new Error(`startOrg's server has ${listeners.length} request listeners; the bench expects one`);
  const orgHandler = /** @type {http.RequestListener} */ (listeners[0]);
  org.server.removeListener('request', orgHandler);
  let preflightDelayMs = 0;

  // Every request the org answers, with who sent it: the browser (IDX mode, widget) or the reference backend.
  /** @type {{ at: number, end?: number, method: string, path: string, from: string, status?: number }[]} */
  const orgLog = [];
  org.server.on('request', (req, res) => {
    const entry = {
      at: now(),
      method: req.method,
      path: req.url,
      from: /Chrome|Mozilla/.test(req.headers['user-agent'] ?? '') ? 'browser' : 'backend',
    };
    orgLog.push(entry);
    res.on('finish', () => {
      entry.end = now();
      entry.status = res.statusCode;
    });
    const preflight = req.method === 'OPTIONS' && req.headers['access-control-request-method'];
    if (preflight && preflightDelayMs > 0) setTimeout(() => orgHandler(req, res), preflightDelayMs);
    else orgHandler(req, res);
  });

  const pages = new Map();
  for (const name of ['backend', 'backend-form', 'idx', 'form', 'widget']) {
    const html = readFileSync(`${pagesDir}${name}.html`, 'utf8')
      .replaceAll('{{ISSUER}}', org.issuer)
      .replaceAll('{{REDIRECT_URI}}', redirectUri)
      .replaceAll('{{WIDGET_BUNDLE}}', WIDGET_BUNDLE);
    pages.set(`/${name}.html`, staticBody(html, '.html'));
  }

  // When the backend and the form handler get and answer each request, to tell network time from server time.
  /** @type {{ at: number, end?: number, method: string, path: string, status?: number }[]} */
  const serverLog = [];
  app.use(['/auth', '/form'], (req, res, next) => {
    const entry = { at: now(), method: req.method, path: req.originalUrl };
    serverLog.push(entry);
    res.on('finish', () => {
      entry.end = now();
      entry.status = res.statusCode;
    });
    next();
  });
  app.get('/favicon.ico', (_req, res) => res.status(204).end());
  app.use('/dist', staticDir(`${root}dist/cdn`));
  app.use('/widget', staticDir(WIDGET_DIST));
  app.use(
    '/auth',
    createBackend({
      issuer: org.issuer,
      clientId: 'local-web',
      clientSecret: 'local-web-secret',
      redirectUri,
      sessionSecret: 'bench',
    }),
  );
  // The plain form's POST: the reference backend's login (over loopback, with the browser's cookie), answered
  // with the next step as a page.
  app.post('/form/login', express.urlencoded({ extended: false, limit: '16kb' }), async (req, res, next) => {
    try {
      const reply = await fetch(`http://127.0.0.1:${port}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', cookie: req.headers.cookie ?? '' },
        body: JSON.stringify({ username: req.body?.username ?? '', password: req.body?.password ?? '' }),
      });
      const state = await reply.json();
      const cookies = reply.headers.getSetCookie();
      if (cookies.length) res.setHeader('Set-Cookie', cookies);
      res.status(200).set('Cache-Control', 'no-store').type('html').send(nextPage(state));
    } catch (error) {
      next(error);
    }
  });
  app.get(/^\/(backend|backend-form|idx|form|widget)\.html$/, (req, res) => sendStatic(req, res, pages.get(req.path)));

  return {
    pageOrigin,
    org,
    orgLog,
    serverLog,
    /** @param {number} ms */
    setPreflightDelay(ms) {
      preflightDelayMs = ms;
    },
    async close() {
      server.closeAllConnections?.();
      await new Promise((resolve) => server.close(() => resolve()));
      await org.close();
    },
  };
}
