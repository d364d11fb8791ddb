/**
 * The script-tag file: `<okta-signin>` at once; `<authenticator-picker>` and `<okta-verify-poller>` as soon as the page
 * uses one of them, or with the sign-in steps that show them. The first paint then downloads only what it shows.
 * Exports what a page sets up the element with (text, languages, transports); the rest of the package's API (the
 * flow core, the poller, the backend transport and its reply parsers, the two other classes) comes with
 * `loadApi()`, so that the form does not wait for code it does not run. The build turns the exports into `globalThis.OktaSigninElements`,
 * so that the file also loads as a classic script.
 */
// First and last: the file loads where there is no DOM too (see no-dom-start.ts).
import './elements/shared/no-dom-start.js';
import { defineOnUse } from './elements/shared/define-on-use.js';

export { OktaSignin } from './elements/okta-signin/okta-signin.js';
export { strings, errorText } from './elements/shared/messages.js';
export { LANGUAGES, loadLanguage } from './elements/shared/i18n.js';
export { FlowError, toFlowError } from './core/types.js';
export { createTransport } from './transports/create.js';

/** The whole API of the package's main entry (`okta-signin-elements`), loaded on demand. */
export const loadApi = () => import('./index.js');

defineOnUse('authenticator-picker', () => import('./elements/authenticator-picker/authenticator-picker.js'));
defineOnUse('okta-verify-poller', () => import('./elements/okta-verify-poller/okta-verify-poller.js'));
import './elements/shared/no-dom-end.js';
