// A throwaway redis-server for tests: a free port, killed at the end. Where /usr/bin/redis-server (or REDIS_SERVER)
// is missing the tests that need it are skipped with a message, except in CI (CI=true), where they fail: .ci/run
// installs it and sets REQUIRE_REDIS. No persistence, unless `persist` (an append-only file in a temporary
// directory, written on every command), so that a Redis killed and started again on the same port has its data.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

async function spawnRedis(args) {
  const child = spawn(REDIS_BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
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
  return child;
}

const exited = (child) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', resolve)));

/** @param {{ persist?: boolean }} [options] */
export async function startRedis({ persist = false } = {}) {
  const port = await freePort();
  const dir = persist ? mkdtempSync(join(tmpdir(), 'okta-signin-redis-')) : undefined;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', ''];
  args.push(...(dir ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir] : ['--appendonly', 'no']));
  let child = await spawnRedis(args);
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
    /** Kills the server at once (SIGKILL): no shutdown, connections dropped. */
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    /** Starts it again on the same port (with its data, when `persist`). */
    async restart() {
      child = await spawnRedis(args);
    },
    /** Freezes it (SIGSTOP): connections stay open, nothing is answered until `resume`. */
    pause() {
      child.kill('SIGSTOP');
    },
    resume() {
      child.kill('SIGCONT');
    },
    async stop() {
      child.kill('SIGCONT');
      for (const client of clients) await client.quit().catch(() => client.destroy?.());
      child.kill('SIGTERM');
      await exited(child);
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
