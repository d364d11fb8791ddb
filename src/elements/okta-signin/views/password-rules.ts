import type { PasswordRules } from '../../../core/types.js';

export type RuleKey = keyof PasswordRules;

const ORDER: readonly RuleKey[] = [
  'minLength',
  'minLowerCase',
  'minUpperCase',
  'minNumber',
  'minSymbol',
  'excludeUsername',
  'excludeAttributes',
  'historyCount',
];

const countOf = (value: string, pattern: RegExp) => value.match(pattern)?.length ?? 0;

/** The part of a username a password may not contain: the address's local part. */
const userPart = (username: string) => username.trim().toLowerCase().split('@')[0];

/**
 * Whether `value` meets each rule that can be checked here; undefined for those only the server can check (earlier
 * passwords, profile attributes, the username when it is not known).
 */
export function checkRule(key: RuleKey, rules: PasswordRules, value: string, username: string): boolean | undefined {
  switch (key) {
    case 'minLength':
      return [...value].length >= (rules.minLength ?? 0);
    case 'minLowerCase':
      return countOf(value, /\p{Ll}/gu) >= (rules.minLowerCase ?? 0);
    case 'minUpperCase':
      return countOf(value, /\p{Lu}/gu) >= (rules.minUpperCase ?? 0);
    case 'minNumber':
      return countOf(value, /\p{Nd}/gu) >= (rules.minNumber ?? 0);
    case 'minSymbol':
      return countOf(value, /[^\p{L}\p{N}\s]/gu) >= (rules.minSymbol ?? 0);
    case 'excludeUsername': {
      const part = userPart(username);
      return part ? value.length > 0 && !value.toLowerCase().includes(part) : undefined;
    }
    default:
      return undefined;
  }
}

/** The rules the org set, in a fixed order. */
export const ruleKeys = (rules: PasswordRules | undefined): RuleKey[] =>
  ORDER.filter((k) => (k === 'excludeAttributes' ? !!rules?.excludeAttributes?.length : !!rules?.[k]));

/** The rules `value` meets, by key (only these leave the field: never the password). */
export const metRules = (rules: PasswordRules | undefined, value: string, username: string): RuleKey[] =>
  ruleKeys(rules).filter((k) => rules && checkRule(k, rules, value, username) === true);
