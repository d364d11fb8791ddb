// The device page's hardware token in Chromium: the chosen user's current Custom OTP code, and the administrator's
// buttons that take the token back and issue a new one.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { deviceGet, newUser, startTestOrg } from './org-helpers.mjs';

describe('the device page: hardware token', { timeout: 60000 }, () => {
  let org;
  let browser;
  before(async () => {
    org = await startTestOrg();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await org.close();
  });

  test('shows the code the token shows now; the token is taken back and issued again', async () => {
    const { username } = await newUser(org, 'kate');
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await page.goto(`${org.origin}/device?user=${encodeURIComponent(username)}`);
      const section = page.getByRole('region', { name: 'Hardware token (Custom OTP)' });
      const code = section.locator('#token-code');
      await code.filter({ hasText: /^\d{6}$/ }).waitFor();
      const shown = await code.textContent();
      const { body } = await deviceGet(org, `/users/${encodeURIComponent(username)}`);
      assert.equal(shown, body.customOtp.code);

      await section.getByRole('button', { name: 'Take the token back (as the administrator)' }).click();
      await section.getByRole('status').filter({ hasText: `${username} has no token now.` }).waitFor();
      await section.getByText('This user has no hardware token.').waitFor();
      assert.equal(await code.isVisible(), false);
      assert.equal((await deviceGet(org, `/users/${encodeURIComponent(username)}`)).body.customOtp, null);

      await section.getByRole('button', { name: 'Issue a token to this user (as the administrator)' }).click();
      await section.getByRole('status').filter({ hasText: `A token was issued to ${username}.` }).waitFor();
      await code.filter({ hasText: /^\d{6}$/ }).waitFor();
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
});
