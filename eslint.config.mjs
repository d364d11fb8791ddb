// ESLint 9 flat config.
// - TypeScript (src/, test/browser/, test/support/, test/types/): typescript-eslint's recommended rules (syntax only,
//   no type information) and eslint-plugin-lit's recommended rules for html`` templates.
// - Node scripts (.mjs: demo servers, node tests, scripts, tool configs) and the demo pages' browser scripts (.js):
//   ESLint's recommended JavaScript rules.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import globals from 'globals';

// A leading underscore marks a parameter or binding that is there on purpose (Express's error handler `_next`).
const unusedVars = ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }];

export default tseslint.config(
  { ignores: ['dist/', 'packages/*/dist/', 'node_modules/', 'custom-elements.json', '.tmp/', 'demo/frameworks/*/dist/', 'demo/frameworks/next/.next/'] },
  js.configs.recommended,
  { rules: { 'no-unused-vars': unusedVars } },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended, lit.configs['flat/recommended']],
    languageOptions: { globals: globals.browser },
    rules: {
      '@typescript-eslint/no-unused-vars': unusedVars,
      // `interface HTMLElementEventMap extends OktaEventMap {}` is how a global map is augmented.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    // SignInFlow's typed addEventListener overloads are declared by merging an interface into the class.
    files: ['src/core/flow.ts'],
    rules: { '@typescript-eslint/no-unsafe-declaration-merging': 'off' },
  },
  {
    files: ['src/**/*.test.ts', 'test/browser/**/*.ts', 'test/support/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.mocha } },
    rules: {
      // chai's property assertions: expect(x).to.exist, expect(x).to.be.true.
      '@typescript-eslint/no-unused-expressions': 'off',
      // Recorders keep whatever detail an event carries.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Declarations that exist only to be type-checked.
    files: ['test/types/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-vars': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // Injected into the pages the bench opens: it runs in the browser.
    files: ['scripts/bench/probe.mjs'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['demo/**/*.js'],
    languageOptions: { sourceType: 'module', globals: globals.browser },
  },
);
