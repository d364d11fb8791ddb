import { expect } from '@open-wc/testing';
import { SignInFlow } from './flow.js';
import { FlowError, type FlowState, type PollResult, type Transport } from './types.js';

/** A scripted Transport: each method answers from a queue and records its calls (never the password). */
function fakeTransport(answers: Partial<Record<keyof Transport, Array<FlowState | PollResult | FlowError | null>>>) {
  const calls: string[] = [];
  const signals: AbortSignal[] = [];
  const answer = (name: keyof Transport) => (...args: unknown[]) => {
    calls.push(name);
    const signal = args[args.length - 1] as AbortSignal;
    signals.push(signal);
    const next = answers[name]?.shift();
    if (next === undefined) return new Promise(() => {});
    return next instanceof FlowError ? Promise.reject(next) : Promise.resolve(next);
  };
  const t = {
    kind: 'backend',
    resume: answer('resume'),
    login: answer('login'),
    selectAuthenticator: answer('selectAuthenticator'),
    selectEnrollmentChannel: answer('selectEnrollmentChannel'),
    sendEnrollmentChannelData: answer('sendEnrollmentChannelData'),
    verifyCode: answer('verifyCode'),
    changePassword: answer('changePassword'),
    verifyPassword: answer('verifyPassword'),
    sendEnrollmentData: answer('sendEnrollmentData'),
    resend: answer('resend'),
    recover: answer('recover'),
    verifyWebAuthn: answer('verifyWebAuthn'),
    skip: answer('skip'),
    cancel: answer('cancel'),
    poll: answer('poll'),
  } as unknown as Transport;
  return { t, calls, signals };
}

const picker: FlowState = {
  status: 'AwaitingChallengeAuthenticatorSelection',
  authenticators: [{ id: 'ov', key: 'okta_verify', name: 'Okta Verify', methodType: 'push' }],
};

function record(flow: SignInFlow) {
  const log: string[] = [];
  flow.addEventListener('statechange', (e) => log.push(`${e.previous.status}>${e.state.status}`));
  flow.addEventListener('error', (e) => log.push(`error:${e.error.code}`));
  flow.addEventListener('success', (e) => log.push(`success:${e.next}`));
  flow.addEventListener('poll', (e) => log.push(`poll:${e.result.continuePolling}`));
  return log;
}

