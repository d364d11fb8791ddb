// Email, Phone and Google Authenticator in IDX mode: <okta-signin> running okta-auth-js against the local org.
import { codesSuite } from '../support/codes-suite.js';

codesSuite('idx');
