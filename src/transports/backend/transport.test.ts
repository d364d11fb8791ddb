import { expect } from '@open-wc/testing';
import { BackendTransport } from './transport.js';
import { parseRetryAfter } from '../../core/retry-after.js';
import { createTransport } from '../create.js';
import { FlowError } from '../../core/types.js';

const run = () => `t${Math.random().toString(36).slice(2)}`;
const reply = (kind: string) => new BackendTransport({ baseUrl: `/hostile/reply/${kind}` });

async function failure(p: Promise<unknown>): Promise<FlowError> {
  try {
    await p;
  } catch (e) {
    return e as FlowError;
  }
  throw new Error('expected a rejection');
}

describe('BackendTransport', () => {
  it('runs a flow against the contract and sends the CSRF header on POST', async () => {
    const base = `/hostile/flow/${run()}`;
    const t = new BackendTransport({ baseUrl: `${base}/`, csrfToken: 'tok-1' });
    expect(await t.resume()).to.equal(null);
    const picker = await t.login({ username: 'push', password: 'correct-horse' });
    expect(picker.status).to.equal('AwaitingChallengeAuthenticatorSelection');
    expect(picker.authenticators?.map((a) => a.methodType)).to.deep.equal(['push', 'totp', undefined]);
    const push = await t.selectAuthenticator({ id: 'aut-ov', methodType: 'push' });
    expect(push.challenge).to.deep.equal({ methodType: 'push', correctAnswer: 42 });
    expect(await t.poll('challenge')).to.deep.equal({ continuePolling: true, refresh: 50, next: '/Account/Login' });
    const stats = await (await fetch(`${base}/__stats`)).json();
    expect(stats.csrf).to.equal('tok-1');
  });

  it('an action waits for the GET /state under way, so that its reply, and the session cookie it sets, come last', async () => {
    const sent: string[] = [];
    let answerState: () => void = () => undefined;
    const fetch = async (url: RequestInfo | URL, init?: RequestInit) => {
      sent.push(`${init?.method} ${String(url)}`);
      if (String(url).endsWith('/state')) await new Promise<void>((resolve) => (answerState = resolve));
      const body = String(url).endsWith('/state') ? { status: 'Idle', links: [{ step: 'select-enroll-profile' }] } : { status: 'Success' };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    };
    const t = new BackendTransport({ baseUrl: '/site/auth', fetch });
    const resumed = t.resume();
    const login = t.login({ username: 'ann', password: 'pw' });
    await new Promise((r) => setTimeout(r, 50));
    expect(sent).to.deep.equal(['GET /site/auth/state']);
    answerState();
    expect(await resumed).to.deep.equal({ status: 'Idle', links: [{ step: 'select-enroll-profile' }] });
    expect((await login).status).to.equal('Success');
    expect(sent).to.deep.equal(['GET /site/auth/state', 'POST /site/auth/login']);
  });

  it('reads a wrong password as invalid_credentials with the server\'s text', async () => {
    const t = new BackendTransport({ baseUrl: `/hostile/flow/${run()}` });
    const e = await failure(t.login({ username: 'push', password: 'nope' }));
    expect(e.code).to.equal('invalid_credentials');
    expect(e.message).to.equal('Unable to sign in: wrong username or password.');
    expect(e.retryable).to.equal(false);
  });

  it("carries Okta's message key from an error reply, so the element can word it; ignores anything that is not one", async () => {
    const keyed = await failure(reply('keyed').login({ username: 'u', password: 'p' }));
    expect(keyed).to.deep.include({ code: 'invalid_input', serverText: 'Invalid Phone Number.', key: 'api.factors.error.sms.invalid_phone' });
    const long = await failure(reply('long-key').login({ username: 'u', password: 'p' }));
    expect(long).to.deep.include({ code: 'invalid_input', serverText: 'Refused.', key: undefined });
  });

  it('a final poll reply that says Success with Next ends the flow there; any other final reply leaves it to GET /state', async () => {
    const run = `/hostile/poll/${Math.random().toString(36).slice(2)}`;
    const t = new BackendTransport({ baseUrl: '/nowhere', endpoints: { challengePoll: `${run}a?continue=0&status=Success&next=/home` } });
    expect(await t.poll('challenge')).to.deep.equal({ continuePolling: false, refresh: 50, next: '/home', state: { status: 'Success', next: '/home' } });
    const other = new BackendTransport({ baseUrl: '/nowhere', endpoints: { enrollPoll: `${run}b?continue=0&status=PasswordExpired&next=/login` } });
    expect(await other.poll('enroll')).to.deep.equal({ continuePolling: false, refresh: 50, next: '/login' });
  });

  it('turns each bad reply into a clear FlowError without leaking server internals', async () => {
    const cases: Array<[string, string, boolean]> = [
      ['500', 'server', true],
      ['malformed', 'malformed_response', false],
      ['html', 'malformed_response', false],
      ['empty', 'malformed_response', false],
      ['bad-status', 'malformed_response', false],
      ['401', 'session_expired', false],
      ['network', 'network', true],
    ];
    for (const [kind, code, retryable] of cases) {
      const e = await failure(reply(kind).login({ username: 'u', password: 'p' }));
      expect(e, kind).to.be.instanceOf(FlowError);
      expect(e.code, kind).to.equal(code);
      expect(e.retryable, kind).to.equal(retryable);
      expect(e.message, kind).not.to.match(/NullReference|Secret|<img/);
    }
  });

  it('a request the server never answers fails as a retryable network error after timeoutMs (default 30 s)', async () => {
    let seen: AbortSignal | undefined;
    const hang: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        seen = init?.signal ?? undefined;
        seen?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const t = new BackendTransport({ baseUrl: '/nowhere', fetch: hang, timeoutMs: 200 });
    const started = Date.now();
    const e = await failure(t.poll('enroll'));
    expect(e).to.be.instanceOf(FlowError);
    expect(e.code).to.equal('network');
    expect(e.retryable).to.equal(true);
    expect(Date.now() - started).to.be.within(150, 2000);
    expect(seen?.aborted).to.equal(true);

    // The caller's own abort is still an abort, not a network error.
    const ctrl = new AbortController();
    const pending = failure(new BackendTransport({ baseUrl: '/nowhere', fetch: hang }).resume(ctrl.signal));
    ctrl.abort();
    expect((await pending).name).to.equal('AbortError');
  });

  it('an unreadable poll reply is malformed_response marked retryable, so the flow\'s poller tries again', async () => {
    for (const kind of ['malformed', 'html', 'empty']) {
      const e = await failure(reply(kind).poll('challenge'));
      expect(e.code, kind).to.equal('malformed_response');
      expect(e.retryable, kind).to.equal(true);
    }
  });

  it('a 429 with Retry-After 0 is waited as 1 s', async () => {
    const fake: typeof fetch = async () => new Response('{}', { status: 429, headers: { 'Retry-After': '0', 'Content-Type': 'application/json' } });
    const e = await failure(new BackendTransport({ baseUrl: '/x', fetch: fake }).poll('enroll'));
    expect(e.retryAfterMs).to.equal(1000);
  });

  it('reads Retry-After in seconds and as an HTTP date', async () => {
    const s = await failure(reply('429').poll('enroll'));
    expect(s.code).to.equal('rate_limited');
    expect(s.retryAfterMs).to.equal(1000);
    const d = await failure(reply('429-date').poll('challenge'));
    expect(d.retryAfterMs).to.be.within(0, 3000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT'))).to.equal(60000);
    expect(parseRetryAfter('soon')).to.equal(undefined);
  });

  it('aborts with the signal', async () => {
    const ctrl = new AbortController();
    const p = failure(reply('slow').login({ username: 'u', password: 'p' }, ctrl.signal));
    ctrl.abort();
    expect((await p).name).to.equal('AbortError');
  });

  it('uses endpoint overrides', async () => {
    const t = new BackendTransport({ baseUrl: '/nowhere', endpoints: { login: '/hostile/reply/401' } });
    expect(t.url('login')).to.equal('/hostile/reply/401');
    expect(t.url('enrollPoll')).to.equal('/nowhere/OktaVerify/EnrollPoll');
    expect((await failure(t.login({ username: 'u', password: 'p' }))).code).to.equal('session_expired');
  });
});

describe('createTransport', () => {
  it('needs exactly one of backend and issuer', () => {
    expect(() => createTransport({})).to.throw(FlowError).with.property('code', 'config');
    expect(() => createTransport({ backend: '/auth', issuer: 'https://x.example' })).to.throw(/not both/);
    expect(() => createTransport({ issuer: 'https://x.example' })).to.throw(/client-id/);
    expect(createTransport({ backend: '/auth' }).kind).to.equal('backend');
  });
  it('returns an IDX transport at once, before its code has loaded', () => {
    const t = createTransport({ issuer: 'http://localhost:1/oauth2/default', clientId: 'c', redirectUri: 'http://localhost/cb' });
    expect(t.kind).to.equal('idx');
    expect(typeof t.login).to.equal('function');
  });
});

describe('BackendTransport: identity providers and the way back', () => {
  it('reads the IdPs of a reply (never an address of theirs) and refuses a malformed list', async () => {
    const { parseFlowReply } = await import('./flow-reply.js');
    const state = parseFlowReply({
      status: 'Idle',
      idps: [
        { id: '0oa1', name: 'Google', type: 'GOOGLE', kind: 'idp', href: 'https://org.example/sso/idps/0oa1' },
        { Id: '0oa2', Name: 'Persona', Type: 'ID_PROOFING', Kind: 'idverify', Logo: 'https://org.example/p.png' },
        { id: '0oa3', name: 'Odd', kind: 'something' },
      ],
    });
    expect(state.idps).to.deep.equal([
      { id: '0oa1', name: 'Google', type: 'GOOGLE', kind: 'idp' },
      { id: '0oa2', name: 'Persona', type: 'ID_PROOFING', kind: 'idverify', logo: 'https://org.example/p.png' },
      { id: '0oa3', name: 'Odd', type: '', kind: 'idp' },
    ]);
    expect(parseFlowReply({ status: 'UnsupportedStep', unsupportedStep: 'device-challenge-poll' })).to.deep.equal({
      status: 'UnsupportedStep',
      unsupportedStep: 'device-challenge-poll',
    });
    for (const idps of ['Google', [{ name: 'no id' }], [{ id: 'x' }], [null]]) {
      expect(() => parseFlowReply({ status: 'Idle', idps }), JSON.stringify(idps)).to.throw(FlowError).with.property('code', 'malformed_response');
    }
  });

  it("goes to the backend's routes for an IdP and for the org's own page, endpoint overrides included", async () => {
    const t = new BackendTransport({ baseUrl: '/auth/' });
    expect(await t.redirectToIdp({ id: '0oa/1 x' })).to.equal('/auth/idp/0oa%2F1%20x');
    expect(await t.redirectToOkta()).to.equal('/auth/authorize');
    const moved = new BackendTransport({ baseUrl: '/auth', endpoints: { idp: 'https://login.example.com/sso', authorize: '/okta' } });
    expect(await moved.redirectToIdp({ id: 'g' })).to.equal('https://login.example.com/sso/g');
    expect(await moved.redirectToOkta()).to.equal('/okta');
  });

  it("reads why the backend's callback failed from the address, once, and takes it off", async () => {
    const t = new BackendTransport({ baseUrl: '/auth' });
    const here = location.href;
    try {
      expect(await t.callback()).to.equal(null);
      for (const [given, reason] of [
        ['redirect-denied', 'redirect-denied'],
        ['redirect-invalid', 'redirect-invalid'],
        ['token-exchange', 'token-exchange'],
        ['<script>', 'redirect-failed'],
      ]) {
        history.replaceState(null, '', `?keep=1&okta_signin_error=${encodeURIComponent(given)}#top`);
        const e = await failure(t.callback());
        expect([e.code, e.reason]).to.deep.equal(['session_expired', reason]);
        expect(location.search + location.hash).to.equal('?keep=1#top');
        expect(await t.callback()).to.equal(null);
      }
    } finally {
      history.replaceState(null, '', here);
    }
  });
});
