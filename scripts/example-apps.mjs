// The server-side example apps (demo/frameworks/next, demo/frameworks/express) made as a person makes them from the
// docs: the example's own files copied into a fresh folder, then `npm install` of exactly what docs/frameworks.md
// ("The example apps") tells them to install, our packages from their tarballs, the rest at the versions this
// repository pins. For `npm run test:examples`, and alone to try one:
//
//   npm run build && node scripts/example-apps.mjs next ../next-example
import { cpSync, existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT, installApp, packAll, pinned } from './packages.mjs';

/**
 * Each app: what a person installs (`packages`: ours by name, stood in for by their tarballs; `registry`: the
 * framework's own, pinned), and the build it needs before it runs, if any. The docs name the same commands
 * (test/node/example-apps.test.mjs holds them together).
 */
export const EXAMPLE_APPS = {
  next: {
    // The elements by name too, the React package's peer: from the registry npm would bring the published version.
    packages: ['okta-signin-elements', 'okta-signin-elements-react', 'okta-signin-elements-server'],
    registry: ['next', 'react', 'react-dom', 'typescript', '@types/react', '@types/node'],
    build: ['node_modules/next/dist/bin/next', 'build'],
  },
  express: {
    packages: ['okta-signin-elements', 'okta-signin-elements-server'],
    registry: ['express'],
  },
};

/** The command the docs give for an app: `npm install` with the packages' names. */
export const installCommand = (name) => `npm install ${[...EXAMPLE_APPS[name].packages, ...EXAMPLE_APPS[name].registry].join(' ')}`;

// What building or installing leaves in the example's folder, if anyone ran it there: never part of the app.
const GENERATED = new Set(['node_modules', '.next', 'dist', 'next-env.d.ts', 'package.json', 'package-lock.json']);

/**
 * Creates the example `name` in `dir`, installing `tarballs` (from `packAll`) for our packages. Returns what
 * `installApp` measured.
 */
export function createExampleApp(name, dir, tarballs) {
  const app = EXAMPLE_APPS[name];
  cpSync(join(ROOT, 'demo/frameworks', name), dir, { recursive: true, filter: (source) => !GENERATED.has(basename(source)) });
  return installApp(dir, [...app.packages.map((pkg) => tarballs[pkg]), ...app.registry.map(pinned)]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [name, target] = process.argv.slice(2);
  if (!EXAMPLE_APPS[name] || !target) {
    console.error(`usage: node scripts/example-apps.mjs <${Object.keys(EXAMPLE_APPS).join('|')}> <new folder>`);
    process.exit(2);
  }
  const dir = resolve(target);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    console.error(`${dir} is not empty`);
    process.exit(2);
  }
  // The tarballs stay in the app (its package.json points at them), so that a later `npm install` there finds them.
  const { seconds } = createExampleApp(name, dir, packAll(join(dir, 'tarballs')));
  console.log(`${name}: installed in ${dir} (${seconds.toFixed(1)} s)`);
}
