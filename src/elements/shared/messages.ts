import type { ErrorCode, FlowError, FlowErrorReason } from '../../core/types.js';

/**
 * Every text the elements show in English, in one place. Changing it (`Object.assign(strings, { signIn: 'Log in' })`)
 * changes the English of every element; other languages come from `./i18n/*.ts`, and an element's `strings`
 * property overrides either on that element only.
 */
export const strings = {
  signIn: 'Sign in',
  username: 'Username',
  password: 'Password',
  startOver: 'Start over',
  continue: 'Continue',
  skip: 'Skip for now',
  enrollTitle: 'Set up a security method',
  verifyTitle: "Verify it's you",
  enrollLabel: 'Choose a security method to set up',
  verifyLabel: 'Choose a security method',
  /** Authenticator and method names, by Okta's key (the picker and the step views). */
  authenticators: {
    okta_email: 'Email',
    phone_number: 'Phone',
    google_otp: 'Google Authenticator',
    okta_verify: 'Okta Verify',
    okta_password: 'Password',
    webauthn: 'Security key or biometric',
    /** One method of an authenticator that has several, shown after its name. */
    methods: {
      sms: 'get a text message',
      voice: 'get a voice call',
      push: 'get a push notification',
      totp: 'enter a code',
    },
    /** An authenticator and one of its methods. */
    withMethod: '{name}: {method}',
  },
  channelTitle: 'Set up Okta Verify',
  channelLabel: 'How do you want to set up Okta Verify?',
  channels: { qrcode: 'Scan a QR code', email: 'Email me a setup link', sms: 'Text me a setup link' },
  otherWay: "Can't scan? Set up another way",
  anotherWay: 'Set up another way',
  email: 'Email address',
  phone: 'Phone number',
  sendLink: 'Send link',
  scanTitle: 'Scan the QR code',
  scanHelp: 'Open Okta Verify on your phone, add an account, and scan this code.',
  qrAlt: 'QR code to scan with Okta Verify',
  checkEmail: 'Check your email',
  checkPhone: 'Check your phone',
  linkSent: (to: string) => `We sent a setup link${to ? ` to ${to}` : ''}. Open it on your phone to set up Okta Verify.`,
  /** `linkSent` when the address is not known (used where `linkSent` is a template rather than a function). */
  linkSentNoAddress: 'We sent a setup link. Open it on your phone to set up Okta Verify.',
  pushTitle: 'Push notification sent',
  pushHelp: 'Approve the sign-in in Okta Verify on your phone.',
  numberHelp: 'On your phone, tap this number in Okta Verify:',
  numberSay: (n: number) => `Push sent. Tap ${n} in Okta Verify.`,
  codeTitle: 'Enter a code',
  code: 'Code from Okta Verify',
  /** Email, phone and Google Authenticator: codes, phone numbers, "Send again", "Verify with something else". */
  codes: {
    emailTitle: 'Check your email',
    phoneTitle: 'Check your phone',
    appTitle: 'Enter the code from Google Authenticator',
    /** Email: the code, or the link in the same email. */
    sentEmail: 'We sent an email to {to}. Enter the code from it, or open the link in the email.',
    sentEmailNoAddress: 'We sent you an email. Enter the code from it, or open the link in the email.',
    sentText: 'We sent a code to {to} by text message.',
    sentCall: 'We are calling {to} with a code.',
    sentPhoneNoAddress: 'We sent a code to your phone.',
    appHelp: 'Open Google Authenticator on your phone and enter the code it shows for this account.',
    emailCode: 'Code from the email',
    phoneCode: 'Code from the message or call',
    appCode: 'Code from Google Authenticator',
    setUpApp: 'Set up Google Authenticator',
    scanApp: 'In Google Authenticator, add an account and scan this QR code. Then enter the code the app shows.',
    qrAlt: 'QR code to scan with Google Authenticator',
    secretLabel: "Can't scan? Enter this key in the app instead:",
    copy: 'Copy key',
    copied: 'Key copied.',
    resend: 'Send again',
    /** The "Send again" button while it waits, with the seconds left. */
    resendIn: 'Send again in {s} s',
    resent: 'Sent again.',
    /** Said once (politely) when the countdown ends. */
    canResendNow: 'You can send it again now.',
    resendPush: 'Send push again',
    otherAuthenticator: 'Verify with something else',
    otherEnrollment: 'Set up something else',
    phoneTitleEnroll: 'Set up phone',
    phoneHelp: 'Enter your phone number. We will send a code to it.',
    phoneNumber: 'Phone number',
    phoneHint: 'With the country code, for example +1 555 010 0100.',
    phoneMethod: 'How should we send the code?',
    phoneMethods: { sms: 'Text message (SMS)', voice: 'Voice call' },
    sendCode: 'Send code',
  },
  verify: 'Verify',
  passwordTitle: 'Change your password',
  passwordHelp: 'Your password has expired. Choose a new one.',
  newPassword: 'New password',
  confirmPassword: 'Confirm new password',
  changePassword: 'Change password',
  mismatch: 'The two passwords do not match.',
  /** The password on its own, "Forgot password?", recovery and the new password's rules. */
  recovery: {
    passwordTitle: 'Enter your password',
    forgot: 'Forgot password?',
    otherWay: 'Verify with something else',
    show: 'Show password',
    hide: 'Hide password',
    recoverTitle: 'Reset your password',
    recoverHelp: 'Enter your username. We will help you verify it is you and choose a new password.',
    resetTitle: 'Choose a new password',
    resetHelp: 'Your identity is verified. Choose a new password for your account.',
    setPassword: 'Set new password',
    rulesTitle: 'Your password must have:',
    minLength: 'At least {n} characters',
    minLowerCase: 'Lowercase letters: at least {n}',
    minUpperCase: 'Uppercase letters: at least {n}',
    minNumber: 'Numbers: at least {n}',
    minSymbol: 'Symbols: at least {n}',
    excludeUsername: 'No part of your username',
    excludeAttributes: 'No part of your name',
    historyCount: 'Not one of your last {n} passwords',
    met: 'done',
    unmet: 'not yet',
    summary: '{met} of {total} requirements met',
  },
  successTitle: "You're signed in",
  terminalTitle: 'Sign-in did not finish',
  waiting: 'Waiting for Okta Verify…',
  retrying: 'Connection problem. Trying again…',
  done: 'Done.',
  /** Security key or biometric (WebAuthn) and passkeys. */
  webauthn: {
    enrollTitle: 'Set up a security key or biometric',
    verifyTitle: 'Verify with a security key or biometric',
    help: "Use your security key or your device's fingerprint, face or PIN.",
    enrollHelp: "Your browser will ask you to register a security key or your device's fingerprint, face or PIN.",
    enroll: 'Set up',
    verify: 'Verify',
    working: "Follow your browser's instructions…",
    tryAgain: 'Try again',
    otherWay: 'Verify with something else',
    cancelled: 'The request was cancelled or timed out. Try again when your security key or device is ready.',
    alreadyRegistered: 'This security key is already registered. Use another key, or verify with something else.',
    security: 'This page is not allowed to use security keys. Contact your administrator.',
    unsupported: 'This browser cannot use security keys or biometrics. Use another browser, or verify with something else.',
    failed: 'Something went wrong with the security key. Try again.',
  },
  errors: {
    invalid_credentials: 'Wrong username or password.',
    invalid_code: 'That code is not right. Try again.',
    invalid_input: 'Check what you entered and try again.',
    push_rejected: 'The sign-in was denied in Okta Verify.',
    session_expired: 'Your sign-in session expired. Sign in again.',
    rate_limited: 'Too many attempts. Wait a moment and try again.',
    network: 'The server could not be reached. Check your connection and try again.',
    server: 'The server had a problem. Try again in a moment.',
    malformed_response: 'The server sent an unexpected reply. Try again later.',
    unsafe_navigation: 'The sign-in finished, but the page it wants to open is not allowed.',
    config: 'This sign-in form is not set up correctly.',
    unknown: 'Something went wrong. Try again.',
  } as Record<ErrorCode, string>,
  /** Sentences for errors whose code alone says too little (FlowError `reason`). */
  reasons: {
    'no-mode': 'Sign-in is not set up: set "backend" or "issuer".',
    'both-modes': 'Sign-in is misconfigured: set "backend" or "issuer", not both.',
    'idx-incomplete': 'Sign-in is not set up: "issuer" needs "client-id" and "redirect-uri".',
    'idx-settings': 'The issuer, client-id or redirect-uri is not valid.',
    'auth-client': 'authClient is not an OktaAuth instance.',
    'unsupported-step': 'Okta asks for a step this page cannot show. Ask the site owner to check the sign-in policy.',
    'load-failed': 'The sign-in code could not load. Check your connection and reload the page.',
    'token-exchange': 'Okta did not complete the sign-in. Sign in again.',
    unverified: "Okta's reply could not be verified. Sign in again.",
    empty: 'Fill in every field.',
  } as Record<FlowErrorReason, string>,
  /**
   * Sentences for Okta's message keys (`i18n.key` of an IDX message, FlowError `key`): shown instead of the server's
   * text, in the element's language. A key not listed here shows as before.
   */
  oktaKeys: {
    'errors.E0000004': 'Wrong username or password.',
    incorrectPassword: 'That password is not right. Try again.',
    'api.authn.error.PASSCODE_INVALID': 'That code is not right. Try again.',
    'authfactor.challenge.soft_token.used_passcode': 'That code was already used. Wait for a new code and try again.',
    'api.factors.error.sms.invalid_phone': 'That phone number is not valid. Check it and try again.',
    'password.passwordRequirementsNotMet': 'The new password does not meet the password rules.',
    'password.passwordHistoryNotMet': 'That password was used too recently. Choose another one.',
    'idx.session.expired': 'Your sign-in session expired. Sign in again.',
    tooManyRequests: 'Too many attempts. Wait a moment and try again.',
    'authfactor.webauthn.error.assertion_validation_failure': 'The security key or biometric could not be verified. Try again.',
    'api.authn.poll.error.push_rejected': 'The sign-in was denied in Okta Verify.',
    'errors.E0000119': 'Your account is locked. Contact your administrator.',
  },
};

