// Load figure: N concurrent sign-ins through the reference backend and the local org, on 127.0.0.1 only.
// Each virtual user is a fresh dave-style user (device API, template 'dave'): GET /state (pre-start), POST /login,
// POST /skip, GET /me, POST /logout. Reports sign-ins per second, p50/p95 latency, and the backend process's heap
// after global.gc() and the sessions stored, after each round of sign-ins: the target is flat.
//   node --expose-gc scripts/bench/load.mjs        (npm run bench runs it)
//   LOAD_ROUNDS=3 LOAD_SIGNINS=1000 LOAD_CONCURRENCY=16
// The org runs in a child process, so the heap measured is the backend's (and this load generator's).
import { heapMb, pct, pool, requestJson, requireGc, serveBenchBackend, startOrgProcess } from './backend-process.mjs';

const ROUNDS = Number(process.env.LOAD_ROUNDS ?? 3);
const PER_ROUND = Math.min(Number(process.env.LOAD_SIGNINS ?? 1000), 5000);
const CONCURRENCY = Math.min(Number(process.env.LOAD_CONCURRENCY ?? 16), 64);

requireGc('load bench');
const org = await startOrgProcess();
const { store, server } = await serveBenchBackend(org, 'load-bench');
const base = server.base;

async function createUsers(n) {
  const users = new Array(n);
  await pool(n, 16, async (i) => {
    const { status, body } = await requestJson(`${org.origin}/device/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ template: 'dave' }),
    });
    if (status !== 201) throw new Error(`device API: ${status} ${JSON.stringify(body)}`);
    users[i] = body;
  });
  return users;
}

let clientSeq = 0;
async function signIn(user) {
  const address = `10.${(clientSeq >> 16) & 255}.${(clientSeq >> 8) & 255}.${clientSeq++ & 255}`;
  let cookie = '';
  const call = async (method, path, json) => {
    const headers = { accept: 'application/json', 'x-forwarded-for': address };
    if (cookie) headers.cookie = cookie;
    if (json) headers['content-type'] = 'application/json';
    const res = await requestJson(base + path, { method, headers, body: json ? JSON.stringify(json) : undefined });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const started = performance.now();
  await call('GET', '/state');
  const posted = performance.now();
  const offered = await call('POST', '/login', { username: user.username, password: user.password });
  const loginMs = performance.now() - posted;
  if (offered.status !== 'AwaitingAuthenticatorEnrollment') throw new Error(`login: ${offered.status}`);
  const done = await call('POST', '/skip', {});
  if (done.status !== 'Success') throw new Error(`skip: ${done.status}`);
  const totalMs = performance.now() - started;
  if (!(await call('GET', '/me')).signedIn) throw new Error('not signed in');
  await call('POST', '/logout', {});
  return { totalMs, loginMs };
}

console.log(`\nload: ${ROUNDS} rounds of ${PER_ROUND} sign-ins (dave: state, login, skip, me, logout), ${CONCURRENCY} at a time, 127.0.0.1`);
console.log('round  sign-ins/s  sign-in p50  p95     login p50  p95     heap after gc  sessions stored');
const startHeap = await heapMb();
console.log(`start  ${''.padEnd(10)}  ${''.padEnd(20)}  ${''.padEnd(17)}  ${startHeap.toFixed(1).padStart(7)} MB  ${String(store.size).padStart(5)}`);
let failures = 0;
for (let round = 1; round <= ROUNDS; round += 1) {
  const users = await createUsers(PER_ROUND);
  const totals = [];
  const logins = [];
  const t0 = performance.now();
  await pool(PER_ROUND, CONCURRENCY, async (i) => {
    try {
      const { totalMs, loginMs } = await signIn(users[i]);
      totals.push(totalMs);
      logins.push(loginMs);
    } catch (error) {
      failures += 1;
      if (failures <= 3) console.error(`sign-in failed: ${error.message}`);
    }
  });
  const seconds = (performance.now() - t0) / 1000;
  const ms = (v) => `${v.toFixed(0)} ms`.padStart(7);
  console.log(
    `${String(round).padEnd(5)}  ${(totals.length / seconds).toFixed(1).padStart(10)}  ${ms(pct(totals, 50))}  ${ms(pct(totals, 95))}  ${ms(pct(logins, 50))}  ${ms(pct(logins, 95))}  ${(await heapMb()).toFixed(1).padStart(7)} MB  ${String(store.size).padStart(5)}`,
  );
}
console.log(failures ? `${failures} sign-ins failed` : 'every sign-in succeeded');

server.close();
store.close();
org.child.kill();
process.exitCode = failures ? 1 : 0;
