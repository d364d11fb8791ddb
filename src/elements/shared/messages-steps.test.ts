// The English table starts with the sign-in form's sentences; the later steps' join it when their module loads,
// without undoing what the page set before.
import { expect } from '@open-wc/testing';
import { strings } from './messages.js';

describe('English sentences of the later steps', () => {
  it('are not in the first table, join it on load, and keep what the page set', async () => {
    const table = strings as unknown as Record<string, unknown>;
    expect(strings.signIn).to.equal('Sign in');
    expect(table.codes, 'not loaded with the sign-in form').to.equal(undefined);
    expect(table.webauthn).to.equal(undefined);
    Object.assign(strings, { codes: { resend: 'Resend code' }, pushTitle: 'Check Okta Verify' });

    const { stepStrings } = await import('./messages-steps.js');
    expect(strings.codes.resend, "the page's sentence").to.equal('Resend code');
    expect(strings.codes.otherAuthenticator, 'the rest of the section').to.equal('Verify with something else');
    expect(strings.pushTitle).to.equal('Check Okta Verify');
    expect(strings.webauthn).to.equal(stepStrings.webauthn);
    expect(strings.authenticators.okta_email).to.equal('Email');
    expect(stepStrings.codes.resend, 'the module itself is untouched').to.equal('Send again');
  });
});
