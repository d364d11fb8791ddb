import { DEFAULT_RATE_LIMIT_WAIT } from './retry-after.js';
import { FlowError, type PollResult } from './types.js';

/** The timer functions the poller uses; tests pass a fake clock. */
export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export interface PollerOptions {
  /** One poll request. The poller never calls it again before the previous call has settled. */
  poll: (signal: AbortSignal) => Promise<PollResult>;
  /** Delay before the first request, ms. Default 4000. */
  initialDelay?: number;
  /** Delay when a reply carries no refresh, ms. Default 4000. */
  defaultInterval?: number;
  signal?: AbortSignal;
  /** First backoff delay after a network error or 5xx, ms. Default 1000. */
  backoffBase?: number;
  /** Longest backoff delay, ms. Default 30000. */
  backoffMax?: number;
  /** Consecutive network errors / 5xx tolerated before giving up. Default 10. */
  maxRetries?: number;
  /**
   * Tries in all for an unreadable reply the transport marks retryable (`malformed_response`: a 200 that is not
   * JSON, HTML from a proxy), with backoff, before giving up with that error. Default 5.
   */
  maxMalformed?: number;
  clock?: Clock;
  /** Returns a number in [0, 1); used for jitter. */
  random?: () => number;
  /**
   * Awaited before each request: polling pauses while it is pending. `<okta-verify-poller>` passes one that
   * waits while the page is hidden, as Okta's own widget does; a request then goes out as soon as it is shown.
   */
  ready?: (signal: AbortSignal) => Promise<void>;
  /** Every reply, including the last. */
  onReply?: (result: PollResult) => void;
  /** A transient failure and how long the poller waits before trying again. */
  onRetry?: (error: FlowError, delayMs: number) => void;
}

export const DEFAULT_POLL_INTERVAL = 4000;
export { DEFAULT_RATE_LIMIT_WAIT };
// A server asking for 0 ms must not turn the poller into a busy loop, nor a huge value stall it for days.
const MIN_INTERVAL = 100;
const MAX_INTERVAL = 300000;
// A 429's Retry-After, in either mode: at least 1 s (no flood on `Retry-After: 0`), at most 5 min.
export const MIN_RATE_LIMIT_WAIT = 1000;
export const MAX_RATE_LIMIT_WAIT = 300000;

/** How long to wait after a 429: its Retry-After clamped to 1 s .. 5 min, else 60 s. */
export function rateLimitWait(retryAfterMs: number | null | undefined): number {
  if (retryAfterMs == null || !Number.isFinite(retryAfterMs)) return DEFAULT_RATE_LIMIT_WAIT;
  return Math.min(MAX_RATE_LIMIT_WAIT, Math.max(MIN_RATE_LIMIT_WAIT, retryAfterMs));
}

const realClock: Clock = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as number),
};

/** Backoff for the n-th consecutive failure (n >= 1): between half and all of min(max, base * 2^(n-1)). */
export function backoffDelay(n: number, base: number, max: number, random: () => number): number {
  const cap = Math.min(max, base * 2 ** Math.max(0, n - 1));
  return Math.round(cap / 2 + (cap / 2) * random());
}

export function clampInterval(ms: number | null | undefined, fallback: number): number {
  if (ms == null || !Number.isFinite(ms)) return fallback;
  return Math.min(MAX_INTERVAL, Math.max(MIN_INTERVAL, ms));
}

/**
 * Polls until a reply says `continuePolling: false` (resolves with it), a non-transient error (rejects with it),
 * or the signal aborts (rejects with the abort reason). Waits each reply's refresh between requests; backs off
 * on network errors and 5xx, and on unreadable replies marked retryable (`maxMalformed` tries in all); waits out a 429 for
 * its Retry-After clamped to 1 s .. 5 min, else 60 s.
 */
export function runPoller(options: PollerOptions): Promise<PollResult> {
  const clock = options.clock ?? realClock;
  const random = options.random ?? Math.random;
  const fallback = options.defaultInterval ?? DEFAULT_POLL_INTERVAL;
  const base = options.backoffBase ?? 1000;
  const max = options.backoffMax ?? 30000;
  const maxRetries = options.maxRetries ?? 10;
  const maxMalformed = options.maxMalformed ?? 5;
  const outer = options.signal;

  return new Promise<PollResult>((resolve, reject) => {
    let timer: unknown;
    let inflight: AbortController | undefined;
    let failures = 0;
    let malformed = 0;
    let done = false;

    const finish = (fn: () => void) => {
      if (done) return;
      done = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
      fn();
    };
    const onAbort = () => {
      inflight?.abort(outer?.reason);
      finish(() => reject(outer?.reason ?? new DOMException('Aborted', 'AbortError')));
    };
    const schedule = (ms: number) => {
      timer = clock.setTimeout(tick, ms);
    };

    async function tick() {
      timer = undefined;
      if (done) return;
      inflight = new AbortController();
      if (options.ready) {
        await options.ready(inflight.signal).catch(() => undefined);
        if (done) return;
      }
      let result: PollResult;
      try {
        result = await options.poll(inflight.signal);
      } catch (error) {
        if (done) return;
        const e = error instanceof FlowError ? error : new FlowError('network', 'Network error', { retryable: true, cause: error });
        if (e.code === 'rate_limited') {
          const wait = rateLimitWait(e.retryAfterMs);
          options.onRetry?.(e, wait);
          schedule(wait);
          return;
        }
        if ((e.code === 'network' || e.code === 'server') && ++failures <= maxRetries) {
          const wait = backoffDelay(failures, base, max, random);
          options.onRetry?.(e, wait);
          schedule(wait);
          return;
        }
        if (e.code === 'malformed_response' && e.retryable && ++malformed < maxMalformed) {
          const wait = backoffDelay(malformed, base, max, random);
          options.onRetry?.(e, wait);
          schedule(wait);
          return;
        }
        finish(() => reject(e));
        return;
      } finally {
        inflight = undefined;
      }
      if (done) return;
      failures = 0;
      malformed = 0;
      try {
        options.onReply?.(result);
      } catch {
        // A listener's bug must not stop the flow.
      }
      if (done) return;
      if (!result.continuePolling) finish(() => resolve(result));
      else schedule(clampInterval(result.refresh, fallback));
    }

    if (outer?.aborted) return onAbort();
    outer?.addEventListener('abort', onAbort);
    schedule(Math.max(0, options.initialDelay ?? fallback));
  });
}
