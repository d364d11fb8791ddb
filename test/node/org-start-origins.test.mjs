// ORG_TRUSTED_ORIGINS: `npm start`'s org trusts more origins (space- or comma-separated), so pages served
// elsewhere can call it; a value that is not an origin stops the start with a clear reason.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { freePort } from '../support/servers.mjs';

const root = new URL('../../', import.meta.url);
const built = existsSync(new URL('dist/cdn/okta-signin-elements.min.js', root));

/** Runs demo/start.mjs until it prints its users line (or exits); returns the child and its output so far. */
async function start(env) {
  const port = await freePort();
  const child = spawn(process.execPath, ['demo/start.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), IDX_DEMO_PORT: String(await freePort()), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const state = { child, port, output: '' };
  child.stdout.on('data', (chunk) => (state.output += chunk));
  child.stderr.on('data', (chunk) => (state.output += chunk));
  const deadline = Date.now() + 15000;
  while (!state.output.includes('Trusted origins') && child.exitCode === null && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return state;
}

describe('npm start: ORG_TRUSTED_ORIGINS', { skip: built ? false : 'dist/ is not built (npm test builds it)' }, () => {
  let demo;
  before(async () => {
    demo = await start({ ORG_TRUSTED_ORIGINS: 'http://localhost:5173, https://app.example.test  http://127.0.0.1:4000/' });
    assert.match(demo.output, /Trusted origins/, demo.output);
  });
  after(() => demo?.child.kill());

  const discovery = (origin) =>
    fetch(`http://localhost:${demo.port}/oauth2/default/.well-known/openid-configuration`, { headers: { Origin: origin } });

  test('each listed origin gets CORS; others are still refused', async () => {
    for (const origin of ['http://localhost:5173', 'https://app.example.test', 'http://127.0.0.1:4000']) {
      const res = await discovery(origin);
      assert.equal(res.status, 200, origin);
      assert.equal(res.headers.get('access-control-allow-origin'), origin);
    }
    const other = await discovery('http://localhost:5174');
    assert.equal(other.status, 403);
    assert.match(demo.output, /Trusted origins .*http:\/\/localhost:5173 https:\/\/app\.example\.test http:\/\/127\.0\.0\.1:4000/);
  });

  test('a value that is not an origin stops the start with a reason', async () => {
    const bad = await start({ ORG_TRUSTED_ORIGINS: 'http://localhost:5173/app' });
    await new Promise((resolve) => (bad.child.exitCode === null ? bad.child.once('exit', resolve) : resolve()));
    assert.equal(bad.child.exitCode, 1);
    assert.match(bad.output, /ORG_TRUSTED_ORIGINS: "http:\/\/localhost:5173\/app" is not an origin/);
  });
});
