import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import './okta-verify-poller.js';
import type { OktaVerifyPoller } from './okta-verify-poller.js';
import type { PollResult } from '../../core/types.js';

const run = () => `p${Math.random().toString(36).slice(2)}`;
const count = async (id: string) => ((await (await fetch(`/hostile/count/${id}`)).json()) as { count: number }).count;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const statusText = (el: OktaVerifyPoller) => el.shadowRoot!.querySelector('[role=status]')!.textContent!.trim();

/**
 * Runs the poller's backoff (0.5 s doubling, jittered) twenty times faster, so that five tries take a moment rather
 * than up to 15 s; returns the restore. Only the waits change: the tries and what they lead to are the same.
 */
function quickBackoff(): () => void {
  const real = window.setTimeout;
  window.setTimeout = ((fn: TimerHandler, ms?: number, ...rest: unknown[]) => real(fn, ms && ms >= 500 ? ms / 20 : ms, ...rest)) as typeof window.setTimeout;
  return () => {
    window.setTimeout = real;
  };
}

/** A standalone poller whose navigation is recorded instead of followed. */
async function poller(endpoint: string, attrs: { allowedOrigins?: string } = {}) {
  const went: string[] = [];
  const el = await fixture<OktaVerifyPoller>(
    html`<okta-verify-poller
      interval="30"
      allowed-origins=${attrs.allowedOrigins ?? ''}
      .navigate=${(u: string) => went.push(u)}
      endpoint=${endpoint}
    ></okta-verify-poller>`,
  );
  return { el, went };
}

