// Posts from other sites in Chromium: a page elsewhere tries to take a signed-in-to-be user's step (POST /skip) with
// a form (urlencoded, text/plain) and with fetch (JSON, which needs a CORS preflight; text/plain, which does not).
// From another site the browser sends no session cookie with them (SameSite=Lax); from a sibling origin of the same
// site it does, and the backend still takes only JSON, which such a page cannot send without a preflight it never
// grants. The user's sign-in stays where it was; the operator's log shows each refusal.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { listen, login, startStack } from '../node/backend-harness.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

const skip = existsSync(CHROMIUM_PATH) ? undefined : `${CHROMIUM_PATH} is missing`;

/** The other site's page: each attack is a query parameter, the target the backend's POST /skip. */
const ATTACK_PAGE = `<!doctype html><meta charset="utf-8"><title>Win a prize</title><body><script>
const target = new URLSearchParams(location.search).get('target');
const attack = new URLSearchParams(location.search).get('attack');
const form = (enctype, name, value) => {
  const f = document.createElement('form');
  f.method = 'POST'; f.action = target; f.enctype = enctype;
  const i = document.createElement('input'); i.name = name; i.value = value; f.append(i);
  document.body.append(f); f.submit();
};
if (attack === 'form') form('application/x-www-form-urlencoded', 'x', '1');
if (attack === 'text-form') form('text/plain', '{"x":"', '"}');
if (attack === 'fetch-json') fetch(target, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{}' })
  .then((r) => (document.title = 'read: ' + r.status), (e) => (document.title = 'blocked: ' + e.name));
if (attack === 'fetch-text') fetch(target, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '{}' })
  .then((r) => (document.title = 'opaque: ' + r.type), (e) => (document.title = 'blocked: ' + e.name));
</script>`;

let stack;
let evil;
let chrome;
/** What reached the backend: method, path, content type, and whether the session cookie came along. */
const received = [];
before(async () => {
  if (skip) return;
  const recorder = (req, _res, next) => {
    received.push({ method: req.method, path: req.path, type: req.headers['content-type'] ?? '', cookie: /okta_signin\.sid=/.test(req.headers.cookie ?? '') });
    next();
  };
  stack = await startStack({ middleware: recorder });
  evil = await listen((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(ATTACK_PAGE));
  chrome = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});
after(async () => {
  await chrome?.close();
  evil?.closeAllConnections();
  evil?.close();
  await stack?.close();
});

/** dave signed in up to the optional enrollment, in Node; his cookie then goes into a Chromium profile. */
async function daveHalfwayIn() {
  const user = await stack.device.createUser('dave');
  const node = stack.browser();
  assert.equal((await login(node, user)).json.status, 'AwaitingAuthenticatorEnrollment');
  const context = await chrome.newContext();
  const [[name, value]] = [...node.cookies];
  await context.addCookies([{ name, value, domain: 'localhost', path: '/', httpOnly: true, sameSite: 'Lax', secure: false }]);
  return { node, context, target: `${stack.origin}/auth/skip` };
}

for (const [from, host] of [
  ['another site', '127.0.0.1'],
  ['a sibling origin of the same site (another port of localhost)', 'localhost'],
]) {
  test(`posts from ${from}: none takes the user's step`, { skip }, async (t) => {
    const { node, context, target } = await daveHalfwayIn();
    const page = await context.newPage();
    for (const attack of ['form', 'text-form', 'fetch-json', 'fetch-text']) {
      const markLogs = stack.logs.length;
      const markReceived = received.length;
      await page.goto(`http://${host}:${evil.address().port}/?attack=${attack}&target=${encodeURIComponent(target)}`);
      await page.waitForLoadState('load');
      await page.waitForTimeout(attack.startsWith('fetch') ? 400 : 200);
      const got = received.slice(markReceived);
      const seen = got.map((r) => `${r.method} ${r.path} [${r.type || 'no type'}] cookie ${r.cookie ? 'sent' : 'not sent'}`);
      const state = (await node.get('/state')).json.status;
      t.diagnostic(`${attack}: the page ends with "${(await page.title()) || (await page.textContent('body'))?.slice(0, 80)}"; the user's sign-in is at ${state}`);
      t.diagnostic(`    the backend received: ${seen.join('; ') || 'nothing'}`);
      for (const line of stack.logs.slice(markLogs)) t.diagnostic(`    operator log: ${line}`);
      assert.equal(state, 'AwaitingAuthenticatorEnrollment', `${attack} from ${from} took the step`);
      assert.ok(!got.some((r) => r.method === 'POST' && /json/.test(r.type)), 'no JSON POST got through');
      if (host === '127.0.0.1') assert.ok(got.every((r) => !r.cookie), 'no cookie went along');
    }
    assert.deepEqual((await node.post('/skip')).json.status, 'Success', 'the user takes the step himself');
    await context.close();
  });
}
