/**
 * The shapes shared by the flow core, the transports and the elements.
 * Nothing here may import Lit or touch the DOM beyond standard web APIs.
 */

/**
 * Where the sign-in flow stands. The first four are the seed guide's statuses
 * (as the .NET `IdxClient` names them); the others are the waiting states a UI needs.
 */
export type FlowStatus =
  /** Nothing started yet: show the username and password form. */
  | 'Idle'
  | 'Success'
  | 'PasswordExpired'
  /** Pick an authenticator to enroll (the picker in enroll mode). */
  | 'AwaitingAuthenticatorEnrollment'
  /** Pick an authenticator to verify with (the picker in verify mode). */
  | 'AwaitingChallengeAuthenticatorSelection'
  /** Choose how to enroll Okta Verify: QR code, email link or SMS link. */
  | 'AwaitingEnrollmentChannelSelection'
  /** Enter the email address or phone number the activation link goes to. */
  | 'AwaitingEnrollmentChannelData'
  /** QR code shown or activation link sent: wait for Okta Verify. */
  | 'AwaitingEnrollmentPoll'
  /** Push sent (maybe with a number challenge): wait for Okta Verify. */
  | 'AwaitingChallengePoll'
  /** Enter a one-time code to verify: Okta Verify, Google Authenticator, or one sent by email, SMS or voice. */
  | 'AwaitingChallengeCode'
  /** Enter the password, asked for on its own (identifier-first orgs, or chosen in the picker). */
  | 'AwaitingPassword'
  /** Enter the phone number to enroll and choose SMS or voice. */
  | 'AwaitingEnrollmentData'
  /** Enter the one-time code that finishes an enrollment (email, phone, Google Authenticator with its QR code). */
  | 'AwaitingEnrollmentCode'
  /** Password recovery: enter the username whose password is forgotten. */
  | 'AwaitingRecoveryIdentifier'
  /** Password recovery: choose a new password (the org's rules in `passwordRules`). */
  | 'AwaitingPasswordReset'
  /** Register a security key or biometric (WebAuthn `navigator.credentials.create`). */
  | 'AwaitingWebAuthnEnrollment'
  /** Verify with a security key or biometric (WebAuthn `navigator.credentials.get`). */
  | 'AwaitingWebAuthnChallenge'
  /**
   * A step Okta describes as plain fields, shown as one generic form (`form`): registration, account unlock, the
   * security question, passcode authenticators, consent, keep me signed in, the password expiry warning, ...
   */
  | 'AwaitingInput'
  /** The transaction ended without success (cancelled, expired, denied): start over. */
  | 'Terminal';

/** One choice in the authenticator picker. */
export interface Authenticator {
  /** Opaque id to send back when this authenticator is chosen. */
  id: string;
  /** Okta's authenticator key, e.g. `okta_verify`, `okta_email`, `phone_number`. */
  key: string;
  /** Display name; rendered as text, never as markup. */
  name: string;
  /** For authenticators with several methods (Okta Verify: `push`, `totp`). */
  methodType?: string;
}

export type EnrollmentChannel = 'qrcode' | 'email' | 'sms';

export const ENROLLMENT_CHANNELS: readonly EnrollmentChannel[] = ['qrcode', 'email', 'sms'];

export const isEnrollmentChannel = (value: unknown): value is EnrollmentChannel =>
  ENROLLMENT_CHANNELS.includes(value as EnrollmentChannel);

export interface EnrollmentInfo {
  /** The channel in use now. */
  channel: EnrollmentChannel;
  /** The channels the user may switch to. */
  channels: EnrollmentChannel[];
  /** `data:image/png` URL of the QR code (channel `qrcode`). */
  qrCode?: string;
  /** Where the activation link went (channel `email` / `sms`), as the server shows it. */
  sentTo?: string;
}

export interface ChallengeInfo {
  methodType?: 'push' | 'totp' | string;
  /** The number the user must pick in Okta Verify (number challenge). */
  correctAnswer?: number;
}

/** The authenticator a step is about, by Okta's key (`okta_email`, `phone_number`, `google_otp`, ...). */
export interface StepAuthenticator {
  key: string;
  /** The method in use, when the authenticator has several (`sms`, `voice`, `push`, `totp`). */
  methodType?: string;
}

/** What a code view shows besides the field. */
export interface OneTimeCodeInfo {
  /** Where the code (or the email's magic link) went, as the server shows it (often masked). */
  sentTo?: string;
  /** Google Authenticator enrollment: `data:image/png` URL of the QR code of its `otpauth://` URI. */
  qrCode?: string;
  /** Google Authenticator enrollment: the shared secret, for typing into the app by hand. */
  secret?: string;
}

