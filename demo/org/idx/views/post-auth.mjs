// The steps after the password and the factors: the password expiry warning (change now, or `skip` for later), a
// device assurance grace period (continue), keep-me-signed-in (yes or no) and consent (allow or deny the scopes).
import { PASSWORD, authenticatorObject } from '../authenticators.mjs';
import { PASSWORD_SETTINGS, fieldMessages, form } from '../ion.mjs';
import { consentScopes, daysToExpiry } from '../post-auth.mjs';

/** @typedef {import('./index.mjs').View} View */

const obj = (value) => ({ type: 'object', value });

const skip = (c, name = 'skip') => form(c, name, '/idp/idx/skip', []);

/** How the sign-in reached Okta, as Okta adds it to its post-authentication steps. @param {View} v */
const authentication = (v) => obj({ protocol: 'OAUTH2.0', issuer: { uri: v.tx.issuer } });

/** @param {View} v */
export function expiryWarning(v) {
  const { c, user, ctx } = v;
  v.body.currentAuthenticator = obj({ ...authenticatorObject(PASSWORD), settings: { ...PASSWORD_SETTINGS, daysToExpiry: daysToExpiry(user) } });
  const orgName = ctx.users.data.org.name;
  v.messages.push({
    message: `When your password expires, you will have to change your password before you can login to your ${orgName} account.`,
    i18n: { key: 'idx.password.expiring.message', params: [orgName] },
    class: 'INFO',
  });
  const credentials = { name: 'credentials', type: 'object', form: { value: [{ name: 'passcode', label: 'New password', secret: true, ...fieldMessages(v.fe.passcode) }] }, required: true };
  return [form(c, 'reenroll-authenticator-warning', '/idp/idx/challenge/answer', [credentials], { relatesTo: ['$.currentAuthenticator'] }), skip(c)];
}

// The org's device assurance policy (macOS 15 or later, FileVault on), which the simulated device does not meet.
const DEVICE_REMEDIATION = [
  { key: 'macos.upgrade_os_version', message: 'Update to macOS 15', params: ['15'], url: 'https://support.apple.com/macos/upgrade' },
  { key: 'macos.device_disk_encrypted', message: 'Turn on FileVault', url: 'https://support.apple.com/guide/mac-help/mh11785/mac' },
  {
    key: 'additional_help_default',
    message: 'For more information, follow the instructions on the help page or contact your administrator for help',
    url: 'https://help.okta.com/oie/en-us/content/topics/identity-engine/devices/device-assurance.htm',
  },
];

const dueBy = (time) =>
  `${new Intl.DateTimeFormat('en-US', { month: '2-digit', day: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hour12: true, timeZone: 'UTC' }).format(time)} UTC`;

/** @param {View} v */
export function gracePeriod(v) {
  const until = new Date(v.user.graceUntil);
  v.messages.push({
    message: `Your device doesn't meet the security requirements. Fix the issue by ${dueBy(until)} to prevent lockout.`,
    i18n: { key: 'idx.device_assurance.grace_period.warning.title.due_by_date', params: [until.toISOString()] },
    class: 'WARNING',
  });
  for (const r of DEVICE_REMEDIATION) {
    v.messages.push({
      links: [{ url: r.url }],
      message: r.message,
      i18n: { key: `idx.error.code.access_denied.device_assurance.remediation.${r.key}`, ...(r.params ? { params: r.params } : {}) },
      class: 'ERROR',
    });
  }
  return [skip(v.c, 'device-assurance-grace-period')];
}

/** @param {View} v */
export function keepMeSignedIn(v) {
  v.body.authentication = authentication(v);
  return [
    form(v.c, 'keep-me-signed-in', '/idp/idx/keep-me-signed-in', [
      { name: 'keepMeSignedIn', type: 'boolean', label: 'Stay signed in', required: true, value: false, mutable: true, ...fieldMessages(v.fe.keepMeSignedIn) },
    ]),
  ];
}

// How Okta describes the standard scopes on its consent page.
const SCOPES = {
  email: ['View your email address.', 'This allows the app to view your email address.'],
  profile: ['View your profile information.', 'This allows the app to view your profile information.'],
  phone: ['View your phone number.', 'This allows the app to view your phone number.'],
  address: ['View your home address.', 'This allows the app to view your home address.'],
  offline_access: ['Keep you signed in to the app.', 'This allows the app to keep you signed in to the app, even when you are not using it.'],
};

/** @param {View} v */
export function consent(v) {
  const scopes = consentScopes(v.tx, v.user, v.ctx.users).map((name) => {
    const [label, desc] = SCOPES[name] ?? [name, name];
    return { name, label, value: name, desc };
  });
  v.body.authentication = authentication(v);
  return [
    form(
      v.c,
      'consent',
      '/idp/idx/consent',
      [
        {
          name: 'consent',
          type: 'boolean',
          required: true,
          options: [
            { label: 'Allow Access', value: true },
            { label: "Don't Allow", value: false },
          ],
          ...fieldMessages(v.fe.consent),
        },
      ],
      { scopes },
    ),
  ];
}

/** Okta's message once the user denied consent: the sign-in is over. */
export const CONSENT_DENIED = () => ({ message: 'Operation cancelled by user.', i18n: { key: 'idx.operation.cancelled.by.user' }, class: 'ERROR' });

/** @param {View} v */
export function consentDenied(v) {
  v.messages.push(CONSENT_DENIED());
  return [];
}
