/**
 * The script-tag file: `<okta-signin>` at once; `<authenticator-picker>` and `<okta-verify-poller>` as soon as the page
 * uses one of them, or with the sign-in steps that show them. The first paint then downloads only what it shows.
 * Exports the package's API but those two classes (after loading: `customElements.get('okta-verify-poller')`); the
 * build turns the exports into `globalThis.OktaSigninElements`, so that the file also loads as a classic script.
 */
// First and last: the file loads where there is no DOM too (see no-dom-start.ts).
import './elements/shared/no-dom-start.js';
import { defineOnUse } from './elements/shared/define-on-use.js';

export { OktaSignin } from './elements/okta-signin/okta-signin.js';
export * from './api.js';

defineOnUse('authenticator-picker', () => import('./elements/authenticator-picker/authenticator-picker.js'));
defineOnUse('okta-verify-poller', () => import('./elements/okta-verify-poller/okta-verify-poller.js'));
import './elements/shared/no-dom-end.js';
