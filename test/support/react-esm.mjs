// React 19 ships CommonJS only, which browsers cannot load. For the browser tests of the React bindings, the test
// server serves each React entry as an ES module with named exports (`import * as React from 'react'` works as in a
// bundler): a small module re-exports what the CommonJS entry exports, under the names Node finds on it, and the
// CommonJS files themselves go through the commonjs plugin (web-test-runner.config.mjs). React picks its build by
// process.env.NODE_ENV, which browsers do not have: the development build, as a bundler's dev server would.
import { execFileSync } from 'node:child_process';

// Each bare import, and the CommonJS file a browser bundler picks for it.
const ENTRIES = {
  react: 'react/index.js',
  'react-dom': 'react-dom/index.js',
  'react-dom/client': 'react-dom/client.js',
  'react-dom/server': 'react-dom/server.browser.js',
  scheduler: 'scheduler/index.js',
};

/** The names each entry exports, as Node loads it (in a process of its own: React's development
 * build wraps console, and its server renderer keeps the process alive). */
function exportNames() {
  const script = `const r = require('node:module').createRequire(process.cwd() + '/');
    const entries = ${JSON.stringify(ENTRIES)};
    const out = {};
    for (const [k, file] of Object.entries(entries)) out[k] = Object.keys(r(process.cwd() + '/node_modules/' + file));
    process.stdout.write(JSON.stringify(out), () => process.exit(0));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { env: { ...process.env, NODE_ENV: 'development' } }).toString());
}
const PREFIX = '/__react-esm/';
const CJS = /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/;
/** The globs the commonjs plugin must include. */
export const reactCommonJs = ['**/node_modules/react/**', '**/node_modules/react-dom/**', '**/node_modules/scheduler/**'];

export function reactEsmPlugin() {
  let names;
  return {
    name: 'react-esm',
    resolveImport({ source }) {
      if (Object.hasOwn(ENTRIES, source)) return `${PREFIX}${source}.js`;
    },
    serve(context) {
      if (!context.path.startsWith(PREFIX)) return;
      const name = context.path.slice(PREFIX.length, -'.js'.length);
      if (!Object.hasOwn(ENTRIES, name)) return;
      const file = ENTRIES[name];
      names ??= exportNames();
      const exported = names[name].filter((k) => k !== 'default' && /^[A-Za-z_$][\w$]*$/.test(k));
      return {
        type: 'js',
        body: `import m from '/node_modules/${file}';\nexport default m;\nexport const { ${exported.join(', ')} } = m;\n`,
      };
    },
    transform(context) {
      if (CJS.test(context.path) && context.body.includes('process.env.NODE_ENV')) {
        return { body: context.body.replaceAll('process.env.NODE_ENV', '"development"') };
      }
    },
  };
}
