/**
 * The parts of okta-auth-js 8 that IDX mode reads, typed structurally so that the main bundle never imports
 * okta-auth-js (its own types also lack fields present at run time, e.g. `contextualData.correctAnswer`).
 */

export interface IdxMessage {
  message?: string;
  class?: string;
  i18n?: { key?: string };
}

export interface IdxFormField {
  name: string;
  value?: unknown;
  label?: string;
  options?: { label?: string; value?: unknown }[];
  form?: { value: IdxFormField[] };
  /** Okta's messages about this field (a refused code, a taken email). */
  messages?: { value?: IdxMessage[] };
}

export interface IdxOption {
  label?: string;
  value?: { form?: { value: IdxFormField[] } } | string;
  relatesTo?: { key?: string; id?: string; displayName?: string } | string;
}

export interface IdxRemediation {
  name: string;
  refresh?: number;
  relatesTo?: { value?: IdxAuthenticatorValue };
  value?: (IdxFormField & { options?: IdxOption[] })[];
}

export interface IdxAuthenticatorValue {
  key?: string;
  id?: string;
  type?: string;
  displayName?: string;
  methods?: { type?: string }[];
  /** Where a code went (enrollments being verified). */
  profile?: { email?: string; phoneNumber?: string };
  /** Okta's action to send the code, push or link again (kept on a remediation's copy of the authenticator). */
  resend?: unknown;
  contextualData?: {
    qrcode?: { href?: string };
    selectedChannel?: string;
    correctAnswer?: number | string;
    email?: string;
    phoneNumber?: string;
    /** Google Authenticator enrollment: the secret of the QR code's `otpauth://` URI, for typing in by hand. */
    sharedSecret?: string;
  };
  /** The password's rules (`okta_password` while a new password is chosen). */
  settings?: {
    complexity?: unknown;
    age?: unknown;
  };
}

export interface IdxToken {
  accessToken?: string;
  idToken?: string;
  refreshToken?: string;
  tokenType?: string;
  expiresAt?: number;
  scopes?: string[];
  claims?: Record<string, unknown>;
}

export interface IdxTransaction {
  status: 'PENDING' | 'SUCCESS' | 'FAILURE' | 'TERMINAL' | 'CANCELED' | string;
  nextStep?: {
    name?: string;
    canSkip?: boolean;
    refresh?: number;
    relatesTo?: { value?: IdxAuthenticatorValue };
  };
  messages?: IdxMessage[];
  /** Remediations and actions by name (`currentAuthenticatorEnrollment-resend`, ...). */
  availableSteps?: { name: string }[];
  neededToProceed?: IdxRemediation[];
  /** The actions the answer offers besides its remediations (`currentAuthenticator-recover`, ...). */
  actions?: Record<string, unknown>;
  context?: {
    currentAuthenticator?: { value?: IdxAuthenticatorValue };
    currentAuthenticatorEnrollment?: { value?: IdxAuthenticatorValue };
  };
  rawIdxState?: { errorCode?: string; errorSummary?: string; messages?: { value?: IdxMessage[] } };
  requestDidSucceed?: boolean;
  tokens?: IdxTokens;
  meta?: IdxTransactionMeta;
}

export interface IdxTokens {
  accessToken?: IdxToken;
  idToken?: IdxToken;
  refreshToken?: IdxToken;
}

/** okta-auth-js's transaction meta: the PKCE verifier, state and nonce of an interaction or authorization request. */
export interface IdxTransactionMeta {
  issuer?: string;
  clientId?: string;
  redirectUri?: string;
  scopes?: string[];
  state?: string;
  nonce?: string;
  codeVerifier?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
  interactionHandle?: string;
  urls?: { authorizeUrl?: string };
}

export interface IdxAuthClient {
  idx: {
    start(options?: Record<string, unknown>): Promise<IdxTransaction>;
    proceed(options: Record<string, unknown>): Promise<IdxTransaction>;
    /** A new authorization request's meta (PKCE verifier and challenge, state, nonce, the endpoints). */
    createTransactionMeta?(options?: Record<string, unknown>): Promise<IdxTransactionMeta>;
  };
  token?: {
    /** The code of a redirect's way back (`interactionCode` or `authorizationCode`) for tokens, verified. */
    exchangeCodeForTokens(params: Record<string, unknown>): Promise<{ tokens: IdxTokens }>;
  };
  tokenManager?: { setTokens(tokens: Record<string, unknown>): void };
  transactionManager?: {
    clear(options?: Record<string, unknown>): void;
    save?(meta: IdxTransactionMeta, options?: Record<string, unknown>): void;
    load?(options?: Record<string, unknown>): IdxTransactionMeta | null;
    /** Forgets the last IDX answer kept for the transaction. */
    clearIdxResponse?(): void;
  };
}

/** The request function given to okta-auth-js, with what the transport needs to see of it. */
export interface IdxHttp {
  /** Aborts the request in flight when the current call's signal aborts. */
  signal: AbortSignal | undefined;
  /** `Retry-After` of the last 429, in milliseconds. */
  retryAfterMs: number | undefined;
  request(method: string, url: string, args: Record<string, unknown>): Promise<unknown>;
}
