import { FlowError } from '../../core/types.js';
import type { BackendRequestOptions } from '../config.js';
import { parsePollReply, type PollReply } from './poll-reply.js';
import { requestJson } from './request.js';

/**
 * One GET of a seed-style poll endpoint (`{ Refresh, ContinuePolling, Next }`). An unreadable reply (a 200 that is
 * not JSON, a proxy's or a login page's HTML, a body of the wrong shape) is marked retryable: the next poll may
 * well be readable, so the poller tries again with backoff, a few times, before it reports `malformed_response`.
 */
export async function fetchPollReply(url: string, signal?: AbortSignal, options: BackendRequestOptions = {}): Promise<PollReply> {
  try {
    return parsePollReply(await requestJson(url, { signal }, options));
  } catch (error) {
    if (error instanceof FlowError && error.code === 'malformed_response' && !error.retryable) {
      throw new FlowError('malformed_response', error.message, { status: error.status, retryable: true, cause: error });
    }
    throw error;
  }
}

/** A poll function for one seed-style endpoint, as `<okta-verify-poller endpoint>` and `<okta-signin>` poll it. */
export const pollEndpoint =
  (url: string, options: BackendRequestOptions = {}) =>
  (signal: AbortSignal): Promise<PollReply> =>
    fetchPollReply(url, signal, options);
