// demo/frameworks/express: an Express 5 app with server-side sessions, as `npm run test:examples` installed it from
// the packed packages (its server.mjs imports them from that app's node_modules), against the local org, in Chromium.
import { after, before, test } from 'node:test';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startOrg } from '../../demo/org/index.mjs';
import { exampleApp, launch, signInAndOut } from './app-flow.mjs';

let org;
let server;
let origin;
let browser;
const logs = [];

before(async () => {
  const { createExampleApp } = await import(pathToFileURL(join(exampleApp('express'), 'server.mjs')).href);
  org = await startOrg();
  server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://localhost:${server.address().port}`;
  const logger = { warn: (line) => logs.push(line), error: (line) => logs.push(line) };
  server.on('request', createExampleApp({ issuer: org.issuer, clientId: 'local-web', clientSecret: 'local-web-secret', origin, logger }));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await org?.close();
});

test('Express: dave signs in, the server reads who he is, signing out ends the Okta session', { timeout: 90000 }, async () => {
  await signInAndOut({ browser, origin, org, signedOutText: 'You are signed out.' });
});
