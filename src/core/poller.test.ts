import { expect } from '@open-wc/testing';
import { backoffDelay, runPoller, type Clock } from './poller.js';
import { FlowError, type PollResult } from './types.js';

class FakeClock implements Clock {
  now = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private seq = 0;
  setTimeout(fn: () => void, ms: number) {
    this.timers.set(++this.seq, { at: this.now + ms, fn });
    return this.seq;
  }
  clearTimeout(id: unknown) {
    this.timers.delete(id as number);
  }
  get pending() {
    return [...this.timers.values()].map((t) => t.at - this.now);
  }
  /** Runs timers due within `ms`, letting promises settle after each. */
  async advance(ms: number) {
    const end = this.now + ms;
    for (;;) {
      await flush();
      const due = [...this.timers.entries()].sort((a, b) => a[1].at - b[1].at).find(([, t]) => t.at <= end);
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
    }
    this.now = end;
    await flush();
  }
}
// A real macrotask lets every promise chain settle before the fake clock moves on.
const flush = () => new Promise<void>((r) => setTimeout(r, 0));

function script(steps: Array<PollResult | FlowError>) {
  const calls: number[] = [];
  let inflight = 0;
  let maxInflight = 0;
  const poll = async (_signal: AbortSignal) => {
    calls.push(clock.now);
    inflight++;
    maxInflight = Math.max(maxInflight, inflight);
    await Promise.resolve();
    inflight--;
    const step = steps.shift() ?? { continuePolling: true, refresh: 1000 };
    if (step instanceof FlowError) throw step;
    return step;
  };
  return { poll, calls, get maxInflight() { return maxInflight; } };
}

let clock: FakeClock;
beforeEach(() => {
  clock = new FakeClock();
});

