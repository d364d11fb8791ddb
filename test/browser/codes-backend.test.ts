// Email, Phone and Google Authenticator in backend mode: <okta-signin> with the reference backend and the local org.
import { codesSuite } from '../support/codes-suite.js';

codesSuite('backend');
