import type { Views } from './index.js';

/** Views of the security key or biometric steps. */
export const WEBAUTHN_VIEWS: Views = {};
