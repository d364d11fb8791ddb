// Memory under a password-guessing run from many addresses: rounds of failed logins through the reference backend
// (memory store, trustProxy, one client address per try) against the local org, on 127.0.0.1 only. Each try is
// what a script sends, not a browser: GET /state (which pre-starts a transaction for that address) and
// POST /login with a wrong password, without the cookie, so every pre-start is left behind. Reports the heap
// after global.gc(), the process's RSS and the sessions stored after each round: the target is a plateau.
//   node --expose-gc scripts/bench/failed-logins.mjs        (npm run bench runs it)
//   FAILED_ROUNDS=6 FAILED_PER_ROUND=2000 FAILED_CONCURRENCY=16 (6 rounds pass limits.maxKeys, 10 000 addresses)
import { heapMb, pct, pool, request, requestJson, requireGc, rssMb, serveBenchBackend, startOrgProcess } from './backend-process.mjs';

const ROUNDS = Math.min(Number(process.env.FAILED_ROUNDS ?? 6), 10);
const PER_ROUND = Math.min(Number(process.env.FAILED_PER_ROUND ?? 2000), 5000);
const CONCURRENCY = Math.min(Number(process.env.FAILED_CONCURRENCY ?? 16), 64);

requireGc('failed-logins bench');
const org = await startOrgProcess();
const { store, server } = await serveBenchBackend(org, 'failed-logins-bench');

let seq = 0;
async function failedLogin() {
  const n = seq++;
  const address = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  const headers = { accept: 'application/json', 'x-forwarded-for': address };
  const started = performance.now();
  const state = await request(`${server.base}/state`, { headers });
  if (state.status !== 200) throw new Error(`state: ${state.status} ${state.text.slice(0, 200)}`);
  const { status, body } = await requestJson(`${server.base}/login`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ username: `guess-${n}@example.com`, password: 'not-the-password' }),
  });
  if (status !== 400 || body.code !== 'invalid_credentials') throw new Error(`login: ${status} ${JSON.stringify(body)}`);
  return performance.now() - started;
}

console.log(`\nfailed logins: ${ROUNDS} rounds of ${PER_ROUND}, each from its own address (GET /state, POST /login, no cookie), ${CONCURRENCY} at a time, 127.0.0.1`);
console.log('after   tries/s  p50      p95      heap after gc  rss        sessions stored');
const row = async (label, rate = '', p50 = '', p95 = '') =>
  console.log(`${label.padEnd(6)}  ${rate.padStart(7)}  ${p50.padStart(7)}  ${p95.padStart(7)}  ${(await heapMb()).toFixed(1).padStart(7)} MB  ${rssMb().toFixed(0).padStart(5)} MB  ${String(store.size).padStart(6)}`);
await row('start');
let failures = 0;
for (let round = 1; round <= ROUNDS; round += 1) {
  const times = [];
  const t0 = performance.now();
  await pool(PER_ROUND, CONCURRENCY, async () => {
    try {
      times.push(await failedLogin());
    } catch (error) {
      failures += 1;
      if (failures <= 3) console.error(`failed login went wrong: ${error.message}`);
    }
  });
  const seconds = (performance.now() - t0) / 1000;
  const ms = (v) => `${v.toFixed(0)} ms`;
  await row(String(round * PER_ROUND), (times.length / seconds).toFixed(1), ms(pct(times, 50)), ms(pct(times, 95)));
}
console.log(failures ? `${failures} tries went wrong` : 'every try answered 400 invalid_credentials');

server.close();
store.close();
org.child.kill();
process.exitCode = failures ? 1 : 0;
