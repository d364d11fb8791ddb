import { FLOW_STATUSES } from '../../core/statuses.js';
import { FlowError, type FlowStatus, type PollResult } from '../../core/types.js';
import { isObject, pick, pickMs, pickString } from './read.js';

/** A seed-style poll reply: the core's PollResult plus the status a server may add. */
export type PollReply = PollResult & { status?: FlowStatus };

/**
 * Reads a seed-style poll reply, `{ Refresh, ContinuePolling, Next }` (ASP.NET PascalCase) or its camelCase twin.
 * `Refresh` may be null or missing: the poller then waits its default interval.
 */
export function parsePollReply(body: unknown): PollReply {
  if (!isObject(body)) throw malformed();
  const cont = pick(body, 'continuePolling');
  if (typeof cont !== 'boolean') throw malformed();
  const result: PollReply = {
    continuePolling: cont,
    refresh: pickMs(body, 'refresh') ?? null,
  };
  const next = pickString(body, 'next');
  if (next) result.next = next;
  const status = pickString(body, 'status') as FlowStatus | undefined;
  if (status && FLOW_STATUSES.includes(status)) result.status = status;
  return result;
}

function malformed(): FlowError {
  return new FlowError('malformed_response', 'Unreadable poll reply');
}
