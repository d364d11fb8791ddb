/**
 * Reads okta-auth-js 8 step-mode transactions into the core's flow states: the one mapping for IDX mode in the
 * browser and for servers that speak the backend contract. Pure functions: no network, no DOM.
 */
import {
  FlowError,
  isEnrollmentChannel,
  type Authenticator,
  type EnrollmentInfo,
  type FlowState,
  type FlowStatus,
  type TokenSet,
} from '../core/types.js';
import { isInlineImage } from '../core/inline-image.js';
import { safeText } from './safe-text.js';
import type { IdxAuthenticatorValue, IdxRemediation, IdxTransaction } from './types.js';
import { field, lowerFirst, pickerEntries, remediation, subForm } from './read.js';
import { CODE_KEYS, canResendIn, codeChallengeState, codeEnrollState, phoneDataState } from './map-codes.js';
import { RECOVER_FROM_IDENTIFY, newPasswordState, offers, passwordChallengeState } from './map-password.js';
import { passkeyOffer, webauthnChallengeState, webauthnEnrollState } from './map-webauthn.js';
import { idpStepState, isRedirect, withIdps } from './map-idp.js';
import { stepLabel, unsupportedStep } from './map-device.js';
import {
  DEVICE_STEPS,
  FORM_STEPS,
  LINK_STEPS,
  authenticatorFormState,
  deviceProbeState,
  enrollmentDataFormState,
  fastPassState,
  formStepState,
  isDeviceChallenge,
  linksOf,
  redirectOf,
} from './map-steps.js';

/** The status each remediation leads to: the steps this library drives. */
const STATUS_BY_STEP: Readonly<Record<string, FlowStatus>> = {
  identify: 'Idle',
  'select-authenticator-enroll': 'AwaitingAuthenticatorEnrollment',
  'select-authenticator-authenticate': 'AwaitingChallengeAuthenticatorSelection',
  'authenticator-verification-data': 'AwaitingChallengeAuthenticatorSelection',
  'select-enrollment-channel': 'AwaitingEnrollmentChannelSelection',
  'enrollment-channel-data': 'AwaitingEnrollmentChannelData',
  'enroll-poll': 'AwaitingEnrollmentPoll',
  'challenge-poll': 'AwaitingChallengePoll',
  'challenge-authenticator': 'AwaitingChallengeCode',
  'enroll-authenticator': 'AwaitingEnrollmentCode',
  // "Set up a passkey?" after the sign-in: a security key enrollment the user may skip.
  'enroll-authenticator-promotion': 'AwaitingWebAuthnEnrollment',
  'authenticator-enrollment-data': 'AwaitingEnrollmentData',
  'reenroll-authenticator': 'PasswordExpired',
  'identify-recovery': 'AwaitingRecoveryIdentifier',
  'reset-authenticator': 'AwaitingPasswordReset',
};

/** The redirects that end a transaction: success goes to `next`, failure ends it. */
const REDIRECT_STEPS = ['success-redirect', 'failure-redirect'];

const drives = (name: string) => name in STATUS_BY_STEP || FORM_STEPS.includes(name) || REDIRECT_STEPS.includes(name);

/**
 * The step that decides the view: the first remediation this library drives. Okta lists the main one first,
 * except after a denied push, where `resend` comes before the authenticator choice. A link Okta offers beside a step
 * ("Sign up", "Unlock account") decides only when it comes first.
 */
export function stepName(tx: IdxTransaction): string | undefined {
  // A redirect Okta lists first (the IdP that is the authenticator, the one a user is routed to) is the way on.
  if (isRedirect(tx.neededToProceed?.[0])) return tx.neededToProceed![0].name;
  const known = tx.neededToProceed?.find((r, i) => drives(r.name) && (i === 0 || !LINK_STEPS.includes(r.name)))?.name;
  return known ?? tx.nextStep?.name ?? tx.neededToProceed?.[0]?.name;
}

