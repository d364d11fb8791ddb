// What the load benches share: the local org in a child process (so the heap measured is the backend's), the
// reference backend on 127.0.0.1, a worker pool, percentiles and the heap after garbage collection.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { MemorySessionStore } from 'okta-signin-elements-server';
import { createBackend } from '../../demo/server/index.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

export function requireGc(name) {
  if (typeof global.gc !== 'function') {
    console.error(`${name}: run with node --expose-gc`);
    process.exit(1);
  }
}

// Every wait of the load benches is bounded: the org's start, and each request with its body.
const ORG_START_MS = 30_000;
const REQUEST_MS = 10_000;

export async function startOrgProcess() {
  const child = spawn(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { startOrg } = await import(${JSON.stringify(`${root}/demo/org/index.mjs`)});
       const org = await startOrg({ pollRefreshMs: 200, minPollIntervalMs: 50 });
       console.log(JSON.stringify({ origin: org.origin, issuer: org.issuer }));`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  // However this process ends, the org ends with it.
  const stop = () => child.kill();
  process.once('exit', stop);
  const line = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the local org did not start within ${ORG_START_MS / 1000} s`)), ORG_START_MS);
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, nl));
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the local org exited (${signal ?? `code ${code}`}) before it started`));
    });
  }).catch((error) => {
    child.kill();
    throw error;
  });
  return { ...JSON.parse(line), child };
}

/**
 * fetch(), its body read as text, within `ms`. The timer is cleared when the call ends: AbortSignal.timeout() would
 * keep every finished call in this process's heap, which the benches measure, for its whole budget.
 * @returns {Promise<{ status: number, headers: Headers, text: string }>}
 */
export async function request(url, init = {}, ms = REQUEST_MS) {
  const controller = new AbortController();
  const what = `${init.method ?? 'GET'} ${url}`;
  const timer = setTimeout(() => controller.abort(new Error(`no answer to ${what} within ${ms / 1000} s`)), ms);
  try {
    const res = await fetch(url, { ...init, signal: controller.signal });
    return { status: res.status, headers: res.headers, text: await res.text() };
  } catch (error) {
    throw controller.signal.aborted ? controller.signal.reason : new Error(`${what}: ${error.cause?.message ?? error.message}`);
  } finally {
    clearTimeout(timer);
  }
}

/** request() of a JSON reply: its status, headers and parsed body. */
export async function requestJson(url, init, ms) {
  const reply = await request(url, init, ms);
  try {
    return { ...reply, body: JSON.parse(reply.text) };
  } catch {
    throw new Error(`${init?.method ?? 'GET'} ${url}: ${reply.status}, not JSON: ${reply.text.slice(0, 200)}`);
  }
}

/** Serves `backend` at /auth on 127.0.0.1; resolves with its base URL and a close(). */
export async function serveBackend(backend) {
  const server = createServer((req, res) => {
    if (!req.url.startsWith('/auth/')) {
      res.statusCode = 404;
      res.end();
      return;
    }
    req.url = req.url.slice('/auth'.length);
    backend(req, res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${server.address().port}/auth`,
    close() {
      server.closeAllConnections();
      server.close();
    },
  };
}

export async function pool(n, limit, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, n) }, async () => {
    while (next < n) await fn(next++);
  });
  await Promise.all(workers);
}

export const pct = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

// Collected a few times with a pause between: sockets and fetch bodies are released in later ticks, and a single
// collection right after a round measures garbage that is merely not yet collectable.
export const heapMb = async () => {
  for (let i = 0; i < 3; i++) {
    global.gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  global.gc();
  return process.memoryUsage().heapUsed / 1048576;
};

export const rssMb = () => process.memoryUsage().rss / 1048576;

/**
 * The reference backend on the org's web app with its sessions in memory, behind a trusted proxy (the benches send
 * `X-Forwarded-For`), served on 127.0.0.1. Errors are logged; warnings (every failed login) are not.
 */
export async function serveBenchBackend(org, sessionSecret) {
  const store = new MemorySessionStore();
  const backend = createBackend({
    issuer: org.issuer,
    clientId: 'local-web',
    clientSecret: 'local-web-secret',
    redirectUri: 'http://localhost:3999/login/callback',
    sessionSecret,
    sessionStore: store,
    trustProxy: true,
    logger: { warn() {}, error: (line) => console.error(line) },
  });
  return { store, server: await serveBackend(backend) };
}
