/**
 * The password's own steps: the password asked for on its own (identifier-first orgs, or chosen in the picker),
 * "Forgot password?", and the new password with the org's rules (recovery and expiry).
 */
import type { Authenticator, FlowState, PasswordRules } from '../core/types.js';
import type { IdxAuthenticatorValue, IdxRemediation, IdxTransaction } from './types.js';

/** Okta's "Forgot password?" on the identify step (the password sent with the username). */
export const RECOVER_FROM_IDENTIFY = 'currentAuthenticator-recover';
/** Okta's "Forgot password?" on the password challenge (identifier first, or the password chosen in the picker). */
export const RECOVER_FROM_CHALLENGE = 'currentAuthenticatorEnrollment-recover';

/** Whether the answer offers the action `name` (okta-auth-js lists actions in `availableSteps` and `actions`). */
export function offers(tx: IdxTransaction, name: string): boolean {
  return Boolean(tx.actions?.[name]) || Boolean(tx.availableSteps?.some((s) => s.name === name));
}

/** `challenge-authenticator` for `okta_password`; `picker` are the other authenticators the org offers instead. */
export function passwordChallengeState(tx: IdxTransaction, picker: Authenticator[]): FlowState {
  const state: FlowState = { status: 'AwaitingPassword', authenticator: { key: 'okta_password' } };
  if (offers(tx, RECOVER_FROM_CHALLENGE)) state.canRecover = true;
  // While the password is being challenged the org's picker may list the password alone: no other way then.
  if (picker.some((a) => a.key !== 'okta_password')) state.authenticators = picker;
  return state;
}

const RULE_COUNTS = ['minLength', 'minLowerCase', 'minUpperCase', 'minNumber', 'minSymbol'] as const;

const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1000 ? v : undefined);

/** The rules in an `okta_password` authenticator's `settings` (complexity and history); none when it has none. */
export function passwordRulesOf(current: IdxAuthenticatorValue | undefined): PasswordRules | undefined {
  const settings = current?.key === 'okta_password' || !current?.key ? current?.settings : undefined;
  if (!settings) return undefined;
  const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
  const c = record(settings.complexity);
  const rules: PasswordRules = {};
  for (const k of RULE_COUNTS) {
    const n = count(c[k]);
    // A rule of zero asks nothing: not listed.
    if (n) rules[k] = n;
  }
  if (c.excludeUsername === true) rules.excludeUsername = true;
  const attrs = Array.isArray(c.excludeAttributes)
    ? c.excludeAttributes.filter((a): a is string => typeof a === 'string' && /^\w{1,63}$/.test(a))
    : [];
  if (attrs.length) rules.excludeAttributes = attrs;
  const history = count(record(settings.age).historyCount);
  if (history) rules.historyCount = history;
  return rules;
}

/** `reset-authenticator` (recovery) and `reenroll-authenticator` (expired): the new password, with its rules. */
export function newPasswordState(status: 'AwaitingPasswordReset' | 'PasswordExpired', r: IdxRemediation | undefined, current: IdxAuthenticatorValue | undefined): FlowState {
  const state: FlowState = { status };
  // Okta relates the form to `currentAuthenticator`, which carries the rules; okta-auth-js also puts it on the step.
  const rules = passwordRulesOf(current) ?? passwordRulesOf(r?.relatesTo?.value);
  if (rules) state.passwordRules = rules;
  return state;
}
