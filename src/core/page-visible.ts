/**
 * Resolves when the page is visible (at once if it is, or where there is no document, as on a server), or when
 * `signal` aborts. Pollers await it before each request, so a hidden tab sends nothing, as Okta's own widget does.
 */
export function pageVisible(signal: AbortSignal): Promise<void> {
  if (typeof document === 'undefined' || document.visibilityState !== 'hidden' || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      document.removeEventListener('visibilitychange', onChange);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const onChange = () => document.visibilityState !== 'hidden' && done();
    document.addEventListener('visibilitychange', onChange);
    signal.addEventListener('abort', done);
  });
}
