/** Resolves when the page is visible (at once if it is), or when `signal` aborts. */
export function pageVisible(signal: AbortSignal): Promise<void> {
  if (document.visibilityState !== 'hidden' || signal.aborted) return Promise.resolve();
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