export type PhoneMethod = 'sms' | 'voice';

/** The org's password rules, shown while a new password is chosen. */
export interface PasswordRules {
  minLength?: number;
  minLowerCase?: number;
  minUpperCase?: number;
  minNumber?: number;
  minSymbol?: number;
  /** The password may not contain the username. */
  excludeUsername?: boolean;
  /** Profile attributes (`firstName`, `lastName`) the password may not contain. */
  excludeAttributes?: string[];
  /** The last this-many passwords may not be used again. */
  historyCount?: number;
}

/**
 * WebAuthn options as JSON, binary fields in base64url (the shape of `PublicKeyCredentialCreationOptionsJSON`
 * and `PublicKeyCredentialRequestOptionsJSON`).
 */
export interface WebAuthnInfo {
  /** Enrollment: the options for `navigator.credentials.create`. */
  creationOptions?: Record<string, unknown>;
  /** Challenge (or passkey sign-in from the first view): the options for `navigator.credentials.get`. */
  requestOptions?: Record<string, unknown>;
}

/** A new credential, as Okta's `enroll-authenticator` takes it (base64url). */
export interface WebAuthnAttestation {
  clientData: string;
  attestation: string;
  transports?: string[];
}

/** An assertion, as Okta's `challenge-authenticator` takes it (base64url). */
export interface WebAuthnAssertion {
  clientData: string;
  authenticatorData: string;
  signatureData: string;
  /** Passkey sign-in: the user the credential belongs to, and the credential's id. */
  userHandle?: string;
  credentialId?: string;
}

/** What a form field holds: text, a number, a yes/no, or the value of the option chosen. */
export type FormValue = string | number | boolean;

/** Values of a step form, by field name (`identifier`, `credentials.passcode`, `userProfile.firstName`). */
export type FormValues = Record<string, FormValue>;

/** How a form field is entered. */
export type FormFieldType = 'text' | 'email' | 'tel' | 'password' | 'number' | 'boolean' | 'select' | 'radio';

/** One choice of a `select` or `radio` field; choosing it may bring fields of its own (security question: own question). */
export interface FormOption {
  value: FormValue;
  /** Okta's label, plain text. */
  label: string;
  /** Okta's message key for the label, when it sent one. */
  key?: string;
  /** Fields that belong to this choice, shown while it is chosen. */
  fields?: FormField[];
}

/** One field of a step form, as Okta describes it (names, labels and rules are Okta's). */
export interface FormField {
  /** The value's path in Okta's form, dots between levels: `credentials.passcode`, `userProfile.email`. */
  name: string;
  /** Okta's label, plain text. */
  label?: string;
  /** Okta's message key for the label, when it sent one: the element may word it itself. */
  key?: string;
  type: FormFieldType;
  required?: boolean;
  /** A password, answer or code: never echoed, kept or logged. */
  secret?: boolean;
  minLength?: number;
  maxLength?: number;
  /** The choices of a `select` or `radio` field. */
  options?: FormOption[];
  /** A value Okta filled in (a default, a username already known). */
  value?: FormValue;
  /** Shown, not changed (`mutable: false`). */
  readOnly?: boolean;
  /** Not shown: a value Okta needs back as it is (an authenticator's id, the question being answered); also `readOnly`. */
  hidden?: boolean;
  /** Okta's errors about this field (a taken email), plain text, with their message keys. */
  errors?: { text: string; key?: string }[];
}

/**
 * A step shown as a generic form. It is submitted with `proceed({ step, values })`; `choices`, when present, are the
 * form's buttons, each with the values it adds (consent: allow or deny).
 */
export interface StepForm {
  /** Okta's remediation name (`enroll-profile`, `consent`, `keep-me-signed-in`, ...). */
  step: string;
  fields: FormField[];
  /** Buttons that each submit the form with values of their own, instead of one submit button. */
  choices?: { id: string; label?: string; key?: string; values: FormValues }[];
  /** What the step is about, as Okta sends it: an app asking for consent, a question to answer. Plain text. */
  context?: Record<string, string | string[]>;
}

/** Another way forward Okta offers beside the step ("Sign up", "Unlock account"), taken with `proceed({ step })`. */
export interface StepLink {
  /** Okta's remediation name (`select-enroll-profile`, `unlock-account`). */
  step: string;
  /** Okta's label, plain text, when it sent one. */
  label?: string;
}

