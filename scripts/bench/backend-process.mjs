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
  const line = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.on('exit', (code) => reject(new Error(`org exited with ${code}`)));
  });
  return { ...JSON.parse(line), child };
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
