// TypeScript declares every file of its program (the whole of src/), whatever the build bundles. This keeps the
// declarations a package's entries reach (their own, and those they import, however deep) and drops the rest, so
// that each package ships the types of its own modules only.
import { posix } from 'node:path';

// `from './x.js'`, `import('./x.js')` and `import './x.js'` in a declaration file.
const RELATIVE = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g;

/** The declaration file a relative specifier of `from` names, among `files`. */
function declarationOf(from, specifier, files) {
  const path = posix.join(posix.dirname(from), specifier);
  const stem = path.replace(/\.(js|mjs|d\.ts|ts)$/, '');
  return [`${stem}.d.ts`, `${path}/index.d.ts`].find((f) => files.has(f));
}

export function declarationsOfEntries() {
  return {
    name: 'declarations-of-entries',
    generateBundle(_options, bundle) {
      const files = new Set(Object.keys(bundle).filter((f) => f.endsWith('.d.ts')));
      const reached = new Set();
      const visit = (file) => {
        if (!file || reached.has(file)) return;
        reached.add(file);
        const source = String(bundle[file].source);
        for (const m of source.matchAll(RELATIVE)) visit(declarationOf(file, m[1], files));
      };
      for (const chunk of Object.values(bundle)) {
        if (chunk.type === 'chunk' && chunk.isEntry) visit(chunk.fileName.replace(/\.js$/, '.d.ts'));
      }
      for (const file of files) if (!reached.has(file)) delete bundle[file];
    },
  };
}
