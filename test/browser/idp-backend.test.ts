// Identity providers and the org's own sign-in page in backend mode: <okta-signin> with the reference backend.
import { idpSuite } from '../support/idp-suite.js';

idpSuite('backend');
