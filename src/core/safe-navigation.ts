/**
 * Decides whether a URL from a server may be followed. Only http(s) URLs on the page's own origin or on an
 * origin the page lists explicitly pass; everything a browser might read in a surprising way is refused
 * before parsing, because URL parsers forgive backslashes, tabs and newlines that a reviewer would not.
 */
export interface SafeNavigationOptions {
  /** The URL relative ones resolve against; default `location.href`. */
  base?: string;
  /** Other origins the page may go to, e.g. `['https://app.example.com']`. */
  allowedOrigins?: readonly string[];
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export function safeUrl(raw: unknown, options: SafeNavigationOptions = {}): URL | null {
  if (typeof raw !== 'string' || raw === '' || raw.length > 2048) return null;
  // Control characters, whitespace and backslashes: `java\tscript:`, `/\evil`, `\\evil`, ` //evil`. `\s` holds
  // U+00A0, U+1680, U+2000-200A, U+2028/2029, U+202F, U+205F, U+3000, U+FEFF; zero-width and bidi marks are added.
  if (/[\s\0-\x20\x7f-\x9f\u200b-\u200f\u202a-\u202e\\]/.test(raw)) return null;
  if (raw.startsWith('//')) return null;
  // A scheme is only accepted in a full http(s) URL: not `javascript:`, `data:`, nor `https:evil.com`.
  if (SCHEME.test(raw) && !/^https?:\/\//i.test(raw)) return null;

  const base = options.base ?? globalThis.location?.href;
  if (!base) return null;
  let url: URL;
  let origin: string;
  try {
    url = new URL(raw, base);
    origin = new URL(base).origin;
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  const allowed = new Set([origin, ...(options.allowedOrigins ?? []).map(originOf)]);
  return allowed.has(url.origin) ? url : null;
}

export function isSafeUrl(raw: unknown, options?: SafeNavigationOptions): boolean {
  return safeUrl(raw, options) !== null;
}

/** Parses a space-separated `allowed-origins` attribute. */
export function parseAllowedOrigins(value: string | null | undefined): string[] {
  return (value ?? '').split(/\s+/).map(originOf).filter((o) => o !== '');
}

function originOf(value: string): string {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : '';
  } catch {
    return '';
  }
}

/**
 * Follows `raw` when it is safe. Returns false (and does nothing) when it is not.
 * `navigate` defaults to `location.assign`.
 */
export function navigateSafely(
  raw: unknown,
  options: SafeNavigationOptions & { navigate?: (url: string) => void } = {},
): boolean {
  const url = safeUrl(raw, options);
  if (!url) return false;
  (options.navigate ?? ((u: string) => globalThis.location.assign(u)))(url.href);
  return true;
}
