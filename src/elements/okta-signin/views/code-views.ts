import type { Views } from './index.js';

/** Views of the steps that verify or enroll with a code sent by email, SMS or voice, or shown by an app. */
export const CODE_VIEWS: Views = {};
