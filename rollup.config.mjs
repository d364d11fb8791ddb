// Three packages from one source tree (package.json "workspaces"):
// - okta-signin-elements, the repository's root:
//   - dist/**: ES modules with .d.ts, Lit and okta-auth-js left as imports, for npm users and their bundlers;
//   - dist/cdn/okta-signin-elements.min.js: one minified file for a <script> tag (classic or type="module"), Lit
//     inside, with <okta-signin>; the other two elements, the later sign-in views and each language are chunks loaded
//     when used; IDX mode's okta-auth-js sits in a chunk next to it that only IDX mode downloads;
// - okta-signin-elements-server (packages/server/dist): src/server and the IDX mapping it shares with the elements;
// - okta-signin-elements-react (packages/react/dist): src/react, which imports the elements by their package's name.
// Source maps are written next to every file for this repository's own use; no package ships them (see
// scripts/pack-maps.mjs for the archive that does).
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import { readdirSync } from 'node:fs';
import { classicScript } from './scripts/rollup/classic-script.mjs';
import { declarationsOfEntries } from './scripts/rollup/declarations.mjs';

// The script-tag file's entry: <okta-signin> at once, the other two elements when used (src/cdn.ts).
const input = 'src/cdn.ts';
// Source maps carry the sources themselves (inlineSources): the package ships dist/ but not src/.

// The script-tag build links okta-auth-js's IDX client into the IDX transport's chunk: one download for IDX mode
// instead of a chain of three (transport, client, shared code), each found only once the one before has run.
const staticIdxClient = {
  name: 'static-idx-client',
  load(id) {
    if (!/[\\/]src[\\/]transports[\\/]idx-client-load\.ts$/.test(id)) return null;
    return "import * as client from './idx-client.js';\nexport const loadIdxClient = () => Promise.resolve(client);\n";
  },
};
// The script-tag build puts each language in its own file with a fixed name, chunks/i18n/<language>.js, and loads it
// with one import() instead of a table of 30 (the entry stays small): the language modules import nothing.
const LANGUAGE_FILES = readdirSync('src/elements/shared/i18n').filter((f) => f.endsWith('.ts'));
const languageChunks = {
  name: 'language-chunks',
  buildStart() {
    for (const f of LANGUAGE_FILES) {
      this.emitFile({ type: 'chunk', id: `src/elements/shared/i18n/${f}`, fileName: `chunks/i18n/${f.replace(/\.ts$/, '.js')}` });
    }
  },
  load(id) {
    if (!/[\\/]src[\\/]elements[\\/]shared[\\/]i18n-load\.ts$/.test(id)) return null;
    return 'export const loadMessages = (lang) => import(`./chunks/i18n/${lang}.js`);\n';
  },
};
// The flow core, with the poller, the poll requests it and <okta-verify-poller> share and the navigation after
// success, is one file that the element fetches as it starts, alongside the transport's: split further, each piece
// would be found only once the one that imports it had arrived, a request after another before the first call.
const FLOW_MODULES = /[\\/]src[\\/](core[\\/](flow|flow-events|flow-rules|page-visible|poller|safe-navigation|statuses)|transports[\\/](action-transport|backend[\\/](read|request|poll-reply|poll-endpoint)))\.ts$/;
// What the flow shares with the entry stays in the entry: a manual chunk would otherwise take its dependencies along.
// So do the few hundred bytes the lazy chunks share (retry-after, inline-image), which would otherwise be a file of
// their own, one more request after each chunk that imports them.
const ENTRY_MODULES = /[\\/]src[\\/](cdn|core[\\/](types|retry-after|inline-image))\.ts$/;
const flowChunk = (id) => (FLOW_MODULES.test(id) ? 'flow' : ENTRY_MODULES.test(id) ? 'okta-signin-elements' : undefined);
// The ES modules load each language from the script-tag folder, so that the package holds one copy of each (the
// language modules import nothing, so they serve both builds as they are). The path is from dist/elements/shared/.
const sharedLanguages = {
  name: 'shared-languages',
  resolveId(source, importer) {
    const lang = /^\.\/i18n\/([\w-]+)\.js$/.exec(source)?.[1];
    if (!lang || !/[\\/]src[\\/]elements[\\/]shared[\\/]i18n-load\.ts$/.test(importer ?? '')) return null;
    return { id: `../../cdn/chunks/i18n/${lang}.js`, external: 'absolute' };
  },
};
const onwarn = (warning, warn) => {
  // okta-auth-js's own builds use `this` at module level; harmless in ESM.
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  // The JSX, Vue and Svelte declarations are types only: their JavaScript modules are empty on purpose.
  if (warning.code === 'EMPTY_BUNDLE') return;
  warn(warning);
};

