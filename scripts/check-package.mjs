// `npm run check:package`: checks the tarball `npm publish` would upload, built from the current dist/ (run
// `npm run build` first; packing here skips prepack so the package is not built twice).
// - the tarball holds dist/ (ES modules with .d.ts and source maps, dist/cdn/) and custom-elements.json, and no
//   sources, tests or demo;
// - publint: package.json's fields and "exports" agree with the files and their module format;
// - attw (Are the Types Wrong?): TypeScript finds the right declarations for every entry point. The package is
//   ESM only ("type": "module", no "require" condition), so the esm-only profile leaves out the CommonJS and
//   node10 resolutions, where an ESM-only package cannot resolve by design.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = (name) => join('node_modules', '.bin', name);
const run = (command, args, options = {}) => {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result;
};

const dir = mkdtempSync(join(tmpdir(), 'okta-signin-elements-pack-'));
try {
  const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (packed.status !== 0) process.exit(packed.status ?? 1);
  const [{ filename, files }] = JSON.parse(packed.stdout);
  const paths = files.map((f) => f.path);

  const required = [
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
  ];
  const missing = required.filter((p) => !paths.includes(p));
  const unwanted = paths.filter((p) => /^(src|test|demo|scripts|node_modules)\//.test(p) || p.endsWith('.tsbuildinfo'));
  if (missing.length || unwanted.length) {
    if (missing.length) console.error(`missing from the package: ${missing.join(', ')} (run npm run build first)`);
    if (unwanted.length) console.error(`not meant for the package: ${unwanted.join(', ')}`);
    process.exit(1);
  }
  console.log(`${filename}: ${paths.length} files, dist/ and custom-elements.json included`);

  const publint = run(bin('publint'), ['--strict']);
  if (publint.status !== 0) process.exit(publint.status ?? 1);
  const attw = run(bin('attw'), [join(dir, filename), '--profile', 'esm-only']);
  if (attw.status !== 0) process.exit(attw.status ?? 1);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
