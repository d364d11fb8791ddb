/**
 * Reads okta-auth-js 8 step-mode transactions into the core's flow states and errors.
 * Pure functions: nothing here talks to the network.
 */
import {
  FlowError,
  isEnrollmentChannel,
  type Authenticator,
  type EnrollmentInfo,
  type ErrorCode,
  type FlowState,
  type TokenSet,
} from '../core/types.js';
import { isInlineImage } from '../core/inline-image.js';
import { DEFAULT_RATE_LIMIT_WAIT } from '../core/poller.js';
import type { IdxAuthenticatorValue, IdxFormField, IdxOption, IdxRemediation, IdxTransaction } from './idx-types.js';

/** What the transport was doing when the transaction came back; decides what a rejection means. */
export type Operation = 'start' | 'login' | 'select' | 'channel' | 'channel-data' | 'code' | 'password' | 'skip' | 'poll';


export const MESSAGES: Record<ErrorCode, string> = {
  invalid_credentials: 'The username or password is not correct.',
  invalid_code: 'That code is not correct. Enter the code shown in Okta Verify now.',
  invalid_input: 'Check what you entered and try again.',
  push_rejected: 'The sign-in was denied in Okta Verify.',
  session_expired: 'Your sign-in session has expired. Please sign in again.',
  rate_limited: 'Too many attempts. Please wait a minute and try again.',
  network: 'Could not reach the sign-in service. Check your connection and try again.',
  server: 'The sign-in service could not complete the request. Please try again.',
  malformed_response: 'The sign-in service sent a reply this page cannot read.',
  unsafe_navigation: 'The sign-in service asked to go to an address this page does not allow.',
  config: 'The sign-in is not set up correctly for this page.',
  unknown: 'Something went wrong while signing in. Please try again.',
};

const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'invalid_credentials',
  'invalid_code',
  'invalid_input',
  'rate_limited',
  'network',
  'server',
]);

export function flowError(
  code: ErrorCode,
  serverText?: unknown,
  extra: { retryAfterMs?: number; status?: number; cause?: unknown; retryable?: boolean } = {},
) {
  return new FlowError(code, safeText(serverText) ?? MESSAGES[code], { retryable: RETRYABLE.has(code), ...extra });
}

/**
 * Server text is shown only when it is plain, short prose. Okta sometimes sends markup
 * (`idx.unknown.user` carries `<strong>` and a sign-up link): then the page's own wording is used.
 */
export function safeText(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const t = text.trim();
  if (!t || t.length > 300 || /[<>]|\b(?:javascript|data):/i.test(t)) return undefined;
  return t;
}

export function stepName(tx: IdxTransaction): string | undefined {
  return tx.nextStep?.name ?? tx.neededToProceed?.[0]?.name;
}

export function remediation(tx: IdxTransaction, name: string): IdxRemediation | undefined {
  return tx.neededToProceed?.find((r) => r.name === name);
}

/** The error a transaction stands for, or undefined when it is a state to show. */
export function errorOf(tx: IdxTransaction, op: Operation, retryAfterMs?: number): FlowError | undefined {
  const messages = tx.messages ?? tx.rawIdxState?.messages?.value ?? [];
  const keys = messages.map((m) => m.i18n?.key ?? '');
  const errors = messages.filter((m) => m.class === 'ERROR');
  const text = (errors[0] ?? messages[0])?.message;
  const has = (pattern: RegExp) => keys.some((k) => pattern.test(k));

  if (tx.rawIdxState?.errorCode === 'E0000047' || has(/^tooManyRequests$/)) {
    return flowError('rate_limited', text, { retryAfterMs: retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT });
  }
  if (has(/^idx\.session\.expired$|transaction_resource_not_found/)) return flowError('session_expired', text);
  if (has(/push_rejected/)) return flowError('push_rejected', text);

  if (tx.status === 'TERMINAL') {
    if (errors.length) return flowError(op === 'poll' ? 'session_expired' : 'server', text);
    if (tx.requestDidSucceed === false) return flowError('server', safeText(tx.rawIdxState?.errorSummary));
    return undefined;
  }
  if (tx.status === 'SUCCESS' || tx.status === 'CANCELED') return undefined;

  const rejected = tx.requestDidSucceed === false || errors.length > 0;
  // Identifier-first orgs answer an unknown user with the identify form again and an INFO message.
  if (op === 'login' && (rejected || stepName(tx) === 'identify')) return flowError('invalid_credentials', text);
  if (!rejected) return undefined;
  switch (op) {
    case 'code':
      return flowError('invalid_code', text);
    case 'password':
    case 'channel-data':
    case 'channel':
    case 'select':
      return flowError('invalid_input', text);
    default:
      return flowError('server', text);
  }
}

