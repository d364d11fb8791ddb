// Replayed and tampered session cookies against the reference backend. The planted-cookie attack (session fixation):
// someone gets a session cookie of their own (GET /state pre-starts one), plants it in a victim's browser (from a
// sibling subdomain, say), waits for the victim to sign in with it, and takes the victim's last step with the same
// cookie. The session id changes whenever the sign-in moves on, so the planted id is worth nothing by then.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startStack, login, sleep, decodeQr } from '../node/backend-harness.mjs';
import { describeReply, observe } from './report.mjs';

let stack;
before(async () => {
  stack = await startStack({ backend: { trustProxy: true } });
});
after(() => stack?.close());

let addresses = 0;
/** A browser of its own, from an address of its own. */
const browser = () => stack.browser({ 'x-forwarded-for': `198.51.100.${++addresses}` });

/** The attacker's pre-started cookie, planted in a fresh victim browser. */
async function planted() {
  const attacker = browser();
  const state = await attacker.get('/state');
  assert.equal(state.status, 200);
  assert.equal(attacker.cookies.size, 1, 'GET /state pre-starts a session and sets its cookie');
  const victim = browser();
  victim.cookies = new Map(attacker.cookies);
  return { attacker, victim };
}

/** Each try: the victim signs in with the planted cookie up to the last step, the attacker takes that step. */
const tries = {
  // dave may skip enrolling: the last step is POST /skip.
  async skip(attacker, victim) {
    const user = await stack.device.createUser('dave');
    assert.equal((await login(victim, user)).json.status, 'AwaitingAuthenticatorEnrollment');
    return { user, step: await attacker.post('/skip'), finish: () => victim.post('/skip') };
  },
  // alice approves a push on her phone: the last step is the poll that sees it.
  async push(attacker, victim) {
    const user = await stack.device.createUser('alice');
    const picker = await login(victim, user);
    const push = picker.json.authenticators.find((a) => a.methodType === 'push');
    const sent = await victim.post('/select-authenticator', { authenticatorId: push.id, methodType: 'push' });
    await stack.device.pendingPush(user.username);
    await stack.device.answerPush(user.username, 'approve', sent.json.challenge.correctAnswer);
    return { user, step: await attacker.get('/OktaVerify/ChallengePoll'), finish: async () => (await victim.pollUntilDone('/OktaVerify/ChallengePoll')).at(-1) };
  },
  // bob scans the QR code to enroll Okta Verify: the last step is the poll that sees the enrollment.
  async enroll(attacker, victim) {
    const user = await stack.device.createUser('bob');
    const offered = await login(victim, user);
    const ov = offered.json.authenticators.find((a) => a.key === 'okta_verify');
    const shown = await victim.post('/select-authenticator', { authenticatorId: ov.id });
    await stack.device.activate(decodeQr(shown.json.enrollment.qrCode));
    await sleep(250);
    return { user, step: await attacker.get('/OktaVerify/EnrollPoll'), finish: async () => (await victim.pollUntilDone('/OktaVerify/EnrollPoll')).at(-1) };
  },
};

test('the planted-cookie attack: 0 of 7 tries sign the attacker in; every victim signs in', async (t) => {
  const plan = ['skip', 'push', 'enroll', 'skip', 'push', 'enroll', 'skip'];
  const outcomes = [];
  for (const [i, kind] of plan.entries()) {
    const { attacker, victim } = await planted();
    const { user, step, finish } = await tries[kind](attacker, victim);
    const taken = (await attacker.get('/me')).json.user?.email === user.username;
    t.diagnostic(`try ${i + 1} (${kind}): the attacker's last step gets ${describeReply(step)}; signed in as the victim: ${taken}`);
    const finished = await finish();
    const victimIn = (await victim.get('/me')).json.user?.email === user.username;
    if (!taken) assert.equal(finished.json.status ?? finished.json.Status, 'Success', `the victim finishes: ${finished.text}`);
    outcomes.push({ step: step.status, taken, victimIn });
  }
  const taken = outcomes.filter((o) => o.taken).length;
  t.diagnostic(`attacker signed in: ${taken} of ${plan.length}`);
  assert.equal(taken, 0);
  assert.deepEqual(outcomes, Array(plan.length).fill({ step: 401, taken: false, victimIn: true }));
});

