/**
 * The client address that failed logins and pre-starts are counted by. Behind proxies it is the entry the nearest
 * trusted proxy appended to `X-Forwarded-For` (entries to its left are whatever the client sent), spelled one way
 * per address so that `::ffff:` and `:port` variants of an address are counted as that address.
 */
import { isIP } from 'node:net';

/**
 * The entry `hops` from the right of a comma-separated forwarding header (`X-Forwarded-For`,
 * `X-Forwarded-Proto`): with one trusted proxy, the last entry, which that proxy wrote. A header with fewer entries
 * than hops gives its first.
 */
export function forwardedEntry(header: string | undefined, hops: number): string | undefined {
  const entries = (header ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.length ? entries[Math.max(0, entries.length - hops)] : undefined;
}

/**
 * One spelling per address: `203.0.113.9:5123` and `::ffff:203.0.113.9` are `203.0.113.9`; `[2001:DB8::0:1]:443`
 * is `2001:db8::1` (a zone such as `%eth0` is dropped). Undefined for anything that is not an IP address.
 */
export function normalizeAddress(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let address = raw.trim().replace(/^"(.*)"$/, '$1');
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  address = address.replace(/%.*$/, '');
  const version = isIP(address);
  if (version === 4) return address;
  if (version !== 6) return undefined;
  // The URL parser writes IPv6 in its one canonical form (lower case, zeros compressed).
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return canonical;
  const [high, low] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}