/** The view state for a pending transaction. Throws for a step this library does not drive. */
export function stateOf(tx: IdxTransaction): FlowState {
  if (tx.status === 'TERMINAL') {
    const text = safeText((tx.messages ?? [])[0]?.message);
    return text ? { status: 'Terminal', message: text } : { status: 'Terminal' };
  }
  if (tx.status === 'CANCELED') return { status: 'Idle' };
  const name = stepName(tx);
  const first = name ? remediation(tx, name) : undefined;
  const canSkip = !!remediation(tx, 'skip') || !!tx.nextStep?.canSkip;
  const current = tx.context?.currentAuthenticator?.value;

  switch (name) {
    case 'identify':
      return { status: 'Idle' };
    case 'select-authenticator-enroll':
      return { status: 'AwaitingAuthenticatorEnrollment', authenticators: pickerEntries(first, 'enroll'), canSkip };
    case 'select-authenticator-authenticate':
      return { status: 'AwaitingChallengeAuthenticatorSelection', authenticators: pickerEntries(first, 'verify') };
    case 'authenticator-verification-data':
      return { status: 'AwaitingChallengeAuthenticatorSelection', authenticators: methodEntries(first) };
    case 'select-enrollment-channel':
      return { status: 'AwaitingEnrollmentChannelSelection', enrollment: enrollmentOf(tx, current), canSkip };
    case 'enrollment-channel-data':
      return { status: 'AwaitingEnrollmentChannelData', enrollment: enrollmentOf(tx, current), canSkip };
    case 'enroll-poll':
      return withRefresh({ status: 'AwaitingEnrollmentPoll', enrollment: enrollmentOf(tx, current), canSkip }, first);
    case 'challenge-poll': {
      const answer = Number(
        tx.nextStep?.relatesTo?.value?.contextualData?.correctAnswer ??
          first?.relatesTo?.value?.contextualData?.correctAnswer ??
          current?.contextualData?.correctAnswer,
      );
      const challenge = Number.isInteger(answer) && answer >= 0 ? { methodType: 'push', correctAnswer: answer } : { methodType: 'push' };
      return withRefresh({ status: 'AwaitingChallengePoll', challenge }, first);
    }
    case 'challenge-authenticator':
      return { status: 'AwaitingChallengeCode', challenge: { methodType: 'totp' } };
    case 'reenroll-authenticator':
      return { status: 'PasswordExpired' };
    default:
      throw new FlowError(
        'config',
        'The Okta sign-in policy asks for a step this page cannot show. Ask the site owner to check the policy.',
      );
  }
}

/** The value of `name` inside the form of the remediation field `fieldName` (e.g. the authenticator id). */
export function formValue(r: IdxRemediation | undefined, fieldName: string, name: string): unknown {
  return field(subForm(field(r?.value, fieldName)), name)?.value;
}

function withRefresh(state: FlowState, r: IdxRemediation | undefined): FlowState {
  if (typeof r?.refresh === 'number' && Number.isFinite(r.refresh) && r.refresh >= 0) state.refresh = r.refresh;
  return state;
}

function field(fields: IdxFormField[] | undefined, name: string): IdxFormField | undefined {
  return fields?.find((f) => f.name === name);
}

/** An object field's sub-form: Ion puts it at `value.form.value`; some parsed shapes at `form.value`. */
function subForm(f: IdxFormField | undefined): IdxFormField[] | undefined {
  if (!f) return undefined;
  const inValue = typeof f.value === 'object' && f.value !== null ? (f.value as { form?: { value?: IdxFormField[] } }).form?.value : undefined;
  return inValue ?? f.form?.value;
}

function optionFields(option: IdxOption): IdxFormField[] {
  return typeof option.value === 'object' ? option.value?.form?.value ?? [] : [];
}

