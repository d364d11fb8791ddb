// `npm run test:examples`: the framework examples under demo/frameworks/ as their developers would check them, each
// importing the package by its name (resolved to this repository's dist/: run `npm run build` first):
// - react, vue: type-checked (tsc for React, vue-tsc for Vue's templates too), then built with Vite into
//   demo/frameworks/<name>/dist, which the browser tests serve under /examples/<name>/ and sign in through;
// - next: built with `next build` (Turbopack, which type-checks it too) into demo/frameworks/next/.next;
// then test/examples/ runs the server-side apps (next start, and the Express app) against the local org in Chromium.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const vite = (name) => [bin('vite'), 'build', '--logLevel', 'warn', `demo/frameworks/${name}`];
const STEPS = [
  ['react', [bin('tsc'), '-p', 'demo/frameworks/react/tsconfig.json']],
  ['react', vite('react')],
  ['vue', [bin('vue-tsc'), '-p', 'demo/frameworks/vue/tsconfig.json']],
  ['vue', vite('vue')],
  ['next', [bin('next'), 'build', 'demo/frameworks/next']],
  ['server apps', [process.execPath, '--test', '--test-concurrency=1', 'test/examples/']],
];

for (const [name, [command, ...args]] of STEPS) {
  console.log(`${name}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
  console.log(`${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
