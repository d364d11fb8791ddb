import type {
  Authenticator,
  ChallengeInfo,
  EnrollmentInfo,
  ErrorCode,
  FlowStatus,
  PasswordRules,
  StepAuthenticator,
  StepForm,
  StepLink,
  TokenSet,
} from '../../core/types.js';

/** `okta-status-change`: the flow moved on; carries the data the new status needs. */
export interface StatusChangeDetail {
  status: FlowStatus;
  previousStatus: FlowStatus;
  authenticators?: Authenticator[];
  canSkip?: boolean;
  enrollment?: EnrollmentInfo;
  challenge?: ChallengeInfo;
  message?: string;
  /** The authenticator the step is about (code, password, security key and enrollment views), by Okta's key. */
  authenticator?: StepAuthenticator;
  /** Code views: where the code went (a Google Authenticator's shared secret and QR code stay in the view). */
  code?: { sentTo?: string };
  /** "Send again" is offered. */
  canResend?: boolean;
  /** "Forgot password?" is offered. */
  canRecover?: boolean;
  /** New-password views: the org's rules. */
  passwordRules?: PasswordRules;
  /** `AwaitingInput`: the step form shown (Okta's fields, labels and rules; never a value typed, nor a secret). */
  form?: StepForm;
  /** Other ways forward offered beside the step ("Sign up", "Unlock account"). */
  links?: StepLink[];
}
/** `okta-success` (cancelable: `preventDefault()` keeps the page from navigating to `next`). */
export interface SuccessDetail {
  next?: string;
  tokens?: TokenSet;
}
/** `okta-error`: `message` is what the element shows. */
export interface ErrorDetail {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  /**
   * For developers, never shown: what is misconfigured and how to fix it (a `config` error: which setting Okta
   * refused), or which file did not load.
   */
  hint?: string;
}
/** `okta-authenticator-select`: the user chose an authenticator in the picker. */
export interface AuthenticatorSelectDetail {
  authenticator: Authenticator;
}
/** `okta-skip`: the user chose to skip optional enrollment (picker with `can-skip`). */
export type SkipDetail = Record<string, never>;
/** `okta-poll`: one poll reply. */
export interface PollDetail {
  continuePolling: boolean;
  refresh: number | null;
}
/** `okta-poll-complete` (cancelable: `preventDefault()` keeps a standalone poller from navigating). */
export interface PollCompleteDetail {
  next?: string;
  status?: FlowStatus;
}

export interface OktaEventDetails {
  'okta-status-change': StatusChangeDetail;
  'okta-success': SuccessDetail;
  'okta-error': ErrorDetail;
  'okta-authenticator-select': AuthenticatorSelectDetail;
  'okta-skip': SkipDetail;
  'okta-poll': PollDetail;
  'okta-poll-complete': PollCompleteDetail;
}

export type OktaStatusChangeEvent = CustomEvent<StatusChangeDetail>;
export type OktaSuccessEvent = CustomEvent<SuccessDetail>;
export type OktaErrorEvent = CustomEvent<ErrorDetail>;
export type OktaAuthenticatorSelectEvent = CustomEvent<AuthenticatorSelectDetail>;
export type OktaSkipEvent = CustomEvent<SkipDetail>;
export type OktaPollEvent = CustomEvent<PollDetail>;
export type OktaPollCompleteEvent = CustomEvent<PollCompleteDetail>;

export type OktaEventMap = { [K in keyof OktaEventDetails]: CustomEvent<OktaEventDetails[K]> };

/** Dispatches a bubbling, composed event; returns false when a listener called `preventDefault()`. */
export function emit<K extends keyof OktaEventDetails>(
  target: EventTarget,
  type: K,
  detail: OktaEventDetails[K],
  cancelable = false,
): boolean {
  return target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}

declare global {
  interface HTMLElementEventMap extends OktaEventMap {}
  // The events bubble and are composed, so listeners on document and window receive them too.
  interface DocumentEventMap extends OktaEventMap {}
  interface WindowEventMap extends OktaEventMap {}
}
