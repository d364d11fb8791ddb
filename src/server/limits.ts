/**
 * Failed passwords, throttled per username and per client address, and pre-starts, limited per address and in all.
 * Counted in this process's memory, or in Redis when a client is given (then every instance counts the same).
 */
import { RateLimiterRedis, RLWrapperTimeouts, type RateLimiterRes } from 'rate-limiter-flexible';
import { StoreUnavailableError, rateLimited, type BackendError } from './errors.js';

export interface LoginLimits {
  /** Failed passwords allowed per username in the window. Default 5. */
  failuresPerUsername?: number;
  /** Failed passwords allowed per client address in the window. Default 30. */
  failuresPerAddress?: number;
  /** The window, seconds. Default 900 (15 minutes). */
  windowSeconds?: number;
  /** A connected node-redis client (`redis` 4+): failures are counted in Redis, shared by every instance. */
  redis?: unknown;
  /**
   * Without Redis: most usernames, and most addresses, each count keeps in memory. Beyond it the key whose window
   * ends first is forgotten. Default 10000.
   */
  maxKeys?: number;
}

/** A key's count in its window and the ms left until the window ends. */
interface Count {
  count: number;
  msLeft: number;
}

/** Counts per key in fixed windows that start at the key's first hit. */
interface WindowCounter {
  get(key: string): Promise<Count | undefined>;
  /** Counts `points` more hits (fewer when negative, never below 0) and answers the new count. */
  hit(key: string, points?: number): Promise<Count>;
  delete(key: string): Promise<void>;
}

/**
 * Counts in a Map of at most `maxKeys` keys. rate-limiter-flexible's memory limiter has no bound (and a timer per
 * key), so addresses without end would take memory without end. All windows are equally long, so the Map's order
 * (first hit) is the order the windows end in: expired keys are at the front, and at the bound the front key, the
 * one closest to its end anyway, makes room.
 */
class MemoryCounter implements WindowCounter {
  private readonly counts = new Map<string, { count: number; endsAt: number }>();

  constructor(
    private readonly windowMs: number,
    private readonly maxKeys: number,
  ) {}

  private live(key: string, now: number) {
    const entry = this.counts.get(key);
    if (entry && entry.endsAt > now) return entry;
    if (entry) this.counts.delete(key);
    return undefined;
  }

  async get(key: string): Promise<Count | undefined> {
    const now = Date.now();
    const entry = this.live(key, now);
    return entry && { count: entry.count, msLeft: entry.endsAt - now };
  }

  async hit(key: string, points = 1): Promise<Count> {
    const now = Date.now();
    let entry = this.live(key, now);
    if (!entry) {
      for (const [oldest, { endsAt }] of this.counts) {
        if (endsAt > now && this.counts.size < this.maxKeys) break;
        this.counts.delete(oldest);
      }
      entry = { count: 0, endsAt: now + this.windowMs };
      this.counts.set(key, entry);
    }
    entry.count = Math.max(0, entry.count + points);
    return { count: entry.count, msLeft: entry.endsAt - now };
  }

  async delete(key: string): Promise<void> {
    this.counts.delete(key);
  }
}

/**
 * Counts in Redis (rate-limiter-flexible's atomic script), each call bounded: at once when the client is not
 * connected (rather than waiting in node-redis's offline queue for the whole outage), else after `timeoutMs`.
 */
class RedisCounter implements WindowCounter {
  private readonly limiter: RLWrapperTimeouts;

  constructor(
    client: unknown,
    keyPrefix: string,
    windowSeconds: number,
    private readonly timeoutMs: number,
    /** What the counts are for, in the operator's log. */
    private readonly doing: string,
  ) {
    const redis = new RateLimiterRedis({ storeClient: client, useRedisPackage: true, rejectIfRedisNotReady: true, keyPrefix, points: 1, duration: windowSeconds });
    this.limiter = new RLWrapperTimeouts({ limiter: redis, timeoutMs });
  }

  private unavailable = (error: unknown): never => {
    const message = (error as Error)?.message ?? String(error);
    const detail = /timed out/i.test(message) ? `no answer in ${this.timeoutMs} ms` : /not ready/i.test(message) ? 'not connected' : message;
    throw new StoreUnavailableError('Redis', `${detail} (${this.doing})`);
  };

  private static count = (res: RateLimiterRes): Count => ({ count: res.consumedPoints, msLeft: res.msBeforeNext });

