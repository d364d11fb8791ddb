// demo/frameworks/next: the Next.js App Router example as `npm run test:examples` installed it from the packed
// packages and built it (`next build`) in a fresh folder, run there with `next start` against the local org, in
// Chromium: the sign-in form is in the server's HTML, the page hydrates with no warning and no okta-error, dave signs
// in, server components read who he is, signing out ends the Okta session.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startOrg } from '../../demo/org/index.mjs';
import { freePort } from '../support/servers.mjs';
import { outsideEnv } from '../../scripts/packages.mjs';
import { exampleApp, launch, signInAndOut } from './app-flow.mjs';

let org;
let child;
let origin;
let browser;
let output = '';

before(async () => {
  const app = exampleApp('next');
  assert.ok(existsSync(join(app, '.next/BUILD_ID')), `the example in ${app} is not built: run \`npm run test:examples\`, which builds it`);
  org = await startOrg();
  const port = await freePort();
  origin = `http://localhost:${port}`;
  child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: app,
    env: outsideEnv({
      NEXT_TELEMETRY_DISABLED: '1',
      OKTA_ISSUER: org.issuer,
      OKTA_CLIENT_ID: 'local-web',
      OKTA_CLIENT_SECRET: 'local-web-secret',
      APP_ORIGIN: origin,
      SESSION_SECRET: randomBytes(32).toString('hex'),
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 30000;
  for (;;) {
    const answered = await fetch(`${origin}/api/auth/state`).then((r) => r.ok, () => false);
    if (answered) break;
    assert.ok(Date.now() < deadline && child.exitCode === null, `next start did not answer:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  browser = await launch();
});

after(async () => {
  await browser?.close();
  child?.kill();
  await org?.close();
});

test('the server HTML of /login holds the element, waiting for hydration, and a usable sign-in form', async () => {
  const html = await (await fetch(`${origin}/login`)).text();
  assert.match(html, /<okta-signin defer-hydration="">\s*<form slot="credentials"[^>]* method="dialog"/);
  assert.match(html, /<input [^>]*name="username"/);
  assert.match(html, /<input [^>]*type="password"[^>]*name="password"|<input [^>]*name="password"[^>]*type="password"/);
  assert.match(html, /<button type="submit">Sign in<\/button>/);
});

test('Next.js: dave signs in with no hydration warning, server components read him, signing out ends the Okta session', { timeout: 90000 }, async () => {
  await signInAndOut({ browser, origin, org, signedOutText: 'You are signed out.' });
  assert.doesNotMatch(output, /error/i, `next start logged an error:\n${output}`);
});