test('the session id changes at login, at each step and at success; each old cookie replayed gets nothing', async (t) => {
  const user = await stack.device.createUser('alice');
  const you = browser();
  const jar = () => [...you.cookies.values()][0];
  const seen = [];
  await you.get('/state');
  seen.push(['pre-start', jar()]);
  const picker = await login(you, user);
  seen.push(['login', jar()]);
  const totp = picker.json.authenticators.find((a) => a.methodType === 'totp');
  await you.post('/select-authenticator', { authenticatorId: totp.id, methodType: 'totp' });
  seen.push(['step', jar()]);
  const wrong = await you.post('/verify-code', { code: '000000' });
  assert.equal(wrong.json.code, 'invalid_code');
  assert.equal(jar(), seen.at(-1)[1], 'a step that fails keeps the id');
  const { totp: code } = await stack.device.user(user.username);
  assert.equal((await you.post('/verify-code', { code: code.code })).json.status, 'Success');
  seen.push(['success', jar()]);
  assert.equal(new Set(seen.map(([, c]) => c)).size, seen.length, 'a new id each time');

  for (const [when, cookie] of seen.slice(0, -1)) {
    const replay = browser();
    replay.cookies.set('okta_signin.sid', cookie);
    const state = await replay.get('/state');
    const me = await replay.get('/me');
    t.diagnostic(`the cookie from before ${when}, replayed: GET /state ${describeReply(state)}, GET /me ${describeReply(me)}`);
    assert.equal(state.json.status, 'Idle');
    assert.equal(me.json.signedIn, false);
  }
  assert.equal((await you.get('/me')).json.user.email, user.username, 'the current cookie is signed in');
});

test('the signed-in cookie replayed after logout, tampered with, or signed with another secret: nobody', async (t) => {
  const user = await stack.device.createUser('dave');
  const you = browser();
  await login(you, user);
  await you.post('/skip');
  const [[name, value]] = [...you.cookies];
  assert.equal((await you.get('/me')).json.signedIn, true);
  const [id, signature] = value.split('.');
  const flip = (s) => (s.endsWith('A') ? `${s.slice(0, -1)}B` : `${s.slice(0, -1)}A`);
  const variants = {
    'id changed, signature kept': `${flip(id)}.${signature}`,
    'signature changed': `${id}.${flip(signature)}`,
    'no signature': id,
    'signed with another secret': `${id}.${'x'.repeat(signature.length)}`,
    'not base64 at all': '%%%.<script>',
  };
  for (const [what, cookie] of Object.entries(variants)) {
    const other = browser();
    other.cookies.set(name, cookie);
    const { reply } = await observe(t, stack.logs, `a cookie (${what})`, () => other.get('/me'));
    assert.equal(reply.status, 200);
    assert.equal(reply.json.signedIn, false);
    assert.equal(reply.setCookie.length, 0, 'nothing set or cleared for a cookie that is not ours');
  }
  assert.equal((await you.get('/me')).json.signedIn, true, 'the real cookie still works');

  const before = new Map(you.cookies);
  await you.post('/logout');
  const replay = browser();
  replay.cookies = before;
  const { reply } = await observe(t, stack.logs, 'the signed-in cookie replayed after logout', () => replay.get('/me'));
  assert.equal(reply.json.signedIn, false);
});

test('a request sent with the old id while the step that replaces it runs: refused, and the new cookie stays', async (t) => {
  const user = await stack.device.createUser('dave');
  const you = browser();
  await login(you, user);
  // Both leave at once with the same cookie: the skip moves the session to a new id, the poll comes after it.
  const [skipped, late] = await Promise.all([you.post('/skip'), sleep(5).then(() => you.get('/OktaVerify/EnrollPoll'))]);
  t.diagnostic(`skip: ${describeReply(skipped)}; the request sent alongside with the old id: ${describeReply(late)}, Set-Cookie: ${late.setCookie.length ? late.setCookie : 'none'}`);
  assert.equal(skipped.json.status, 'Success');
  assert.equal(late.status, 401);
  assert.equal(late.setCookie.length, 0, 'it does not clear the cookie the skip set');
  assert.equal((await you.get('/me')).json.user.email, user.username);
});
