/** `okta-signin-elements/authenticator-picker`: registers `<authenticator-picker>` alone. */
// First and last: the element's modules load where there is no DOM too (see no-dom-start.ts).
import './elements/shared/no-dom-start.js';
export { AuthenticatorPicker } from './elements/authenticator-picker/authenticator-picker.js';
import './elements/shared/no-dom-end.js';
