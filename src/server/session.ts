/**
 * Server-side sessions: a small store interface, a memory store with TTL and pruning, and the signed cookie that
 * carries only the session id.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { StepPlan } from '../idx/driver.js';
import { StoreUnavailableError } from './errors.js';
import type { FlowReply } from './flow-reply.js';
import type { StoredTokens } from './okta-tokens.js';

export interface SignedInUser {
  sub: string;
  email?: string;
  name?: string;
  /** What `onSignIn` added. */
  [key: string]: unknown;
}

/** What one browser's session holds. Never a password; tokens only as the site chose (`keepTokens`, `postLogoutRedirectUri`). */
export interface SessionData {
  /** okta-auth-js's transaction storage: the IDX transaction in progress. */
  idx?: Record<string, string>;
  /** The flow state last sent, for `GET /state` and for checking which step a request may take. */
  flowState?: FlowReply;
  user?: SignedInUser;
  /** The signed-in user's tokens: all with `keepTokens`, else only the ID token for the logout URL, else none. */
  tokens?: StoredTokens;
  /** What the IDX driver needs to know of the transaction (its steps and actions); never sent to the browser. */
  plan?: StepPlan;
  /** The IDX transaction was started ahead of the login (`GET /state`): nobody has signed in with it yet. */
  prestarted?: boolean;
  /** What the transaction started ahead offers on the sign-in form (passkeys, "Forgot password?", "Sign up"). */
  formState?: Partial<FlowReply>;
  /** The username of the sign-in in progress (to forgive its failed passwords once it succeeds). */
  username?: string;
  /** When the session was created (epoch ms): the absolute timeout counts from here. */
  createdAt: number;
  /** When the session was last written (epoch ms). */
  savedAt?: number;
}

/**
 * Where sessions live. `set` replaces the whole session and keeps it `ttlMs` from now; `get` answers undefined for
 * an unknown or expired id. `lock`, when present, serializes one session's requests across processes.
 */
export interface SessionStore {
  get(id: string): Promise<SessionData | undefined>;
  set(id: string, data: SessionData, ttlMs: number): Promise<void>;
  destroy(id: string): Promise<void>;
  /** Waits until `id` is free (at most `waitMs`), holds it at most `holdMs`; resolves with the release. */
  lock?(id: string, holdMs: number, waitMs: number): Promise<() => Promise<void>>;
}

/**
 * The store as the handler calls it: a failure of `get`, `set` or `destroy` (a database down, a bug in a store of the
 * site's own) becomes a StoreUnavailableError, which the user meets as a `503` and the log as what the store said.
 * `lock` is left as it is: its failure may be another request holding the session.
 */
export function guardedStore(store: SessionStore): SessionStore {
  const guard =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      call.apply(store, args).catch((error: unknown) => {
        if (error instanceof StoreUnavailableError) throw error;
        throw new StoreUnavailableError('session store', `${(error as Error)?.name ?? 'error'}: ${(error as Error)?.message ?? error}`);
      });
  return {
    get: guard(store.get),
    set: guard(store.set),
    destroy: guard(store.destroy),
    lock: store.lock?.bind(store),
  };
}

/** The default store: this process's memory, a copy per session, expired entries pruned every minute. */
export class MemorySessionStore implements SessionStore {
  private readonly entries = new Map<string, { json: string; expiresAt: number }>();
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(options: { pruneIntervalMs?: number; now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => this.prune(), options.pruneIntervalMs ?? 60_000);
    this.timer.unref?.();
  }

  private readonly now: () => number;

  /** Sessions held, expired ones included until the next prune. */
  get size(): number {
    return this.entries.size;
  }

  async get(id: string): Promise<SessionData | undefined> {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(id);
      return undefined;
    }
    return JSON.parse(entry.json) as SessionData;
  }

  async set(id: string, data: SessionData, ttlMs: number): Promise<void> {
    this.entries.set(id, { json: JSON.stringify(data), expiresAt: this.now() + Math.max(1, ttlMs) });
  }

  async destroy(id: string): Promise<void> {
    this.entries.delete(id);
  }

  /** Drops every expired session; returns how many. */
  prune(): number {
    const now = this.now();
    let dropped = 0;
    for (const [id, entry] of this.entries) {
      if (entry.expiresAt <= now) {
        this.entries.delete(id);
        dropped += 1;
      }
    }
    return dropped;
  }

  /** Stops the pruning timer (it never keeps the process alive anyway). */
  close(): void {
    clearInterval(this.timer);
  }
}

const b64url = (buffer: Buffer): string => buffer.toString('base64url');

/** A new session id: 32 random bytes. */
export const newSessionId = (): string => b64url(randomBytes(32));

const sign = (id: string, secret: string): string => b64url(createHmac('sha256', secret).update(id).digest());

/** `id.signature`, HMAC-SHA256 with the first secret. */
export function signSessionId(id: string, secrets: readonly string[]): string {
  return `${id}.${sign(id, secrets[0])}`;
}

/** The id of a signed cookie value, if any of the secrets signed it (rotation: new first, old after). */
export function unsignSessionId(value: string, secrets: readonly string[]): string | undefined {
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const id = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  for (const secret of secrets) {
    const expected = Buffer.from(sign(id, secret));
    if (expected.length === given.length && timingSafeEqual(expected, given)) return id;
  }
  return undefined;
}

/** Reads one cookie from a `Cookie` header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() !== name) continue;
    const raw = part.slice(index + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export interface CookieSettings {
  name: string;
  path: string;
  domain?: string;
  sameSite: 'Lax' | 'Strict' | 'None';
  secure: boolean;
}

/** A `Set-Cookie` value: HttpOnly always; no Max-Age (the browser forgets it on close, the server expires it). */
export function serializeCookie(value: string, settings: CookieSettings, clear = false): string {
  const parts = [`${settings.name}=${clear ? '' : encodeURIComponent(value)}`, `Path=${settings.path}`];
  if (settings.domain) parts.push(`Domain=${settings.domain}`);
  if (clear) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  parts.push('HttpOnly', `SameSite=${settings.sameSite}`);
  if (settings.secure || settings.sameSite === 'None') parts.push('Secure');
  return parts.join('; ');
}
