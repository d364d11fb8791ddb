export * from './types.js';
export { FLOW_STATUSES } from './statuses.js';
export { SignInFlow, toFlowError, type SignInFlowOptions } from './flow.js';
export { ALLOWED_ACTIONS, pollKindOf } from './flow-rules.js';
export { ACTIONS, allows, ENROLLING, type ActionInputs, type ActionRule, type FlowAction } from './actions.js';
export {
  FlowStateEvent,
  FlowSuccessEvent,
  FlowErrorEvent,
  FlowPollEvent,
  FlowPollRetryEvent,
  FlowPollCompleteEvent,
  FlowPendingEvent,
  type SignInFlowEventMap,
} from './flow-events.js';
export {
  runPoller,
  backoffDelay,
  clampInterval,
  DEFAULT_POLL_INTERVAL,
  DEFAULT_RATE_LIMIT_WAIT,
  type Clock,
  type PollerOptions,
} from './poller.js';
export { safeUrl, isSafeUrl, navigateSafely, parseAllowedOrigins, type SafeNavigationOptions } from './safe-navigation.js';
export { pageVisible } from './page-visible.js';
