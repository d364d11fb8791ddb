// What both framework examples' Vite configs share: the package is imported by its name and resolved to this
// repository's built files (package.json "exports" over dist/, as an app gets them from npm: run `npm run build`
// first), and the built app works under any path (base './'), as the tests serve it under /examples/<name>/.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
// A require() made in the package's own folder resolves the package's own name through its "exports".
const fromPackage = createRequire(`${root}package.json`);

export const packageByName = {
  name: 'okta-signin-elements-by-name',
  enforce: 'pre',
  resolveId(id) {
    return id === 'okta-signin-elements' || id.startsWith('okta-signin-elements/') ? fromPackage.resolve(id) : null;
  },
};

export const shared = { base: './', plugins: [packageByName], build: { emptyOutDir: true } };
