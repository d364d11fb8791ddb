// Pages that load the built script-tag file the way a site does, for test/browser/script-tag.test.ts and
// test/browser/csp.test.ts, and the built framework examples (test/browser/framework-examples.test.ts). dist/cdn is served as it is under /cdn/, away from the test server's module transforms and
// from the pages' own folder (/pages/), so a chunk resolved against the page instead of the script would not be found.
// Every page records Content-Security-Policy violations in `window.cspViolations` and the `okta-error` details in
// `window.oktaErrors` (/pages/csp-violations.js). The `-alone` pages load the script-tag file from /cdn-alone/, where
// it is served without its folder: as a site that copied only that one file.
import { readFile } from 'node:fs/promises';
import { contentSecurityPolicy } from '../../demo/csp.mjs';
import { docSnippets } from '../../scripts/doc-snippets.mjs';

const dist = new URL('../../dist/cdn/', import.meta.url);

const recorder = `window.cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.cspViolations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample });
});
window.oktaErrors = [];
document.addEventListener('okta-error', (e) => window.oktaErrors.push(e.detail));
`;

/** `<script>` tag attributes per page; `csp` serves the page with the strict policy. */
const PAGES = {
  classic: { script: '' },
  module: { script: ' type="module"' },
  'classic-csp': { script: '', csp: true },
  'module-csp': { script: ' type="module"', csp: true },
  'classic-alone': { script: '', folder: '/cdn-alone/' },
  'module-alone': { script: ' type="module"', folder: '/cdn-alone/' },
};

function page({ script, folder = '/cdn/' }, params) {
  const lang = /^[A-Za-z-]{2,10}$/.test(params.get('lang') ?? '') ? params.get('lang') : 'en';
  const mode = params.get('issuer')
    ? `issuer="${encodeURI(params.get('issuer'))}" client-id="local-spa" redirect-uri="${encodeURI(params.get('redirect-uri') ?? '')}"`
    : 'backend="/auth"';
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <title>Sign in</title>
    <link rel="icon" href="data:," />
    <script src="/pages/csp-violations.js"></script>
    <script${script} src="${folder}okta-signin-elements.min.js"></script>
  </head>
  <body>
    <main>
      <okta-signin ${mode}>
        <img slot="logo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="Example Inc." />
      </okta-signin>
    </main>
  </body>
</html>
`;
}

/**
 * The documentation's html example in `file` at fence line `line` as a page: its script tags get this server's copy
 * of the script-tag file (whatever address the example gives; an example without one gets it in the head), and the
 * page records uncaught errors in `window.pageErrors`.
 */
function snippetPage(file, line) {
  const block = docSnippets().find((b) => b.lang === 'html' && b.file === file && b.line === line);
  if (!block) return undefined;
  const code = block.code.replace(/(["'])[^"']*(okta-signin-elements(?:\.idx)?\.min\.js)\1/g, '$1/cdn/$2$1');
  // An example of markup alone assumes the page loads the script-tag file, as the README's first embed does.
  const script = code.includes('/cdn/okta-signin-elements.min.js') ? '' : '<script src="/cdn/okta-signin-elements.min.js"></script>';
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>${file}:${line}</title><link rel="icon" href="data:," />
    <script src="/pages/page-errors.js"></script>
    ${script}
  </head>
  <body>
${code}
  </body>
</html>
`;
}

const errorRecorder = `window.pageErrors = [];
window.addEventListener('error', (e) => window.pageErrors.push(String(e.message || e.error || e.type)));
window.addEventListener('unhandledrejection', (e) => window.pageErrors.push(\`unhandled rejection: \${e.reason}\`));
`;

const TYPES = { '.js': 'text/javascript', '.map': 'application/json', '.html': 'text/html', '.css': 'text/css', '.svg': 'image/svg+xml' };
const examples = new URL('../../demo/frameworks/', import.meta.url);

/** Koa middleware for /pages/<name>, /cdn/<file>, /cdn-alone/ and /examples/<react|vue>/<file>. `connect` is the org's origin, allowed in the policy. */
export function pagesMiddleware({ connect = [] } = {}) {
  return async (ctx, next) => {
    if (ctx.path === '/pages/csp-violations.js') {
      ctx.type = 'text/javascript';
      ctx.body = recorder;
      return;
    }
    if (ctx.path === '/pages/page-errors.js') {
      ctx.type = 'text/javascript';
      ctx.body = errorRecorder;
      return;
    }
    if (ctx.path === '/pages/doc-snippets.json') {
      ctx.type = 'json';
      ctx.body = JSON.stringify(docSnippets().filter((b) => b.lang === 'html').map(({ file, line }) => ({ file, line })));
      return;
    }
    if (ctx.path === '/pages/doc-snippet') {
      const params = new URLSearchParams(ctx.querystring);
      const html = snippetPage(params.get('file') ?? '', Number(params.get('line')));
      if (!html) return next();
      ctx.type = 'text/html';
      ctx.body = html;
      return;
    }
    const name = /^\/pages\/([a-z-]+)$/.exec(ctx.path)?.[1];
    if (name && PAGES[name]) {
      if (PAGES[name].csp) ctx.set('Content-Security-Policy', contentSecurityPolicy({ connect }));
      ctx.type = 'text/html';
      ctx.body = page(PAGES[name], new URLSearchParams(ctx.querystring));
      return;
    }
    // The framework examples as `npm run test:examples` built them (demo/frameworks/<name>/dist).
    const example = /^\/examples\/(react|vue)\/((?:assets\/)?[\w.-]*)$/.exec(ctx.path);
    if (example) {
      const file = example[2] || 'index.html';
      try {
        ctx.body = await readFile(new URL(`${example[1]}/dist/${file}`, examples));
        ctx.type = TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream';
      } catch {
        ctx.status = 404;
        ctx.body = `${ctx.path}: not built (npm run test:examples)`;
      }
      return;
    }
    if (ctx.path.startsWith('/cdn-alone/')) {
      if (ctx.path !== '/cdn-alone/okta-signin-elements.min.js') {
        ctx.status = 404;
        return;
      }
      ctx.body = await readFile(new URL('okta-signin-elements.min.js', dist));
      ctx.type = 'text/javascript';
      return;
    }
    const file = /^\/cdn\/((?:chunks\/(?:i18n\/)?)?[\w.-]+\.(?:js|map))$/.exec(ctx.path)?.[1];
    if (file) {
      try {
        ctx.body = await readFile(new URL(file, dist));
        ctx.type = TYPES[file.slice(file.lastIndexOf('.'))];
      } catch {
        ctx.status = 404;
      }
      return;
    }
    return next();
  };
}
