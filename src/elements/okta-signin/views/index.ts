import type { TemplateResult } from 'lit';
import type { FlowStatus } from '../../../core/types.js';
import type { ViewHost } from './host.js';
import { credentialsView } from './credentials.js';
import { successView, terminalView } from './outcome.js';

export type View = (h: ViewHost) => TemplateResult;
export type Views = Partial<Record<FlowStatus, View>>;

/** The views the first paint needs; the others arrive with `loadStepViews`. */
export const FIRST_VIEWS: Views = {
  Idle: credentialsView,
  Success: successView,
  Terminal: terminalView,
};

/**
 * The views of the steps after the password (picker, enrollment, challenge, password change), loaded on demand,
 * with the two elements they show and their English fetched alongside rather than after them.
 */
export const loadStepViews = (): Promise<Views> =>
  Promise.all([
    import('./steps.js'),
    import('../../authenticator-picker/authenticator-picker.js'),
    import('../../okta-verify-poller/okta-verify-poller.js'),
    import('../../shared/messages-steps.js'),
  ]).then(([m]) => m.STEP_VIEWS);
