// What `npm run build` ships: one script-tag file with Lit inside and okta-auth-js only behind a dynamic import,
// and ES modules with type declarations that leave Lit and okta-auth-js to the app's bundler.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';

const dist = new URL('../../dist/', import.meta.url);
const read = (path) => readFileSync(new URL(path, dist), 'utf8');
const entry = read('cdn/okta-signin-elements.min.js');

// The entry's dynamic imports are written __oseImport("./…"): resolved against the script's own URL.
const DYN = String.raw`__oseImport\(["']`;

test('the script-tag file stands alone and is a classic script too: no import or export statement', () => {
  assert.doesNotThrow(() => new Function(entry), 'parses as a classic script');
  const staticImports = entry.match(/(?:^|[;}\s])(?:import|export)\s*(?:\{[^}]*\}|\*(?:\s*as\s*\w+)?|\w+)?\s*(?:from\s*)?["']\.{1,2}\/[^"']+["']/g);
  assert.equal(staticImports, null, `static imports: ${staticImports}`);
});

test('the script-tag file holds Lit and registers the three elements', () => {
  assert.match(entry, /litHtmlVersions/, 'Lit is inside');
  for (const tag of ['okta-signin', 'authenticator-picker', 'okta-verify-poller']) assert.ok(entry.includes(`"${tag}"`), tag);
});

test('the script-tag file that paints the form is at most 15 KB gzip -9; the flow and the later steps\' English load beside it', () => {
  const size = gzipSync(entry, { level: 9 }).length;
  assert.ok(size <= 15 * 1024, `${size} bytes`);
  // The flow core (its message when the poller's code fails to load) and a later step's sentence are elsewhere.
  assert.ok(!entry.includes('poller did not load'), 'no flow core');
  assert.ok(!entry.includes('Send again'), 'no English of the later steps');
  const dynamic = [...entry.matchAll(new RegExp(`${DYN}(\\./chunks/[^"']+)["']`, 'g'))].map((m) => m[1]);
  const flow = dynamic.find((path) => /\/flow-[\w-]+\.js$/.test(path));
  assert.ok(flow && read(`cdn/${flow}`).includes('poller did not load'), 'the flow in a chunk the entry imports on demand');
});

test('okta-auth-js is only behind a dynamic import', () => {
  assert.ok(!entry.includes('interaction_handle'), 'no okta-auth-js code in the script-tag file');
  const dynamic = [...entry.matchAll(new RegExp(`${DYN}(\\./[^"']+)["']`, 'g'))].map((m) => m[1]);
  assert.ok(dynamic.includes('./okta-signin-elements.idx.min.js'), 'IDX mode is a dynamic import of its own file');
  const reachable = new Set();
  const visit = (path) => {
    if (reachable.has(path)) return;
    reachable.add(path);
    const code = read(`cdn/${path}`);
    for (const m of code.matchAll(/["'](\.\/[^"']+\.js)["']/g)) visit(new URL(m[1], new URL(path, 'file:///x/')).pathname.slice(3));
  };
  dynamic.forEach(visit);
  assert.ok([...reachable].some((path) => read(`cdn/${path}`).includes('interaction_handle')), 'okta-auth-js in a lazy chunk');
});

test('IDX mode is one download: its file holds the transport and okta-auth-js and imports only the flow core', () => {
  const idx = read('cdn/okta-signin-elements.idx.min.js');
  assert.ok(idx.includes('interaction_handle'), 'okta-auth-js inside');
  const imports = [...idx.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:\{[^}]*\}|\*(?:\s*as\s*\w+)?|\w+)?\s*(?:from\s*)?["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]);
  // The flow core, which the element fetches as it starts in either mode: no request of its own.
  assert.deepEqual(imports.map((path) => path.replace(/-[\w-]+\.js$/, '')), ['./chunks/flow']);
  // What it shares with the script-tag file it reads from the object that file leaves on the global.
  assert.ok(idx.startsWith('const{'), 'shared bindings first');
  assert.ok(idx.includes('globalThis[Symbol.for("okta-signin-elements")]'));
});

test('no chunk imports the script-tag file, which would run it a second time as a module', async () => {
  const { readdirSync } = await import('node:fs');
  const files = readdirSync(new URL('cdn/', dist), { recursive: true }).filter((f) => String(f).endsWith('.js'));
  for (const file of files) assert.ok(!read(`cdn/${file}`).includes('okta-signin-elements.min.js"'), `${file} imports the entry`);
});

test('the views after the sign-in form are a lazy chunk of their own, not in the script-tag file', () => {
  const steps = [...entry.matchAll(new RegExp(`${DYN}(\\./chunks/steps-[^"']+)["']`, 'g'))].map((m) => m[1]);
  assert.equal(steps.length, 1, 'one dynamic import of the step views');
  const chunk = read(`cdn/${steps[0]}`);
  // The part names of the QR code and the number challenge exist only in those views.
  for (const part of ['part="qr"', 'part="number"', 'part="other-way"']) {
    assert.ok(chunk.includes(part), `${part} in the chunk`);
    assert.ok(!entry.includes(part), `${part} not in the script-tag file`);
  }
});

test('<authenticator-picker> and <okta-verify-poller> are chunks of their own, loaded when used', () => {
  const lazy = [...entry.matchAll(new RegExp(`${DYN}(\\./chunks/[^"']+)["']`, 'g'))].map((m) => m[1]);
  const chunk = (name) => lazy.find((path) => path.startsWith(`./chunks/${name}-`));
  for (const [name, marker] of [
    ['authenticator-picker', 'radiogroup'],
    ['okta-verify-poller', 'spinner'],
  ]) {
    assert.ok(chunk(name), `${name} is a dynamic import of the script-tag file`);
    assert.ok(read(`cdn/${chunk(name)}`).includes(marker), `${name}'s template is in its chunk`);
    assert.ok(!entry.includes(marker), `${name}'s template is not in the script-tag file`);
  }
});

test('the server package loads in Node without a DOM and maps a transaction', async () => {
  const server = await import('okta-signin-elements-server');
  const state = server.stateOf({ status: 'PENDING', neededToProceed: [{ name: 'identify', value: [] }] });
  assert.deepEqual(state, { status: 'Idle' });
  assert.deepEqual([...server.ENROLLMENT_CHANNELS], ['qrcode', 'email', 'sms']);
});

test('the ES modules load each language from the script-tag folder: one copy of each in the package', () => {
  const loader = read('elements/shared/i18n-load.js');
  const imported = [...loader.matchAll(/import\('([^']+)'\)/g)].map((m) => m[1]);
  assert.equal(imported.length, 30);
  for (const path of imported) {
    assert.match(path, /^\.\.\/\.\.\/cdn\/chunks\/i18n\/[\w-]+\.js$/);
    assert.ok(existsSync(new URL(path, new URL('elements/shared/', dist))), path);
  }
  assert.ok(!existsSync(new URL('elements/shared/i18n/', dist)), 'no second copy');
});

test('the ES modules come with type declarations and import Lit and okta-auth-js by name', () => {
  assert.ok(existsSync(new URL('index.d.ts', dist)));
  assert.ok(existsSync(new URL('core/index.d.ts', dist)));
  assert.match(read('elements/okta-signin/okta-signin.js'), /from 'lit'/);
  assert.match(read('index.d.ts'), /OktaSignin/);
  assert.ok(!existsSync(new URL('node_modules', dist)), 'no dependency copied into dist');
});
