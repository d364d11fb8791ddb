import type { ErrorCode, FlowError, FlowErrorReason } from '../../core/types.js';
import type { stepStrings } from './messages-steps.js';
import type { ErrorDetail } from './events.js';

type StepStrings = typeof stepStrings;

/**
 * The sentences the sign-in form and its outcome need, in English. The later steps' sentences (Okta Verify, codes,
 * the picker, security keys, a new password) arrive with those steps' views (`./messages-steps.ts`), which add them to
 * this same object, so the script that paints the form carries only what it shows. Changing the table
 * (`Object.assign(strings, { signIn: 'Log in' })`) changes the English of every element; a sentence set here before
 * its step has loaded is kept. Other languages come from `./i18n/*.ts`, whole; an element's `strings` property
 * overrides either on that element only.
 */
const firstStrings = {
  signIn: 'Sign in',
  username: 'Username',
  password: 'Password',
  startOver: 'Start over',
  continue: 'Continue',
  /** Other ways forward Okta offers beside a step, by Okta's name for them. */
  links: { 'select-enroll-profile': 'Sign up', 'unlock-account': 'Unlock account' },
  /** "Forgot password?" and the show-password toggle; the recovery views' sentences come with them (messages-steps). */
  recovery: {
    forgot: 'Forgot password?',
    show: 'Show password',
    hide: 'Hide password',
  },
  successTitle: "You're signed in",
  terminalTitle: 'Sign-in did not finish',
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
    access_denied: 'You cannot sign in here with this account.',
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
export const strings = firstStrings as typeof firstStrings & StepStrings;

// Codes where the server's own text says something specific to the user (which rule a password breaks).
const SPECIFIC: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'invalid_credentials',
  'invalid_code',
  'invalid_input',
  'push_rejected',
  // The site's or Okta's reason for refusing the account.
  'access_denied',
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

/** `okta-error`'s detail for an error: the text the element shows, and the developer's hint, which it never shows. */
export const errorDetail = (error: FlowError, table?: Parameters<typeof errorText>[1]): ErrorDetail => ({
  code: error.code,
  message: errorText(error, table),
  retryable: error.retryable,
  ...(error.hint && { hint: error.hint }),
});
