/**
 * Reads the errors in okta-auth-js 8 step-mode transactions and exceptions as FlowErrors: codes, with Okta's own
 * text kept apart as `serverText` and its message key as `key`. No sentence of our own: the elements word them.
 */
import { FlowError, type ErrorCode, type FlowErrorOptions } from '../core/types.js';
import { DEFAULT_RATE_LIMIT_WAIT } from '../core/retry-after.js';
import { stepName } from './map.js';
import { safeText } from './safe-text.js';
import type { IdxFormField, IdxMessage, IdxTransaction } from './types.js';

/** What was being done when the transaction came back; decides what a rejection means. */
export type Operation =
  | 'start'
  | 'login'
  | 'select'
  | 'channel'
  | 'channel-data'
  | 'code'
  | 'password'
  | 'skip'
  | 'poll'
  | 'resend'
  | 'recover'
  | 'webauthn'
  /** A generic step form, or a link beside a step. */
  | 'proceed';

// The codes a user can correct and retry at once; the others end the step or wait.
const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'invalid_credentials',
  'invalid_code',
  'invalid_input',
  'rate_limited',
  'network',
  'server',
]);

/** Okta message keys whose meaning does not depend on the step. */
const CODE_BY_KEY: ReadonlyArray<[RegExp, ErrorCode]> = [
  // Also the limits on sending a code again by SMS (E0000150) or voice call (E0000151).
  [/^tooManyRequests$|^errors\.E000015[01]$/, 'rate_limited'],
  [/^idx\.session\.expired$|transaction_resource_not_found|^E0000010$/, 'session_expired'],
  [/push_rejected/, 'push_rejected'],
  [/^errors\.E0000004$|^incorrectPassword$|^idx\.unknown\.user$/, 'invalid_credentials'],
  [/PASSCODE_INVALID|^E0000068$/, 'invalid_code'],
];

export function flowError(code: ErrorCode, serverText?: unknown, extra: FlowErrorOptions = {}): FlowError {
  const text = safeText(serverText);
  return new FlowError(code, text ?? code, { retryable: RETRYABLE.has(code), serverText: text, ...extra });
}

/** A field's sub-form: Ion puts it at `value.form.value`; some parsed shapes at `form.value`. */
function subFields(f: IdxFormField): IdxFormField[] {
  const inValue = typeof f.value === 'object' && f.value !== null ? (f.value as { form?: { value?: IdxFormField[] } }).form?.value : undefined;
  return inValue ?? f.form?.value ?? [];
}

/**
 * Okta's messages about single fields (a refused code, a taken email), by the field's dotted name, from the
 * remediations' forms: okta-auth-js's generic remediator leaves them out of the transaction's `messages`.
 */
export function fieldMessages(tx: IdxTransaction): { name: string; message: IdxMessage }[] {
  const found: { name: string; message: IdxMessage }[] = [];
  const walk = (fields: IdxFormField[] | undefined, prefix: string, depth: number) => {
    if (!Array.isArray(fields) || depth > 4) return;
    for (const f of fields) {
      if (typeof f?.name !== 'string') continue;
      const name = prefix + f.name;
      for (const m of f.messages?.value ?? []) if (typeof m?.message === 'string') found.push({ name, message: m });
      walk(subFields(f), `${name}.`, depth + 1);
    }
  };
  for (const r of tx.neededToProceed ?? []) walk(r.value, '', 0);
  return found;
}

/** The transaction's messages, with the fields' own after them (each once). */
function allMessages(tx: IdxTransaction, fields: { message: IdxMessage }[]): IdxMessage[] {
  const top = tx.messages ?? tx.rawIdxState?.messages?.value ?? [];
  const seen = new Set(top.map((m) => `${m.i18n?.key}|${m.message}`));
  return [...top, ...fields.map((f) => f.message).filter((m) => !seen.has(`${m.i18n?.key}|${m.message}`))];
}

