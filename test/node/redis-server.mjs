// A throwaway redis-server for tests: a free port, no persistence, killed at the end. Where /usr/bin/redis-server
// (or REDIS_SERVER) is missing the tests that need it are skipped with a message, except in CI (CI=true), where
// they fail: .ci/run installs it and sets REQUIRE_REDIS.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createClient } from 'redis';
import { freePort } from '../support/servers.mjs';

export const REDIS_BINARY = process.env.REDIS_SERVER || '/usr/bin/redis-server';

/** Why the Redis tests cannot run here, or undefined when they can. Throws in CI. */
export function redisUnavailable() {
  if (existsSync(REDIS_BINARY)) return undefined;
  const why = `${REDIS_BINARY} is missing: install redis-server (apt-get install redis-server) to run the Redis tests`;
  if (process.env.CI || process.env.REQUIRE_REDIS) throw new Error(`${why}; in CI it must run`);
  return why;
}

export async function startRedis() {
  const port = await freePort();
  const child = spawn(REDIS_BINARY, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (/ready to accept connections/i.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code}: ${output}`));
    });
  });
  const url = `redis://127.0.0.1:${port}`;
  const clients = [];
  return {
    url,
    port,
    /** A new connected node-redis client (closed with the server). */
    async client() {
      const client = createClient({ url });
      client.on('error', () => {});
      await client.connect();
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) await client.quit().catch(() => client.destroy?.());
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', resolve)));
    },
  };
}
