// The demo pages' "Try it" list: every seeded user of demo/data/org.json and what signing in as them shows
// (test/node/docs.test.mjs checks that none is missing). The full table is docs/local-org.md, "The seeded users".
export const SEEDED_USERS = [
  ['alice@example.com', 'Okta Verify enrolled: push with the number challenge, or a code'],
  ['bob@example.com', 'must enroll Okta Verify: QR code, email or SMS link'],
  ['carol@example.com', 'password expired: must change it'],
  ['dave@example.com', 'may enroll Okta Verify, or skip'],
  ['erin@example.com', 'Email and Phone enrolled: verify with either, by a code or the emailed link'],
  ['frank@example.com', 'must enroll Google Authenticator'],
  ['gina@example.com', 'must enroll Phone, then Email'],
  ['hank@example.com', 'Email enrolled: a code or the emailed link after the password'],
  ['ivy@example.com', 'must enroll a security key or biometric (WebAuthn)'],
  ['sam@example.com', 'signs in with the Google, Microsoft or Acme Identity button (the fake provider), or the password'],
  ['paula@partner.example', 'routed to her identity provider (Partner SSO) as soon as her username is typed'],
  ['tina@example.com', 'the identity provider (Acme MFA) as the second factor'],
  ['uma@example.com', 'identity verification with Persona after the password'],
  ['vera@example.com', "Okta FastPass only: finished on the org's own sign-in page"],
  ['jack@example.com', "must set up a security question (one of Okta's, or his own); later sign-ins ask it"],
  ['kate@example.com', 'a hardware token (Custom OTP): its code is on the device page'],
  ['leo@example.com', 'locked out: "Unlock account?", then the emailed code and the password'],
  ['mia@example.com', 'asked whether to stay signed in'],
  ['noah@example.com', 'password expires in 3 days: change it now or later'],
  ['olivia@example.com', 'device assurance grace period: a warning, then continue'],
];

/** Fills a list with one item per seeded user: the username as code, then what the sign-in asks for. */
export function listSeededUsers(list) {
  list.replaceChildren(
    ...SEEDED_USERS.map(([username, what]) => {
      const item = document.createElement('li');
      const name = document.createElement('code');
      name.textContent = username;
      item.append(name, `: ${what}`);
      return item;
    }),
  );
}
