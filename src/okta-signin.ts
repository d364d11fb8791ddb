/**
 * `okta-signin-elements/okta-signin`: registers `<okta-signin>` alone. `<authenticator-picker>` and
 * `<okta-verify-poller>`, which its later steps show, load with those steps.
 */
// First and last: the element's modules load where there is no DOM too (see no-dom-start.ts).
import './elements/shared/no-dom-start.js';
export { OktaSignin } from './elements/okta-signin/okta-signin.js';
/** The language an element speaks (its `lang`, its ancestors', the browser's): what the React `SignInForm` follows. */
export { languageOf } from './elements/shared/i18n.js';
import './elements/shared/no-dom-end.js';
