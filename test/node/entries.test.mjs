// The per-element entries (okta-signin-elements/okta-signin, /authenticator-picker, /okta-verify-poller): each
// loads its own element's module and what it needs, not the others' (statically; <okta-signin> loads the picker and
// the poller with its later steps).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const dist = new URL('../../dist/', import.meta.url);
const ELEMENTS = ['okta-signin', 'authenticator-picker', 'okta-verify-poller'];

/** Every module of dist/ that `entry` imports statically, directly or not. */
function staticGraph(entry) {
  const seen = new Set();
  const visit = (url) => {
    if (seen.has(url.href)) return;
    seen.add(url.href);
    const code = readFileSync(url, 'utf8');
    for (const m of code.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.{1,2}\/[^']+)'|^import\s+'(\.{1,2}\/[^']+)'/gm)) {
      visit(new URL(m[1] ?? m[2], url));
    }
  };
  visit(new URL(entry, dist));
  return [...seen].map((href) => href.slice(dist.href.length));
}

for (const element of ELEMENTS) {
  test(`okta-signin-elements/${element} loads ${element} and no other element`, () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', dist), 'utf8'));
    assert.deepEqual(pkg.exports[`./${element}`], { types: `./dist/${element}.d.ts`, default: `./dist/${element}.js` });
    assert.ok(pkg.sideEffects.includes(`./dist/${element}.js`), 'marked as having side effects, so bundlers keep it');
    const graph = staticGraph(`${element}.js`);
    for (const other of ELEMENTS) {
      const file = `elements/${other}/${other}.js`;
      assert.equal(graph.includes(file), other === element, `${file} ${other === element ? 'loaded' : 'not loaded'}`);
    }
  });
}
