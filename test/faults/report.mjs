// What a fault looks like from both sides, printed as test diagnostics (`npm run test:faults`): the reply the user
// gets (status, message, Retry-After, how long it took) and the lines the operator's log got meanwhile.

/**
 * Runs `call`, then prints what the user saw and what was logged while it ran; resolves with the reply, its
 * duration and those log lines.
 * @template {{ status: number, json?: any, text?: string, headers?: Headers }} R
 * @param {import('node:test').TestContext} t
 * @param {string[]} logs the operator's log (every line the handler's logger got)
 * @param {string} label what happened
 * @param {() => Promise<R>} call
 */
export async function observe(t, logs, label, call) {
  const mark = logs.length;
  const started = Date.now();
  const reply = await call();
  const ms = Date.now() - started;
  const lines = logs.slice(mark);
  t.diagnostic(`${label}: the user sees ${describeReply(reply)} after ${ms} ms`);
  for (const line of lines) t.diagnostic(`    operator log: ${line}`);
  if (!lines.length) t.diagnostic('    operator log: nothing');
  return { reply, ms, lines };
}

/** `503 "The sign-in service is briefly unavailable…" (Retry-After 5 s)`, `200 Success`, … */
export function describeReply(reply) {
  const body = reply.json ?? {};
  const what = body.message ? `"${body.message}"` : (body.status ?? body.Status ?? (body.signedIn !== undefined ? `signedIn: ${body.signedIn}` : reply.text?.slice(0, 60)));
  const retry = reply.headers?.get('retry-after');
  return `${reply.status} ${what}${retry ? ` (Retry-After ${retry} s)` : ''}`;
}
