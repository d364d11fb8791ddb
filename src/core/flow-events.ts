import type { FlowError, FlowState, PollResult, TokenSet } from './types.js';

/** The flow moved to a new state. */
export class FlowStateEvent extends Event {
  constructor(readonly state: FlowState, readonly previous: FlowState) {
    super('statechange');
  }
}

/** The flow reached `Success`. */
export class FlowSuccessEvent extends Event {
  constructor(readonly next: string | undefined, readonly tokens: TokenSet | undefined) {
    super('success');
  }
}

/** An action or a poll failed. */
export class FlowErrorEvent extends Event {
  constructor(readonly error: FlowError) {
    super('error');
  }
}

/** A poll reply arrived. */
export class FlowPollEvent extends Event {
  constructor(readonly result: PollResult) {
    super('poll');
  }
}

/** A poll request failed for a passing reason (network, 5xx, 429); the flow tries again after `delayMs`. */
export class FlowPollRetryEvent extends Event {
  constructor(readonly error: FlowError, readonly delayMs: number) {
    super('pollretry');
  }
}

/**
 * Polling ended: `result` is the last reply, `state` the state the flow moves to right after this event, so that
 * a UI can report the end of polling before it shows the next view.
 */
export class FlowPollCompleteEvent extends Event {
  constructor(readonly result: PollResult, readonly state: FlowState) {
    super('pollcomplete');
  }
}

/** A request started or ended (`pending` tells which). */
export class FlowPendingEvent extends Event {
  constructor(readonly pending: boolean) {
    super('pendingchange');
  }
}

export interface SignInFlowEventMap {
  statechange: FlowStateEvent;
  success: FlowSuccessEvent;
  error: FlowErrorEvent;
  poll: FlowPollEvent;
  pollretry: FlowPollRetryEvent;
  pollcomplete: FlowPollCompleteEvent;
  pendingchange: FlowPendingEvent;
}
