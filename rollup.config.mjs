// Two outputs from one source tree:
// - dist/**: ES modules with .d.ts, Lit and okta-auth-js left as imports, for npm users and their bundlers;
// - dist/cdn/okta-signin-elements.min.js: one minified file for a <script type="module"> tag, Lit inside;
//   IDX mode's okta-auth-js sits in a chunk next to it that only IDX mode downloads.
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import terser from '@rollup/plugin-terser';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';

const input = 'src/index.ts';
const onwarn = (warning, warn) => {
  // okta-auth-js's own builds use `this` at module level; harmless in ESM.
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

export default [
  {
    input: ['src/index.ts', 'src/core/index.ts', 'src/server/index.ts', 'src/server/redis.ts'],
    external: (id) => /^(lit|@lit|@okta\/okta-auth-js|rate-limiter-flexible)(\/|$)/.test(id) || id.startsWith('node:'),
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
    plugins: [typescript({ tsconfig: './tsconfig.json', outDir: 'dist', declaration: true, sourceMap: true })],
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
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
    },
    plugins: [
      typescript({ tsconfig: './tsconfig.json', outDir: 'dist/cdn', declaration: false, sourceMap: true }),
      // Terser leaves template literals alone; Lit's html`` and css`` hold much of the elements' bytes.
      minifyHtmlLiterals(),
      nodeResolve({ browser: true }),
      commonjs(),
      terser({ format: { comments: false }, ecma: 2021, module: true, compress: { passes: 2 } }),
    ],
    onwarn,
  },
];
