// README.md's code blocks that are complete examples, for the tests that run them as written
// (test/node/readme-snippets.test.mjs type-checks js/ts/tsx against the built package; test/browser/readme.test.ts
// runs the html ones in Chromium). A block preceded by the line `<!-- fragment -->` is a fragment or a signature
// listing, not an example, and is left out.
import { readFileSync } from 'node:fs';

const README = new URL('../README.md', import.meta.url);
export const CHECKED_LANGS = ['html', 'js', 'ts', 'tsx'];

/** `{ lang, line, code }` for every checked block; `line` is the fence's line in README.md (1-based). */
export function readmeSnippets(text = readFileSync(README, 'utf8')) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`README.md:${i + 1}: the code block never ends`);
    const fragment = /^<!-- fragment -->\s*$/.test(lines[i - 1] ?? '');
    if (CHECKED_LANGS.includes(open[1]) && !fragment) {
      blocks.push({ lang: open[1], line: i + 1, code: lines.slice(i + 1, end).join('\n') + '\n' });
    }
    i = end;
  }
  return blocks;
}
