// The IDX transport's password calls against the local org, below the element: recovery in an identifier-first org
// (whose sign-in form offers none), the password asked again after a refusal, the magic link ending a recovery, and
// bad input refused before anything is sent.
import { expect } from '@open-wc/testing';
import { createIdxTransport } from '../../src/transports/idx.js';
import { FlowError, type FlowState, type Transport } from '../../src/core/types.js';
import { env, waitFor } from '../support/local-org.js';
import { messagesTo, newUser } from '../support/recovery-ui.js';

async function transport(idFirst = false): Promise<Transport> {
  const e = await env();
  return createIdxTransport({ issuer: e.issuer, clientId: idFirst ? e.idFirstClientId : e.spaClientId, redirectUri: e.redirectUri });
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: FlowError) => e,
  );

// The local org's sign-in form also offers Sign up and Unlock account, as an org with both does.
const SELF_SERVICE = [{ step: 'select-enroll-profile' }, { step: 'unlock-account' }];

describe('IDX transport: password and recovery', function () {
  this.timeout(60000);

  it('identifier first: no "Forgot password?" on the form, yet recover() asks the username, then offers Email', async () => {
    const hank = await newUser('hank');
    const t = await transport(true);
    expect(await t.resume()).to.deep.equal({ status: 'Idle', links: SELF_SERVICE });
    expect(await t.recover({})).to.deep.equal({ status: 'AwaitingRecoveryIdentifier' });
    const empty = await refusal(t.recover({}));
    expect(empty.code).to.equal('invalid_input');
    const picker = await t.recover({ username: hank.username });
    expect(picker.status).to.equal('AwaitingChallengeAuthenticatorSelection');
    expect(picker.authenticators!.map((a) => a.key)).to.deep.equal(['okta_email']);
  });

  it('a refused password leaves the password challenge to resume; verifyPassword refuses again, then goes on', async () => {
    const hank = await newUser('hank');
    const t = await transport(true);
    const wrong = await refusal(t.login({ username: hank.username, password: 'Wrong-passw0rd' }));
    expect(wrong.code).to.equal('invalid_credentials');
    const asked = (await t.resume()) as FlowState;
    expect(asked).to.deep.equal({ status: 'AwaitingPassword', authenticator: { key: 'okta_password' }, canRecover: true });
    const empty = await refusal(t.verifyPassword({ password: '' }));
    expect(empty.reason).to.equal('empty');
    const again = await refusal(t.verifyPassword({ password: 'Wrong-again-1' }));
    expect(again.code).to.equal('invalid_credentials');
    expect(again.serverText).to.equal('Password is incorrect');
    const next = await t.verifyPassword({ password: hank.password });
    expect(next.status).to.equal('AwaitingChallengeAuthenticatorSelection');
  });

  it('recovery from the sign-in form ends with the email\'s magic link and the new password', async () => {
    const hank = await newUser('hank');
    const t = await transport();
    expect(await t.resume()).to.deep.equal({ status: 'Idle', canRecover: true, links: SELF_SERVICE });
    const picker = await t.recover({ username: hank.username });
    expect(picker.status).to.equal('AwaitingChallengeAuthenticatorSelection');
    const since = new Date().toISOString();
    const code = await t.selectAuthenticator({ id: picker.authenticators!.find((a) => a.key === 'okta_email')!.id });
    expect(code.status).to.equal('AwaitingChallengeCode');
    const mail = await waitFor(async () => (await messagesTo(hank.username)).filter((m) => (m as { sentAt?: string }).sentAt! >= since).at(-1), 'the email');
    // The link opened elsewhere (the mailbox's page): a plain GET, whatever its answer says to this page.
    await fetch(mail.link!, { mode: 'no-cors' });
    const polled = await waitFor(async () => {
      const r = await t.poll('challenge');
      return r.continuePolling ? undefined : r;
    }, 'the end of polling');
    expect(polled.state!.status).to.equal('AwaitingPasswordReset');
    expect(polled.state!.passwordRules!.minLength).to.equal(8);
    const weak = await refusal(t.changePassword({ newPassword: 'short' }));
    expect(weak.code).to.equal('invalid_input');
    expect(weak.serverText).to.match(/requirements/i);
    const done = await t.changePassword({ newPassword: 'Recovered-2-Passw0rd' });
    expect(done.status).to.equal('Success');
  });
});
