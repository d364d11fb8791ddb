// `npm start`'s demo pages in Chromium, as a person uses them: served with the strict Content-Security-Policy
// (demo/csp.mjs) and without a single violation, a language chosen in the page's select, alice signed in in German
// with her push approved through the device API; the IDX-mode page on the second origin in German too.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { freePort } from '../support/servers.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { contentSecurityPolicy } from '../../demo/csp.mjs';

const root = new URL('../../', import.meta.url);

describe('the demo pages in Chromium', { timeout: 120000 }, () => {
  let child;
  let browser;
  let output = '';
  let origin;
  let idxOrigin;

  before(async () => {
    const port = await freePort();
    const idxPort = await freePort();
    origin = `http://localhost:${port}`;
    idxOrigin = `http://localhost:${idxPort}`;
    child = spawn(process.execPath, ['demo/start.mjs'], {
      cwd: root,
      env: { ...process.env, PORT: String(port), IDX_DEMO_PORT: String(idxPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const deadline = Date.now() + 20000;
    while (!output.includes('Users (password') && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(output, /Users \(password/, `the demo did not start:\n${output}`);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    child?.kill();
  });

  /** A page that records Content-Security-Policy violations from before its first script. */
  /* global window, document -- the functions below run in the page */
  async function open(url) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const response = await page.goto(url);
    return { page, context, response, errors, violations: () => page.evaluate(() => window.cspViolations) };
  }

  const post = (url, body) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());

  test('backend mode: served under the strict policy, German chosen in the select, alice signs in, no violation', async () => {
    const { page, context, response, errors, violations } = await open(`${origin}/`);
    try {
      assert.equal(response.headers()['content-security-policy'], contentSecurityPolicy());
      const signin = page.locator('okta-signin');
      await signin.locator('[part~=title]').getByText('Sign in').waitFor();

      const languages = await page.locator('#lang option').evaluateAll((options) => options.map((o) => o.value));
      assert.equal(languages.length, 31);
      await page.getByLabel('Language').selectOption('de');
      await signin.locator('[part~=title]').getByText('Anmelden').waitFor();
      assert.equal(await signin.getAttribute('lang'), 'de');
      assert.match(page.url(), /[?&]lang=de\b/);

      const user = await post(`${origin}/device/api/users`, { template: 'alice' });
      await signin.locator('input[autocomplete=username]').fill(user.username);
      await signin.locator('input[autocomplete=current-password]').fill(user.password);
      await signin.locator('input[autocomplete=current-password]').press('Enter');
      const push = signin.locator('authenticator-picker [role=radio]').first();
      await push.waitFor();
      await push.click();
      await signin.locator('authenticator-picker [part~=submit]').getByText('Weiter').click();
      const number = await signin.locator('[part~=number]').textContent({ timeout: 20000 });
      await post(`${origin}/device/api/users/${encodeURIComponent(user.username)}/push`, { action: 'approve', answer: Number(number) });
      await page.locator('#account-view').waitFor({ state: 'visible', timeout: 30000 });
      assert.ok((await page.locator('#account-name').textContent()).length > 0, 'who signed in is shown');
      assert.deepEqual(await violations(), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('backend mode: "Sign up" and "Unlock account" on the first load; the App select signs dave in to the app that asks for consent', async () => {
    const { page, context, errors, violations } = await open(`${origin}/`);
    try {
      const signin = page.locator('okta-signin');
      await signin.getByRole('button', { name: 'Sign up' }).waitFor({ timeout: 20000 });
      await signin.getByRole('button', { name: 'Unlock account' }).waitFor();

      await page.getByLabel('App').selectOption('consent');
      assert.equal(await page.locator('okta-signin').getAttribute('backend'), '/auth-consent');
      const user = await post(`${origin}/device/api/users`, { template: 'dave' });
      await signin.locator('input[autocomplete=username]').fill(user.username);
      await signin.locator('input[autocomplete=current-password]').fill(user.password);
      await signin.locator('input[autocomplete=current-password]').press('Enter');
      await signin.locator('authenticator-picker [part~=skip]').click();
      await signin.locator('[part~=title]').getByText('Allow access?').waitFor({ timeout: 20000 });
      await signin.getByRole('button', { name: 'Allow Access' }).click();
      await page.locator('#account-view').waitFor({ state: 'visible', timeout: 30000 });
      // Who signed in, as the consent app's own backend tells it (`/auth-consent/me`).
      assert.equal(await page.locator('#account-name').textContent(), 'Dave Diaz');
      assert.deepEqual(await violations(), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('IDX mode on the second origin: served under the policy with the org in connect-src, renders in German', async () => {
    const { page, context, response, errors, violations } = await open(`${idxOrigin}/?lang=de`);
    try {
      assert.equal(response.headers()['content-security-policy'], contentSecurityPolicy({ connect: [origin] }));
      const signin = page.locator('okta-signin');
      await signin.locator('[part~=title]').getByText('Anmelden').waitFor({ timeout: 20000 });
      assert.equal(await page.locator('#lang').inputValue(), 'de');
      // The form shows once the transaction is introspected: the org was reached through connect-src.
      await signin.locator('input[autocomplete=username]').waitFor();
      assert.deepEqual(await violations(), []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
