// The server-side example apps install what the docs tell a person to install: the `npm install` command that
// scripts/example-apps.mjs runs for each (with tarballs for our packages) is the one docs/frameworks.md gives.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { EXAMPLE_APPS, installCommand } from '../../scripts/example-apps.mjs';

const page = readFileSync(new URL('../../docs/frameworks.md', import.meta.url), 'utf8');
const section = page.slice(page.indexOf('## The example apps'));

test('docs/frameworks.md gives the install command of each server-side example app', () => {
  assert.deepEqual(Object.keys(EXAMPLE_APPS).sort(), ['express', 'next']);
  for (const name of Object.keys(EXAMPLE_APPS)) {
    assert.ok(section.includes(`\`${installCommand(name)}\``), `"The example apps" gives \`${installCommand(name)}\``);
  }
});
