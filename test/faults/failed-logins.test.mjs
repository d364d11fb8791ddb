// 2,000 failed logins from 2,000 distinct addresses (behind a trusted proxy), as a password-guessing script sends
// them: GET /state, which pre-starts a transaction for the address, then POST /login with a wrong password, the
// cookie dropped. Every try gets the same 400; what the server keeps for them stays bounded (the pre-starts
// nobody used: prestart.max; the failure counts in memory: limits.maxKeys each), and the limits still hold.
// `npm run bench` prints the heap for such a run (scripts/bench/failed-logins.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { MemorySessionStore } from 'okta-signin-elements-server';
import { startStack, login } from '../node/backend-harness.mjs';
import { describeReply } from './report.mjs';

const TRIES = 2000;
const store = new MemorySessionStore();
let stack;
before(async () => {
  stack = await startStack({
    backend: { trustProxy: true, sessionStore: store, prestart: { max: 100 }, limits: { maxKeys: 500, failuresPerAddress: 30 } },
  });
});
after(async () => {
  await stack?.close();
  store.close();
});

const address = (n) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

async function guess(n) {
  const headers = { 'x-forwarded-for': address(n) };
  await fetch(`${stack.origin}/auth/state`, { headers }).then((r) => r.arrayBuffer());
  const started = Date.now();
  const reply = await stack.browser(headers).post('/login', { username: `guess-${n}@example.com`, password: 'not-the-password' });
  return { reply, ms: Date.now() - started };
}

test(`${TRIES} failed logins from ${TRIES} addresses: each answered 400, the store holds at most prestart.max, limits hold`, async (t) => {
  const mark = stack.logs.length;
  const statuses = new Map();
  const times = [];
  let first;
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < TRIES) {
        const { reply, ms } = await guess(next++);
        first ??= reply;
        times.push(ms);
        const key = `${reply.status} ${reply.json?.code}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const lines = stack.logs.slice(mark);
  t.diagnostic(`${TRIES} tries in ${seconds.toFixed(1)} s; each user sees ${describeReply(first)}; POST /login p50 ${times[TRIES >> 1]} ms, p95 ${times[Math.floor(TRIES * 0.95)]} ms`);
  t.diagnostic(`    replies: ${JSON.stringify(Object.fromEntries(statuses))}`);
  t.diagnostic(`    operator log: ${lines.length} lines, such as "${lines[0]}"`);
  t.diagnostic(`    sessions stored: ${store.size} (prestart.max 100: the pre-starts nobody used)`);
  assert.deepEqual(Object.fromEntries(statuses), { '400 invalid_credentials': TRIES });
  assert.ok(store.size <= 100, `${store.size} sessions stored`);
  assert.ok(lines.every((line) => line.endsWith('400 invalid_credentials') && !line.includes('not-the-password')));

  // The limits still hold for a repeat offender, and a real user still signs in.
  const repeat = [];
  for (let i = 0; i < 31; i += 1) repeat.push((await stack.browser({ 'x-forwarded-for': '203.0.113.77' }).post('/login', { username: `x${i}@example.com`, password: 'no' })).status);
  t.diagnostic(`one address failing 31 times after that: ${repeat.filter((s) => s === 400).length} × 400, then ${repeat.at(-1)}`);
  assert.equal(repeat.at(-1), 429);
  const user = await stack.device.createUser('dave');
  const browser = stack.browser({ 'x-forwarded-for': '198.51.100.200' });
  await browser.get('/state');
  assert.equal((await login(browser, user)).json.status, 'AwaitingAuthenticatorEnrollment');
  assert.equal((await browser.post('/skip')).json.status, 'Success');
});
