import { strings } from './messages.js';

/**
 * The English sentences of the steps after the sign-in form: the picker's names, Okta Verify, codes, phone, a new
 * password, security keys and the poller. Imported by the modules that show them (the step views, the picker, the
 * poller), which are loaded on demand; importing this module adds them to the English table (`strings`).
 */
export const stepStrings = {
  /** The password on its own, recovery and the new password's rules ("Forgot password?" is in the first file). */
  recovery: {
    passwordTitle: 'Enter your password',
    otherWay: 'Verify with something else',
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
  waiting: 'Waiting for Okta Verify…',
  retrying: 'Connection problem. Trying again…',
  done: 'Done.',
  /**
   * The generic step form: registration, account unlock, consent, keep me signed in, the password expiry warning,
   * the security question, passcode authenticators, device activation. Titles, help and buttons by Okta's step name;
   * Okta's own labels are shown for the fields.
   */
  form: {
    /** The heading of a step this table has no title for. */
    title: 'One more step',
    titles: {
      'select-enroll-profile': 'Sign up',
      'enroll-profile': 'Sign up',
      'profile-update': 'Complete your profile',
      'unlock-account': 'Unlock your account',
      'select-authenticator-unlock-account': 'Unlock your account',
      consent: 'Allow access?',
      'admin-consent': 'Allow access?',
      'granular-consent': 'Allow access?',
      'email-challenge-consent': 'Did you just try to sign in?',
      'reenroll-authenticator-warning': 'Your password will expire soon',
      'reenroll-custom-password-expiry-warning': 'Your password will expire soon',
      'reenroll-custom-password-expiry': 'Change your password',
      'keep-me-signed-in': 'Stay signed in?',
      'device-assurance-grace-period': 'Your device needs attention',
      'user-code': 'Activate your device',
      'request-activation-email': 'Your activation link is no longer valid',
      /** Okta Verify on this device did not answer, or Okta probes for it: on without Okta FastPass. */
      'cancel-transaction': 'Sign in another way',
      'authenticatorChallenge-cancel': 'Sign in another way',
    },
    help: {
      'unlock-account': 'Enter your username. We will help you verify it is you and unlock your account.',
      'select-authenticator-unlock-account': 'Enter your username and choose how to verify it is you.',
      'reenroll-authenticator-warning': 'Choose a new password now, or do it later.',
      'reenroll-custom-password-expiry-warning': 'Choose a new password now, or do it later.',
      'keep-me-signed-in': 'You will be asked to sign in less often on this device.',
      'device-assurance-grace-period': 'Fix these issues soon to keep signing in from this device:',
      'user-code': 'Enter the code shown on your device.',
      'request-activation-email': 'We can send you a new activation email.',
      'cancel-transaction': 'Okta FastPass is not available on this page. Continue to sign in another way.',
      'authenticatorChallenge-cancel': 'Okta FastPass is not available on this page. Continue to sign in another way.',
    },
    submit: {
      'select-enroll-profile': 'Sign up',
      'enroll-profile': 'Sign up',
      'profile-update': 'Save',
      'reenroll-authenticator-warning': 'Change password',
      'reenroll-custom-password-expiry-warning': 'Change password',
      'reenroll-custom-password-expiry': 'Change password',
      'request-activation-email': 'Send activation email',
    },
    /** The two buttons of a yes/no step, where Okta gives them no labels. */
    yes: 'Allow',
    no: "Don't allow",
    staySignedIn: 'Stay signed in',
    dontStaySignedIn: "Don't stay signed in",
    itWasMe: "Yes, it's me",
    notMe: "No, it's not me",
    /** "Skip for now" on the password expiry warning. */
    later: 'Remind me later',
    /** Consent: the app that asks, and what it asks for. */
    appAsks: '{app} is asking to access your account.',
    scopes: 'It will be able to:',
    /** A field the form can be sent without, after its label. */
    optional: '(optional)',
    /** The first entry of a list to choose from. */
    choose: 'Choose…',
    /** Authenticators that take plain fields (security question, RSA SecurID, YubiKey, ...). */
    enrollWith: 'Set up {name}',
    verifyWith: 'Verify with {name}',
    securityQuestionEnroll: 'Set up a security question',
    securityQuestionVerify: 'Answer your security question',
    passwordEnroll: 'Set up a password',
    setPassword: 'Set password',
    emailEnroll: 'Set up email',
    emailEnrollHelp: 'We will send a code to your email address.',
  },
  /**
   * Okta's message keys of the later steps (joined to the sign-in form's, `oktaKeys` in `./messages.ts`): errors under
   * a step form's fields, account unlock, and Okta FastPass (`signed_nonce`, Okta's name for it) where it cannot be used.
   */
  oktaKeys: {
    'model.validation.field.blank': 'Fill in this field.',
    'model.validation.field.string.minLength': 'This is too short.',
    'model.validation.field.string.maxLength': 'This is too long.',
    'model.validation.field.invalid': 'This value is not valid.',
    'registration.error.notUniqueWithinOrg': 'An account with this value already exists.',
    'registration.error.invalidLoginEmail': 'Enter a valid email address.',
    'registration.error.doesNotMatchPattern': 'This value is not in the expected format.',
    'securityQuestion.answer.tooShort.arg': 'The answer is too short.',
    'oie.selfservice.unlock_user.success.message': 'Your account is unlocked. Sign in with your username and password.',
    'oie.selfservice.unlock_user.failed.message': 'Your account could not be unlocked. Contact your administrator.',
    'oie.selfservice.user.unlock.not.allowed': 'You cannot unlock your account here. Contact your administrator.',
    'idx.operation.cancelled.by.user': 'The sign-in was cancelled.',
    signed_nonce: 'Okta FastPass is not available on this page. Sign in another way, or ask your administrator for help.',
  },
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
    cancelled: 'The request was cancelled or timed out. Try again when your security key or device is ready.',
    alreadyRegistered: 'This security key is already registered. Use another key, or verify with something else.',
    security: 'This page is not allowed to use security keys. Contact your administrator.',
    unsupported: 'This browser cannot use security keys or biometrics. Use another browser, or verify with something else.',
    failed: 'Something went wrong with the security key. Try again.',
  },
};

// What a page already put on the English table wins, key by key within a section.
const table = strings as unknown as Record<string, unknown>;
for (const [key, value] of Object.entries(stepStrings)) {
  const own = table[key];
  table[key] = own === undefined ? value : typeof value == 'object' && typeof own == 'object' ? { ...value, ...own } : own;
}
