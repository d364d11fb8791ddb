/**
 * Reads the errors in okta-auth-js 8 step-mode transactions and exceptions as FlowErrors: codes, with Okta's own
 * text kept apart as `serverText` and its message key as `key`. No sentence of our own: the elements word them.
 */
import { FlowError, type ErrorCode, type FlowErrorOptions } from '../core/types.js';
import { DEFAULT_RATE_LIMIT_WAIT } from '../core/retry-after.js';
import { stepName } from './map.js';
import { remediation } from './read.js';
import { fieldErrorsOf } from './map-form.js';
import { NOTICE_STEPS, showsAsForm } from './map-steps.js';
import { safeText } from './safe-text.js';
import type { IdxMessage, IdxTransaction } from './types.js';

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
  /** A generic step form, or a link. */
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
  // Okta's sign-on policy refuses the account (`security.access_denied`, or with the admin's own message).
  [/^security\.access_denied/, 'access_denied'],
];

export function flowError(code: ErrorCode, serverText?: unknown, extra: FlowErrorOptions = {}): FlowError {
  const text = safeText(serverText);
  return new FlowError(code, text ?? code, { retryable: RETRYABLE.has(code), serverText: text, ...extra });
}

/**
 * Okta's messages: those about the whole answer, then those about single fields (which okta-auth-js lists beside the
 * others only for some clients), each once.
 */
function messagesOf(tx: IdxTransaction): { messages: IdxMessage[]; global: IdxMessage[] } {
  const given = tx.rawIdxState?.messages?.value ?? tx.messages ?? [];
  const onFields = (tx.neededToProceed ?? []).flatMap((r) =>
    fieldErrorsOf(r).map((e): IdxMessage => ({ message: e.text, class: 'ERROR', ...(e.key ? { i18n: { key: e.key } } : {}) })),
  );
  const same = (a: IdxMessage, b: IdxMessage) => (safeText(a.message) ?? '') === (safeText(b.message) ?? '') && a.i18n?.key === b.i18n?.key;
  // okta-auth-js lists field messages with the others for some clients: those are not about the whole answer.
  const global = given.filter((m) => !onFields.some((f) => same(f, m)));
  const all = [...global, ...onFields];
  return { messages: all.filter((m, i) => all.findIndex((o) => same(o, m)) === i), global };
}

/** The error a transaction stands for, or undefined when it is a state to show. */
export function errorOf(tx: IdxTransaction, op: Operation, retryAfterMs?: number): FlowError | undefined {
  const { messages, global } = messagesOf(tx);
  const errors = messages.filter((m) => m.class === 'ERROR');
  const shown = errors[0] ?? messages[0];
  const text = shown?.message;
  const key = shown?.i18n?.key;
  const step = stepName(tx);
  // Okta's errors about the fields of the step answered, by field name.
  const fields = step ? fieldErrorsOf(remediation(tx, step)) : [];
  const make = (code: ErrorCode, extra: FlowErrorOptions = {}) => flowError(code, text, { key, ...(fields.length ? { fields } : {}), ...extra });

  if (tx.rawIdxState?.errorCode === 'E0000047') return make('rate_limited', { retryAfterMs: retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT });
  for (const m of messages) {
    const k = m.i18n?.key ?? '';
    const found = CODE_BY_KEY.find(([pattern]) => pattern.test(k))?.[1];
    // Wrong credentials and codes are errors only as ERROR messages; the rest also as INFO (a denied push).
    if (!found || ((found === 'invalid_credentials' || found === 'invalid_code') && m.class !== 'ERROR')) continue;
    // A step form shows a wrong entry under its field.
    if (op === 'proceed' && (found === 'invalid_credentials' || found === 'invalid_code') && !global.includes(m)) continue;
    const extra = found === 'rate_limited' ? { retryAfterMs: retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT } : {};
    return flowError(found, m.message, { key: k, ...extra });
  }

  if (tx.status === 'TERMINAL') {
    // A step form's answer that ended the sign-in (consent denied: Okta's 403 with its message) is the page to show.
    const endedByAnswer = op === 'proceed' && errors.length > 0;
    if (tx.requestDidSucceed === false && !endedByAnswer) return errors.length ? make(op === 'poll' ? 'session_expired' : 'server') : flowError('server', tx.rawIdxState?.errorSummary);
    // An ended transaction Okta answered as a page (access denied on the other device, a link no longer valid): the
    // terminal view shows its text. While polling it means the wait is over for good.
    if (errors.length && op === 'poll') return make('session_expired');
    return undefined;
  }
  if (tx.status === 'SUCCESS' || tx.status === 'CANCELED') return undefined;

  // A page made of Okta's messages (the device's grace period, an expired activation link) is the step itself.
  if (tx.requestDidSucceed !== false && step && NOTICE_STEPS.includes(step)) return undefined;
  const rejected = tx.requestDidSucceed === false || errors.length > 0;
  const onFieldsOnly = fields.length > 0 && !global.some((m) => m.class === 'ERROR');
  if (onFieldsOnly && op === 'proceed') {
    // The form's fields Okta found fault with: each error goes under its field, the alert only says to check them.
    return flowError('invalid_input', undefined, { fields });
  }
  // A form that comes with its errors as a page (resumed after a refusal): the form shows them under its fields.
  if (onFieldsOnly && tx.requestDidSucceed !== false && step && showsAsForm(tx, step)) return undefined;
  // Identifier-first orgs answer an unknown user with the identify form again and an INFO message.
  if (op === 'login' && (rejected || step === 'identify')) return make('invalid_credentials');
  if (!rejected) return undefined;
  switch (op) {
    case 'code':
      return make('invalid_code');
    // A step form: Okta's message about the whole form in the alert, those about fields under them. The org refused the
    // security key's answer (unknown credential, replayed or stale assertion): its text says why.
    case 'proceed':
    case 'webauthn':
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
