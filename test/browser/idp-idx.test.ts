// Identity providers and the org's own sign-in page in IDX mode: <okta-signin> running okta-auth-js in the page.
import { idpSuite } from '../support/idp-suite.js';

idpSuite('idx');
