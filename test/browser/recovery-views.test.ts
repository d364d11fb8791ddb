// The password and recovery views against a scripted transport, for what the local org never sends: the password
// chosen in a picker that offers other authenticators, and the page's own form with "Forgot password?".
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/okta-signin/okta-signin.js';
import type { OktaSignin } from '../../src/elements/okta-signin/okta-signin.js';
import { FlowError, type FlowState, type Transport } from '../../src/core/types.js';

const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel) as T;
const title = (el: OktaSignin) => $(el, '[part~=title]')?.textContent?.trim();

const picker: FlowState = {
  status: 'AwaitingChallengeAuthenticatorSelection',
  authenticators: [
    { id: 'pw', key: 'okta_password', name: 'Password' },
    { id: 'em', key: 'okta_email', name: 'Email' },
  ],
};
const asked: FlowState = { status: 'AwaitingPassword', authenticator: { key: 'okta_password' }, canRecover: true, authenticators: picker.authenticators };

/** A transport whose calls answer from the given functions; the calls are recorded by name and input. */
function transport(answers: Partial<Record<keyof Transport, (input?: unknown) => Promise<FlowState>>>) {
  const calls: Array<[string, unknown]> = [];
  const idle = async (): Promise<FlowState> => ({ status: 'Idle' });
  const t = { kind: 'backend', resume: async () => ({ status: 'Idle', canRecover: true }) } as unknown as Record<string, unknown>;
  for (const name of ['login', 'selectAuthenticator', 'verifyPassword', 'recover', 'changePassword', 'cancel']) {
    t[name] = (input: unknown) => {
      calls.push([name, input instanceof AbortSignal ? undefined : input]);
      return (answers[name as keyof Transport] ?? idle)(input);
    };
  }
  return { t: t as unknown as Transport, calls };
}

describe('<okta-signin> password and recovery views', () => {
  it('the password chosen in the picker: wrong, then "Verify with something else" goes back to the picker without a request', async () => {
    const { t, calls } = transport({
      login: async () => picker,
      selectAuthenticator: async () => asked,
      verifyPassword: async () => {
        throw new FlowError('invalid_credentials', 'Password is incorrect', { retryable: true, serverText: 'Password is incorrect' });
      },
    });
    const el = await fixture<OktaSignin>(html`<okta-signin .transport=${t}></okta-signin>`);
    const errors: unknown[] = [];
    el.addEventListener('okta-error', (e) => errors.push((e as CustomEvent).detail));
    await waitUntil(() => el.flowState.canRecover, 'the resumed offer');
    el.signInFlow!.login({ username: 'a@example.com', password: 'x' });
    await waitUntil(() => el.flowState.status === 'AwaitingChallengeAuthenticatorSelection');
    el.signInFlow!.selectAuthenticator({ id: 'pw' });
    await waitUntil(() => $(el, 'form[part~=password-only]'), 'the password view');
    expect(title(el)).to.equal('Enter your password');
    await expect(el).to.be.accessible();
    $<HTMLInputElement>(el, '#password').value = 'not-it';
    $<HTMLButtonElement>(el, 'form [part~=submit]').click();
    await waitUntil(() => errors.length === 1, 'okta-error');
    expect(errors[0]).to.deep.equal({ code: 'invalid_credentials', message: 'Password is incorrect', retryable: true });
    await el.updateComplete;
    expect($(el, '[role=alert]').textContent!.trim()).to.equal('Password is incorrect');
    expect($(el, '#password').getAttribute('aria-invalid')).to.equal('true');
    expect($<HTMLInputElement>(el, '#password').value).to.equal('');
    await expect(el).to.be.accessible();

    const before = calls.length;
    $<HTMLButtonElement>(el, '[part~=other-authenticator]').click();
    await waitUntil(() => el.flowState.status === 'AwaitingChallengeAuthenticatorSelection', 'the picker again');
    expect(calls.length).to.equal(before);
    expect(calls.find(([name]) => name === 'verifyPassword')).to.deep.equal(['verifyPassword', { password: 'not-it' }]);
    expect(JSON.stringify(errors)).not.to.include('not-it');
  });

  it('"Forgot password?" under the page\'s own form starts the recovery with the username typed there', async () => {
    const { t, calls } = transport({ recover: async () => ({ status: 'AwaitingRecoveryIdentifier' }) });
    const el = await fixture<OktaSignin>(html`<okta-signin .transport=${t}>
      <form slot="credentials" method="dialog">
        <label for="u">Username</label><input id="u" name="username" autocomplete="username" />
        <label for="p">Password</label><input id="p" name="password" type="password" autocomplete="current-password" />
        <button>Sign in</button>
      </form>
    </okta-signin>`);
    await waitUntil(() => $(el, '[part~=forgot]'), '"Forgot password?"');
    (el.querySelector('#u') as HTMLInputElement).value = 'typed@example.com';
    $<HTMLButtonElement>(el, '[part~=forgot]').click();
    await waitUntil(() => $(el, '#recover-username'), 'the recovery form');
    expect($<HTMLInputElement>(el, '#recover-username').value).to.equal('typed@example.com');
    expect(calls).to.deep.equal([['recover', {}]]);
    await expect(el).to.be.accessible();
  });

  it('an expired password without rules from the server shows no checklist, and a recovery without "Forgot password?" has no link', async () => {
    const { t } = transport({ login: async () => ({ status: 'PasswordExpired' }) });
    (t as unknown as { resume: () => Promise<null> }).resume = async () => null;
    const el = await fixture<OktaSignin>(html`<okta-signin .transport=${t}></okta-signin>`);
    await el.updateComplete;
    expect($(el, '[part~=forgot]')).to.equal(null);
    (await el.signInFlowReady)!.login({ username: 'a', password: 'b' });
    await waitUntil(() => $(el, 'form[part~=password-change]'), 'the password change');
    expect($(el, '[part~=rules]')).to.equal(null);
    expect($(el, '#new-password').getAttribute('aria-describedby')).to.equal('error');
    expect(el.shadowRoot!.querySelectorAll('[part~=reveal]').length).to.equal(2);
  });
});
