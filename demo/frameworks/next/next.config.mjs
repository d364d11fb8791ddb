// The example imports the package by its name: this repository's root, resolved through package.json "exports" to
// the built dist/ (run `npm run build` first). So the repository root is the workspace root Turbopack compiles from.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** @type {import('next').NextConfig} */
export default {
  turbopack: { root },
  outputFileTracingRoot: root,
  // The test builds it next to the package: no telemetry, no source maps for the browser.
  productionBrowserSourceMaps: false,
};
