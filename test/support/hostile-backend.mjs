// A misbehaving and scriptable backend for element tests, mounted at /hostile by servers.mjs.
//
// /hostile/reply/:kind/...        every path answers the same way: 500, malformed, html, 429, 429-date, 401,
//                                 network (socket dropped), bad-status, empty, slow (never answers), keyed (an error
//                                 with Okta's message key), long-key (a `key` too long to be one), denied (the site's
//                                 onSignIn refused the account, with markup in its message)
// /hostile/flow/:run/...          a scripted backend-contract server, one transaction per :run; the username
//                                 picks the scenario (push, totp, enroll, expired, hostile-names, hostile-next,
//                                 offsite-next, expire-later, push-denied, flaky), the password is `correct-horse`
// /hostile/flow/:run/__stats      { requests, polls, csrf } for that run
// /hostile/flow/:run/__setup      POST { continues, refresh } before login
// /hostile/poll/:run?...          seed-style poll reply; query: continue (N replies with ContinuePolling true),
//                                 refresh (ms or "null"), next, camel=1, first=500|429|html|malformed|shape|slow
//                                 (a reply of /hostile/reply/:kind), times (how many first replies, default 1)
// /hostile/count/:run             { count } of /hostile/poll/:run requests
import express from 'express';
import { ENROLLMENT_CHANNELS } from 'okta-signin-elements-server';

const PASSWORD = 'correct-horse';
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const HOSTILE = ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=1</script>', '"><svg onload="window.__pwned=1">'];
const OV_PUSH = { id: 'aut-ov', key: 'okta_verify', name: 'Okta Verify: get a push notification', methodType: 'push' };
const OV_TOTP = { id: 'aut-ov', key: 'okta_verify', name: 'Okta Verify: enter a code', methodType: 'totp' };
const EMAIL = { id: 'aut-email', key: 'okta_email', name: 'Email' };
const CHANNELS = [...ENROLLMENT_CHANNELS];

function bounded(map, key, make) {
  if (!map.has(key)) {
    if (map.size > 500) map.delete(map.keys().next().value);
    map.set(key, make());
  }
  return map.get(key);
}

function fail(res, status, code, message) {
  res.status(status).json({ code, message });
}

function replyKind(kind, res) {
  switch (kind) {
    case '500':
      return res.status(500).json({ code: 'internal', message: 'NullReferenceException at Secret.Internal.Path line 42' });
    case 'malformed':
      return res.type('application/json').send('{"status": "Idle", "authenticators": [');
    case 'html':
      return res.type('text/html').send('<!doctype html><title>Oops</title><h1>Proxy error</h1>');
    case '429':
      return res.set('Retry-After', '1').status(429).json({ code: 'rate_limited', message: 'Slow down' });
    case '429-date':
      return res.set('Retry-After', new Date(Date.now() + 2000).toUTCString()).status(429).end();
    case '401':
      return fail(res, 401, 'session_expired', 'The transaction expired.');
    case 'network':
      return res.socket?.destroy();
    case 'bad-status':
      return res.json({ status: '<img src=x onerror=alert(1)>' });
    case 'empty':
      return res.status(200).end();
    case 'shape':
      return res.json({ ok: true, message: 'Not a poll reply' });
    case 'slow':
      return undefined;
    case 'keyed':
      return res.status(400).json({ code: 'invalid_input', message: 'Invalid Phone Number.', key: 'api.factors.error.sms.invalid_phone' });
    case 'denied':
      return fail(res, 403, 'access_denied', '<b>Staff only:</b> this account cannot sign in here.');
    case 'long-key':
      return res.status(400).json({ error: { code: 'invalid_input', message: 'Refused.', key: 'k'.repeat(101) } });
    default:
      return res.status(404).json({ code: 'not_found', message: 'No such hostile reply.' });
  }
}