  async get(key: string): Promise<Count | undefined> {
    const res = await this.limiter.get(key).catch(this.unavailable);
    return res ? RedisCounter.count(res) : undefined;
  }

  async hit(key: string, points = 1): Promise<Count> {
    const res = await (points < 0 ? this.limiter.reward(key, -points) : this.limiter.penalty(key, points)).catch(this.unavailable);
    return RedisCounter.count(res);
  }

  async delete(key: string): Promise<void> {
    await this.limiter.delete(key).catch(this.unavailable);
  }
}

/** Where counts are kept: shared by the login throttle and the pre-start limit. */
export interface CounterSettings {
  redis?: unknown;
  /** Longest wait for one Redis call, ms. */
  redisTimeoutMs: number;
  maxKeys: number;
}

const counter = (settings: CounterSettings, keyPrefix: string, windowSeconds: number, doing: string): WindowCounter =>
  settings.redis
    ? new RedisCounter(settings.redis, keyPrefix, windowSeconds, settings.redisTimeoutMs, doing)
    : new MemoryCounter(windowSeconds * 1000, settings.maxKeys);

/** The counts' settings from the handler's `limits` and `timeouts.redis`. */
export const counterSettings = (limits: LoginLimits, redisTimeoutMs = 2000): CounterSettings => ({
  redis: limits.redis,
  redisTimeoutMs,
  maxKeys: limits.maxKeys ?? 10_000,
});

export class LoginThrottle {
  private readonly byUser: WindowCounter;
  private readonly byAddress: WindowCounter;
  private readonly userPoints: number;
  private readonly addressPoints: number;

  constructor(limits: LoginLimits = {}, settings: CounterSettings = counterSettings(limits)) {
    this.userPoints = limits.failuresPerUsername ?? 5;
    this.addressPoints = limits.failuresPerAddress ?? 30;
    const window = limits.windowSeconds ?? 900;
    this.byUser = counter(settings, 'okta_signin:fail:user', window, 'counting failed logins');
    this.byAddress = counter(settings, 'okta_signin:fail:addr', window, 'counting failed logins');
  }

  private static userKey = (username: string) => username.trim().toLowerCase();

  /**
   * The 429 to answer before asking Okta, when this username or address has failed too often. Rejects with a
   * StoreUnavailableError when Redis does not answer: no login goes uncounted.
   */
  async check(username: string, address: string | undefined): Promise<BackendError | undefined> {
    const [user, addr] = await Promise.all([this.byUser.get(LoginThrottle.userKey(username)), address ? this.byAddress.get(address) : undefined]);
    const waits: number[] = [];
    if (user && user.count >= this.userPoints) waits.push(user.msLeft);
    if (addr && addr.count >= this.addressPoints) waits.push(addr.msLeft);
    return waits.length ? rateLimited(Math.max(...waits) / 1000) : undefined;
  }

  /** Counts a failed password. */
  async fail(username: string, address: string | undefined): Promise<void> {
    await Promise.all([this.byUser.hit(LoginThrottle.userKey(username)), address ? this.byAddress.hit(address) : undefined]);
  }

  /** A successful sign-in clears the username's failures. */
  async succeed(username: string): Promise<void> {
    await this.byUser.delete(LoginThrottle.userKey(username)).catch(() => undefined);
  }
}

/**
 * Pre-starts: at most `perAddress` per client address in `windowSeconds`, and at most `max` not taken up by a login
 * (or a recovery) in all per `ttlSeconds`, the time one is kept, so that many addresses cannot fill the session
 * store either.
 */
export class PrestartLimit {
  private readonly byAddress: WindowCounter;
  private readonly all: WindowCounter;

  constructor(
    private readonly limit: { perAddress: number; windowSeconds: number; max: number; ttlSeconds: number },
    settings: CounterSettings,
  ) {
    this.byAddress = counter(settings, 'okta_signin:prestart', limit.windowSeconds, 'counting pre-starts');
    this.all = counter(settings, 'okta_signin:prestarts', limit.ttlSeconds, 'counting pre-starts');
  }

  /** Whether this address may pre-start one more transaction now (counts it). */
  async take(address: string): Promise<boolean> {
    if ((await this.byAddress.hit(address)).count > this.limit.perAddress) return false;
    return (await this.all.hit('all')).count <= this.limit.max;
  }

  /** A pre-started transaction was taken up (or dropped): it no longer counts against `max`. */
  async release(): Promise<void> {
    await this.all.hit('all', -1);
  }
}