function relatesTo(option: IdxOption) {
  return typeof option.relatesTo === 'object' ? option.relatesTo : undefined;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * The picker's entries. In verify mode an authenticator with several methods (Okta Verify: push and code)
 * becomes one entry per method, since the choice of method is what the user makes. FastPass
 * (`signed_nonce`) needs the Okta Verify app on this device to answer a local loopback: left out.
 */
export function pickerEntries(r: IdxRemediation | undefined, mode: 'enroll' | 'verify'): Authenticator[] {
  const options = field(r?.value, 'authenticator')?.options ?? [];
  const entries: Authenticator[] = [];
  for (const option of options as IdxOption[]) {
    const fields = optionFields(option);
    const id = field(fields, 'id')?.value;
    if (typeof id !== 'string' || !id) continue;
    const rel = relatesTo(option);
    const key = rel?.key ?? '';
    const label = safeText(option.label) ?? safeText(rel?.displayName) ?? (key || 'Authenticator');
    const method = field(fields, 'methodType');
    if (mode === 'verify' && method?.options?.length) {
      for (const m of method.options) {
        if (typeof m.value !== 'string' || m.value === 'signed_nonce') continue;
        const methodLabel = safeText(m.label) ?? m.value;
        entries.push({ id, key, name: `${label}: ${lowerFirst(methodLabel)}`, methodType: m.value });
      }
    } else if (mode === 'verify' && typeof method?.value === 'string') {
      if (method.value !== 'signed_nonce') entries.push({ id, key, name: label, methodType: method.value });
    } else {
      entries.push({ id, key, name: label });
    }
  }
  return entries;
}

/** `authenticator-verification-data`: the methods of the one authenticator already chosen. */
function methodEntries(r: IdxRemediation | undefined): Authenticator[] {
  const auth = field(r?.value, 'authenticator');
  const fields = subForm(auth) ?? [];
  const id = field(fields, 'id')?.value ?? r?.relatesTo?.value?.id;
  const key = r?.relatesTo?.value?.key ?? '';
  const label = safeText(r?.relatesTo?.value?.displayName) ?? 'Okta Verify';
  const method = field(fields, 'methodType');
  if (typeof id !== 'string') return [];
  return (method?.options ?? [])
    .filter((m): m is { label?: string; value: string } => typeof m.value === 'string' && m.value !== 'signed_nonce')
    .map((m) => ({ id, key, name: `${label}: ${lowerFirst(safeText(m.label) ?? m.value)}`, methodType: m.value }));
}

function enrollmentOf(tx: IdxTransaction, current: IdxAuthenticatorValue | undefined): EnrollmentInfo {
  const select = remediation(tx, 'select-enrollment-channel');
  const channelField = field(subForm(field(select?.value, 'authenticator')), 'channel');
  const channels = (channelField?.options ?? [])
    .map((o) => o.value)
    .filter(isEnrollmentChannel);
  const data = current?.contextualData ?? {};
  const selected = isEnrollmentChannel(data.selectedChannel) ? data.selectedChannel : channels[0] ?? 'qrcode';
  const info: EnrollmentInfo = { channel: selected, channels };
  const qr = data.qrcode?.href;
  if (typeof qr === 'string' && isInlineImage(qr)) info.qrCode = qr;
  const sentTo = selected === 'email' ? data.email : selected === 'sms' ? data.phoneNumber : undefined;
  const to = safeText(sentTo);
  if (to) info.sentTo = to;
  return info;
}

/** The tokens okta-auth-js obtained (and verified: signature against the JWKS, iss, aud, expiry). */
export function tokensOf(tx: IdxTransaction): TokenSet {
  const { accessToken, idToken, refreshToken } = tx.tokens ?? {};
  const set: TokenSet = {};
  if (accessToken?.accessToken) {
    set.accessToken = accessToken.accessToken;
    if (accessToken.tokenType) set.tokenType = accessToken.tokenType;
    if (accessToken.expiresAt) set.expiresAt = accessToken.expiresAt;
    if (accessToken.scopes) set.scopes = [...accessToken.scopes];
  }
  if (idToken?.idToken) {
    set.idToken = idToken.idToken;
    if (idToken.claims) set.idTokenClaims = { ...idToken.claims };
  }
  if (refreshToken?.refreshToken) set.refreshToken = refreshToken.refreshToken;
  return set;
}

/** An exception from okta-auth-js (network, HTTP error without an IDX body, OAuth error, SDK check) as a FlowError. */
export function errorFromException(e: unknown, op: Operation, retryAfterMs?: number): FlowError {
  if (e instanceof FlowError) return e;
  const err = (e ?? {}) as {
    name?: string;
    message?: string;
    errorCode?: string;
    errorSummary?: string;
    xhr?: { status?: number };
  };
  if (err.name === 'AuthApiError') {
    const status = err.xhr?.status;
    if (!err.xhr) return flowError('network', undefined, { cause: e });
    if (status === 429 || err.errorCode === 'E0000047') {
      return flowError('rate_limited', undefined, { status, retryAfterMs: retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT, cause: e });
    }
    if (status === 401 || status === 403) return flowError('session_expired', undefined, { status, cause: e });
    return flowError('server', undefined, { status, cause: e });
  }
  if (err.name === 'OAuthError') {
    // Raised by /v1/interact (unknown client, redirect URI not allowed, scope not granted) and /v1/token.
    if (op === 'start') return flowError('config', undefined, { cause: e });
    // okta-auth-js drops the transaction after a failed token exchange: only a new sign-in can follow.
    return flowError('server', 'Okta did not complete the sign-in. Please sign in again.', { cause: e, retryable: false });
  }
  if (err.name === 'AuthSdkError') {
    if (/saved transaction/i.test(err.message ?? '')) return flowError('session_expired', undefined, { cause: e });
    return flowError('server', 'The sign-in reply from Okta could not be verified. Please sign in again.', {
      cause: e,
      retryable: false,
    });
  }
  return flowError('unknown', undefined, { cause: e });
}
