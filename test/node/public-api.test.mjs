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

test('the manifest lists only public members and gives every event its detail type', () => {
  const events = readFileSync(new URL('src/elements/shared/events.ts', root), 'utf8');
  for (const element of elements) {
    for (const member of element.members ?? []) assert.ok(!member.privacy || member.privacy === 'public', `${element.tagName}.${member.name}`);
    for (const event of element.events ?? []) {
      const detail = /^CustomEvent<(\w+)>$/.exec(event.type?.text ?? '')?.[1];
      assert.ok(detail, `${element.tagName} ${event.name}: ${event.type?.text}`);
      assert.match(events, new RegExp(`'${event.name}': ${detail};`), `${event.name} carries ${detail}`);
    }
  }
});

test("every part an element's templates use is in its manifest entry", () => {
  const sources = {
    'okta-signin': ['src/elements/okta-signin/okta-signin.ts', ...['challenge', 'credentials', 'enrollment', 'outcome', 'password', 'picker', 'poller'].map((v) => `src/elements/okta-signin/views/${v}.ts`)],
    'authenticator-picker': ['src/elements/authenticator-picker/authenticator-picker.ts'],
    'okta-verify-poller': ['src/elements/okta-verify-poller/okta-verify-poller.ts'],
  };
  for (const element of elements) {
    const used = new Set(
      sources[element.tagName].flatMap((path) =>
        [...readFileSync(new URL(path, root), 'utf8').matchAll(/\spart="([^"$]+)"/g)].flatMap((m) => m[1].split(/\s+/)),
      ),
    );
    const listed = new Set((element.cssParts ?? []).map((p) => p.name));
    assert.deepEqual([...used].filter((p) => !listed.has(p)), [], `<${element.tagName}> parts missing from the manifest`);
  }
});
