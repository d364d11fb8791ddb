/* global document -- the functions passed to page.evaluate run in the browser window */
// A server command that lets a browser test act, as a person would, on a page of another origin in a window the test
// opened (the fake identity provider's pages, the org's hosted sign-in page): the test page cannot script those pages
// (another origin), and they refuse to be framed. It goes through the Chrome launcher's puppeteer browser:
//   await executeServerCommand('popup:act', { at: ['/provider/authorize'], fill: { '#password': 'Passw0rd!' }, press: 'Sign in' })
//   -> { url, text }: the page's address and text before the button was pressed.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The page of the test's browser whose address contains one of `at`, once there is one (at most `timeoutMs`). */
async function pageAt(session, at, timeoutMs = 15000) {
  const test = session.browser.getPage(session.id);
  const end = Date.now() + timeoutMs;
  for (;;) {
    const pages = await test.browser().pages();
    const found = pages.find((p) => at.some((part) => p.url().includes(part)));
    if (found) return found;
    if (Date.now() > end) throw new Error(`no window at ${at.join(' or ')}; open: ${pages.map((p) => p.url()).join(', ')}`);
    await sleep(100);
  }
}

async function act(session, { at, fill = {}, press }) {
  const page = await pageAt(session, [at].flat());
  await page.waitForFunction(() => document.readyState === 'complete', { timeout: 15000 });
  for (const [selector, value] of Object.entries(fill)) {
    await page.waitForSelector(selector, { timeout: 15000 });
    await page.$eval(selector, (input) => {
      input.value = '';
    });
    await page.type(selector, value);
  }
  const seen = { url: page.url(), text: await page.evaluate(() => document.body.innerText) };
  if (press) {
    const left = page.waitForNavigation({ timeout: 15000 });
    const found = await page.evaluate((label) => {
      const button = [...document.querySelectorAll('button, a.button')].find((b) => b.textContent.trim() === label);
      button?.click();
      return Boolean(button);
    }, press);
    if (!found) throw new Error(`no button "${press}" at ${seen.url}: ${seen.text}`);
    await left;
  }
  return seen;
}

export function popupCommandPlugin() {
  return {
    name: 'popup-command',
    async executeCommand({ command, payload, session }) {
      if (command !== 'popup:act') return undefined;
      if (typeof session.browser.getPage !== 'function') throw new Error(`${command}: needs the Chrome launcher`);
      return act(session, payload ?? {});
    },
  };
}
