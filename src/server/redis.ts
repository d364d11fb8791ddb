/**
 * `okta-signin-elements-server/redis`: sessions in Redis, for several instances of the backend behind a load
 * balancer. It takes a connected client of the `redis` package (node-redis 4 or later) and imports nothing of it:
 * a site that keeps sessions in memory never installs a Redis client.
 *
 *   import { createClient } from 'redis';
 *   const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 *   createSignInHandler({ ..., sessionStore: redisSessionStore(redis), limits: { redis } });
 */
import { randomBytes } from 'node:crypto';
import { StoreUnavailableError } from './errors.js';
import type { SessionData, SessionStore } from './session.js';

/** What the store needs of a client: node-redis's `sendCommand`, and its `isReady` when it has one. */
export interface RedisCommandClient {
  sendCommand(args: string[]): Promise<unknown>;
  /**
   * node-redis's connection state. While it is false a command fails at once, instead of waiting in node-redis's
   * offline queue for the whole outage and running late.
   */
  readonly isReady?: boolean;
}

export interface RedisSessionStoreOptions {
  /** Key prefix. Default `okta_signin:`. */
  prefix?: string;
  /** How often a request waiting for a session's lock tries again, ms. Default 20. */
  lockRetryMs?: number;
  /** Longest wait for one Redis command, ms; then the request answers `503`. Default 2000. */
  timeoutMs?: number;
}

// Deletes the lock only if it is still ours (it may have expired and been taken by another request).
const UNLOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/**
 * A `SessionStore` in Redis: each session one JSON string with a TTL (`SET … PX`), and a short lock per session
 * (`SET lock NX PX`, released with a compare-and-delete) so that one session's requests run one at a time across
 * every instance, as they do within one.
 */
export class RedisSessionStore implements SessionStore {
  private readonly prefix: string;
  private readonly retryMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly client: RedisCommandClient,
    options: RedisSessionStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? 'okta_signin:';
    this.retryMs = options.lockRetryMs ?? 20;
    this.timeoutMs = options.timeoutMs ?? 2000;
  }

  private key = (id: string) => `${this.prefix}sess:${id}`;

  /** One command, answered within `timeoutMs` or failed with a StoreUnavailableError that says why and doing what. */
  private async send(args: string[], doing: string): Promise<unknown> {
    if (this.client.isReady === false) throw new StoreUnavailableError('Redis', `not connected (${doing})`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new StoreUnavailableError('Redis', `no answer in ${this.timeoutMs} ms (${doing})`)), this.timeoutMs);
    });
    const sent = this.client.sendCommand(args);
    sent.catch(() => undefined); // its failure after the timeout has nobody to tell
    try {
      return await Promise.race([sent, late]);
    } catch (error) {
      if (error instanceof StoreUnavailableError) throw error;
      throw new StoreUnavailableError('Redis', `${(error as Error)?.message ?? error} (${doing})`);
    } finally {
      clearTimeout(timer);
    }
  }

  async get(id: string): Promise<SessionData | undefined> {
    const value = await this.send(['GET', this.key(id)], 'reading a session');
    if (typeof value !== 'string' || !value) return undefined;
    try {
      return JSON.parse(value) as SessionData;
    } catch {
      return undefined;
    }
  }

  async set(id: string, data: SessionData, ttlMs: number): Promise<void> {
    await this.send(['SET', this.key(id), JSON.stringify(data), 'PX', String(Math.max(1, Math.ceil(ttlMs)))], 'saving a session');
  }

  async destroy(id: string): Promise<void> {
    await this.send(['DEL', this.key(id)], 'deleting a session');
  }

  async lock(id: string, holdMs: number, waitMs: number): Promise<() => Promise<void>> {
    const key = `${this.prefix}lock:${id}`;
    const token = randomBytes(16).toString('hex');
    const giveUpAt = Date.now() + waitMs;
    const release = () => this.send(['EVAL', UNLOCK, '1', key, token], 'unlocking a session');
    for (;;) {
      const ok = await this.send(['SET', key, token, 'NX', 'PX', String(Math.ceil(holdMs))], 'locking a session').catch((error) => {
        // A lock Redis takes late, after this request has given up, must not hold the session: the release
        // follows it on the same connection.
        release().catch(() => undefined);
        throw error;
      });
      if (ok === 'OK') break;
      if (Date.now() >= giveUpAt) throw new Error(`session busy for ${waitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, this.retryMs));
    }
    return async () => {
      await release();
    };
  }

  /** Sessions stored under the prefix (SCAN; for tests and monitoring, not for hot paths). */
  async count(): Promise<number> {
    let cursor = '0';
    let total = 0;
    do {
      const [next, keys] = (await this.send(['SCAN', cursor, 'MATCH', `${this.prefix}sess:*`, 'COUNT', '1000'], 'counting sessions')) as [string, string[]];
      cursor = String(next);
      total += keys.length;
    } while (cursor !== '0');
    return total;
  }
}

export const redisSessionStore = (client: RedisCommandClient, options?: RedisSessionStoreOptions): RedisSessionStore =>
  new RedisSessionStore(client, options);
