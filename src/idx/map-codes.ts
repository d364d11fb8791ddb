/**
 * The steps that verify or enroll with a one-time code: Okta Verify's code, and (by key) Email, Phone and Google
 * Authenticator; the phone number asked for before a phone is enrolled; and what the code views offer besides the
 * field (where the code went, "Send again", another authenticator).
 */
import { FlowError, type Authenticator, type FlowState, type OneTimeCodeInfo, type StepAuthenticator } from '../core/types.js';
import { isInlineImage } from '../core/inline-image.js';
import { safeText } from './safe-text.js';
import { pickerEntries, remediation } from './read.js';
import type { IdxAuthenticatorValue, IdxRemediation, IdxTransaction } from './types.js';

/** The authenticators that answer with a code. */
export const CODE_KEYS: readonly string[] = ['okta_email', 'phone_number', 'google_otp', 'okta_verify'];

/** `challenge-authenticator` for an authenticator that answers with a code. */
export function codeChallengeState(tx: IdxTransaction, r: IdxRemediation | undefined, current: IdxAuthenticatorValue | undefined): FlowState {
  const key = current?.key || 'okta_verify';
  if (!CODE_KEYS.includes(key)) throw unsupported(`challenge-authenticator (${key})`);
  const state: FlowState = { status: 'AwaitingChallengeCode', authenticator: stepAuthenticator(key, current) };
  // Okta Verify's code view has always said which method it is: kept for apps that read it.
  if (key === 'okta_verify') state.challenge = { methodType: current?.methods?.[0]?.type ?? 'totp' };
  return withCodeExtras(state, tx, r, current, 'challenge-poll', pickerEntries(remediation(tx, 'select-authenticator-authenticate'), 'verify'));
}

/** `enroll-authenticator` for an authenticator that answers with a code. */
export function codeEnrollState(tx: IdxTransaction, r: IdxRemediation | undefined, current: IdxAuthenticatorValue | undefined): FlowState {
  const key = current?.key ?? '';
  if (!CODE_KEYS.includes(key) || key === 'okta_verify') throw unsupported(`enroll-authenticator (${key || 'unknown'})`);
  const state: FlowState = { status: 'AwaitingEnrollmentCode', authenticator: stepAuthenticator(key, current) };
  if (canSkip(tx)) state.canSkip = true;
  return withCodeExtras(state, tx, r, current, 'enroll-poll', pickerEntries(remediation(tx, 'select-authenticator-enroll'), 'enroll'));
}

/** `authenticator-enrollment-data`: the phone number to enroll, and SMS or voice. */
export function phoneDataState(tx: IdxTransaction, r: IdxRemediation | undefined, current: IdxAuthenticatorValue | undefined): FlowState {
  const key = r?.relatesTo?.value?.key ?? current?.key ?? 'phone_number';
  if (key !== 'phone_number') throw unsupported(`authenticator-enrollment-data (${key})`);
  const state: FlowState = { status: 'AwaitingEnrollmentData', authenticator: { key } };
  const others = pickerEntries(remediation(tx, 'select-authenticator-enroll'), 'enroll');
  if (others.length) state.authenticators = others;
  if (canSkip(tx)) state.canSkip = true;
  return state;
}

/** Whether Okta offers to send again what the step is waiting for: a code, a push or a link. */
export function canResendIn(r: IdxRemediation | undefined, current: IdxAuthenticatorValue | undefined): boolean {
  return !!(r?.relatesTo?.value?.resend ?? current?.resend);
}

function stepAuthenticator(key: string, current: IdxAuthenticatorValue | undefined): StepAuthenticator {
  const methodType = current?.methods?.[0]?.type;
  return typeof methodType === 'string' ? { key, methodType } : { key };
}

const canSkip = (tx: IdxTransaction) => !!remediation(tx, 'skip') || !!tx.nextStep?.canSkip;

/** Where the code went, the app's setup, "Send again", polling for an email's link, and the other authenticators. */
function withCodeExtras(
  state: FlowState,
  tx: IdxTransaction,
  r: IdxRemediation | undefined,
  current: IdxAuthenticatorValue | undefined,
  pollStep: string,
  others: Authenticator[],
): FlowState {
  const code = codeInfo(r, current);
  if (Object.keys(code).length) state.code = code;
  if (canResendIn(r, current)) state.canResend = true;
  // An email's magic link, opened anywhere, completes the step: the page polls while the code is awaited.
  const poll = remediation(tx, pollStep);
  if (typeof poll?.refresh === 'number' && Number.isFinite(poll.refresh) && poll.refresh >= 0) state.refresh = poll.refresh;
  if (others.length) state.authenticators = others;
  return state;
}

function codeInfo(r: IdxRemediation | undefined, current: IdxAuthenticatorValue | undefined): OneTimeCodeInfo {
  // The remediation's own copy of the authenticator carries everything; the context's is the fallback.
  const a = { ...current, ...r?.relatesTo?.value };
  const data = a.contextualData ?? {};
  const info: OneTimeCodeInfo = {};
  const sentTo = safeText(a.key === 'okta_email' ? a.profile?.email ?? data.email : a.key === 'phone_number' ? a.profile?.phoneNumber ?? data.phoneNumber : undefined);
  if (sentTo) info.sentTo = sentTo;
  if (a.key === 'google_otp') {
    const qr = data.qrcode?.href;
    if (typeof qr === 'string' && isInlineImage(qr)) info.qrCode = qr;
    const secret = typeof data.sharedSecret === 'string' ? data.sharedSecret.replace(/\s+/g, '') : '';
    if (/^[A-Z2-7]+=*$/i.test(secret) && secret.length <= 128) info.secret = secret;
  }
  return info;
}

const unsupported = (step: string) => new FlowError('config', `Unsupported IDX step: ${step}`, { reason: 'unsupported-step' });
