// `npm run docs`: docs/elements.md, the elements reference, written from custom-elements.json (`npm run analyze`
// makes it from the doc comments in src/elements/). The page is never edited by hand: test/node/docs.test.mjs
// renders it again and fails when the file differs.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
export const ELEMENTS_PAGE = new URL('docs/elements.md', root);

/** The custom elements the manifest declares, by tag name. */
export function elementsOf(manifest) {
  return manifest.modules
    .flatMap((m) => m.declarations ?? [])
    .filter((d) => d.customElement && d.tagName)
    .sort((a, b) => ORDER.indexOf(a.tagName) - ORDER.indexOf(b.tagName) || a.tagName.localeCompare(b.tagName));
}
// The order the guides introduce them in; any other element follows, by name.
const ORDER = ['okta-signin', 'authenticator-picker', 'okta-verify-poller'];

// A table cell: one line, and a `|` that does not end the cell (GitHub reads `\|` as `|` in code spans too).
const cell = (text) => (text ?? '').replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
const code = (text) => (text ? `\`${cell(text)}\`` : '');

function table(head, rows) {
  if (!rows.length) return [];
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`), ''];
}

function section(title, lines) {
  return lines.length ? [`### ${title}`, '', ...lines] : [];
}

function element(decl) {
  const members = (decl.members ?? []).filter((m) => !m.static && (!m.privacy || m.privacy === 'public'));
  const fields = new Map(members.filter((m) => m.kind === 'field').map((m) => [m.name, m]));
  // The attributes of class fields first, in their order; then those declared in the doc comment only (the endpoints).
  const attributes = [...(decl.attributes ?? [])].sort((a, b) => Number(!a.fieldName) - Number(!b.fieldName)).map((a) => {
    const field = a.fieldName ? fields.get(a.fieldName) : undefined;
    return [code(a.name), code(a.fieldName), code(a.type?.text ?? field?.type?.text), code(a.default ?? field?.default), cell(a.description ?? field?.description)];
  });
  const withAttribute = new Set((decl.attributes ?? []).map((a) => a.fieldName).filter(Boolean));
  const properties = [...fields.values()]
    .filter((f) => !withAttribute.has(f.name))
    .map((f) => [code(f.name), code(f.type?.text), code(f.default), cell(`${f.readonly ? 'Read only. ' : ''}${f.description ?? ''}`)]);
  const methods = members
    .filter((m) => m.kind === 'method')
    .map((m) => [code(`${m.name}(${(m.parameters ?? []).map((p) => p.name).join(', ')})`), cell(m.description)]);
  const events = (decl.events ?? []).map((e) => [code(e.name), code(e.type?.text), cell(e.description)]);
  const slots = (decl.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]);
  const parts = (decl.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]);
  const cssProperties = (decl.cssProperties ?? []).map((p) => [code(p.name), code(p.default), cell(p.description)]);
  return [
    `## \`<${decl.tagName}>\``,
    '',
    `Class \`${decl.name}\`. ${cell(decl.description ?? decl.summary)}`,
    '',
    ...section('Attributes', table(['attribute', 'property', 'type', 'default', 'description'], attributes)),
    ...section('Properties', table(['property', 'type', 'default', 'description'], properties)),
    ...section('Methods', table(['method', 'description'], methods)),
    ...section('Events', table(['event', 'type', 'description'], events)),
    ...section('Slots', table(['slot', 'description'], slots)),
    ...section('CSS parts', table(['part', 'description'], parts)),
    ...section('CSS custom properties', table(['property', 'default', 'description'], cssProperties)),
  ];
}

/** docs/elements.md for this manifest. */
export function renderElementsReference(manifest) {
  const elements = elementsOf(manifest);
  return [
    '<!-- Written by `npm run docs` (scripts/docs-elements.mjs) from custom-elements.json: edit the doc comments in src/elements/, not this page. -->',
    '',
    '# Elements reference',
    '',
    "Every public attribute, property, method, event, slot, CSS part and CSS custom property of the three elements, as the package's",
    '`custom-elements.json` lists them. How the elements behave is in [the sign-in guide](sign-in.md); every element',
    'also follows `lang` and takes a `strings` table ([languages](languages.md)); styling and the',
    'Content-Security-Policy are in [styling](styling.md); what each event means is in [events](sign-in.md#events).',
    '',
    ...elements.map((e) => `- [\`<${e.tagName}>\`](#${e.tagName})`),
    '',
    ...elements.flatMap(element),
  ]
    .join('\n')
    .replace(/\n+$/, '\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = JSON.parse(readFileSync(new URL('custom-elements.json', root), 'utf8'));
  writeFileSync(ELEMENTS_PAGE, renderElementsReference(manifest));
  console.log(`wrote ${fileURLToPath(ELEMENTS_PAGE)}`);
}
