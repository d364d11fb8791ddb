// The IDX mapping of the password's steps, from hand-written transactions shaped as okta-auth-js 8 (step mode)
// returns them: identify with "Forgot password?", the password challenge, identify-recovery, the new password's rules.
import { expect } from '@open-wc/testing';
import { stateOf } from './map.js';
import type { IdxTransaction } from './types.js';

const PASSWORD_SETTINGS = {
  complexity: { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, minSymbol: 0, excludeUsername: true, excludeAttributes: ['firstName', '<b>'] },
  age: { minAgeMinutes: 0, historyCount: 4 },
};
const password = { key: 'okta_password', id: 'aut-pw', displayName: 'Password' };

const tx = (names: string[], extra: Partial<IdxTransaction> = {}): IdxTransaction => ({
  status: 'PENDING',
  neededToProceed: names.map((name) => ({ name })),
  ...extra,
});

describe('IDX mapping: password and recovery', () => {
  it('identify offers "Forgot password?" only when Okta lists currentAuthenticator-recover', () => {
    expect(stateOf(tx(['identify'], { availableSteps: [{ name: 'identify' }, { name: 'currentAuthenticator-recover' }] }))).to.deep.equal({
      status: 'Idle',
      canRecover: true,
    });
    expect(stateOf(tx(['identify'], { actions: { 'currentAuthenticator-recover': () => undefined } })).canRecover).to.equal(true);
    expect(stateOf(tx(['identify'], { availableSteps: [{ name: 'identify' }] }))).to.deep.equal({ status: 'Idle' });
  });

  it('the password challenge: AwaitingPassword, recovery from the enrollment, the picker only when it offers more than the password', () => {
    const only = { name: 'select-authenticator-authenticate', value: [{ name: 'authenticator', options: [
      { label: 'Password', value: { form: { value: [{ name: 'id', value: 'aut-pw' }] } }, relatesTo: { key: 'okta_password' } },
    ] }] };
    const both = { name: 'select-authenticator-authenticate', value: [{ name: 'authenticator', options: [
      ...only.value[0].options,
      { label: 'Email', value: { form: { value: [{ name: 'id', value: 'aut-em' }, { name: 'methodType', value: 'email' }] } }, relatesTo: { key: 'okta_email' } },
    ] }] };
    const challenge = (picker: typeof only) => ({
      status: 'PENDING',
      neededToProceed: [{ name: 'challenge-authenticator', relatesTo: { value: password } }, picker],
      availableSteps: [{ name: 'challenge-authenticator' }, { name: 'currentAuthenticatorEnrollment-recover' }],
      context: { currentAuthenticatorEnrollment: { value: password } },
    }) as IdxTransaction;
    expect(stateOf(challenge(only))).to.deep.equal({ status: 'AwaitingPassword', authenticator: { key: 'okta_password' }, canRecover: true });
    expect(stateOf(challenge(both)).authenticators).to.deep.equal([
      { id: 'aut-pw', key: 'okta_password', name: 'Password' },
      { id: 'aut-em', key: 'okta_email', name: 'Email', methodType: 'email' },
    ]);
  });

  it('identify-recovery asks for the username', () => {
    expect(stateOf(tx(['identify-recovery']))).to.deep.equal({ status: 'AwaitingRecoveryIdentifier' });
  });

  it('reset-authenticator and reenroll-authenticator carry the rules of currentAuthenticator, zero rules and odd names left out', () => {
    const rules = { minLength: 8, minLowerCase: 1, minUpperCase: 1, minNumber: 1, excludeUsername: true, excludeAttributes: ['firstName'], historyCount: 4 };
    const context = { currentAuthenticator: { value: { ...password, settings: PASSWORD_SETTINGS } } };
    expect(stateOf(tx(['reset-authenticator'], { context }))).to.deep.equal({ status: 'AwaitingPasswordReset', passwordRules: rules });
    expect(stateOf(tx(['reenroll-authenticator'], { context, messages: [{ class: 'INFO', message: 'Your password has expired' }] }))).to.deep.equal({
      status: 'PasswordExpired',
      passwordRules: rules,
      message: 'Your password has expired',
    });
    expect(stateOf(tx(['reset-authenticator']))).to.deep.equal({ status: 'AwaitingPasswordReset' });
  });
});
