/** Helpers for browser tests against the local org: its device API, JWT reading and fetch recording. */
import { testEnv, type TestEnv } from './env.js';
import type { FlowState, PollKind, PollResult, Transport } from '../../src/core/types.js';

export type Template = 'alice' | 'bob' | 'carol' | 'dave' | 'erin' | 'frank' | 'gina';

export interface DeviceView {
  username: string;
  enrolled: boolean;
  push: { id: string; choices: number[] } | null;
  totp: { code: string; expiresIn: number } | null;
}

export async function env(): Promise<TestEnv> {
  const e = await testEnv();
  if (!e.issuer) throw new Error('The local org is not running (demo/org/index.mjs missing?)');
  return e;
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${await response.text()}`);
  return response.json() as Promise<T>;
}

function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

/** A fresh user made from one of the seeded users, so tests never share state. */
export async function newUser(template: Template, org?: string): Promise<{ username: string; password: string }> {
  const { orgOrigin } = await env();
  return json(await post(`${org ?? orgOrigin}/device/api/users`, { template }));
}

export async function device(username: string): Promise<DeviceView> {
  const { orgOrigin } = await env();
  return json(await fetch(`${orgOrigin}/device/api/users/${encodeURIComponent(username)}`));
}

export async function answerPush(username: string, action: 'approve' | 'deny', answer?: number): Promise<void> {
  const { orgOrigin } = await env();
  await json(await post(`${orgOrigin}/device/api/users/${encodeURIComponent(username)}/push`, { action, answer }));
}

export async function activate(link: string): Promise<void> {
  const { orgOrigin } = await env();
  await json(await post(`${orgOrigin}/device/api/activate`, { link }));
}

export interface OutboxMessage {
  channel: 'email' | 'sms' | 'voice';
  to: string;
  link: string;
  /** One-time codes (Email, Phone). */
  code?: string;
  sentAt: string;
}

/** What the org sent: emails, texts and calls (`org`: another org's origin). */
export async function outbox(org?: string): Promise<OutboxMessage[]> {
  const { orgOrigin } = await env();
  return (await json<{ messages: OutboxMessage[] }>(await fetch(`${org ?? orgOrigin}/device/api/outbox`))).messages;
}

export async function waitFor<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 10000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function jwtPayload(jwt: string | undefined): Record<string, unknown> {
  if (!jwt) throw new Error('no token');
  const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(part + '='.repeat((4 - (part.length % 4)) % 4)));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the way the core's poller does (waiting the server's refresh before each poll) until polling ends. */
export async function pollUntilDone(transport: Transport, kind: PollKind, refresh = 300, timeoutMs = 15000): Promise<PollResult> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    await sleep(refresh);
    const result = await transport.poll(kind);
    if (!result.continuePolling) return result;
    if (Date.now() > end) throw new Error(`still polling (${kind}) after ${timeoutMs} ms`);
    refresh = result.refresh ?? 300;
  }
}

/**
 * Records what the page sends to the org (the real requests still go out): the tests read the nonce okta-auth-js
 * sent to /v1/interact and count the requests made.
 */
export interface Recorded {
  url: string;
  body: string;
  /** The reply's body, for IDX API calls that got an answer. */
  reply?: string;
  /** Request headers as sent, lower-cased names. */
  headers: Record<string, string>;
  method: string;
}

export function recordRequests(): { requests: Recorded[]; stop(): void } {
  const original = window.fetch;
  const requests: Recorded[] = [];
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const headers = Object.fromEntries([...new Headers(init?.headers).entries()]);
    const entry: Recorded = { url, body: typeof init?.body === 'string' ? init.body : '', headers, method: init?.method ?? 'GET' };
    requests.push(entry);
    const response = await original(input, init);
    if (url.includes('/idp/idx/')) entry.reply = await response.clone().text();
    return response;
  };
  return { requests, stop: () => (window.fetch = original) };
}

/** The state handle of the latest IDX reply that carried one. */
export function lastStateHandle(requests: Recorded[]): string {
  for (const r of [...requests].reverse()) {
    try {
      const handle = r.reply && (JSON.parse(r.reply) as { stateHandle?: string }).stateHandle;
      if (handle) return handle;
    } catch {
      // not JSON
    }
  }
  throw new Error('no IDX reply with a stateHandle yet');
}

/** Ends a transaction behind the transport's back, through the org's own IDX API. */
export async function cancelOnServer(stateHandle: string): Promise<void> {
  const { orgOrigin } = await env();
  const response = await fetch(`${orgOrigin}/idp/idx/cancel`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/ion+json; okta-version=1.0.0' },
    body: JSON.stringify({ stateHandle }),
  });
  if (!response.ok) throw new Error(`cancel answered ${response.status}`);
}

export function interactNonce(requests: Recorded[]): string | null {
  const interact = [...requests].reverse().find((r) => r.url.endsWith('/v1/interact'));
  return interact ? new URLSearchParams(interact.body).get('nonce') : null;
}

export function entry(state: FlowState, key: string, methodType?: string) {
  const found = state.authenticators?.find((a) => a.key === key && (!methodType || a.methodType === methodType));
  if (!found) throw new Error(`no ${key} ${methodType ?? ''} in ${JSON.stringify(state.authenticators)}`);
  return found;
}

/** Reads the QR image the way a phone camera would. */
export async function decodeQr(dataUrl: string): Promise<string> {
  const w = window as unknown as { jsQR?: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null };
  if (!w.jsQR) {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/jsqr/dist/jsQR.js';
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('jsQR did not load'));
      document.head.append(script);
    });
  }
  const img = new Image();
  img.src = dataUrl;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height);
  const code = w.jsQR!(data.data, data.width, data.height);
  if (!code) throw new Error('no QR code in the image');
  return code.data;
}
