/**
 * Failed passwords, throttled per username and per client address with rate-limiter-flexible: in this process's
 * memory, or in Redis when a client is given (then every instance counts the same failures).
 */
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited, type BackendError } from './errors.js';

export interface LoginLimits {
  /** Failed passwords allowed per username in the window. Default 5. */
  failuresPerUsername?: number;
  /** Failed passwords allowed per client address in the window. Default 30. */
  failuresPerAddress?: number;
  /** The window, seconds. Default 900 (15 minutes). */
  windowSeconds?: number;
  /** A connected node-redis client (`redis` 4+): failures are counted in Redis, shared by every instance. */
  redis?: unknown;
}

export class LoginThrottle {
  private readonly byUser: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;
  private readonly userPoints: number;
  private readonly addressPoints: number;

  constructor(limits: LoginLimits = {}) {
    this.userPoints = limits.failuresPerUsername ?? 5;
    this.addressPoints = limits.failuresPerAddress ?? 30;
    const duration = limits.windowSeconds ?? 900;
    const make = (keyPrefix: string, points: number): RateLimiterAbstract =>
      limits.redis
        ? new RateLimiterRedis({ storeClient: limits.redis, useRedisPackage: true, keyPrefix, points, duration })
        : new RateLimiterMemory({ keyPrefix, points, duration });
    this.byUser = make('okta_signin:fail:user', this.userPoints);
    this.byAddress = make('okta_signin:fail:addr', this.addressPoints);
  }

  private static userKey = (username: string) => username.trim().toLowerCase();

  /** The 429 to answer before asking Okta, when this username or address has failed too often. */
  async check(username: string, address: string | undefined): Promise<BackendError | undefined> {
    const checks: Array<Promise<RateLimiterRes | null>> = [this.byUser.get(LoginThrottle.userKey(username))];
    checks.push(address ? this.byAddress.get(address) : Promise.resolve(null));
    const [user, addr] = await Promise.all(checks);
    const waits: number[] = [];
    if (user && user.consumedPoints >= this.userPoints) waits.push(user.msBeforeNext);
    if (addr && addr.consumedPoints >= this.addressPoints) waits.push(addr.msBeforeNext);
    return waits.length ? rateLimited(Math.max(...waits) / 1000) : undefined;
  }

  /** Counts a failed password. */
  async fail(username: string, address: string | undefined): Promise<void> {
    const over = () => undefined; // consume rejects once over the limit: that is what check() reports next time
    await Promise.all([
      this.byUser.consume(LoginThrottle.userKey(username)).catch(over),
      address ? this.byAddress.consume(address).catch(over) : undefined,
    ]);
  }

  /** A successful sign-in clears the username's failures. */
  async succeed(username: string): Promise<void> {
    await this.byUser.delete(LoginThrottle.userKey(username)).catch(() => undefined);
  }
}

/** At most `points` pre-started transactions per client address in `windowSeconds`. */
export class PrestartLimit {
  private readonly limiter: RateLimiterAbstract;

  constructor(points: number, windowSeconds: number, redis?: unknown) {
    const keyPrefix = 'okta_signin:prestart';
    this.limiter = redis
      ? new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, keyPrefix, points, duration: windowSeconds })
      : new RateLimiterMemory({ keyPrefix, points, duration: windowSeconds });
  }

  /** Whether this address may pre-start one more transaction now (counts it). */
  async take(address: string): Promise<boolean> {
    return this.limiter.consume(address).then(
      () => true,
      () => false,
    );
  }
}
