import type { Views } from './index.js';

/** Views of the password asked for on its own, password recovery and the new password. */
export const RECOVERY_VIEWS: Views = {};
