// The standalone <authenticator-picker> names its choices from Okta's keys in its language, and shows the server's
// name, as text, for keys it does not know.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../authenticator-picker/authenticator-picker.js';
import type { AuthenticatorPicker } from '../authenticator-picker/authenticator-picker.js';
import type { Authenticator } from '../../core/types.js';

const AUTHS: Authenticator[] = [
  { id: 'e', key: 'okta_email', name: 'E-mail (server)', methodType: 'email' },
  { id: 'p', key: 'phone_number', name: 'Phone: SMS', methodType: 'sms' },
  { id: 'p', key: 'phone_number', name: 'Phone: Voice call', methodType: 'voice' },
  { id: 'g', key: 'google_otp', name: 'Google Authenticator' },
  { id: 'w', key: 'webauthn', name: 'Security Key or Biometric Authenticator' },
  { id: 'x', key: 'custom_app', name: 'Acme <b>Token</b>' },
];

const names = (el: AuthenticatorPicker) => [...el.shadowRoot!.querySelectorAll('[role=radio]')].map((r) => r.textContent!.trim());

describe('<authenticator-picker> names', () => {
  it('English: names from keys, methods after a colon, the server’s name as text for an unknown key', async () => {
    const el = await fixture<AuthenticatorPicker>(html`<authenticator-picker lang="en" .authenticators=${AUTHS}></authenticator-picker>`);
    expect(names(el)).to.deep.equal([
      'Email',
      'Phone: get a text message',
      'Phone: get a voice call',
      'Google Authenticator',
      'Security key or biometric',
      'Acme <b>Token</b>',
    ]);
    expect(el.shadowRoot!.querySelector('b')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('French and Japanese', async () => {
    const fr = await fixture<AuthenticatorPicker>(html`<authenticator-picker lang="fr" .authenticators=${AUTHS}></authenticator-picker>`);
    await waitUntil(() => names(fr)[0] === 'E-mail', 'French');
    expect(names(fr).slice(1, 3)).to.deep.equal(['Téléphone : recevoir un SMS', 'Téléphone : recevoir un appel vocal']);
    const ja = await fixture<AuthenticatorPicker>(html`<authenticator-picker lang="ja" .authenticators=${AUTHS}></authenticator-picker>`);
    await waitUntil(() => names(ja)[0] === 'メール', 'Japanese');
    expect(names(ja)[1]).to.equal('電話：テキストメッセージを受け取る');
  });

  it('the strings property renames one key on this element', async () => {
    const el = await fixture<AuthenticatorPicker>(
      html`<authenticator-picker lang="en" .strings=${{ authenticators: { okta_email: 'Work email' } }} .authenticators=${AUTHS}></authenticator-picker>`,
    );
    expect(names(el)[0]).to.equal('Work email');
    expect(names(el)[1]).to.equal('Phone: get a text message');
  });
});
