/**
 * Loads okta-auth-js's IDX client on demand, so that an app that hands in its own OktaAuth never downloads it.
 * The script-tag build links it statically instead (rollup.config.mjs), so that IDX mode is one download there.
 */
export const loadIdxClient = () => import('./idx-client.js');
