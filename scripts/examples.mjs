// `npm run test:examples`: the framework examples under demo/frameworks/ as their developers would check them, each
// importing the package by its name (resolved to this repository's dist/: run `npm run build` first):
// type-checked (tsc for React, vue-tsc for Vue's templates too), then built with Vite into demo/frameworks/<name>/dist,
// which the browser tests serve under /examples/<name>/ and sign in through.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const EXAMPLES = [
  { name: 'react', check: [bin('tsc'), '-p', 'demo/frameworks/react/tsconfig.json'] },
  { name: 'vue', check: [bin('vue-tsc'), '-p', 'demo/frameworks/vue/tsconfig.json'] },
];

for (const { name, check } of EXAMPLES) {
  for (const [command, ...args] of [check, [bin('vite'), 'build', '--logLevel', 'warn', `demo/frameworks/${name}`]]) {
    console.log(`${name}: ${[command, ...args].join(' ')}`);
    const result = spawnSync(command, args, { stdio: 'inherit' });
    if (result.error) throw result.error;
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
