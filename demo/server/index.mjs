/**
 * The reference backend of okta-signin-elements: the backend contract (README, "Backend contract") over Okta's
 * IDX API with `@okta/okta-auth-js` in Node, each user's IDX transaction kept in their own server-side session.
 *
 *   app.use('/auth', createBackend(configFromEnv(process.env)));
 */
import express from 'express';
import session from 'express-session';
import { randomBytes } from 'node:crypto';
import { configFromEnv, normalizeOptions } from './config.mjs';
import { memoryStorage } from './okta-client.mjs';
import { flowRoutes } from './routes.mjs';
import { pollRoutes } from './poll.mjs';
import { accountRoutes } from './account.mjs';
import { errorHandler, notFound, requireJson } from './http.mjs';
import { oneRequestPerSession } from './session-queue.mjs';

export { configFromEnv };

/**
 * @param {import('./config.mjs').BackendOptions} userOptions
 * @returns {import('express').Express} an Express app, usable as a router: mount it at `/auth`.
 */
export function createBackend(userOptions) {
  const options = normalizeOptions(userOptions);
  const logger = options.logger ?? { warn: () => {}, error: (...args) => console.error(...args) };
  const cache = memoryStorage();

  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    // Hosts that are not Express (Koa sets 404 before its middleware runs) may hand over a non-200 default.
    res.status(200);
    res.set('Cache-Control', 'no-store');
    next();
  });
  app.use(requireJson);
  app.use(express.json({ limit: '16kb' }));
  app.use(
    session({
      name: 'okta_signin.sid',
      secret: options.sessionSecret ?? randomBytes(32).toString('hex'),
      store: options.sessionStore,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure: options.secureCookie ?? 'auto', path: '/' },
    }),
  );
  app.use(oneRequestPerSession());
  app.use(flowRoutes(options, cache));
  app.use(pollRoutes(options, cache));
  app.use(accountRoutes());
  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