/** Tokens delivered on success in IDX mode. */
export interface TokenSet {
  accessToken?: string;
  idToken?: string;
  refreshToken?: string;
  tokenType?: string;
  /** Expiry of the access token, seconds since the epoch. */
  expiresAt?: number;
  scopes?: string[];
  /** Claims of the verified `id_token`. */
  idTokenClaims?: Record<string, unknown>;
}

/** A snapshot of the flow: the status and the data its view needs. Never holds a password. */
export interface FlowState {
  status: FlowStatus;
  authenticators?: Authenticator[];
  canSkip?: boolean;
  enrollment?: EnrollmentInfo;
  challenge?: ChallengeInfo;
  /** Poll interval the server asked for, in milliseconds. */
  refresh?: number;
  /** Where to go next (Success); only followed when safe. */
  next?: string;
  tokens?: TokenSet;
  /** Informational text from the server; rendered as text. */
  message?: string;
  /**
   * Okta's message key for `message` (`i18n.key`), also when Okta's text could not be kept: the element shows its own
   * sentence for the key when it has one.
   */
  messageKey?: string;
  /** The authenticator the step is about (code, password, security key and enrollment views). */
  authenticator?: StepAuthenticator;
  /** Code views: where the code went, or the QR code and secret to set up an app. */
  code?: OneTimeCodeInfo;
  /** The server can send the code, push or link again ("Send again"). */
  canResend?: boolean;
  /** The org offers password recovery ("Forgot password?"). */
  canRecover?: boolean;
  /** New-password views: the org's rules. */
  passwordRules?: PasswordRules;
  /** Security key or biometric views, and passkey sign-in offered from the first view. */
  webauthn?: WebAuthnInfo;
  /** `AwaitingInput`: the form to show. */
  form?: StepForm;
  /** Other ways forward beside the step: "Sign up", "Unlock account". */
  links?: StepLink[];
}

/**
 * Whether a sign-in form state (`Idle`) offers anything besides the username and password: a passkey sign-in,
 * "Forgot password?", or links such as "Sign up" and "Unlock account". Such a state is worth resuming into.
 */
export const offersOnForm = (s: FlowState): boolean => !!(s.canRecover || s.webauthn || s.links?.length);

export type PollKind = 'enroll' | 'challenge';

/** One poll reply, in the seed's `{ Refresh, ContinuePolling, Next }` terms. */
export interface PollResult {
  continuePolling: boolean;
  /** Milliseconds until the next poll; null means "use the default". */
  refresh: number | null;
  next?: string;
  /** The flow state after polling ends (when the transport knows it). */
  state?: FlowState;
}

export type ErrorCode =
  | 'invalid_credentials'
  | 'invalid_code'
  | 'invalid_input'
  | 'push_rejected'
  | 'session_expired'
  | 'rate_limited'
  | 'network'
  | 'server'
  | 'malformed_response'
  | 'unsafe_navigation'
  | 'config'
  /** The account may not sign in here: Okta's sign-on policy, or the site's `onSignIn`. */
  | 'access_denied'
  | 'unknown';

/**
 * Why an error happened, where the code alone does not tell the user enough. The elements show their own
 * sentence for each reason; transports never carry user-facing sentences of their own.
 */
export type FlowErrorReason =
  /** Neither `backend` nor `issuer` is set. */
  | 'no-mode'
  /** Both `backend` and `issuer` are set. */
  | 'both-modes'
  /** IDX mode without `client-id` or `redirect-uri`. */
  | 'idx-incomplete'
  /** okta-auth-js refused the issuer, client id or redirect URI. */
  | 'idx-settings'
  /** The `authClient` given is not an OktaAuth instance with the IDX API. */
  | 'auth-client'
  /** The org's policy asks for a step this library does not drive. */
  | 'unsupported-step'
  /** The IDX code (okta-auth-js) could not be downloaded. */
  | 'load-failed'
  /** Okta did not complete the token exchange; only a new sign-in can follow. */
  | 'token-exchange'
  /** The tokens Okta returned could not be verified. */
  | 'unverified'
  /** A required field was empty. */
  | 'empty';

export interface FlowErrorOptions {
  retryable?: boolean;
  status?: number;
  retryAfterMs?: number;
  reason?: FlowErrorReason;
  /** What the server itself said, already checked to be short plain text. */
  serverText?: string;
  /** Okta's message key (`i18n.key`), when the error came from an IDX message. */
  key?: string;
  /** Errors about single fields of a step form (a taken email), by field name; each text is Okta's, plain. */
  fields?: FieldError[];
  /**
   * For developers, never shown: what is misconfigured and how to fix it. A failed download's hint defaults to what
   * its error said (the script-tag file's names the URL it tried).
   */
  hint?: string;
  cause?: unknown;
}

