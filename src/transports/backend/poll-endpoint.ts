import type { BackendRequestOptions } from '../config.js';
import { parsePollReply, type PollReply } from './poll-reply.js';
import { requestJson } from './request.js';

/** One GET of a seed-style poll endpoint (`{ Refresh, ContinuePolling, Next }`). */
export async function fetchPollReply(url: string, signal?: AbortSignal, options: BackendRequestOptions = {}): Promise<PollReply> {
  return parsePollReply(await requestJson(url, { signal }, options));
}

/** A poll function for one seed-style endpoint, as `<okta-verify-poller endpoint>` uses it. */
export const pollEndpoint =
  (url: string, options: BackendRequestOptions = {}) =>
  (signal: AbortSignal): Promise<PollReply> =>
    fetchPollReply(url, signal, options);