export function createHostileBackend() {
  const router = express.Router();
  router.use(express.json({ limit: '10kb' }));

  router.all('/reply/:kind{/*rest}', (req, res) => replyKind(req.params.kind, res));

  // Seed-style standalone poll endpoint.
  const pollRuns = new Map();
  router.get('/poll/:run', (req, res) => {
    const run = bounded(pollRuns, req.params.run, () => ({ count: 0 }));
    run.count++;
    const q = req.query;
    const bad = q.first ? Number(q.times ?? 1) : 0;
    if (run.count <= bad) return replyKind(String(q.first), res);
    const continues = Number(q.continue ?? 1);
    const served = run.count - bad;
    const refresh = q.refresh === 'null' ? null : Number(q.refresh ?? 50);
    const done = served > continues;
    const reply = { Refresh: refresh, ContinuePolling: !done, Next: String(q.next ?? '/Account/Login') };
    if (done && q.status) reply.Status = String(q.status);
    if (q.camel) return res.json({ refresh: reply.Refresh, continuePolling: reply.ContinuePolling, next: reply.Next });
    return res.json(reply);
  });
  router.get('/count/:run', (req, res) => res.json({ count: pollRuns.get(req.params.run)?.count ?? 0 }));

  // Scripted backend-contract server.
  const flows = new Map();
  const flow = (req) =>
    bounded(flows, req.params.run, () => ({ scenario: null, state: { status: 'Idle' }, requests: 0, polls: 0, continues: 2, refresh: 50 }));

  router.use('/flow/:run', (req, res, next) => {
    if (!req.path.startsWith('/__')) {
      const f = flow(req);
      f.requests++;
      if (req.method === 'POST') f.csrf = req.get('X-CSRF-Token') ?? req.get('X-XSRF') ?? null;
    }
    next();
  });
  router.get('/flow/:run/__stats', (req, res) => {
    const f = flow(req);
    res.json({ requests: f.requests, polls: f.polls, csrf: f.csrf ?? null, scenario: f.scenario });
  });
  router.post('/flow/:run/__setup', (req, res) => {
    const f = flow(req);
    if (Number.isFinite(req.body?.continues)) f.continues = req.body.continues;
    if (Number.isFinite(req.body?.refresh)) f.refresh = req.body.refresh;
    res.json({ ok: true });
  });

  const set = (f, res, state) => {
    f.state = state;
    f.polls = 0;
    res.json(state);
  };

  router.get('/flow/:run/state', (req, res) => res.json(flow(req).state));

  router.post('/flow/:run/login', (req, res) => {
    const f = flow(req);
    const { username, password } = req.body ?? {};
    if (typeof username !== 'string' || typeof password !== 'string') return fail(res, 400, 'invalid_input', 'Enter a username and a password.');
    if (password !== PASSWORD) return fail(res, 400, 'invalid_credentials', 'Unable to sign in: wrong username or password.');
    f.scenario = username;
    switch (username) {
      case 'enroll':
        return set(f, res, { status: 'AwaitingAuthenticatorEnrollment', authenticators: [{ id: 'aut-ov', key: 'okta_verify', name: 'Okta Verify' }, EMAIL], canSkip: true });
      case 'expired':
        return set(f, res, { status: 'PasswordExpired', message: 'Your password has expired.' });
      case 'hostile-names':
        return set(f, res, {
          status: 'AwaitingChallengeAuthenticatorSelection',
          // A key the elements do not name themselves, so that the server's name is what they show.
          authenticators: HOSTILE.map((name, i) => ({ id: `h${i}`, key: 'custom_app', name })),
          message: HOSTILE[0],
        });
      case 'hostile-next':
        return set(f, res, { status: 'Success', next: 'javascript:window.__pwned=1' });
      case 'offsite-next':
        return set(f, res, { status: 'Success', next: 'https://evil.example/phish' });
      default:
        return set(f, res, { status: 'AwaitingChallengeAuthenticatorSelection', authenticators: [OV_PUSH, OV_TOTP, EMAIL] });
    }
  });

  router.post('/flow/:run/select-authenticator', (req, res) => {
    const f = flow(req);
    const { authenticatorId, methodType } = req.body ?? {};
    if (f.scenario === 'expire-later') return fail(res, 401, 'session_expired', 'The transaction expired.');
    if (f.state.status === 'AwaitingAuthenticatorEnrollment') {
      return set(f, res, { status: 'AwaitingEnrollmentPoll', refresh: f.refresh, enrollment: { channel: 'qrcode', channels: CHANNELS, qrCode: PNG } });
    }
    if (f.state.status !== 'AwaitingChallengeAuthenticatorSelection' || typeof authenticatorId !== 'string') {
      return fail(res, 400, 'invalid_input', 'Choose an authenticator.');
    }
    if (methodType === 'totp') return set(f, res, { status: 'AwaitingChallengeCode', challenge: { methodType: 'totp' } });
    return set(f, res, { status: 'AwaitingChallengePoll', refresh: f.refresh, challenge: { methodType: 'push', correctAnswer: 42 } });
  });

  router.post('/flow/:run/enrollment-channel', (req, res) => {
    const f = flow(req);
    const channel = req.body?.channel;
    if (!CHANNELS.includes(channel)) return fail(res, 400, 'invalid_input', 'Choose how to set up Okta Verify.');
    if (channel === 'qrcode') return set(f, res, { status: 'AwaitingEnrollmentPoll', refresh: f.refresh, enrollment: { channel, channels: CHANNELS, qrCode: PNG } });
    return set(f, res, { status: 'AwaitingEnrollmentChannelData', enrollment: { channel, channels: CHANNELS } });
  });

  router.post('/flow/:run/enrollment-channel-data', (req, res) => {
    const f = flow(req);
    const { email, phoneNumber } = req.body ?? {};
    const channel = f.state.enrollment?.channel;
    if (channel === 'email' && !/^[^@\s]+@[^@\s]+$/.test(email ?? '')) return fail(res, 400, 'invalid_input', 'Enter a valid email address.');
    if (channel === 'sms' && !/^\+?[0-9 ()-]{6,}$/.test(phoneNumber ?? '')) return fail(res, 400, 'invalid_input', 'Enter a valid phone number.');
    return set(f, res, { status: 'AwaitingEnrollmentPoll', refresh: f.refresh, enrollment: { channel, channels: CHANNELS, sentTo: email ?? phoneNumber } });
  });

  router.post('/flow/:run/verify-code', (req, res) => {
    const f = flow(req);
    if (req.body?.code !== '123456') return fail(res, 400, 'invalid_code', 'That code is not right. Try again.');
    return set(f, res, { status: 'Success', next: '/signed-in' });
  });

  router.post('/flow/:run/change-password', (req, res) => {
    const f = flow(req);
    const pw = req.body?.newPassword;
    if (typeof pw !== 'string' || pw.length < 8) return fail(res, 400, 'invalid_input', 'Password requirements were not met.');
    return set(f, res, { status: 'Success', next: '/signed-in' });
  });

  router.post('/flow/:run/skip', (req, res) => set(flow(req), res, { status: 'Success', next: '/signed-in' }));
  router.post('/flow/:run/cancel', (req, res) => set(flow(req), res, { status: 'Idle' }));

  const poll = (req, res) => {
    const f = flow(req);
    f.polls++;
    if (!/Poll$/.test(f.state.status)) return fail(res, 400, 'invalid_input', 'Nothing to poll.');
    if (f.scenario === 'push-denied') return fail(res, 403, 'push_rejected', 'The push notification was rejected.');
    if (f.scenario === 'flaky' && f.polls === 1) return res.status(503).json({ message: 'busy' });
    if (f.scenario === 'flaky' && f.polls === 2) return res.set('Retry-After', '1').status(429).end();
    if (f.polls <= f.continues) return res.json({ Refresh: f.refresh, ContinuePolling: true, Next: '/Account/Login' });
    f.state = { status: 'Success', next: '/signed-in' };
    return res.json({ Refresh: null, ContinuePolling: false, Next: '/Home/Index' });
  };
  router.get('/flow/:run/OktaVerify/EnrollPoll', poll);
  router.get('/flow/:run/OktaVerify/ChallengePoll', poll);

  // An app rather than a bare router: mounted outside Express, it still gets req.path, res.json and friends.
  const app = express();
  app.disable('x-powered-by');
  // The Koa test server hands over a response whose status is already 404; replies here default to 200.
  app.use((req, res, next) => {
    res.status(200);
    next();
  });
  app.use(router);
  return app;
}
