// The one IDX driver (src/idx/driver.ts), run by the same suite against the local org with both clients it serves:
// the browser's minimal okta-auth-js client (IDX mode) and the server's full OktaAuth with the generic remediator
// (the server module). Each scenario must reach the same states with both, and input the driver refuses must never
// reach Okta.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { drive, planOf, pollOnce } from '../../dist/idx/driver.js';
import { errorOf } from '../../dist/idx/errors.js';
import { stateOf } from '../../dist/idx/map.js';
import { createAuthClient } from '../../dist/transports/idx-client.js';
import { REDIRECT_URI, lastMessageTo, newUser, oktaClient, startTestOrg } from './org-helpers.mjs';

const PASSWORD = 'Passw0rd!';

/** The two clients the driver runs on, each with a count of the requests it made to the org. */
const CLIENTS = {
  browser: (org, counter) => {
    const { client } = createAuthClient({ issuer: org.issuer, clientId: 'local-spa', redirectUri: REDIRECT_URI, scopes: ['openid', 'profile', 'email'] });
    return counting(client, counter);
  },
  server: (org, counter) => counting(oktaClient(org, { clientId: 'local-spa', idx: { useGenericRemediator: true } }), counter),
};

/** Counts the IDX calls a client makes (start and proceed), which is what reaching Okta means here. */
function counting(client, counter) {
  const { start, proceed } = client.idx;
  client.idx.start = (...a) => (counter.calls++, start.apply(client.idx, a));
  client.idx.proceed = (...a) => (counter.calls++, proceed.apply(client.idx, a));
  return client;
}

/**
 * A sign-in as a transport keeps it: the transaction the user is at (its plan and state), the driver's own steps,
 * and a transaction started ahead for the form.
 */
function session(client) {
  let tx;
  let own;
  let started;
  const ctx = () => ({
    client,
    plan: own?.plan ?? (tx ? planOf(tx) : undefined),
    state: own?.state ?? (tx ? stateOf(tx) : undefined),
    start: async (fresh) => {
      if (fresh || !started) started = client.idx.start();
      return started;
    },
  });
  return {
    async act(action, input) {
      const driven = await drive[action](ctx(), input);
      if ('state' in driven) {
        own = driven;
        return { state: driven.state };
      }
      const error = errorOf(driven.tx, driven.op);
      if (!error && driven.tx.status === 'SUCCESS') return { state: { status: 'Success' }, tx: driven.tx };
      if (driven.tx.neededToProceed?.length) {
        tx = driven.tx;
        own = undefined;
      }
      return error ? { error } : { state: stateOf(driven.tx) };
    },
    poll: (kind) => pollOnce(ctx(), kind),
  };
}

for (const [shape, make] of Object.entries(CLIENTS)) {
  describe(`the IDX driver on the ${shape} client`, () => {
    let org;
    before(async () => {
      org = await startTestOrg();
    });
    after(() => org.close());

    test('hank: password, then the email code, then success', async () => {
      const { username } = await newUser(org, 'hank');
      const counter = { calls: 0 };
      const s = session(make(org, counter));
      const picked = await s.act('login', { username, password: PASSWORD });
      const email = picked.state.status === 'AwaitingChallengeAuthenticatorSelection'
        ? await s.act('selectAuthenticator', { id: picked.state.authenticators.find((a) => a.key === 'okta_email').id })
        : picked;
      assert.equal(email.state.status, 'AwaitingChallengeCode');
      assert.equal(email.state.authenticator.key, 'okta_email');
      const { code } = await lastMessageTo(org, username, 'email');
      const wrong = await s.act('verifyCode', code === '000000' ? '111111' : '000000');
      assert.equal(wrong.error.code, 'invalid_code', 'a wrong code is refused as such, with both clients');
      const done = await s.act('verifyCode', code);
      assert.equal(done.state.status, 'Success');
      assert.ok(done.tx.tokens.idToken.idToken);
    });

    test('dave: an optional enrollment is skipped', async () => {
      const { username } = await newUser(org, 'dave');
      const s = session(make(org, { calls: 0 }));
      const picker = await s.act('login', { username, password: PASSWORD });
      assert.equal(picker.state.status, 'AwaitingAuthenticatorEnrollment');
      assert.equal(picker.state.canSkip, true);
      const done = await s.act('skip');
      assert.equal(done.state.status, 'Success');
    });

    test('a wrong password is invalid_credentials; the same transaction takes the right one', async () => {
      const { username } = await newUser(org, 'dave');
      const s = session(make(org, { calls: 0 }));
      const refused = await s.act('login', { username, password: 'wrong-password' });
      assert.equal(refused.error.code, 'invalid_credentials');
      const picker = await s.act('login', { username, password: PASSWORD });
      assert.equal(picker.state.status, 'AwaitingAuthenticatorEnrollment');
    });

    test('input the driver refuses never reaches Okta', async () => {
      const { username } = await newUser(org, 'hank');
      const counter = { calls: 0 };
      const s = session(make(org, counter));
      await assert.rejects(s.act('login', { username: '  ', password: PASSWORD }), (e) => e.code === 'invalid_credentials' && e.reason === 'empty');
      assert.equal(counter.calls, 0);
      const at = await s.act('login', { username, password: PASSWORD });
      const before = counter.calls;
      await assert.rejects(s.act('selectAuthenticator', { id: 'aut-not-offered' }), (e) => e.code === 'invalid_input');
      await assert.rejects(s.act('proceed', { step: 'enroll-profile', values: { 'userProfile.email': 'x@example.com' } }), (e) => e.code === 'invalid_input');
      await assert.rejects(s.act('verifyCode', '   '), (e) => e.code === 'session_expired' || e.code === 'invalid_code');
      await assert.rejects(s.act('changePassword', { newPassword: 'N3w-Passw0rd!' }), (e) => e.code === 'session_expired');
      assert.equal(counter.calls, before, `nothing sent from ${at.state.status}`);
    });

    test('recovery from the sign-in form asks whose password, then goes on with that user', async () => {
      const { username } = await newUser(org, 'hank');
      const s = session(make(org, { calls: 0 }));
      const asked = await s.act('recover', {});
      assert.equal(asked.state.status, 'AwaitingRecoveryIdentifier');
      const next = await s.act('recover', { username });
      assert.ok(['AwaitingChallengeCode', 'AwaitingChallengeAuthenticatorSelection'].includes(next.state.status), next.state.status);
    });

    test('a poll outside a poll step is refused as a step no longer there', async () => {
      const { username } = await newUser(org, 'dave');
      const s = session(make(org, { calls: 0 }));
      await s.act('login', { username, password: PASSWORD });
      await assert.rejects(s.poll('challenge'), (e) => e.code === 'session_expired');
    });

    test('cancel ends the transaction', async () => {
      const { username } = await newUser(org, 'dave');
      const s = session(make(org, { calls: 0 }));
      await s.act('login', { username, password: PASSWORD });
      const cancelled = await s.act('cancel');
      assert.equal(cancelled.state.status, 'Idle');
    });
  });
}