/** An error about one field of a step form. */
export interface FieldError {
  /** The field's name in the form (`userProfile.email`). */
  name: string;
  /** Okta's text, plain. */
  text: string;
  /** Okta's message key, when it sent one. */
  key?: string;
}

/**
 * The one error type the core, transports and elements throw and report. `message` is for developers (logs,
 * tests); what a user reads comes from the element's string table, which may show `serverText`.
 */
export class FlowError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  /** HTTP status, when the error came from a response. */
  readonly status?: number;
  /** How long the server asked us to wait (429 `Retry-After`), in milliseconds. */
  readonly retryAfterMs?: number;
  readonly reason?: FlowErrorReason;
  /** The server's own text, kept apart from `message` so that the element decides whether to show it. */
  readonly serverText?: string;
  readonly key?: string;
  /** Errors about single fields of a step form. */
  readonly fields?: FieldError[];
  /** For developers, never shown: what to fix (`okta-error`'s `hint`). */
  readonly hint?: string;

  constructor(code: ErrorCode, message: string, options: FlowErrorOptions = {}) {
    super(message);
    this.name = 'FlowError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.reason = options.reason;
    this.serverText = options.serverText;
    this.key = options.key;
    if (options.fields?.length) this.fields = options.fields;
    this.hint = options.hint ?? (options.reason === 'load-failed' ? (options.cause as Error | undefined)?.message : undefined);
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** Anything thrown, as a FlowError (`unknown` for what is not one). */
export function toFlowError(error: unknown): FlowError {
  if (error instanceof FlowError) return error;
  return new FlowError('unknown', 'Unexpected error', { cause: error });
}

/**
 * How the core reaches Okta. Each call resolves with the next flow state or rejects with a
 * `FlowError`; each takes an `AbortSignal` so that an element leaving the DOM cancels it.
 */
export interface Transport {
  readonly kind: 'backend' | 'idx';
  /** Warm up and/or resume a transaction already in progress; null when there is none. */
  resume(signal?: AbortSignal): Promise<FlowState | null>;
  login(input: { username: string; password: string }, signal?: AbortSignal): Promise<FlowState>;
  selectAuthenticator(input: { id: string; methodType?: string }, signal?: AbortSignal): Promise<FlowState>;
  selectEnrollmentChannel(channel: EnrollmentChannel, signal?: AbortSignal): Promise<FlowState>;
  sendEnrollmentChannelData(input: { email?: string; phoneNumber?: string }, signal?: AbortSignal): Promise<FlowState>;
  verifyCode(code: string, signal?: AbortSignal): Promise<FlowState>;
  /** A new password: an expired one's replacement (`PasswordExpired`) or the one chosen in recovery (`AwaitingPasswordReset`). */
  changePassword(input: { newPassword: string }, signal?: AbortSignal): Promise<FlowState>;
  /** The password on its own (`AwaitingPassword`). */
  verifyPassword(input: { password: string }, signal?: AbortSignal): Promise<FlowState>;
  /** The phone number to enroll and how the code goes to it (`AwaitingEnrollmentData`). */
  sendEnrollmentData(input: { phoneNumber: string; methodType: PhoneMethod }, signal?: AbortSignal): Promise<FlowState>;
  /** Send the code, push or link again. */
  resend(signal?: AbortSignal): Promise<FlowState>;
  /**
   * Password recovery. Without a username: start it (the next state asks for one, `AwaitingRecoveryIdentifier`);
   * with one: go on with that user (the same answer whether or not the user exists).
   */
  recover(input: { username?: string }, signal?: AbortSignal): Promise<FlowState>;
  /** The security key's answer: an attestation while enrolling, an assertion while verifying or signing in. */
  verifyWebAuthn(credential: WebAuthnAttestation | WebAuthnAssertion, signal?: AbortSignal): Promise<FlowState>;
  skip(signal?: AbortSignal): Promise<FlowState>;
  /** A generic step form (`AwaitingInput`) with its values, or a link (`links`) without any. */
  proceed(input: { step: string; values?: FormValues }, signal?: AbortSignal): Promise<FlowState>;
  cancel(signal?: AbortSignal): Promise<FlowState>;
  poll(kind: PollKind, signal?: AbortSignal): Promise<PollResult>;
}