describe('<okta-verify-poller>', () => {
  it('polls a seed-style PascalCase endpoint, reports each reply, and navigates to Next when done', async () => {
    const id = run();
    const polls: unknown[] = [];
    document.addEventListener('okta-poll', (e) => polls.push(e.detail));
    const done = oneEvent(document, 'okta-poll-complete');
    const { el, went } = await poller(`/hostile/poll/${id}?continue=2&refresh=40&next=/Home/Index`);
    expect(statusText(el)).to.equal('Waiting for Okta Verify…');
    await expect(el).to.be.accessible();
    const ev = await done;
    expect(ev.bubbles && ev.composed && ev.cancelable).to.equal(true);
    expect(ev.detail).to.deep.equal({ next: '/Home/Index', status: undefined });
    expect(polls).to.deep.equal([
      { continuePolling: true, refresh: 40 },
      { continuePolling: true, refresh: 40 },
      { continuePolling: false, refresh: 40 },
    ]);
    expect(went).to.deep.equal([`${location.origin}/Home/Index`]);
    expect(await count(id)).to.equal(3);
    await el.updateComplete;
    expect(statusText(el)).to.equal('Done.');
    await expect(el).to.be.accessible();
  });

  it('reads camelCase replies too', async () => {
    const id = run();
    const { went } = await poller(`/hostile/poll/${id}?continue=1&refresh=30&camel=1&next=/done`);
    await waitUntil(() => went.length === 1);
    expect(went[0]).to.equal(`${location.origin}/done`);
  });

  it('does not navigate when okta-poll-complete is prevented', async () => {
    const id = run();
    const done = oneEvent(document, 'okta-poll-complete');
    document.addEventListener('okta-poll-complete', (e) => e.preventDefault(), { once: true });
    const { went } = await poller(`/hostile/poll/${id}?continue=0&next=/x`);
    await done;
    await sleep(30);
    expect(went).to.deep.equal([]);
  });

  for (const next of ['javascript:window.__pwned=1', '//evil.example/', '/\\evil.example', 'https://evil.example/']) {
    it(`refuses the hostile Next ${next}`, async () => {
      const failed = oneEvent(document, 'okta-error');
      const { el, went } = await poller(`/hostile/poll/${run()}?continue=0&next=${encodeURIComponent(next)}`);
      const ev = await failed;
      expect(ev.detail.code).to.equal('unsafe_navigation');
      expect(went).to.deep.equal([]);
      await el.updateComplete;
      expect(statusText(el)).to.equal(ev.detail.message);
    });
  }

  it('follows an allow-listed origin', async () => {
    const { went } = await poller(`/hostile/poll/${run()}?continue=0&next=${encodeURIComponent('https://id.example/welcome')}`, {
      allowedOrigins: 'https://id.example',
    });
    await waitUntil(() => went.length === 1);
    expect(went).to.deep.equal(['https://id.example/welcome']);
  });

  it('retries after a 500 with a visible notice, then carries on', async () => {
    const id = run();
    const { el, went } = await poller(`/hostile/poll/${id}?first=500&continue=0&next=/ok`);
    await waitUntil(() => statusText(el) === 'Connection problem. Trying again…', 'no retry notice', { timeout: 2000 });
    await waitUntil(() => went.length === 1, 'no navigation', { timeout: 3000 });
    expect(await count(id)).to.equal(2);
  });

  it('waits out a 429 for its Retry-After (1 s)', async () => {
    const id = run();
    const { went } = await poller(`/hostile/poll/${id}?first=429&continue=0&next=/ok`);
    await sleep(600);
    expect(await count(id)).to.equal(1);
    await waitUntil(() => went.length === 1, 'no navigation', { timeout: 3000 });
    expect(await count(id)).to.equal(2);
  });

  it('carries on after two HTML replies (a proxy error page, a login redirect) and navigates to Next', async () => {
    const id = run();
    const { el, went } = await poller(`/hostile/poll/${id}?first=html&times=2&continue=0&next=/Home`);
    await waitUntil(() => statusText(el) === 'Connection problem. Trying again…', 'no retry notice', { timeout: 3000 });
    await waitUntil(() => went.length === 1, 'no navigation', { timeout: 6000 });
    expect(went).to.deep.equal([`${location.origin}/Home`]);
    expect(await count(id)).to.equal(3);
  });

  for (const kind of ['html', 'malformed', 'shape']) {
    it(`after five unreadable replies (${kind}) it stops with the message and okta-error`, async () => {
      const id = run();
      const restore = quickBackoff();
      try {
        const failed = oneEvent(document, 'okta-error');
        const { el, went } = await poller(`/hostile/poll/${id}?first=${kind}&times=100`);
        expect((await failed).detail).to.deep.equal({
          code: 'malformed_response',
          message: 'The server sent an unexpected reply. Try again later.',
          retryable: true,
        });
        expect(await count(id)).to.equal(5);
        await sleep(300);
        expect(await count(id)).to.equal(5, 'no request after giving up');
        expect(went).to.deep.equal([]);
        await el.updateComplete;
        expect(statusText(el)).to.equal('The server sent an unexpected reply. Try again later.');
        await expect(el).to.be.accessible();
      } finally {
        restore();
      }
    });
  }

  it('timeout bounds each request: one that never answers is given up after it and tried again', async () => {
    const id = run();
    const el = await fixture<OktaVerifyPoller>(html`<okta-verify-poller interval="0" endpoint="/hostile/poll/x"></okta-verify-poller>`);
    expect(el.timeout).to.equal(30000, 'the default, as <okta-signin> requests');
    el.remove();
    const started = Date.now();
    const went: string[] = [];
    const slow = await fixture<OktaVerifyPoller>(
      html`<okta-verify-poller interval="0" timeout="300" .navigate=${(u: string) => went.push(u)} endpoint=${`/hostile/poll/${id}?first=slow&continue=0&next=/ok`}></okta-verify-poller>`,
    );
    expect(slow.timeout).to.equal(300);
    await waitUntil(() => statusText(slow) === 'Connection problem. Trying again…', 'no retry notice', { timeout: 2000 });
    expect(Date.now() - started).to.be.within(250, 1500);
    await waitUntil(() => went.length === 1, 'no navigation', { timeout: 3000 });
    expect(await count(id)).to.equal(2);
  });

  it('stops polling when removed: no request afterwards', async () => {
    const id = run();
    const { el } = await poller(`/hostile/poll/${id}?continue=1000&refresh=30`);
    await waitUntil(async () => (await count(id)) >= 2);
    el.remove();
    await sleep(50);
    const n = await count(id);
    await sleep(300);
    expect(await count(id)).to.equal(n);
  });

  it('pauses while the page is hidden and polls as soon as it is shown again', async () => {
    const setVisibility = (state: DocumentVisibilityState) => {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    };
    const id = run();
    try {
      const { el } = await poller(`/hostile/poll/${id}?continue=1000&refresh=30`);
      await waitUntil(async () => (await count(id)) >= 1);
      setVisibility('hidden');
      await sleep(100);
      const n = await count(id);
      await sleep(300);
      expect(await count(id)).to.equal(n, 'no request while hidden');
      expect(statusText(el)).to.equal('Waiting for Okta Verify…');
      setVisibility('visible');
      await waitUntil(async () => (await count(id)) > n, 'a request once shown', { timeout: 1000 });
      el.remove();
    } finally {
      delete (document as unknown as Record<string, unknown>).visibilityState;
    }
  });

  it('aborts the request in flight when removed, and starts again when re-attached', async () => {
    const signals: AbortSignal[] = [];
    const poll = (signal: AbortSignal) => {
      signals.push(signal);
      return new Promise<PollResult>(() => {});
    };
    const el = await fixture<OktaVerifyPoller>(html`<okta-verify-poller interval="0" .poll=${poll}></okta-verify-poller>`);
    await waitUntil(() => signals.length === 1);
    const parent = el.parentElement!;
    el.remove();
    expect(signals[0].aborted).to.equal(true);
    parent.append(el);
    await waitUntil(() => signals.length === 2);
    expect(signals[1].aborted).to.equal(false);
    el.remove();
  });

  it('with a poll function it reports completion but does not navigate', async () => {
    const went: string[] = [];
    let n = 0;
    const poll = async (): Promise<PollResult> => (++n < 2 ? { continuePolling: true, refresh: 10 } : { continuePolling: false, refresh: null, next: '/x', state: { status: 'Success' } });
    const done = oneEvent(document, 'okta-poll-complete');
    await fixture(html`<okta-verify-poller interval="0" .poll=${poll} .navigate=${(u: string) => went.push(u)}></okta-verify-poller>`);
    expect((await done).detail).to.deep.equal({ next: '/x', status: 'Success' });
    await sleep(20);
    expect(went).to.deep.equal([]);
  });

  it('does nothing without an endpoint or poll function', async () => {
    const el = await fixture<OktaVerifyPoller>(html`<okta-verify-poller interval="0"></okta-verify-poller>`);
    await sleep(30);
    expect(statusText(el)).to.equal('');
  });
});
