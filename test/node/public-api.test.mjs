// The public API in the generated custom-elements.json is described (docs/elements.md is written from it, see
// test/node/docs.test.mjs), and the events the guides list are the ones it has.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { docFiles, readDoc } from '../../scripts/doc-snippets.mjs';

const root = new URL('../../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('custom-elements.json', root), 'utf8'));
const docs = docFiles().map(readDoc).join('\n');

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
  test(`<${element.tagName}>: every attribute, property, method, event, slot, part and custom property has a description`, () => {
    const fields = new Map((element.members ?? []).map((m) => [m.name, m]));
    const entries = [
      ...(element.attributes ?? []).map((a) => [`attribute ${a.name}`, a.description ?? fields.get(a.fieldName)?.description]),
      ...(element.members ?? []).map((m) => [`${m.kind} ${m.name}`, m.description]),
      ...(element.events ?? []).map((e) => [`event ${e.name}`, e.description]),
      ...(element.slots ?? []).map((s) => [`slot ${s.name || '(default)'}`, s.description]),
      ...(element.cssParts ?? []).map((p) => [`part ${p.name}`, p.description]),
      ...(element.cssProperties ?? []).map((p) => [`custom property ${p.name}`, p.description]),
    ];
    assert.ok(entries.length > 3, 'the manifest lists the API');
    assert.ok(element.description, 'the element has a description');
    assert.deepEqual(entries.filter(([, description]) => !description?.trim()).map(([name]) => name), [], 'without a description');
  });
}

test('every event in the event tables of the documentation is in the manifest', () => {
  const inManifest = new Set(elements.flatMap((e) => (e.events ?? []).map((ev) => ev.name)));
  // The first cell of each row of a table whose first column is headed `event`.
  const inTables = [];
  let eventTable = false;
  for (const line of docs.split('\n')) {
    if (!line.startsWith('|')) eventTable = false;
    else if (/^\| event \|/.test(line)) eventTable = true;
    else if (eventTable) {
      const name = /^\| `([^`]+)` \|/.exec(line)?.[1];
      if (name) inTables.push(name);
    }
  }
  assert.ok(inTables.includes('okta-success'), 'the documentation has event tables');
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
