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
      // The page refreshes every two seconds: it comes to show the code the token shows now (asked again if the
      // token's 30-second period turned meanwhile).
      let matched = false;
      for (let i = 0; i < 3 && !matched; i++) {
        const { body } = await deviceGet(org, `/users/${encodeURIComponent(username)}`);
        matched = await code.filter({ hasText: body.customOtp.code }).waitFor({ timeout: 3000 }).then(() => true, () => false);
      }
      assert.ok(matched, 'the page shows the code of the device API');

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
