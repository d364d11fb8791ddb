// The packages this repository publishes side by side (package.json "workspaces"), `npm pack` of each, and fresh
// apps that install the tarballs as npm users would, for check-package.mjs, bench.mjs, examples.mjs and
// test/node/packages.test.mjs. Packing skips the prepack script: it packs the current build (run `npm run build`
// first), so that nothing is built twice.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { basename, join, sep } from 'node:path';
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

/** The three tarballs packed into `destination`, by package name. */
export function packAll(destination) {
  mkdirSync(destination, { recursive: true });
  return Object.fromEntries(PACKAGES.map((pkg) => [pkg.name, pack(pkg, destination).tarball]));
}

const readLock = (dir) => JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
let rootLock;

/**
 * Every package a folder's lock file installed, as `[name, path]`: node_modules and its scopes, nested ones too.
 */
export const lockedPackages = (dir) =>
  Object.keys(readLock(dir).packages)
    .filter(Boolean)
    .map((path) => [path.slice(path.lastIndexOf('node_modules/') + 13), path]);

/**
 * `name@version` at the version this repository's lock file installed, so that npm's cache, filled by `npm ci`, has
 * its tarball.
 */
export function pinned(name) {
  rootLock ??= readLock(ROOT);
  const version = rootLock.packages[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`${name} is not in package-lock.json: add it to the root devDependencies`);
  return `${name}@${version}`;
}

/**
 * The environment for npm and the tools run in an app outside the repository: without what `npm run` exports about
 * this repository (its folder as the local prefix, its package.json and fields, a chosen workspace, the script), so
 * that nothing run there is pointed back at the repository.
 */
export function outsideEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const key of Object.keys(env)) {
    if (/^npm_(package_|lifecycle_|command$|config_(local_prefix|workspaces?|include_workspace_root)$)/i.test(key) || key === 'INIT_CWD') {
      delete env[key];
    }
  }
  return env;
}

/**
 * A fresh app in `dir`: a package.json with its name alone, then `npm install` of `installs` (tarball paths, registry
 * specs), offline first and with no install scripts. Returns how long the install took and npm's log lines of the
 * requests that went to the registry. Throws when npm fails or when one of this repository's packages resolves
 * anywhere but the app's own node_modules.
 */
export function installApp(dir, installs) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: basename(dir), private: true }, null, 2)}\n`);
  const args = ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=http', ...installs];
  const started = Date.now();
  const npm = spawnSync('npm', args, { cwd: dir, encoding: 'utf8', env: outsideEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  if (npm.error) throw npm.error;
  if (npm.status !== 0) throw new Error(`npm ${args.join(' ')} in ${dir} failed:\n${npm.stderr.replace(/^npm http .*\n/gm, '')}`);
  const seconds = (Date.now() - started) / 1000;
  const ours = new Set(PACKAGES.map((pkg) => pkg.name));
  for (const [, path] of lockedPackages(dir).filter(([name]) => ours.has(name))) {
    const real = realpathSync(join(dir, path));
    if (!real.startsWith(realpathSync(dir) + sep)) throw new Error(`${path} in ${dir} resolves to ${real}, outside the app`);
  }
  // npm logs each request with how its cache answered: a hit, or a stale entry that --prefer-offline takes as it is,
  // needed no network; a miss, a revalidation or a skip went to the registry.
  const fetched = npm.stderr.split('\n').filter((line) => /\bhttp fetch\b/.test(line) && !/\(cache (hit|stale)\)/.test(line));
  return { dir, seconds, fetched };
}

export const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
