// What both server-side example apps (Express, Next.js) are checked for, in headless Chromium as a person uses them:
// dave signs in on /login, the app's server reads who he is (/account, /api/me), and signing out ends the Okta
// session and comes back signed out. Any console error, page error, hydration warning or okta-error fails it.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

export const DAVE = { username: 'dave@example.com', password: 'Passw0rd!', name: 'Dave Diaz' };

/* global document -- the init script runs in the page */

/**
 * The folder of the example app `name` (next, express) as `npm run test:examples` made it from the packed packages;
 * it fails, saying so, when these tests run without it.
 */
export function exampleApp(name) {
  const root = process.env.EXAMPLE_APPS_DIR;
  const dir = root && join(root, name);
  assert.ok(
    dir && existsSync(join(dir, 'package.json')),
    `no ${name} example app${root ? ` in ${root}` : ''}: run \`npm run test:examples\`, which installs the example apps from the packed packages and runs these tests against them`,
  );
  return dir;
}

/** The Okta sessions the org holds for a user (its device API). */
export async function oktaSessions(org, username) {
  const res = await fetch(`${org.origin}/device/api/users/${encodeURIComponent(username)}/sessions`);
  return (await res.json()).sessions;
}

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/**
 * Opens a page that records what a person would not want to see: console errors and warnings (React's hydration
 * messages among them), uncaught errors, and every okta-error the element dispatches.
 */
export async function openRecorded(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    const text = message.text();
    // Lit announces its development build; nothing else is expected.
    if (message.type() === 'error' || (message.type() === 'warning' && !/Lit is in dev mode/.test(text))) problems.push(`console ${message.type()}: ${text} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('okta-error', (e) => console.error(`okta-error ${e.detail.code}: ${e.detail.message}`), true);
  });
  return { context, page, problems };
}

/**
 * Signs dave in on `${origin}/login`, checks what the server shows, signs him out. `signedOutText` is what the
 * page after sign-out says.
 */
export async function signInAndOut({ browser, origin, org, signedOutText }) {
  const { context, page, problems } = await openRecorded(browser);
  try {
    assert.deepEqual(await oktaSessions(org, DAVE.username), [], 'no Okta session before');
    await page.goto(`${origin}/login`);
    const signin = page.locator('okta-signin');
    await signin.locator('[part~=title]').getByText('Sign in').waitFor({ timeout: 20000 });
    await page.getByLabel('Username').fill(DAVE.username);
    await page.getByLabel('Password', { exact: true }).fill(DAVE.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // dave may set up Okta Verify later: the picker offers to skip it.
    await signin.locator('authenticator-picker [part~=skip]').click({ timeout: 20000 });
    await page.waitForURL(`${origin}/account`, { timeout: 20000 });
    assert.equal(await page.locator('#account-name').textContent(), DAVE.name, 'the server rendered who signed in');
    assert.equal(await page.locator('#account-email').textContent(), DAVE.username);
    const me = await page.evaluate(() => fetch('/api/me').then((r) => r.json()));
    assert.equal(me.user.email, DAVE.username);
    assert.ok(me.accessTokenExpiresAt > Date.now() / 1000, 'the server holds a valid access token');
    assert.equal((await oktaSessions(org, DAVE.username)).length, 1, 'signed in at Okta');

    await page.getByRole('button', { name: 'Sign out' }).click();
    // Through Okta's /v1/logout, which ends its session and sends the browser back to the app.
    await page.waitForURL(`${origin}/`, { timeout: 20000 });
    await page.getByText(signedOutText).waitFor();
    assert.deepEqual(await oktaSessions(org, DAVE.username), [], 'the Okta session ended');
    // Asked outside the page, so that the expected 401 is not one of the page's console errors.
    const cookie = (await context.cookies(origin)).map((c) => `${c.name}=${c.value}`).join('; ');
    assert.equal((await fetch(`${origin}/api/me`, { headers: { cookie } })).status, 401, 'the app session ended');
    await page.goto(`${origin}/account`);
    await page.waitForURL(`${origin}/login`);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}
