/** Reads JSON replies written by servers in camelCase (`status`) or PascalCase (`Status`). */

export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value of `name` or of its PascalCase twin. */
export function pick(obj: Json, name: string): unknown {
  if (name in obj) return obj[name];
  return obj[name[0].toUpperCase() + name.slice(1)];
}

export function pickString(obj: Json, name: string): string | undefined {
  const v = pick(obj, name);
  return typeof v === 'string' ? v : undefined;
}

/** A non-negative finite number of milliseconds, else undefined. */
export function pickMs(obj: Json, name: string): number | undefined {
  const v = pick(obj, name);
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}