export default [
  {
    input: [
      'src/index.ts',
      'src/okta-signin.ts',
      'src/authenticator-picker.ts',
      'src/okta-verify-poller.ts',
      'src/core/index.ts',
      'src/frameworks/react-jsx.ts',
      'src/frameworks/preact-jsx.ts',
      'src/frameworks/vue.ts',
      'src/frameworks/svelte.ts',
    ],
    external: (id) => /^(lit|@lit|@okta\/okta-auth-js)(\/|$)/.test(id),
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
    plugins: [
      sharedLanguages,
      typescript({ tsconfig: './tsconfig.json', outDir: 'dist', declaration: true, sourceMap: true, inlineSources: true }),
      declarationsOfEntries(),
    ],
    onwarn,
  },
  {
    input: ['src/server/index.ts', 'src/server/redis.ts'],
    external: (id) => /^(@okta\/okta-auth-js|rate-limiter-flexible)(\/|$)/.test(id) || id.startsWith('node:'),
    output: { dir: 'packages/server/dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src' },
    plugins: [typescript({ tsconfig: './tsconfig.json', outDir: 'packages/server/dist', declaration: true }), declarationsOfEntries()],
    onwarn,
  },
  {
    input: ['src/react/index.ts'],
    external: (id) => /^(react|@lit\/react|okta-signin-elements)(\/|$)/.test(id),
    output: {
      dir: 'packages/react/dist',
      format: 'es',
      preserveModules: true,
      preserveModulesRoot: 'src',
      // The React bindings are a client module for React Server Components (Rollup drops a directive in the source).
      banner: (chunk) => (chunk.fileName === 'react/index.js' ? "'use client';" : ''),
    },
    plugins: [typescript({ tsconfig: './tsconfig.json', outDir: 'packages/react/dist', declaration: true }), declarationsOfEntries()],
    onwarn,
  },
  {
    input,
    // Lazy chunks may import what they share with the entry from the entry itself: without this, Rollup keeps the
    // entry's exports exact by moving its code into a second file, and the script tag would load two.
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist/cdn',
      format: 'es',
      entryFileNames: 'okta-signin-elements.min.js',
      manualChunks: flowChunk,
      // IDX mode's chunk has a stable name beside the script-tag file, so that a page in IDX mode can preload it:
      // <link rel="modulepreload" href=".../okta-signin-elements.idx.min.js">.
      chunkFileNames: (chunk) => (chunk.name === 'idx' ? 'okta-signin-elements.idx.min.js' : 'chunks/[name]-[hash].js'),
      sourcemap: true,
    },
    plugins: [
      staticIdxClient,
      languageChunks,
      // No outDir here: TypeScript writes each map's sources relative to where it would emit the .js, and Rollup reads
      // them relative to the .ts, so an outDir at another depth than src/ (dist/cdn) would shift every path by a level.
      typescript({ tsconfig: './tsconfig.json', outDir: undefined, declaration: false, sourceMap: true, inlineSources: true }),
      // Terser leaves template literals alone; Lit's html`` and css`` hold much of the elements' bytes.
      minifyHtmlLiterals(),
      nodeResolve({ browser: true }),
      commonjs(),
      terser({ format: { comments: false }, ecma: 2021, module: true, compress: { passes: 2 } }),
      // Last: it edits the final code of the entry and of the chunks that import it.
      classicScript({ entryFileName: 'okta-signin-elements.min.js' }),
    ],
    onwarn,
  },
];
