// The public API in the generated custom-elements.json is the one the README documents, and the other way round.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const root = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('custom-elements.json', root), 'utf8'));
const readme = readFileSync(new URL('README.md', root), 'utf8');

const elements = manifest.modules
  .flatMap((m) => m.declarations ?? [])
  .filter((d) => d.customElement)
  .sort((a, b) => a.tagName.localeCompare(b.tagName));

test('the manifest describes the three elements', () => {
  assert.deepEqual(
    elements.map((e) => e.tagName),
    ['authenticator-picker', 'okta-signin', 'okta-verify-poller'],
  );
});

for (const element of elements) {
  test(`<${element.tagName}>: every attribute, event, part and custom property is in the README`, () => {
    const names = [
      ...(element.attributes ?? []).map((a) => a.name),
      ...(element.events ?? []).map((e) => e.name),
      ...(element.cssParts ?? []).map((p) => p.name),
      ...(element.cssProperties ?? []).map((p) => p.name),
    ];
    assert.ok(names.length > 3, 'the manifest lists the API');
    const missing = names.filter((name) => !readme.includes(`\`${name}\``) && !readme.includes(`${name}"`) && !readme.includes(`~=${name}]`));
    assert.deepEqual(missing, [], `documented in the manifest, missing from the README`);
  });
}

test('every event in the event tables of the README is in the manifest', () => {
  const inManifest = new Set(elements.flatMap((e) => (e.events ?? []).map((ev) => ev.name)));
  const inTables = [...readme.matchAll(/^\| `(okta-[a-z-]+)` \|/gm)].map((m) => m[1]);
  assert.ok(inTables.includes('okta-success'), 'the README has event tables');
  assert.deepEqual(inTables.filter((n) => !inManifest.has(n)), []);
});