/** The error a transaction stands for, or undefined when it is a state to show. */
export function errorOf(tx: IdxTransaction, op: Operation, retryAfterMs?: number): FlowError | undefined {
  const onFields = fieldMessages(tx);
  const messages = allMessages(tx, onFields);
  const errors = messages.filter((m) => m.class === 'ERROR');
  const shown = errors[0] ?? messages[0];
  const text = shown?.message;
  const key = shown?.i18n?.key;
  const fields = onFields
    .filter((f) => f.message.class === 'ERROR')
    .map((f) => ({ name: f.name, text: safeText(f.message.message) ?? '', ...(f.message.i18n?.key ? { key: f.message.i18n.key } : {}) }))
    .filter((f) => f.text);
  const make = (code: ErrorCode, extra: FlowErrorOptions = {}) => flowError(code, text, { key, ...(fields.length ? { fields } : {}), ...extra });

  if (tx.rawIdxState?.errorCode === 'E0000047') return make('rate_limited', { retryAfterMs: retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT });
  for (const m of messages) {
    const k = m.i18n?.key ?? '';
    const found = CODE_BY_KEY.find(([pattern]) => pattern.test(k))?.[1];
    // Wrong credentials and codes are errors only as ERROR messages; the rest also as INFO (a denied push).
    if (!found || ((found === 'invalid_credentials' || found === 'invalid_code') && m.class !== 'ERROR')) continue;
    const extra = found === 'rate_limited' ? { retryAfterMs: retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT } : {};
    return flowError(found, m.message, { key: k, ...extra });
  }

  if (tx.status === 'TERMINAL') {
    if (errors.length) return make(op === 'poll' ? 'session_expired' : 'server');
    if (tx.requestDidSucceed === false) return flowError('server', tx.rawIdxState?.errorSummary);
    return undefined;
  }
  if (tx.status === 'SUCCESS' || tx.status === 'CANCELED') return undefined;

  const rejected = tx.requestDidSucceed === false || errors.length > 0;
  // Identifier-first orgs answer an unknown user with the identify form again and an INFO message.
  if (op === 'login' && (rejected || stepName(tx) === 'identify')) return make('invalid_credentials');
  if (!rejected) return undefined;
  switch (op) {
    case 'code':
      return make('invalid_code');
    // The org refused the security key's answer (unknown credential, replayed or stale assertion): its text says why.
    case 'webauthn':
    case 'proceed':
    case 'password':
    case 'channel-data':
    case 'channel':
    case 'select':
      return make('invalid_input');
    default:
      return make('server');
  }
}

/** An exception from okta-auth-js (network, HTTP error without an IDX body, OAuth error, SDK check) as a FlowError. */
export function errorFromException(e: unknown, op: Operation, retryAfterMs?: number): FlowError {
  if (e instanceof FlowError) return e;
  const err = (e ?? {}) as { name?: string; message?: string; errorCode?: string; xhr?: { status?: number } };
  const cause = e;
  if (err.name === 'AuthApiError') {
    const status = err.xhr?.status;
    if (!err.xhr) return flowError('network', undefined, { cause });
    if (status === 429 || err.errorCode === 'E0000047') {
      return flowError('rate_limited', undefined, { status, retryAfterMs: retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT, cause });
    }
    if (status === 401 || status === 403) return flowError('session_expired', undefined, { status, cause });
    return flowError('server', undefined, { status, cause });
  }
  if (err.name === 'OAuthError') {
    // Raised by /v1/interact (unknown client, redirect URI not allowed, scope not granted) and /v1/token.
    if (op === 'start') return flowError('config', undefined, { cause });
    // okta-auth-js drops the transaction after a failed token exchange: only a new sign-in can follow.
    return flowError('server', undefined, { cause, retryable: false, reason: 'token-exchange' });
  }
  if (err.name === 'AuthSdkError') {
    if (/saved transaction/i.test(err.message ?? '')) return flowError('session_expired', undefined, { cause });
    return flowError('server', undefined, { cause, retryable: false, reason: 'unverified' });
  }
  return flowError('unknown', undefined, { cause });
}
