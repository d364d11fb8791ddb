// `npm run bench` (after `npm run build`): the packed and unpacked size of each package's tarball (`npm pack`) and
// what the elements' package is made of, then
// what each mode of the script-tag bundle downloads, gzip-compressed.
// The sign-in form is painted by the script-tag file and its static imports (the 15 KB budget). While the user
// types, the element fetches the flow's file and its transport's: the backend transport's chunk, or in IDX mode its
// own file (okta-signin-elements.idx.min.js); with their static imports that is what each mode needs to send the
// password. The rest loads when used: the later sign-in steps, <authenticator-picker>, <okta-verify-poller>, each
// language, the token manager.
// Then times sign-in in Chromium on an emulated network, against the plain-form floor and the Sign-In Widget
// (scripts/bench/browser.mjs), then the backend under load (scripts/bench/load.mjs) and the memory that failed logins
// from many addresses leave behind (scripts/bench/failed-logins.mjs).
import { rollup } from 'rollup';
import { gzipSync } from 'node:zlib';
import configs from '../rollup.config.mjs';
import { PACKAGES, kb, pack } from './packages.mjs';

console.log('package (npm pack)                  packed   unpacked  files');
const reports = new Map();
for (const pkg of PACKAGES) {
  const report = pack(pkg);
  reports.set(pkg.name, report);
  const { size, unpackedSize, entryCount } = report;
  console.log(`  ${pkg.name.padEnd(32)} ${kb(size).padStart(9)} ${kb(unpackedSize).padStart(10)} ${String(entryCount).padStart(6)}`);
}

// What the elements' package holds, unpacked: each file in the first part its path matches.
const PARTS = [
  ['the languages (dist/cdn/chunks/i18n/)', (f) => f.startsWith('dist/cdn/chunks/i18n/')],
  ['the rest of the script-tag folder (dist/cdn/)', (f) => f.startsWith('dist/cdn/')],
  ['declarations (.d.ts)', (f) => f.endsWith('.d.ts')],
  ['ES modules for bundlers (dist/)', (f) => f.startsWith('dist/')],
  ['custom-elements.json, README, license, package.json', () => true],
];
console.log('okta-signin-elements, unpacked');
const sums = PARTS.map(() => 0);
for (const { path, size } of reports.get('okta-signin-elements').files) sums[PARTS.findIndex(([, test]) => test(path))] += size;
PARTS.forEach(([what], i) => console.log(`  ${what.padEnd(52)} ${kb(sums[i]).padStart(10)}`));

const TARGET_BACKEND = 15 * 1024;
const TARGET_IDX = 60 * 1024;

const cdn = configs.find((c) => c.output.dir === 'dist/cdn');
const bundle = await rollup(cdn);
const { output } = await bundle.write(cdn.output);
await bundle.close();

const chunks = new Map(output.filter((o) => o.type === 'chunk').map((c) => [c.fileName, c]));
const gz = (name) => gzipSync(chunks.get(name).code, { level: 9 }).length;

function closure(start, follow) {
  const seen = new Set();
  const visit = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const next of follow(chunks.get(name))) visit(next);
  };
  visit(start);
  return seen;
}

const ENTRY = 'okta-signin-elements.min.js';
const IDX_FILE = 'okta-signin-elements.idx.min.js';
const named = (name) => [...chunks.values()].find((c) => c.name === name).fileName;
const statics = (...starts) => new Set(starts.flatMap((s) => [...closure(s, (c) => c.imports)]));
const paintFiles = statics(ENTRY);
const flowFile = named('flow');
const backendFiles = statics(ENTRY, flowFile, named('transport'));
const idxFiles = statics(ENTRY, flowFile, IDX_FILE);
const sum = (files) => [...files].reduce((n, f) => n + gz(f), 0);
const paint = sum(paintFiles);
const backend = sum(backendFiles);
const idx = sum(idxFiles);

const signIn = new Set([...backendFiles, ...idxFiles]);
console.log('file (gzip -9)');
for (const name of signIn) console.log(`  ${name.padEnd(48)} ${kb(gz(name)).padStart(9)}`);
console.log('on demand');
for (const name of [...chunks.keys()].filter((n) => !signIn.has(n)).sort()) {
  console.log(`  ${name.padEnd(48)} ${kb(gz(name)).padStart(9)}`);
}
console.log(`the form painted (script-tag file + static imports): ${kb(paint)}  target ${kb(TARGET_BACKEND)}  ${paint <= TARGET_BACKEND ? 'ok' : 'OVER'}`);
console.log(`backend mode, to send the password (+ flow, transport): ${kb(backend)}`);
console.log(`IDX mode total (+ flow, IDX file with okta-auth-js):    ${kb(idx)}  target ${kb(TARGET_IDX)}  ${idx <= TARGET_IDX ? 'ok' : 'OVER'}`);
console.log(`ratio IDX / backend: ${(idx / backend).toFixed(2)}`);


const { runBrowserBench } = await import('./bench/browser.mjs');
const failed = [];
if ((await runBrowserBench()) !== 0) failed.push('sign-in in the browser');
// Then the load figures, each in a process of its own: concurrent sign-ins, and memory under failed logins from many
// addresses. Each normally takes under a minute; the bound stops one that hangs.
const { spawnSync } = await import('node:child_process');
const SCRIPT_MINUTES = 10;
for (const script of ['load.mjs', 'failed-logins.mjs']) {
  const run = spawnSync(process.execPath, ['--expose-gc', new URL(`./bench/${script}`, import.meta.url).pathname], {
    stdio: 'inherit',
    timeout: SCRIPT_MINUTES * 60_000,
  });
  if (run.status === 0) continue;
  const why = run.error?.code === 'ETIMEDOUT' ? `stopped after ${SCRIPT_MINUTES} minutes` : run.error ? run.error.message : `exit ${run.signal ?? run.status}`;
  failed.push(`scripts/bench/${script} (${why})`);
}
if (failed.length) {
  console.error(`\nbench: failed: ${failed.join('; ')}`);
  process.exitCode = 1;
}
