// The documentation holds together and follows the code: docs/elements.md is what `npm run docs` writes from the
// current custom-elements.json (run `npm run build` first), every relative link and #anchor between README.md and
// docs/*.md leads somewhere, every page is reachable from the README, the README stays short, the pages that list the
// local org's seeded users and apps list all of them, and the contract and the guide name every status, endpoint and
// error code the built package has.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import GithubSlugger from 'github-slugger';
import { marked } from 'marked';
import { ELEMENTS_PAGE, renderElementsReference } from '../../scripts/docs-elements.mjs';
import { docFiles, readDoc } from '../../scripts/doc-snippets.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The text a heading shows (code spans without their backticks, links as their text). */
function plain(tokens) {
  return tokens.map((t) => (t.tokens ? plain(t.tokens) : t.type === 'codespan' ? t.text : (t.text ?? ''))).join('');
}

/** The anchors GitHub gives a Markdown file's headings, and the links it holds (outside code). */
function parse(file) {
  const tokens = marked.lexer(readDoc(file));
  const slugger = new GithubSlugger();
  const anchors = new Set();
  const links = [];
  marked.walkTokens(tokens, (t) => {
    if (t.type === 'heading') anchors.add(slugger.slug(plain(t.tokens)));
    if (t.type === 'link' || t.type === 'image') links.push(t.href);
  });
  return { anchors, links };
}

const files = docFiles();
const parsed = new Map(files.map((f) => [f, parse(f)]));

test('docs/elements.md is what `npm run docs` writes from custom-elements.json', () => {
  const manifest = JSON.parse(readFileSync(join(root, 'custom-elements.json'), 'utf8'));
  const page = readFileSync(ELEMENTS_PAGE, 'utf8');
  assert.ok(page === renderElementsReference(manifest), 'docs/elements.md is stale: run `npm run docs` and commit it');
});

test('every relative link and anchor of README.md and docs/*.md resolves', () => {
  const broken = [];
  let checked = 0;
  for (const [file, { links }] of parsed) {
    for (const href of links) {
      // Other sites are not checked here (no network); every link within the repository is.
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
      checked++;
      const [path, anchor] = href.split('#');
      const target = path ? normalize(join(dirname(file), decodeURI(path))) : file;
      if (target.startsWith('..') || !existsSync(join(root, target))) {
        broken.push(`${file}: ${href} (no ${target})`);
        continue;
      }
      if (anchor === undefined) continue;
      const page = parsed.get(target);
      if (!page) broken.push(`${file}: ${href} (an anchor into ${target}, which is not a documentation page)`);
      else if (!page.anchors.has(anchor)) broken.push(`${file}: ${href} (${target} has no heading #${anchor})`);
    }
  }
  assert.ok(checked > 50, `only ${checked} links found`);
  assert.deepEqual(broken, []);
});

test('every page of docs/ is linked from README.md', () => {
  const fromReadme = new Set(parsed.get('README.md').links.map((href) => normalize(href.split('#')[0])));
  assert.deepEqual(
    files.filter((f) => f.startsWith('docs/') && !fromReadme.has(f)),
    [],
  );
});

test('README.md stays under 300 lines', () => {
  const lines = readDoc('README.md').split('\n').length;
  assert.ok(lines < 300, `README.md has ${lines} lines`);
});

test('docs/local-org.md and the demo pages name every seeded user, and the page every app', () => {
  const org = JSON.parse(readFileSync(join(root, 'demo/data/org.json'), 'utf8'));
  const page = readDoc('docs/local-org.md');
  const demoList = readFileSync(join(root, 'demo/shared/seeded-users.js'), 'utf8');
  assert.ok(org.users.length >= 9);
  for (const { username } of org.users) {
    assert.match(page, new RegExp(`\`${username}\``), `docs/local-org.md: ${username}`);
    assert.match(demoList, new RegExp(`'${username}'`), `demo/shared/seeded-users.js: ${username}`);
  }
  for (const { clientId } of org.apps) assert.match(page, new RegExp(`\`${clientId}\``), `docs/local-org.md: ${clientId}`);
});

/** The text of the `## title` section of a page, up to the next `## `. */
function section(file, title) {
  const text = readDoc(file);
  const start = text.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `${file} has a section "${title}"`);
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

test('the contract and the reference name every status and endpoint of the built package, the guide every error code', async () => {
  const { FLOW_STATUSES, BACKEND_PATHS, kebabCase } = await import('okta-signin-elements-server');
  const { strings } = await import('okta-signin-elements');
  const statuses = section('docs/backend-contract.md', 'Statuses');
  const endpoints = section('docs/backend-contract.md', 'Endpoints');
  const errors = section('docs/sign-in.md', 'Events');
  assert.deepEqual(FLOW_STATUSES.filter((s) => !statuses.includes(`\`${s}\``)), [], 'statuses missing from docs/backend-contract.md');
  assert.deepEqual(Object.values(BACKEND_PATHS).filter((p) => !endpoints.includes(`\`${p}\``)), [], 'endpoints missing from docs/backend-contract.md');
  assert.deepEqual(Object.keys(strings.errors).filter((c) => !errors.includes(`\`${c}\``)), [], 'error codes missing from docs/sign-in.md');
  // The endpoint attributes are declared in <okta-signin>'s doc comment, one by one: the reference shows each.
  const reference = readFileSync(ELEMENTS_PAGE, 'utf8');
  const attributes = Object.keys(BACKEND_PATHS).map((e) => `${kebabCase(e)}-endpoint`);
  assert.deepEqual(attributes.filter((a) => !reference.includes(`| \`${a}\` |`)), [], 'endpoint attributes missing from docs/elements.md');
});