// Codes where the server's own text says something specific to the user (which rule a password breaks).
const SPECIFIC: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'invalid_credentials',
  'invalid_code',
  'invalid_input',
  'push_rejected',
]);

/** A sentence with placeholders: a template such as `'Tap {n} in Okta Verify.'`, or a function of them in order. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a function's own parameter types must fit.
export type Template = string | ((...values: any[]) => string);

/** The shape of a whole table: English's, with a template or a function for each sentence that has placeholders. */
export type Strings = Omit<typeof strings, 'linkSent' | 'numberSay'> & { linkSent: Template; numberSay: Template };

/** Fills a template's `{name}` placeholders, or calls a function with the values in order. */
export const format = (t: Template, values: Record<string, string | number>): string =>
  typeof t == 'function' ? t(...Object.values(values)) : t.replace(/\{(\w+)\}/g, (_, k) => `${values[k] ?? ''}`);

/**
 * The text to show for an error: the sentence for Okta's message key when the table has one, else the sentence for
 * its reason, else the server's text where it helps, else the code's; from `table` (an element's own, in its
 * language), English by default.
 */
export function errorText(
  error: Pick<FlowError, 'code' | 'reason' | 'serverText'> & { key?: string },
  table: Pick<Strings, 'errors' | 'reasons'> & { oktaKeys?: Partial<Record<string, string>> } = strings,
): string {
  // Own keys only: a key such as `constructor` must not find Object.prototype's.
  const byKey = error.key && Object.prototype.hasOwnProperty.call(table.oktaKeys ?? {}, error.key) ? table.oktaKeys?.[error.key] : undefined;
  return (
    byKey ||
    (error.reason && table.reasons[error.reason]) ||
    (SPECIFIC.has(error.code) && error.serverText) ||
    table.errors[error.code] ||
    table.errors.unknown
  );
}
