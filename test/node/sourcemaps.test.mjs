// Every source map in dist/ resolves: each source it names is inside the package or its text is in the map.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const maps = readdirSync(join(root, 'dist'), { recursive: true })
  .filter((f) => f.endsWith('.js.map'))
  .map((f) => join(root, 'dist', f));

test('dist/ and dist/cdn/ have source maps', () => {
  assert.ok(
    maps.some((m) => m.includes('/dist/cdn/')),
    'script-tag maps',
  );
  assert.ok(
    maps.some((m) => m.endsWith('/dist/elements/okta-signin/okta-signin.js.map')),
    'ES module maps',
  );
});

test('every source in every map comes with its content and points into the project', () => {
  const problems = [];
  for (const map of maps) {
    const { sources, sourcesContent = [] } = JSON.parse(readFileSync(map, 'utf8'));
    sources.forEach((source, i) => {
      const path = relative(root, join(dirname(map), source));
      if (typeof sourcesContent[i] !== 'string') problems.push(`${relative(root, map)}: no content for ${source}`);
      if (!/^(src|node_modules)\//.test(path)) problems.push(`${relative(root, map)}: ${source} is outside the project`);
    });
  }
  assert.deepEqual(problems, []);
});
