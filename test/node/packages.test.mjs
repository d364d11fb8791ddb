// The three packages as npm users get them: each packed as `npm publish` would upload it, installed from the tarballs
// into fresh apps in a temporary folder (dependencies from the npm cache when it has them). A browser-only app gets
// the elements and Lit, no server code and no server dependency; a server app installs the server package alone and
// runs it: a sign-in against the local org through its request handler; a React app gets @lit/react with the React
// package and renders the sign-in form on the server.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { installApp, lockedPackages, packAll, pinned } from '../../scripts/packages.mjs';
import { Browser } from './backend-harness.mjs';
import { startOrg } from '../../demo/org/index.mjs';

const built = existsSync(new URL('../../packages/server/dist/server/index.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'okta-signin-elements-apps-'));
let tarballs;

/** A fresh app in `work/<name>` with the given tarballs (and registry packages) installed. */
const app = (name, installs) => installApp(join(work, name), installs).dir;

/** Every package installed in an app, by name. */
const installed = (dir) => new Set(lockedPackages(dir).map(([name]) => name));

/** Runs an ES module in the app's folder, as the app's own code. */
function runIn(dir, code, args = []) {
  return spawnSync(process.execPath, [...args, '--input-type=module', '-e', code], { cwd: dir, encoding: 'utf8' });
}

describe('the packed packages in fresh apps', { skip: built ? false : 'not built (npm test builds first)' }, () => {
  before(() => {
    tarballs = packAll(work);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  test('a browser-only install has the elements and Lit, and no server code or server dependency', () => {
    const dir = app('browser-only', [tarballs['okta-signin-elements']]);
    const names = installed(dir);
    assert.ok(names.has('lit'), 'Lit is installed');
    for (const serverSide of ['okta-signin-elements-server', '@okta/okta-auth-js', 'rate-limiter-flexible', 'redis', '@lit/react', 'react']) {
      assert.ok(!names.has(serverSide), `${serverSide} is not installed`);
    }
    const pkg = join(dir, 'node_modules', 'okta-signin-elements');
    const files = readdirSync(pkg, { recursive: true }).map(String);
    assert.deepEqual(files.filter((f) => /^dist\/(server|react)\//.test(f)), [], 'no server or React code');
    assert.deepEqual(files.filter((f) => f.endsWith('.map')), [], 'no source maps');
    // The elements import where there is no DOM (server rendering) and find their languages beside the script-tag file.
    const loaded = runIn(
      dir,
      `const m = await import('okta-signin-elements');
       const { loadLanguage } = await import('okta-signin-elements');
       const de = await loadLanguage('de');
       console.log(JSON.stringify({ element: typeof m.OktaSignin, signIn: de.signIn }));`,
      ['--conditions=browser'],
    );
    assert.equal(loaded.status, 0, loaded.stderr);
    assert.deepEqual(JSON.parse(loaded.stdout), { element: 'function', signIn: 'Anmelden' });
    // IDX mode bundled without its optional peer, okta-auth-js: a config error whose hint names the package.
    const idx = runIn(
      dir,
      `const { createTransport } = await import('okta-signin-elements');
       const t = createTransport({ issuer: 'https://example.okta.com/oauth2/default', clientId: 'app', redirectUri: 'https://app.example.com/cb' });
       const e = await t.login({ username: 'dave@example.com', password: 'Passw0rd!' }).catch((e) => e);
       console.log(JSON.stringify({ code: e.code, hint: e.hint }));`,
      ['--conditions=browser'],
    );
    assert.equal(idx.status, 0, idx.stderr);
    assert.deepEqual(JSON.parse(idx.stdout), {
      code: 'config',
      hint: 'IDX mode needs @okta/okta-auth-js 8 beside okta-signin-elements: npm install @okta/okta-auth-js (the script-tag file carries its own copy).',
    });
    // The server package is not there, and importing it says so.
    const server = runIn(dir, `await import('okta-signin-elements-server');`);
    assert.notEqual(server.status, 0);
    assert.match(server.stderr, /Cannot find package 'okta-signin-elements-server'/);
  });

  test('the script-tag files are reachable through "exports" (okta-signin-elements/cdn/*)', () => {
    const dir = app('cdn', [tarballs['okta-signin-elements']]);
    const found = runIn(
      dir,
      `const { fileURLToPath } = await import('node:url');
       const { existsSync } = await import('node:fs');
       const file = fileURLToPath(import.meta.resolve('okta-signin-elements/cdn/okta-signin-elements.min.js'));
       const folder = fileURLToPath(new URL('.', import.meta.resolve('okta-signin-elements/cdn/okta-signin-elements.min.js')));
       console.log(JSON.stringify({ file: existsSync(file), idx: existsSync(folder + 'okta-signin-elements.idx.min.js'), i18n: existsSync(folder + 'chunks/i18n/de.js') }));`,
    );
    assert.equal(found.status, 0, found.stderr);
    assert.deepEqual(JSON.parse(found.stdout), { file: true, idx: true, i18n: true });
  });

  test('the server package, installed alone, runs: dave signs in through its handler against the local org', async () => {
    const dir = app('server', [tarballs['okta-signin-elements-server']]);
    const names = installed(dir);
    for (const dependency of ['@okta/okta-auth-js', 'rate-limiter-flexible']) assert.ok(names.has(dependency), `${dependency} came with it`);
    assert.ok(!names.has('okta-signin-elements') && !names.has('lit'), 'no browser code on the server');

    const org = await startOrg({});
    const server = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { createServer } from 'node:http';
         import { createSignInHandler } from 'okta-signin-elements-server';
         const handler = createSignInHandler({
           issuer: process.env.ISSUER, clientId: 'local-web', clientSecret: 'local-web-secret',
           redirectUri: 'http://localhost/login/callback', basePath: '/auth', successUrl: '/signed-in',
         });
         const server = createServer(handler).listen(0, '127.0.0.1', () => console.log(server.address().port));`,
      ],
      { cwd: dir, env: { ...process.env, ISSUER: org.issuer }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const port = await new Promise((resolve, reject) => {
        server.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())));
        server.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
      });
      const browser = new Browser(`http://localhost:${port}/auth`);
      const login = await browser.post('/login', { username: 'dave@example.com', password: 'Passw0rd!' });
      assert.equal(login.status, 200, login.text);
      assert.equal(login.json.status, 'AwaitingAuthenticatorEnrollment');
      const skipped = await browser.post('/skip');
      assert.deepEqual(skipped.json, { status: 'Success', next: '/signed-in' });
      assert.equal((await browser.get('/me')).json.user.email, 'dave@example.com');
    } finally {
      server.kill();
      await org.close();
    }
  });

  test('the React package brings @lit/react and the elements, and renders the sign-in form on the server', () => {
    // The elements' tarball too: npm would fetch the peer from the registry, where this version is not published.
    const dir = app('react', [tarballs['okta-signin-elements'], tarballs['okta-signin-elements-react'], pinned('react'), pinned('react-dom')]);
    const names = installed(dir);
    for (const dependency of ['@lit/react', 'okta-signin-elements', 'lit']) assert.ok(names.has(dependency), dependency);
    assert.ok(!names.has('okta-signin-elements-server') && !names.has('@okta/okta-auth-js'), 'no server code');
    const rendered = runIn(
      dir,
      `const { createElement: h } = await import('react');
       const { renderToString } = await import('react-dom/server');
       const react = await import('okta-signin-elements-react');
       console.log(JSON.stringify({
         names: Object.keys(react).sort(),
         html: renderToString(h(react.OktaSignin, { backend: '/auth' }, h(react.SignInForm))),
       }));`,
    );
    assert.equal(rendered.status, 0, rendered.stderr);
    const { names: exported, html } = JSON.parse(rendered.stdout);
    assert.deepEqual(exported, ['AuthenticatorPicker', 'OktaSignin', 'OktaVerifyPoller', 'SignInForm']);
    assert.match(html, /^<okta-signin defer-hydration="">/);
    assert.match(html, /<form [^>]*slot="credentials"/);
  });
});
