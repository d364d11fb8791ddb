// Every js/ts/tsx example of the documentation (README.md and docs/*.md) type-checks as written, against the built
// package imported by its name (run `npm run build` first): each block becomes a module of its own under
// .tmp/doc-snippets/, checked by tsc with the DOM and Node types, strict, JavaScript included (checkJs). Blocks marked
// `<!-- fragment -->` are left out; the html blocks run in Chromium (test/browser/doc-snippets.test.ts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { docSnippets } from '../../scripts/doc-snippets.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Inside the package's folder, so that `okta-signin-elements` resolves to the package itself through its "exports".
const dir = join(root, '.tmp', 'doc-snippets');

test('README.md and docs/: every js, ts and tsx example type-checks against the built package', () => {
  const blocks = docSnippets().filter((b) => b.lang !== 'html');
  assert.ok(blocks.length >= 9, `found ${blocks.length} blocks`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = new Map();
  for (const block of blocks) {
    // docs/server.md:12 → docs-server-md-line-12.ts
    const file = `${block.file.replace(/\W/g, '-')}-line-${block.line}.${block.lang}`;
    // Each example is a module of its own: its names do not meet the other examples'.
    writeFileSync(join(dir, file), `${block.code}export {};\n`);
    files.set(file, block);
  }
  // TypeScript examples strict, as TypeScript apps compile; JavaScript ones without null checks, as JavaScript runs.
  const programs = [
    ['tsconfig.ts.json', true, (f) => !f.endsWith('.js')],
    ['tsconfig.js.json', false, (f) => f.endsWith('.js')],
  ];
  const failures = [];
  for (const [config, strict, picks] of programs) {
    writeFileSync(
      join(dir, config),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'bundler',
          lib: ['ES2022', 'DOM', 'DOM.Iterable'],
          types: ['node'],
          typeRoots: [join(root, 'node_modules/@types')],
          jsx: 'react-jsx',
          strict,
          allowJs: true,
          checkJs: true,
          noEmit: true,
          skipLibCheck: true,
        },
        files: [...files.keys()].filter(picks),
      }),
    );
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, config)], { encoding: 'utf8' });
    // Errors point at the documentation's lines: the fence's line plus the line within the block.
    if (tsc.status !== 0) {
      failures.push(
        tsc.stdout.replace(/^\S*?([\w-]+-line-\d+\.\w+)\((\d+),(\d+)\)/gm, (_, name, line) => {
          const block = files.get(name);
          return block ? `${block.file}:${block.line + Number(line)}` : `${name}:${line}`;
        }),
      );
    }
  }
  assert.deepEqual(failures, [], `examples in the documentation that do not type-check:\n${failures.join('\n')}`);
});
