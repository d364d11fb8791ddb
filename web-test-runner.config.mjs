// Browser tests run in Debian's Chromium against the real local org and the real reference backend.
// The org listens on its own port (a cross-origin issuer, as a real Okta org is); the reference backend is
// mounted into the test server at /auth so that test pages and backend share an origin and a session cookie.
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { fromRollup } from '@web/dev-server-rollup';
import rollupCommonjs from '@rollup/plugin-commonjs';
import { testServers } from './test/support/servers.mjs';
import { webauthnCommandPlugin } from './test/support/webauthn-command.mjs';
import { popupCommandPlugin } from './test/support/popup-command.mjs';
import { reactCommonJs, reactEsmPlugin } from './test/support/react-esm.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';

// okta-auth-js imports the CommonJS package tiny-emitter, and the React bindings' tests React (see react-esm.mjs),
// which browsers cannot load as they are. strictRequires: false makes the plugin emit a plain default export instead
// of a lazy require wrapper.
const commonjs = fromRollup(rollupCommonjs);

const servers = await testServers();

export default {
  files: ['src/**/*.test.ts', 'test/browser/**/*.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['browser', 'development'] },
  port: servers.testPort,
  hostname: 'localhost',
  // Test files share one browser profile, so one cookie jar: run them one at a time.
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 15 * 60 * 1000,
  testFramework: { config: { timeout: 30000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  middleware: servers.middleware,
  plugins: [
    reactEsmPlugin(),
    commonjs({ include: ['**/node_modules/tiny-emitter/**', ...reactCommonJs], strictRequires: false }),
    esbuildPlugin({ ts: true, target: 'es2021', tsconfig: './tsconfig.json' }), ...servers.plugins,
    webauthnCommandPlugin(), popupCommandPlugin()],
};
