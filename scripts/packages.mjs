// The packages this repository publishes side by side (package.json "workspaces"), and `npm pack` of each, for
// check-package.mjs, bench.mjs and test/node/packages.test.mjs. Packing skips the prepack script: it packs the
// current build (run `npm run build` first), so that nothing is built twice.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Each package: its folder (relative to the repository), its name, and what it is for. */
export const PACKAGES = [
  { dir: '.', name: 'okta-signin-elements', role: 'the elements: ES modules for bundlers and the script-tag files' },
  { dir: 'packages/server', name: 'okta-signin-elements-server', role: 'the backend contract for Node servers' },
  { dir: 'packages/react', name: 'okta-signin-elements-react', role: 'the elements as React components' },
];

/**
 * `npm pack` of one package: npm's report (`filename`, `size` packed, `unpackedSize`, `files`), and the tarball's
 * path when `destination` is given (a dry run otherwise).
 */
export function pack(pkg, destination) {
  const args = ['pack', '--ignore-scripts', '--json', ...(destination ? ['--pack-destination', destination] : ['--dry-run'])];
  if (pkg.dir !== '.') args.push('--workspace', pkg.dir);
  const run = spawnSync('npm', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${run.stderr}`);
  const [report] = JSON.parse(run.stdout);
  return destination ? { ...report, tarball: `${destination}/${report.filename}` } : report;
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
