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

/** The views of the steps after the password (picker, enrollment, challenge, password change), loaded on demand. */
export const loadStepViews = (): Promise<Views> => import('./steps.js').then((m) => m.STEP_VIEWS);
