// `npm run test:examples`: the framework examples under demo/frameworks/ as their developers would check them (run
// `npm run build` first):
// - react, vue: type-checked (tsc for React, vue-tsc for Vue's templates too), then built with Vite into
//   demo/frameworks/<name>/dist, importing the package by its name (this repository's dist/), which the browser
//   tests serve under /examples/<name>/ and sign in through;
// - next, express: the three packages packed once, then each app made afresh in a temporary folder from its own
//   files and the docs' `npm install` (example-apps.mjs), the Next.js one built there with `next build` (Turbopack,
//   which type-checks it too); then test/examples/ runs both (next start, the Express server) against the local org
//   in Chromium, told where they are by EXAMPLE_APPS_DIR. The folder is removed afterwards, on failure too.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_APPS, createExampleApp } from './example-apps.mjs';
import { outsideEnv, packAll } from './packages.mjs';

const bin = (name) => join('node_modules', '.bin', name);
const vite = (name) => [bin('vite'), 'build', '--logLevel', 'warn', `demo/frameworks/${name}`];
const seconds = (started) => `${((Date.now() - started) / 1000).toFixed(1)} s`;

/** Runs a step to completion, its output shown; throws when it fails. */
function run(name, [command, ...args], options = {}) {
  console.log(`${name}: ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', ...options, env: { ...(options.env ?? process.env), NEXT_TELEMETRY_DISABLED: '1' } });
  if (result.error) throw result.error;
  if (result.status !== 0) throw Object.assign(new Error(`${name} failed`), { exitCode: result.status ?? 1 });
  console.log(`${name}: done in ${seconds(started)}`);
}

const work = mkdtempSync(join(tmpdir(), 'okta-signin-elements-examples-'));
const cleanUp = () => rmSync(work, { recursive: true, force: true });
// Interrupted (Ctrl-C, a CI job's SIGTERM), the folder goes too: the running step, in the same process group, gets the
// signal as well, and this handler runs once that step has ended.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    cleanUp();
    process.exit(128 + { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 }[signal]);
  });
}

try {
  run('react', [bin('tsc'), '-p', 'demo/frameworks/react/tsconfig.json']);
  run('react', vite('react'));
  run('vue', [bin('vue-tsc'), '-p', 'demo/frameworks/vue/tsconfig.json']);
  run('vue', vite('vue'));

  const started = Date.now();
  const tarballs = packAll(work);
  console.log(`packed ${Object.keys(tarballs).join(', ')} in ${seconds(started)}`);
  for (const name of Object.keys(EXAMPLE_APPS)) {
    const { dir, seconds: took, fetched } = createExampleApp(name, join(work, name), tarballs);
    console.log(`${name}: installed from the tarballs in ${dir} in ${took.toFixed(1)} s; ${fetched.length} request${fetched.length === 1 ? '' : 's'} went past npm's cache`);
    for (const line of fetched) console.log(`  ${line}`);
    const { build } = EXAMPLE_APPS[name];
    if (!build) continue;
    const manifest = join(dir, 'package.json');
    const before = readFileSync(manifest, 'utf8');
    run(`${name} build`, [process.execPath, ...build], { cwd: dir, env: outsideEnv() });
    // A build that installs what it misses (as `next build` may for TypeScript) would hide a step the docs lack.
    if (readFileSync(manifest, 'utf8') !== before) throw new Error(`${name}: the build changed package.json, the docs' install misses something:\n${readFileSync(manifest, 'utf8')}`);
  }
  run('server apps', [process.execPath, '--test', '--test-concurrency=1', 'test/examples/'], { env: { ...process.env, EXAMPLE_APPS_DIR: work } });
} catch (error) {
  if (!error.exitCode) console.error(error);
  process.exitCode = error.exitCode ?? 1;
} finally {
  cleanUp();
}