describe('runPoller', () => {
  it('waits the initial delay, then each reply\'s refresh, and resolves on continuePolling false', async () => {
    const s = script([
      { continuePolling: true, refresh: 1500 },
      { continuePolling: true, refresh: null },
      { continuePolling: false, refresh: null, next: '/done' },
    ]);
    const replies: PollResult[] = [];
    const done = runPoller({ poll: s.poll, clock, initialDelay: 500, onReply: (r) => replies.push(r) });
    await clock.advance(20000);
    expect(await done).to.deep.equal({ continuePolling: false, refresh: null, next: '/done' });
    expect(s.calls).to.deep.equal([500, 2000, 6000]);
    expect(replies).to.have.length(3);
    expect(clock.pending).to.deep.equal([]);
  });

  it('defaults to 4000 ms before the first poll', async () => {
    const s = script([{ continuePolling: false, refresh: null }]);
    const done = runPoller({ poll: s.poll, clock });
    await clock.advance(3999);
    expect(s.calls).to.deep.equal([]);
    await clock.advance(1);
    await done;
    expect(s.calls).to.deep.equal([4000]);
  });

  it('never has two requests in flight, even with a zero refresh', async () => {
    const s = script([
      { continuePolling: true, refresh: 0 },
      { continuePolling: true, refresh: 0 },
      { continuePolling: false, refresh: 0 },
    ]);
    const done = runPoller({ poll: s.poll, clock, initialDelay: 0 });
    await clock.advance(1000);
    await done;
    expect(s.maxInflight).to.equal(1);
    // A zero refresh is raised to the 100 ms floor.
    expect(s.calls).to.deep.equal([0, 100, 200]);
  });

  it('backs off exponentially with jitter on network errors and 5xx, then resumes the normal interval', async () => {
    const net = () => new FlowError('network', 'down', { retryable: true });
    const s = script([net(), new FlowError('server', '503', { status: 503, retryable: true }), net(), { continuePolling: true, refresh: 700 }, { continuePolling: false, refresh: null }]);
    const waits: number[] = [];
    const done = runPoller({ poll: s.poll, clock, initialDelay: 0, random: () => 0, onRetry: (_e, ms) => waits.push(ms) });
    await clock.advance(60000);
    await done;
    // random() = 0 gives the lower bound: half of 1000, 2000, 4000.
    expect(waits).to.deep.equal([500, 1000, 2000]);
    expect(s.calls).to.deep.equal([0, 500, 1500, 3500, 4200]);
  });

  it('keeps backoff within [cap/2, cap] and never above the maximum', () => {
    for (const r of [0, 0.5, 0.999]) {
      for (let n = 1; n <= 12; n++) {
        const cap = Math.min(30000, 1000 * 2 ** (n - 1));
        const d = backoffDelay(n, 1000, 30000, () => r);
        expect(d).to.be.within(cap / 2, cap);
      }
    }
    expect(backoffDelay(20, 1000, 30000, () => 0.999)).to.be.at.most(30000);
    expect(backoffDelay(3, 1000, 30000, () => 0)).to.not.equal(backoffDelay(3, 1000, 30000, () => 0.9));
  });

  it('gives up after maxRetries consecutive failures with the last error', async () => {
    const s = script([1, 2, 3].map(() => new FlowError('network', 'down', { retryable: true })));
    const done = runPoller({ poll: s.poll, clock, initialDelay: 0, maxRetries: 2, random: () => 0 });
    const outcome = done.then(() => 'resolved', (e) => e.code);
    await clock.advance(60000);
    expect(await outcome).to.equal('network');
    expect(s.calls).to.have.length(3);
  });

  it('waits out a 429 for its Retry-After, else 60 s', async () => {
    const s = script([
      new FlowError('rate_limited', 'slow down', { status: 429, retryAfterMs: 2500 }),
      new FlowError('rate_limited', 'slow down', { status: 429 }),
      { continuePolling: false, refresh: null },
    ]);
    const done = runPoller({ poll: s.poll, clock, initialDelay: 0 });
    await clock.advance(2499);
    expect(s.calls).to.deep.equal([0]);
    await clock.advance(1);
    expect(s.calls).to.deep.equal([0, 2500]);
    await clock.advance(59999);
    expect(s.calls).to.have.length(2);
    await clock.advance(1);
    await done;
    expect(s.calls).to.deep.equal([0, 2500, 62500]);
  });

  it('clamps a 429\'s Retry-After to 1 s .. 5 min: no flood on 0, no stall on a day', async () => {
    const s = script([
      new FlowError('rate_limited', 'slow down', { status: 429, retryAfterMs: 0 }),
      new FlowError('rate_limited', 'slow down', { status: 429, retryAfterMs: 86_400_000 }),
      { continuePolling: false, refresh: null },
    ]);
    const done = runPoller({ poll: s.poll, clock, initialDelay: 0 });
    await clock.advance(999);
    expect(s.calls, 'Retry-After 0 waits 1 s, not 0').to.deep.equal([0]);
    await clock.advance(1);
    expect(s.calls).to.deep.equal([0, 1000]);
    await clock.advance(300_000);
    await done;
    expect(s.calls, 'a day is waited as 5 min').to.deep.equal([0, 1000, 301_000]);
  });

  it('tries an unreadable reply again with backoff, 5 tries in all, then fails with malformed_response', async () => {
    const bad = () => new FlowError('malformed_response', 'Not JSON', { status: 200, retryable: true });
    const s = script([bad(), bad(), bad(), bad(), bad(), { continuePolling: false, refresh: null }]);
    const outcome = runPoller({ poll: s.poll, clock, initialDelay: 0, random: () => 0 }).then(() => 'resolved', (e) => e.code);
    await clock.advance(600_000);
    expect(await outcome).to.equal('malformed_response');
    expect(s.calls, 'backoff 0.5 s, 1 s, 2 s, 4 s between the 5 tries').to.deep.equal([0, 500, 1500, 3500, 7500]);
    expect(clock.pending).to.deep.equal([]);
  });

  it('an unreadable reply not marked retryable stops at once (the standalone poller element\'s contract)', async () => {
    const s = script([new FlowError('malformed_response', 'Not JSON'), { continuePolling: false, refresh: null }]);
    const outcome = runPoller({ poll: s.poll, clock, initialDelay: 0 }).then(() => 'resolved', (e) => e.code);
    await clock.advance(10_000);
    expect(await outcome).to.equal('malformed_response');
    expect(s.calls).to.have.length(1);
  });

  it('an unreadable reply followed by a good one goes on polling', async () => {
    const s = script([new FlowError('malformed_response', 'Not JSON', { retryable: true }), { continuePolling: false, refresh: null, next: '/x' }]);
    const done = runPoller({ poll: s.poll, clock, initialDelay: 0, random: () => 0 });
    await clock.advance(10_000);
    expect((await done).next).to.equal('/x');
    expect(s.calls).to.have.length(2);
  });

  it('stops at once on a non-transient error', async () => {
    const s = script([new FlowError('session_expired', 'expired', { status: 401 })]);
    const outcome = runPoller({ poll: s.poll, clock, initialDelay: 0 }).then(() => 'resolved', (e) => e.code);
    await clock.advance(100000);
    expect(await outcome).to.equal('session_expired');
    expect(s.calls).to.have.length(1);
    expect(clock.pending).to.deep.equal([]);
  });

  it('stops on abort: clears its timer and aborts the request in flight', async () => {
    const ctrl = new AbortController();
    let seen: AbortSignal | undefined;
    let calls = 0;
    const poll = (signal: AbortSignal) => {
      calls++;
      seen = signal;
      return new Promise<PollResult>(() => {});
    };
    const outcome = runPoller({ poll, clock, initialDelay: 100, signal: ctrl.signal }).then(() => 'resolved', (e) => e.name);
    await clock.advance(100);
    expect(calls).to.equal(1);
    ctrl.abort();
    expect(seen!.aborted).to.equal(true);
    expect(await outcome).to.equal('AbortError');

    const ctrl2 = new AbortController();
    const s = script([]);
    const p2 = runPoller({ poll: s.poll, clock, initialDelay: 100, signal: ctrl2.signal }).catch(() => 'aborted');
    ctrl2.abort();
    expect(await p2).to.equal('aborted');
    expect(clock.pending).to.deep.equal([]);
    await clock.advance(10000);
    expect(s.calls).to.deep.equal([]);
  });

  it('holds each request until ready() resolves, then sends it at once', async () => {
    const s = script([{ continuePolling: true, refresh: 1000 }, { continuePolling: false, refresh: null }]);
    let open: () => void = () => undefined;
    let gated = 0;
    const ready = () => {
      gated++;
      return gated === 2 ? new Promise<void>((r) => (open = r)) : Promise.resolve();
    };
    const done = runPoller({ poll: s.poll, clock, initialDelay: 500, ready });
    await clock.advance(10000);
    expect(s.calls).to.deep.equal([500], 'the second request waits for ready()');
    open();
    await clock.advance(0);
    expect(s.calls).to.deep.equal([500, 10000]);
    await done;
  });

  it('an abort while waiting for ready() ends the poller without a request', async () => {
    const s = script([]);
    const ctrl = new AbortController();
    const done = runPoller({
      poll: s.poll,
      clock,
      initialDelay: 0,
      signal: ctrl.signal,
      ready: (signal) => new Promise<void>((r) => signal.addEventListener('abort', () => r())),
    });
    await clock.advance(100);
    ctrl.abort();
    let rejected = false;
    await done.catch(() => (rejected = true));
    await clock.advance(10000);
    expect(rejected).to.equal(true);
    expect(s.calls).to.deep.equal([]);
  });
});
