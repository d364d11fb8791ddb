// `npm run check:package`: checks the tarball `npm publish` would upload for each package, built from the current
// build (run `npm run build` first; packing here skips prepack so that nothing is built twice).
// - each tarball holds its package's build, README and LICENSE, and no sources, tests, demo or source maps (those
//   are in the archive of `npm run pack:maps`, which this packs too, to check that it maps every shipped file);
// - the elements' tarball stays under its size budget and brings no server code;
// - publint: package.json's fields and "exports" agree with the files and their module format;
// - attw (Are the Types Wrong?): TypeScript finds the right declarations for every entry point. The packages are
//   ESM only ("type": "module", no "require" condition), so the esm-only profile leaves out the CommonJS and
//   node10 resolutions, where an ESM-only package cannot resolve by design.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGES, ROOT, kb, pack } from './packages.mjs';
import { packMaps } from './pack-maps.mjs';

// The elements' tarball, unpacked, is about 1.1 MB: the script-tag folder (about 655 KB, 419 KB of it the 30
// languages, which the ES modules load from there too), the ES modules (about 320 KB) and their declarations, the
// manifest and the README (docs/sizes.md). The budget catches source maps or a whole-tree manifest coming back.
const ELEMENTS_BUDGET = 1.25 * 1024 * 1024;

const REQUIRED = {
  'okta-signin-elements': [
    'package.json',
    'LICENSE',
    'README.md',
    'custom-elements.json',
    'dist/index.js',
    'dist/index.d.ts',
    'dist/okta-signin.js',
    'dist/okta-signin.d.ts',
    'dist/authenticator-picker.js',
    'dist/authenticator-picker.d.ts',
    'dist/okta-verify-poller.js',
    'dist/okta-verify-poller.d.ts',
    'dist/core/index.js',
    'dist/core/index.d.ts',
    'dist/cdn/okta-signin-elements.min.js',
    'dist/cdn/okta-signin-elements.idx.min.js',
    'dist/cdn/chunks/i18n/de.js',
  ],
  'okta-signin-elements-server': ['package.json', 'LICENSE', 'README.md', 'dist/server/index.js', 'dist/server/index.d.ts', 'dist/server/redis.js', 'dist/server/redis.d.ts'],
  'okta-signin-elements-react': ['package.json', 'LICENSE', 'README.md', 'dist/react/index.js', 'dist/react/index.d.ts'],
};

const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const problems = [];
const dir = mkdtempSync(join(tmpdir(), 'okta-signin-elements-pack-'));
try {
  for (const pkg of PACKAGES) {
    const { tarball, files, size, unpackedSize } = pack(pkg, dir);
    const paths = files.map((f) => f.path);
    const missing = REQUIRED[pkg.name].filter((p) => !paths.includes(p));
    const unwanted = paths.filter((p) => /^(src|test|demo|scripts|packages|node_modules)\//.test(p) || /\.(map|tsbuildinfo)$/.test(p));
    if (missing.length) problems.push(`${pkg.name}: missing ${missing.join(', ')} (run npm run build first)`);
    if (unwanted.length) problems.push(`${pkg.name}: not meant for the package: ${unwanted.join(', ')}`);
    if (pkg.name === 'okta-signin-elements') {
      const server = paths.filter((p) => /^dist\/(server|react)\//.test(p));
      if (server.length) problems.push(`${pkg.name}: holds the other packages' code: ${server.join(', ')}`);
      const { dependencies = {} } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
      if (Object.keys(dependencies).join() !== 'lit') problems.push(`${pkg.name}: depends on more than lit: ${Object.keys(dependencies)}`);
      if (unpackedSize > ELEMENTS_BUDGET) problems.push(`${pkg.name}: ${kb(unpackedSize)} unpacked, over its ${kb(ELEMENTS_BUDGET)} budget`);
      const { files: maps } = packMaps(dir);
      const unmapped = paths.filter((p) => /^dist\/cdn\/.*\.js$/.test(p) && !maps.includes(`${p}.map`));
      if (unmapped.length) problems.push(`the source maps archive misses the maps of ${unmapped.join(', ')}`);
    }
    console.log(`${pkg.name}: ${paths.length} files, ${kb(size)} packed, ${kb(unpackedSize)} unpacked`);
    run(bin('publint'), ['--strict', pkg.dir]);
    run(bin('attw'), [tarball, '--profile', 'esm-only']);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (problems.length) {
  for (const p of problems) console.error(p);
  process.exit(1);
}
