// Okta's message keys shown as the table's own sentences (`oktaKeys`), in the element's language: errorText() alone,
// an element given a keyed error, and IDX mode against the local org, whose wrong password carries errors.E0000004.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../okta-signin/okta-signin.js';
import type { OktaSignin } from '../okta-signin/okta-signin.js';
import { errorText, strings } from './messages.js';
import { loadLanguage } from './i18n.js';
import de from './i18n/de.js';
import { FlowError, type Transport } from '../../core/types.js';
import { env, newUser } from '../../../test/support/local-org.js';
import { stubTransport } from '../../../test/support/stub-transport.js';
import { control, fieldNamed } from '../../../test/support/fields.js';

const alertText = (el: OktaSignin) => el.shadowRoot!.querySelector('[role=alert]')!.textContent!.trim();

/** A transport whose login fails with `error`. */
function failingLogin(error: FlowError): Transport {
  return stubTransport({
    login: async () => {
      throw error;
    },
  });
}

async function submitLogin(el: OktaSignin, username: string, password: string) {
  const field = (name: string) => fieldNamed(el, name)!;
  field('username').value = username;
  field('username').dispatchEvent(new Event('input', { bubbles: true }));
  field('password').value = password;
  control<HTMLButtonElement>(el, '[part~=submit]')!.click();
}

describe('Okta message keys', function () {
  this.timeout(30000);

  it('errorText: the key\'s sentence first, else as before (reason, server text, code)', () => {
    const keyed = new FlowError('invalid_code', 'x', { key: 'authfactor.challenge.soft_token.used_passcode', serverText: 'API error: Each code can only be used once.' });
    expect(errorText(keyed)).to.equal('That code was already used. Wait for a new code and try again.');
    expect(errorText(keyed, de)).to.equal('Dieser Code wurde bereits verwendet. Warten Sie auf einen neuen Code und versuchen Sie es erneut.');
    const unknownKey = new FlowError('invalid_input', 'x', { key: 'some.other.key', serverText: 'Enter a valid value.' });
    expect(errorText(unknownKey)).to.equal('Enter a valid value.');
    expect(errorText(new FlowError('invalid_input', 'x', { key: 'constructor' }))).to.equal(strings.errors.invalid_input);
    expect(errorText(new FlowError('network', 'x'))).to.equal(strings.errors.network);
  });

  it('every key the org sends has a sentence in English', () => {
    for (const key of [
      'errors.E0000004',
      'incorrectPassword',
      'api.authn.error.PASSCODE_INVALID',
      'api.factors.error.sms.invalid_phone',
      'authfactor.challenge.soft_token.used_passcode',
      'password.passwordRequirementsNotMet',
      'password.passwordHistoryNotMet',
      'idx.session.expired',
      'tooManyRequests',
      'authfactor.webauthn.error.assertion_validation_failure',
    ]) {
      expect(strings.oktaKeys, key).to.have.own.property(key);
    }
  });

  it('an element shows the key\'s sentence in its language, as text, and okta-error carries it', async () => {
    await loadLanguage('de');
    const error = new FlowError('invalid_input', 'phone refused', {
      key: 'api.factors.error.sms.invalid_phone',
      serverText: '<b>Invalid Phone Number.</b>',
    });
    const el = await fixture<OktaSignin>(html`<okta-signin lang="de" .transport=${failingLogin(error)}></okta-signin>`);
    await el.updateComplete;
    const failed = oneEvent(el, 'okta-error');
    await submitLogin(el, 'someone', 'secret-value');
    const { detail } = await failed;
    await el.updateComplete;
    expect(alertText(el)).to.equal('Diese Telefonnummer ist ungültig. Prüfen Sie sie und versuchen Sie es erneut.');
    expect(detail).to.deep.equal({ code: 'invalid_input', message: alertText(el), retryable: false });
    expect(JSON.stringify(detail)).not.to.contain('secret-value');
    await expect(el).to.be.accessible();
  });

  it('IDX mode against the local org: a wrong password shows the sentence for errors.E0000004', async () => {
    const e = await env();
    const user = await newUser('alice');
    const el = await fixture<OktaSignin>(html`<okta-signin issuer=${e.issuer} client-id=${e.spaClientId} redirect-uri=${e.redirectUri}></okta-signin>`);
    await waitUntil(() => fieldNamed(el, 'username'), 'the form', { timeout: 15000 });
    const failed = oneEvent(el, 'okta-error');
    await submitLogin(el, user.username, 'not-her-password');
    const { detail } = await failed;
    await el.updateComplete;
    expect(detail.code).to.equal('invalid_credentials');
    expect(alertText(el)).to.equal(strings.oktaKeys['errors.E0000004']);
    await expect(el).to.be.accessible();
  });
});