/** Okta's informational messages (a notice such as "Your password has expired"). */
function infoMessages(tx: IdxTransaction) {
  return (tx.messages ?? []).filter((m) => m.class === 'INFO' && typeof m.message === 'string');
}

/** The authenticator the transaction is about: the one being enrolled, else the enrollment being verified. */
function currentAuthenticator(tx: IdxTransaction): IdxAuthenticatorValue | undefined {
  return tx.context?.currentAuthenticator?.value ?? tx.context?.currentAuthenticatorEnrollment?.value;
}

/**
 * The flow state for a transaction that is not an error (see `errorOf`). Used by IDX mode in the browser and, as
 * the backend contract's flow reply, by servers. Never holds a secret. Throws a `config` FlowError for a step
 * this library does not drive.
 */
export function stateOf(tx: IdxTransaction): FlowState {
  if (tx.status === 'TERMINAL') {
    // Okta's `success` without an interaction code: the page it sends the user to (followed only when safe).
    const next = redirectOf(tx, 'success');
    if (next) return { status: 'Success', next };
    const first = (tx.messages ?? [])[0];
    const state: FlowState = { status: 'Terminal' };
    const text = safeText(first?.message);
    if (text) state.message = text;
    if (first?.i18n?.key) state.messageKey = first.i18n.key;
    return state;
  }
  if (tx.status === 'CANCELED') return { status: 'Idle' };
  const state = pendingState(tx);
  const name = stepName(tx);
  const links = state.status === 'Success' || state.status === 'Terminal' ? [] : linksOf(tx, name);
  if (links.length) state.links = links;
  const info = infoMessages(tx);
  const message = safeText(info.map((m) => m.message).join(' '));
  if (message) state.message = message;
  if (info.length === 1 && info[0].i18n?.key) state.messageKey = info[0].i18n.key;
  return state;
}

