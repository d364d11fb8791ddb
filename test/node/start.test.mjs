// `npm start` as a person meets it: the printed URLs answer, the demo pages load the built elements,
// the device page and the issuer are there, and the IDX page's origin is trusted by the org.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { freePort } from '../support/servers.mjs';

const root = new URL('../../', import.meta.url);

describe('npm start', () => {
  let child;
  let output = '';
  let port;

  before(async () => {
    port = await freePort();
    child = spawn(process.execPath, ['demo/start.mjs'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), IDX_DEMO_PORT: String(await freePort()) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 15000;
    while (!output.includes('Users (password') && Date.now() < deadline) {
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(output, /Users \(password/, `the demo did not start:\n${output}`);
  });

  after(() => child?.kill());

  const url = (path) => `http://localhost:${port}${path}`;
  const printed = (label) => output.match(new RegExp(`${label}\\s+(\\S+)`))?.[1];

  test('prints the demo, device and issuer URLs', () => {
    assert.equal(printed('Backend-mode demo'), url('/'));
    assert.equal(printed('Okta Verify device'), url('/device'));
    assert.equal(printed('Local org issuer'), url('/oauth2/default'));
    assert.match(printed('IDX-mode demo'), /^http:\/\/localhost:\d+\/$/);
  });

  test('serves the demo page and the script-tag bundle it loads', async () => {
    const page = await (await fetch(url('/'))).text();
    assert.match(page, /<script type="module" src="\/dist\/okta-signin-elements\.min\.js">/);
    const bundle = await fetch(url('/dist/okta-signin-elements.min.js'));
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type'), /javascript/);
    assert.match(await bundle.text(), /okta-signin/);
  });

  test('serves the device page and the issuer discovery document', async () => {
    const device = await fetch(url('/device'));
    assert.equal(device.status, 200);
    assert.match(await device.text(), /Okta Verify/);
    const discovery = await (await fetch(url('/oauth2/default/.well-known/openid-configuration'))).json();
    assert.equal(discovery.issuer, url('/oauth2/default'));
  });

  test('the reference backend answers at /auth', async () => {
    const state = await fetch(url('/auth/state'), { headers: { accept: 'application/json' } });
    assert.equal(state.status, 200);
    assert.equal((await state.json()).status, 'Idle');
  });

  test('the IDX page on the second origin is configured for the local org, which trusts that origin', async () => {
    const idxDemo = printed('IDX-mode demo');
    const config = await (await fetch(new URL('/config.json', idxDemo))).json();
    assert.deepEqual(config, {
      issuer: url('/oauth2/default'),
      clientId: 'local-spa',
      redirectUri: new URL('/login/callback', idxDemo).href,
      consentClientId: 'local-consent',
    });
    const page = await (await fetch(idxDemo)).text();
    assert.match(page, /okta-signin-elements\.min\.js/);
    for (const base of [url('/'), idxDemo]) {
      const log = await fetch(new URL('/shared/event-log.js', base));
      assert.equal(log.status, 200, `the event log script on ${base}`);
    }
    const origin = new URL(idxDemo).origin;
    const preflight = await fetch(url('/idp/idx/introspect'), {
      method: 'OPTIONS',
      headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.equal(preflight.headers.get('access-control-allow-origin'), origin);
    const stranger = await fetch(url('/idp/idx/introspect'), {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:1', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(stranger.headers.get('access-control-allow-origin'), null);
  });

  test('the main page offers both modes', async () => {
    const config = await (await fetch(url('/demo-config.json'))).json();
    assert.equal(config.issuer, url('/oauth2/default'));
    assert.equal(config.clientId, 'local-spa');
    // The app that asks for consent, with its own reference backend.
    assert.deepEqual(config.consent, { clientId: 'local-consent', backend: '/auth-consent' });
    assert.equal((await (await fetch(url('/auth-consent/state'), { headers: { accept: 'application/json' } })).json()).status, 'Idle');
    const page = await (await fetch(url('/'))).text();
    assert.match(page, /value="backend"/);
    assert.match(page, /value="idx"/);
    assert.match(page, /<select id="app">/);
  });
});
