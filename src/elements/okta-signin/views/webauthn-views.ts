import type { Views } from './index.js';
import { webauthnView } from './webauthn.js';

/** Views of the security key or biometric steps. */
export const WEBAUTHN_VIEWS: Views = {
  AwaitingWebAuthnEnrollment: webauthnView,
  AwaitingWebAuthnChallenge: webauthnView,
};
