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
  pendingchange: FlowPendingEvent;
}