function pendingState(tx: IdxTransaction): FlowState {
  const name = stepName(tx);
  const first = name ? remediation(tx, name) : undefined;
  const canSkip = !!remediation(tx, 'skip') || !!tx.nextStep?.canSkip;
  const current = currentAuthenticator(tx);

  switch (name) {
    case 'identify': {
      // An org with passkeys offers a sign-in with one (conditional mediation) next to the username;
      // "Forgot password?" where the org offers recovery.
      const state: FlowState = { status: 'Idle' };
      const webauthn = passkeyOffer(tx);
      if (webauthn) state.webauthn = webauthn;
      if (offers(tx, RECOVER_FROM_IDENTIFY)) state.canRecover = true;
      return withIdps(state, tx);
    }
    case 'identify-recovery':
      return { status: 'AwaitingRecoveryIdentifier' };
    case 'select-authenticator-enroll':
      return { status: 'AwaitingAuthenticatorEnrollment', authenticators: entriesOf(first, 'enroll', canSkip), canSkip };
    case 'select-authenticator-authenticate':
      return { status: 'AwaitingChallengeAuthenticatorSelection', authenticators: entriesOf(first, 'verify', false) };
    case 'authenticator-verification-data':
      return { status: 'AwaitingChallengeAuthenticatorSelection', authenticators: methodEntries(first) };
    case 'select-enrollment-channel':
      return { status: 'AwaitingEnrollmentChannelSelection', enrollment: enrollmentOf(tx, current), canSkip };
    case 'enrollment-channel-data':
      return { status: 'AwaitingEnrollmentChannelData', enrollment: enrollmentOf(tx, current), canSkip };
    case 'enroll-poll':
      return withRefresh({ status: 'AwaitingEnrollmentPoll', enrollment: enrollmentOf(tx, current), canSkip }, first);
    case 'challenge-poll': {
      // Okta FastPass: Okta Verify on this device answers, no push comes to a phone.
      if (isDeviceChallenge(current, first)) return fastPassState(tx);
      const answer = Number(
        tx.nextStep?.relatesTo?.value?.contextualData?.correctAnswer ??
          first?.relatesTo?.value?.contextualData?.correctAnswer ??
          current?.contextualData?.correctAnswer,
      );
      const challenge = Number.isInteger(answer) && answer >= 0 ? { methodType: 'push', correctAnswer: answer } : { methodType: 'push' };
      const push: FlowState = { status: 'AwaitingChallengePoll', challenge };
      // "Send again" and "Verify with something else", when the org offers them.
      if (canResendIn(first, current)) push.canResend = true;
      const others = pickerEntries(remediation(tx, 'select-authenticator-authenticate'), 'verify');
      if (others.length) push.authenticators = others;
      return withRefresh(push, first);
    }
    // The authenticator decides the view: password, security key, or a code (apps, email, phone).
    case 'challenge-authenticator':
      if (current?.key === 'okta_password') {
        return passwordChallengeState(tx, pickerEntries(remediation(tx, 'select-authenticator-authenticate'), 'verify'));
      }
      if (current?.key === 'webauthn') return webauthnChallengeState(tx, first, current);
      if (!current?.key || CODE_KEYS.includes(current.key)) return codeChallengeState(tx, first, current);
      return authenticatorFormState(tx, first, current, 'verify');
    case 'enroll-authenticator-promotion':
      return webauthnEnrollState(tx, first, current);
    case 'enroll-authenticator':
      if (current?.key === 'webauthn') return webauthnEnrollState(tx, first, current);
      if (current?.key && CODE_KEYS.includes(current.key)) return codeEnrollState(tx, first, current);
      return authenticatorFormState(tx, first, current, 'enroll');
    case 'authenticator-enrollment-data':
      if ((first?.relatesTo?.value?.key ?? current?.key ?? 'phone_number') === 'phone_number') return phoneDataState(tx, first, current);
      return enrollmentDataFormState(tx, first, current);
    case 'success-redirect': {
      const next = redirectOf(tx, 'success');
      if (next) return { status: 'Success', next };
      throw new FlowError('config', 'IDX success-redirect without a page', { reason: 'unsupported-step' });
    }
    // The app's own page for a sign-in that failed is not followed: the sign-in ends here, and says so.
    case 'failure-redirect':
      return { status: 'Terminal' };
    case 'reenroll-authenticator':
      return newPasswordState('PasswordExpired', first, current);
    case 'reset-authenticator':
      return newPasswordState('AwaitingPasswordReset', first, current);
    case 'redirect-idp':
    case 'redirect-idverify':
    case 'piv-idp':
      return idpStepState(tx);
    default:
      if (name && first && FORM_STEPS.includes(name)) return formStepState(tx, first);
      if (name && DEVICE_STEPS.includes(name)) return deviceProbeState(tx);
      throw unsupportedStep(tx, name);
  }
}

function withRefresh(state: FlowState, r: IdxRemediation | undefined): FlowState {
  if (typeof r?.refresh === 'number' && Number.isFinite(r.refresh) && r.refresh >= 0) state.refresh = r.refresh;
  return state;
}

/**
 * A picker's entries; a picker with none to choose (only FastPass) is not shown, unless it can be skipped.
 */
function entriesOf(r: IdxRemediation | undefined, mode: 'enroll' | 'verify', canSkip: boolean): Authenticator[] {
  const entries = pickerEntries(r, mode);
  if (entries.length || canSkip) return entries;
  throw new FlowError('config', `IDX ${r?.name ?? 'picker'} offers nothing this page can use`, { reason: 'unsupported-step' });
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
export function tokensOf(tx: Pick<IdxTransaction, 'tokens'>): TokenSet {
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

/** The state of a transaction that is not an error (see `errorOf`), a step no web page can answer included. */
export function stateToShow(tx: IdxTransaction): FlowState {
  try {
    return stateOf(tx);
  } catch (e) {
    if (e instanceof FlowError && e.reason === 'unsupported-step') {
      return { status: 'UnsupportedStep', unsupportedStep: e.step ?? stepLabel(tx, stepName(tx)) };
    }
    throw e;
  }
}
