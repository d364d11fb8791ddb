// Okta's own Sign-In Widget (7.49, the package's dev dependency) against the org, in Chromium: it renders each of the
// org's self-service and post-authentication steps from the org's answers alone and completes them with tokens,
// which shows the answers are in the shapes real orgs send.
import assert from 'node:assert/strict';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import express from 'express';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { PASSWORD, deviceGet, lastMessageTo, newUser, startTestOrg } from './org-helpers.mjs';

const WIDGET_DIST = fileURLToPath(new URL('../../node_modules/@okta/okta-signin-widget/dist', import.meta.url));

describe("Okta's Sign-In Widget against the org", { timeout: 180000 }, () => {
  let org;
  let browser;
  let server;
  let pageOrigin;

  before(async () => {
    const app = express();
    server = http.createServer(app);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    pageOrigin = `http://localhost:${server.address().port}`;
    org = await startTestOrg({ trustedOrigins: [pageOrigin] });
    app.use('/widget', express.static(WIDGET_DIST));
    // The widget signs in and puts what it got in the title, where the test reads it; each view it shows (afterRender)
    // and each error (afterError) is counted, so that the test types into a view only once the widget has bound it.
    app.get('/', (req, res) => {
      const clientId = req.query.client === 'local-consent' ? 'local-consent' : 'local-spa';
      const config = { issuer: org.issuer, clientId, redirectUri: `${pageOrigin}/login/callback`, scopes: ['openid', 'profile', 'email'], useInteractionCodeFlow: true, useClassicEngine: false, assets: { baseUrl: '/widget' } };
      res.type('html').send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>widget</title>
<link rel="stylesheet" href="/widget/css/okta-sign-in.min.css"><script src="/widget/js/okta-sign-in.oie.min.js"></script></head>
<body><main id="w"></main><script>
window.shown = 0;
const widget = new OktaSignIn(${JSON.stringify(config)});
widget.on('afterRender', () => { window.shown += 1; });
widget.on('afterError', () => { window.shown += 1; });
widget.showSignInToGetTokens({ el: '#w' })
  .then((t) => { document.title = 'tokens: ' + Object.keys(t).sort().join(' '); }, (e) => { document.title = 'error: ' + e.message; });
</script></body></html>`);
    });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await org?.close();
    server?.close();
  });

  /* global window, document -- the functions given to waitForFunction run in the page */
  const shown = (page) => page.evaluate(() => window.shown);
  // A new view or error since `count`, or the end: tokens (or a failure) in the title.
  const shownAfter = (page, count, timeout) =>
    page.waitForFunction((n) => window.shown > n || /^(tokens|error):/.test(document.title), count, { timeout }).then(() => true, () => false);

  async function open(client = 'local-spa') {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${pageOrigin}/?client=${client}`);
    await shownAfter(page, 0, 15000);
    return { page, errors };
  }
  const see = (page, text) => page.locator('#w').getByText(text, { exact: false }).first().waitFor();
  // What was typed since the widget last showed something, by field. On a loaded machine the widget moves the focus to
  // a view's first field some time after the view is on screen, so text typed meanwhile can land in another field
  // (seen: "alice@example.comWren" in Email, First name empty) and the form is refused as incomplete. So a view's
  // first field is typed into once the widget has put the focus in the view (or after three seconds, for a view that
  // does not), and before a click each field that does not hold what was typed into it gets it again, as a person
  // seeing the form would put it right.
  const typed = new WeakMap();
  async function type(page, selector, value) {
    if (!typed.has(page)) typed.set(page, new Map());
    if (!typed.get(page).size) {
      await page.waitForFunction(() => !!document.activeElement?.closest('#w input'), null, { timeout: 3000 }).catch(() => undefined);
    }
    typed.get(page).set(selector, value);
    await page.fill(selector, value);
  }
  async function retype(page) {
    for (const [selector, value] of typed.get(page) ?? []) {
      const field = page.locator(selector);
      if ((await field.count()) === 1 && (await field.inputValue()) !== value) await field.fill(value);
    }
  }
  /**
   * Clicks and waits for the widget's next view or error. For a moment after it shows an error the widget ignores a
   * submit: with `again`, it is clicked once more each time nothing followed within five seconds (a loaded machine renders slowly).
   * @param {import('playwright-core').Page} page
   * @param {import('playwright-core').Locator} target
   */
  async function send(page, target, { again = false } = {}) {
    for (let attempt = 0; attempt < (again ? 5 : 1); attempt++) {
      await retype(page);
      const count = await shown(page);
      await target.click();
      if (await shownAfter(page, count, again ? 5000 : 15000)) {
        typed.get(page)?.clear();
        return;
      }
    }
    assert.fail(`the widget did not move on; it shows: ${(await page.locator('#w').innerText()).replace(/\s+/g, ' ')}`);
  }
  const press = (page, text) => send(page, page.locator('#w').getByText(text, { exact: true }).first());
  const submit = (page, options) => send(page, page.locator('#w .o-form-button-bar').locator('input[type="submit"], button[type="submit"]').first(), options);
  // The widget's "Set up" / "Select" of an authenticator row (an anchor without href).
  const choose = (page, key) => send(page, page.locator(`#w [data-se="${key}"] .select-factor`));
  async function signIn(page, username, password = PASSWORD) {
    await type(page, 'input[name="identifier"]', username);
    await type(page, 'input[name="credentials.passcode"]', password);
    await submit(page);
  }
  async function signedIn({ page, errors }) {
    await page.waitForFunction(() => document.title.startsWith('tokens:') || document.title.startsWith('error:'));
    assert.equal(await page.title(), 'tokens: accessToken idToken');
    assert.deepEqual(errors, []);
    await page.close();
  }
  /** The email's code, typed where the widget offers it. */
  async function emailCode(page, to) {
    await page.getByText('Enter a verification code instead').click();
    await type(page, 'input[name="credentials.passcode"]', (await lastMessageTo(org, to, 'email')).code);
    await submit(page);
  }

  test('sign up: the profile form with its error, the password, the email code', async () => {
    const opened = await open();
    const { page } = opened;
    await press(page, 'Sign up');
    await see(page, 'Favorite sport');
    await type(page, 'input[name="userProfile.email"]', 'alice@example.com');
    await type(page, 'input[name="userProfile.firstName"]', 'Wren');
    await type(page, 'input[name="userProfile.lastName"]', 'Widget');
    await type(page, 'input[name="userProfile.favoriteSport"]', 'Rowing');
    await submit(page);
    await see(page, 'A user with this Email already exists');
    const email = `wren-${Date.now()}@example.com`;
    await type(page, 'input[name="userProfile.email"]', email);
    await submit(page, { again: true });
    await choose(page, 'okta_password');
    await see(page, 'Re-enter password');
    await type(page, 'input[name="credentials.passcode"]', 'Strong-Pass-123');
    await type(page, 'input[name="confirmPassword"]', 'Strong-Pass-123');
    await submit(page);
    await choose(page, 'okta_email');
    await emailCode(page, email);
    await signedIn(opened);
  });

  test("the security question: one's own question, a short answer refused; then answered, a wrong answer refused", async () => {
    const { username } = await newUser(org, 'jack');
    const first = await open();
    await signIn(first.page, username);
    await choose(first.page, 'security_question');
    await first.page.getByText('Create my own security question').click();
    await type(first.page, 'input[name="credentials.question"]', 'Which ship?');
    await type(first.page, 'input[name="credentials.answer"]', 'Pea');
    await submit(first.page);
    await see(first.page, 'The security question answer must be at least 4 characters in length');
    await type(first.page, 'input[name="credentials.answer"]', 'Black Pearl');
    await submit(first.page, { again: true });
    await signedIn(first);

    const next = await open();
    await signIn(next.page, username);
    await choose(next.page, 'security_question');
    await see(next.page, 'Which ship?');
    await type(next.page, 'input[name="credentials.answer"]', 'Flying Dutchman');
    await submit(next.page);
    await see(next.page, "Your answer doesn't match our records. Please try again.");
    await type(next.page, 'input[name="credentials.answer"]', 'black pearl');
    await submit(next.page, { again: true });
    await signedIn(next);
  });

  test('unlock: locked out, the emailed code, then the password', async () => {
    const { username } = await newUser(org, 'leo');
    const opened = await open();
    const { page } = opened;
    await signIn(page, username);
    await see(page, 'Your account is locked. Please contact your administrator.');
    await press(page, 'Unlock account?');
    await type(page, 'input[name="identifier"]', username);
    await choose(page, 'okta_email');
    await emailCode(page, username);
    await see(page, 'Account successfully unlocked!');
    await type(page, 'input[name="credentials.passcode"]', PASSWORD);
    await submit(page);
    await signedIn(opened);
  });

  test('after the password: the expiry warning, the grace period, keep me signed in, the hardware token', async () => {
    const steps = [
      ['noah', 'Your password will expire in 3 days', (page) => press(page, 'Remind me later')],
      ['olivia', 'Fix the issue by', (page) => press(page, 'Continue to app')],
      ['mia', 'Sign in and enter security methods less frequently.', (page) => press(page, 'Stay signed in')],
      [
        'kate',
        'Hardware token',
        async (page, username) => {
          await choose(page, 'custom_otp');
          await type(page, 'input[name="credentials.passcode"]', (await deviceGet(org, `/users/${encodeURIComponent(username)}`)).body.customOtp.code);
          await submit(page);
        },
      ],
    ];
    for (const [template, shown, answer] of steps) {
      const { username } = await newUser(org, template);
      const opened = await open();
      await signIn(opened.page, username);
      await see(opened.page, shown);
      await answer(opened.page, username);
      await signedIn(opened);
    }
  });

  test("consent: the scopes, allowed; denied, the sign-in ends with Okta's message", async () => {
    const { username } = await newUser(org, 'dave');
    for (const allow of [false, true]) {
      const opened = await open('local-consent');
      const { page } = opened;
      await signIn(page, username);
      // Dave's optional enrollment comes first.
      await see(page, 'Set up security methods');
      await press(page, 'Continue');
      await see(page, 'View your email address.');
      await see(page, 'View your profile information.');
      const answer = allow ? 'Allow Access' : "Don't Allow";
      await page.locator('#w').locator(`input[value="${answer}"], button:text-is("${answer}")`).first().click();
      if (allow) {
        await signedIn(opened);
      } else {
        await see(page, 'Operation cancelled by user.');
        assert.equal(await page.title(), 'widget', 'no tokens');
        await page.close();
      }
    }
  });
});
