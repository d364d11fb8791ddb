// The documentation's code blocks that are complete examples, for the tests that run them as written
// (test/node/doc-snippets.test.mjs type-checks js/ts/tsx against the built package; test/browser/doc-snippets.test.ts
// runs the html ones in Chromium). The documentation is README.md and every page in docs/. A block preceded by the
// line `<!-- fragment -->` is a fragment or a signature listing, not an example, and is left out.
import { readdirSync, readFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
export const CHECKED_LANGS = ['html', 'js', 'ts', 'tsx'];

/** The documentation's files, relative to the project root: README.md, then docs/*.md by name. */
export function docFiles() {
  const pages = readdirSync(new URL('docs/', root)).filter((f) => f.endsWith('.md'));
  return ['README.md', ...pages.sort().map((f) => `docs/${f}`)];
}

export const readDoc = (file) => readFileSync(new URL(file, root), 'utf8');

/** `{ file, lang, line, code }` for every checked block of one file's text; `line` is the fence's line (1-based). */
export function snippetsOf(file, text = readDoc(file)) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    if (end < 0) throw new Error(`${file}:${i + 1}: the code block never ends`);
    const fragment = /^<!-- fragment -->\s*$/.test(lines[i - 1] ?? '');
    if (CHECKED_LANGS.includes(open[1]) && !fragment) {
      blocks.push({ file, lang: open[1], line: i + 1, code: lines.slice(i + 1, end).join('\n') + '\n' });
    }
    i = end;
  }
  return blocks;
}

/** Every checked block of the documentation. */
export const docSnippets = () => docFiles().flatMap((file) => snippetsOf(file));
