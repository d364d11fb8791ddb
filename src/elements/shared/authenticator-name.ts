import type { Authenticator } from '../../core/types.js';
import { format, type Strings } from './messages.js';

/**
 * An authenticator's name in the element's language, from Okta's key (and method, for an authenticator offered
 * with several); the server's label, as text, for keys the table does not know.
 */
export function authenticatorName(a: Pick<Authenticator, 'key' | 'name' | 'methodType'>, t: Pick<Strings, 'authenticators'>): string {
  const table = t.authenticators as Record<string, unknown> & Pick<Strings['authenticators'], 'methods' | 'withMethod'>;
  const name = typeof table[a.key] === 'string' && a.key !== 'methods' && a.key !== 'withMethod' ? (table[a.key] as string) : undefined;
  if (!name) return a.name;
  const method = a.methodType ? (table.methods as Record<string, string | undefined>)[a.methodType] : undefined;
  return method ? format(table.withMethod, { name, method }) : name;
}