describe('SignInFlow', () => {
  it('allows only the actions of the current status', async () => {
    const { t } = fakeTransport({ login: [picker] });
    const flow = new SignInFlow(t);
    expect(flow.can('login')).to.equal(true);
    expect(flow.can('cancel')).to.equal(false);
    expect(flow.can('verifyCode')).to.equal(false);
    let thrown: unknown;
    await flow.verifyCode('123456').catch((e) => (thrown = e));
    expect(thrown).to.be.instanceOf(FlowError);
    await flow.login({ username: 'a', password: 'p' });
    expect(flow.state.status).to.equal('AwaitingChallengeAuthenticatorSelection');
    expect(flow.can('login')).to.equal(false);
    expect(flow.can('selectAuthenticator')).to.equal(true);
    expect(flow.can('skip')).to.equal(false);
    expect(flow.can('cancel')).to.equal(true);
  });

  it('allows skip only when the server says so', async () => {
    const { t } = fakeTransport({ login: [{ status: 'AwaitingAuthenticatorEnrollment', authenticators: [], canSkip: true }], skip: [{ status: 'Success', next: '/home' }] });
    const flow = new SignInFlow(t);
    const log = record(flow);
    await flow.login({ username: 'a', password: 'p' });
    expect(flow.can('skip')).to.equal(true);
    await flow.skip();
    expect(log).to.deep.equal(['Idle>AwaitingAuthenticatorEnrollment', 'AwaitingAuthenticatorEnrollment>Success', 'success:/home']);
  });

  it('is pending during a request and refuses a second action meanwhile', async () => {
    let release!: (s: FlowState) => void;
    const { t } = fakeTransport({});
    t.login = () => new Promise((r) => (release = r));
    const flow = new SignInFlow(t);
    const pend: boolean[] = [];
    flow.addEventListener('pendingchange', (e) => pend.push(e.pending));
    const p = flow.login({ username: 'a', password: 'p' });
    expect(flow.pending).to.equal(true);
    expect(flow.can('login')).to.equal(false);
    release(picker);
    await p;
    expect(pend).to.deep.equal([true, false]);
  });

  it('reports an error and stays put; a later success clears it', async () => {
    const { t } = fakeTransport({ login: [new FlowError('invalid_credentials', 'Wrong password'), picker] });
    const flow = new SignInFlow(t);
    const log = record(flow);
    await flow.login({ username: 'a', password: 'bad' });
    expect(flow.state.status).to.equal('Idle');
    expect(flow.error?.code).to.equal('invalid_credentials');
    await flow.login({ username: 'a', password: 'good' });
    expect(flow.error).to.equal(null);
    expect(log).to.deep.equal(['error:invalid_credentials', 'Idle>AwaitingChallengeAuthenticatorSelection']);
  });

  it('a refused password that the org asks again on its own (identifier first) leads to AwaitingPassword, error kept', async () => {
    const asked: FlowState = { status: 'AwaitingPassword', authenticator: { key: 'okta_password' }, canRecover: true };
    const { t, calls } = fakeTransport({ login: [new FlowError('invalid_credentials', 'Password is incorrect')], resume: [asked] });
    const flow = new SignInFlow(t);
    const log = record(flow);
    await flow.login({ username: 'a', password: 'bad' });
    await new Promise((r) => setTimeout(r));
    expect(flow.state).to.deep.equal(asked);
    expect(flow.error?.code).to.equal('invalid_credentials');
    expect(calls).to.deep.equal(['login', 'resume']);
    expect(log).to.deep.equal(['error:invalid_credentials', 'Idle>AwaitingPassword']);
    expect(flow.can('recover')).to.equal(true);
  });

  it('a refused password keeps what the form offers ("Unlock account"), also when the login went before the offer', async () => {
    const offer: FlowState = { status: 'Idle', links: [{ step: 'unlock-account' }] };
    const { t, calls } = fakeTransport({ login: [new FlowError('invalid_credentials', 'Your account is locked.')], resume: [offer] });
    const flow = new SignInFlow(t);
    const log = record(flow);
    await flow.login({ username: 'a', password: 'p' });
    await new Promise((r) => setTimeout(r));
    expect(flow.state).to.deep.equal(offer);
    expect(flow.error?.code, 'the refusal stays shown').to.equal('invalid_credentials');
    expect(calls).to.deep.equal(['login', 'resume']);
    expect(log).to.deep.equal(['error:invalid_credentials', 'Idle>Idle']);
    expect(flow.can('proceed', { step: 'unlock-account' })).to.equal(true);
  });

  it('Start over brings back what the sign-in form offers ("Forgot password?")', async () => {
    const { t } = fakeTransport({ login: [picker], cancel: [{ status: 'Idle' }], resume: [{ status: 'Idle', canRecover: true }] });
    const flow = new SignInFlow(t);
    await flow.login({ username: 'a', password: 'p' });
    await flow.cancel();
    await new Promise((r) => setTimeout(r));
    expect(flow.state).to.deep.equal({ status: 'Idle', canRecover: true });
  });

  it('returns to Idle with a message when the session expired', async () => {
    const { t } = fakeTransport({ login: [picker], selectAuthenticator: [new FlowError('session_expired', 'Your session expired.', { status: 401 })] });
    const flow = new SignInFlow(t);
    const log = record(flow);
    await flow.login({ username: 'a', password: 'p' });
    await flow.selectAuthenticator({ id: 'ov' });
    expect(flow.state).to.deep.equal({ status: 'Idle', message: 'Your session expired.' });
    expect(log.slice(1)).to.deep.equal(['error:session_expired', 'AwaitingChallengeAuthenticatorSelection>Idle']);
  });

  it('returns to Idle with the error when the account is refused (access_denied) at the last step', async () => {
    const { t } = fakeTransport({ login: [picker], selectAuthenticator: [new FlowError('access_denied', 'Staff only.', { status: 403 })] });
    const flow = new SignInFlow(t);
    const log = record(flow);
    await flow.login({ username: 'a', password: 'p' });
    await flow.selectAuthenticator({ id: 'ov' });
    expect(flow.state).to.deep.equal({ status: 'Idle' });
    expect(flow.error?.code).to.equal('access_denied');
    expect(log.slice(1)).to.deep.equal(['error:access_denied', 'AwaitingChallengeAuthenticatorSelection>Idle']);
  });

  it('polls in poll states, then asks for the state after the last reply', async () => {
    const push: FlowState = { status: 'AwaitingChallengePoll', challenge: { correctAnswer: 7 }, refresh: 10 };
    const { t, calls } = fakeTransport({
      login: [picker],
      selectAuthenticator: [push],
      poll: [{ continuePolling: true, refresh: 10 }, { continuePolling: false, refresh: null, next: '/Home/Index' }],
      resume: [{ status: 'Success', next: '/home' }],
    });
    const flow = new SignInFlow(t);
    const log = record(flow);
    await flow.login({ username: 'a', password: 'p' });
    await flow.selectAuthenticator({ id: 'ov', methodType: 'push' });
    await new Promise<void>((r) => flow.addEventListener('success', () => r()));
    expect(calls).to.deep.equal(['login', 'selectAuthenticator', 'poll', 'poll', 'resume']);
    expect(log).to.deep.equal([
      'Idle>AwaitingChallengeAuthenticatorSelection',
      'AwaitingChallengeAuthenticatorSelection>AwaitingChallengePoll',
      'poll:true',
      'poll:false',
      'AwaitingChallengePoll>Success',
      'success:/home',
    ]);
  });

  it('reports a fatal poll error once and leaves the poll state', async () => {
    const { t } = fakeTransport({
      login: [{ status: 'AwaitingChallengePoll', refresh: 5 }],
      poll: [new FlowError('session_expired', 'gone', { status: 401 })],
    });
    const flow = new SignInFlow(t);
    const log = record(flow);
    await flow.login({ username: 'a', password: 'p' });
    await new Promise((r) => setTimeout(r, 60));
    expect(log).to.deep.equal(['Idle>AwaitingChallengePoll', 'error:session_expired', 'AwaitingChallengePoll>Idle']);
  });

  it('"Can\'t scan?" moves to the channel choice locally and stops polling', async () => {
    const qr: FlowState = { status: 'AwaitingEnrollmentPoll', enrollment: { channel: 'qrcode', channels: ['qrcode', 'email'] }, refresh: 20 };
    const { t, calls } = fakeTransport({ login: [qr], poll: [] });
    const flow = new SignInFlow(t);
    await flow.login({ username: 'a', password: 'p' });
    flow.showEnrollmentChannels();
    expect(flow.state.status).to.equal('AwaitingEnrollmentChannelSelection');
    expect(flow.state.enrollment?.channels).to.deep.equal(['qrcode', 'email']);
    await new Promise((r) => setTimeout(r, 80));
    expect(calls).to.deep.equal(['login']);
  });

  it('cancel aborts the request in flight and returns to Idle even if the server fails', async () => {
    const { t, signals } = fakeTransport({ login: [picker], cancel: [new FlowError('server', 'down', { status: 500 })] });
    const flow = new SignInFlow(t);
    await flow.login({ username: 'a', password: 'p' });
    const hanging = flow.selectAuthenticator({ id: 'ov' });
    expect(flow.can('cancel')).to.equal(true);
    await flow.cancel();
    expect(signals[1].aborted).to.equal(true);
    expect(flow.state.status).to.equal('Idle');
    expect(flow.pending).to.equal(false);
    void hanging;
  });

  it('dispose stops the poller: no request afterwards', async () => {
    const { t, calls } = fakeTransport({ login: [{ status: 'AwaitingEnrollmentPoll', refresh: 10 }], poll: [{ continuePolling: true, refresh: 10 }] });
    const flow = new SignInFlow(t);
    await flow.login({ username: 'a', password: 'p' });
    await new Promise((r) => setTimeout(r, 15));
    flow.dispose();
    const n = calls.length;
    await new Promise((r) => setTimeout(r, 80));
    expect(calls.length).to.equal(n);
    expect(flow.can('cancel')).to.equal(false);
  });

  it('resumes a transaction in progress on start, and stays Idle when resume fails', async () => {
    const a = new SignInFlow(fakeTransport({ resume: [picker] }).t);
    await a.start();
    expect(a.state.status).to.equal('AwaitingChallengeAuthenticatorSelection');
    const b = new SignInFlow(fakeTransport({ resume: [new FlowError('network', 'x')] }).t);
    await b.start();
    expect(b.state.status).to.equal('Idle');
    expect(b.error).to.equal(null);
  });

  it('announces the end of polling with the next state before moving to it', async () => {
    const { t } = fakeTransport({
      login: [{ status: 'AwaitingEnrollmentPoll', refresh: 5 }],
      poll: [{ continuePolling: false, refresh: null, state: { status: 'PasswordExpired' } }],
    });
    const flow = new SignInFlow(t);
    const log = record(flow);
    flow.addEventListener('pollcomplete', (e) => log.push(`complete:${e.state.status}:${flow.state.status}`));
    await flow.login({ username: 'a', password: 'p' });
    await new Promise<void>((r) => flow.addEventListener('statechange', () => r(), { once: true }));
    expect(log).to.deep.equal([
      'Idle>AwaitingEnrollmentPoll',
      'poll:false',
      'complete:PasswordExpired:AwaitingEnrollmentPoll',
      'AwaitingEnrollmentPoll>PasswordExpired',
    ]);
  });

  it('reports a custom transport\'s bug while polling once, as unknown, without retrying it', async () => {
    const { t, calls } = fakeTransport({ login: [{ status: 'AwaitingChallengePoll', refresh: 5 }] });
    t.poll = () => {
      calls.push('poll');
      return Promise.reject(new TypeError('x is undefined'));
    };
    const flow = new SignInFlow(t);
    const log = record(flow);
    await flow.login({ username: 'a', password: 'p' });
    await new Promise((r) => setTimeout(r, 150));
    expect(calls).to.deep.equal(['login', 'poll']);
    expect(log).to.deep.equal(['Idle>AwaitingChallengePoll', 'error:unknown']);
  });

  it('tells each passing poll failure and its wait', async () => {
    const { t } = fakeTransport({
      login: [{ status: 'AwaitingChallengePoll', refresh: 5 }],
      poll: [new FlowError('server', 'HTTP 503', { status: 503, retryable: true }), { continuePolling: true, refresh: 5 }],
    });
    const flow = new SignInFlow(t, { poller: { backoffBase: 10, random: () => 0 } });
    const retries: string[] = [];
    flow.addEventListener('pollretry', (e) => retries.push(`${e.error.code}:${e.delayMs}`));
    await flow.login({ username: 'a', password: 'p' });
    await new Promise((r) => setTimeout(r, 60));
    flow.dispose();
    expect(retries).to.deep.equal(['server:5']);
  });
});
