// OAuth/OIDC side of the org: discovery, keys, interact and token checks, CORS, and how clients reach it.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { PASSWORD, REDIRECT_URI, sleep, startTestOrg } from './org-helpers.mjs';

const ION = 'application/ion+json; okta-version=1.0.0';
const form = (fields) => new URLSearchParams(fields);

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

const interactFields = (challenge, extra = {}) => ({
  client_id: 'local-spa',
  scope: 'openid email profile',
  redirect_uri: REDIRECT_URI,
  code_challenge: challenge,
  code_challenge_method: 'S256',
  state: 'st',
  nonce: 'n-123',
  ...extra,
});

async function post(url, body, headers = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body });
  return { status: res.status, headers: res.headers, body: await res.json() };
}

async function idx(org, path, body) {
  const res = await fetch(`${org.origin}/idp/idx${path}`, {
    method: 'POST',
    headers: { 'Content-Type': ION, Accept: ION },
    body: JSON.stringify(body),
  });
  return res.json();
}

/** Runs dave's sign-in by hand up to the interaction code. */
async function interactionCode(org, { clientId = 'local-spa', secret } = {}) {
  const { verifier, challenge } = pkce();
  const interact = await post(`${org.issuer}/v1/interact`, form(interactFields(challenge, { client_id: clientId, ...(secret ? { client_secret: secret } : {}) })));
  assert.equal(interact.status, 200);
  const { stateHandle } = await idx(org, '/introspect', { interactionHandle: interact.body.interaction_handle });
  await idx(org, '/identify', { identifier: 'dave@example.com', credentials: { passcode: PASSWORD }, stateHandle });
  const success = await idx(org, '/skip', { stateHandle });
  const code = success.successWithInteractionCode.value.find((f) => f.name === 'interaction_code').value;
  assert.equal(success.successWithInteractionCode.href, `${org.issuer}/v1/token`);
  return { code, verifier };
}

const tokenFields = (code, verifier, extra = {}) => ({
  grant_type: 'interaction_code',
  client_id: 'local-spa',
  redirect_uri: REDIRECT_URI,
  interaction_code: code,
  code_verifier: verifier,
  ...extra,
});

describe('oauth endpoints', () => {
  let org;
  before(async () => {
    org = await startTestOrg({ trustedOrigins: ['http://localhost:4444'], interactionCodeTtlMs: 300 });
  });
  after(() => org.close());

  test('discovery documents for the default and the org authorization servers', async () => {
    const def = await (await fetch(`${org.issuer}/.well-known/openid-configuration`)).json();
    assert.equal(def.issuer, org.issuer);
    assert.equal(def.token_endpoint, `${org.issuer}/v1/token`);
    assert.equal(def.jwks_uri, `${org.issuer}/v1/keys`);
    assert.deepEqual(def.code_challenge_methods_supported, ['S256']);
    const root = await (await fetch(`${org.origin}/.well-known/openid-configuration`)).json();
    assert.equal(root.issuer, org.origin);
    const keys = await (await fetch(def.jwks_uri)).json();
    assert.equal(keys.keys[0].kty, 'RSA');
    assert.equal(keys.keys[0].alg, 'RS256');
    assert.ok(!('d' in keys.keys[0]), 'no private part');
  });

  test('the org is reachable as localhost and as 127.0.0.1 (IPv4)', async () => {
    const port = new URL(org.origin).port;
    assert.equal(org.origin, `http://localhost:${port}`);
    assert.equal((await fetch(`http://127.0.0.1:${port}/oauth2/default/v1/keys`)).status, 200);
    assert.equal((await fetch(`http://localhost:${port}/oauth2/default/v1/keys`)).status, 200);
  });

  test('interact refuses bad requests with OAuth errors', async () => {
    const { challenge } = pkce();
    const url = `${org.issuer}/v1/interact`;
    const cases = [
      [{ client_id: 'nobody' }, 401, 'invalid_client'],
      [{ client_id: '' }, 400, 'invalid_request'],
      [{ redirect_uri: 'http://evil.example/login/callback' }, 400, 'invalid_request'],
      [{ redirect_uri: 'http://localhost:3000/other' }, 400, 'invalid_request'],
      [{ redirect_uri: 'http://localhost:3000/login/callback?x=1' }, 400, 'invalid_request'],
      [{ code_challenge: '' }, 400, 'invalid_request'],
      [{ code_challenge_method: 'plain' }, 400, 'invalid_request'],
      [{ state: '' }, 400, 'invalid_request'],
      [{ scope: 'email' }, 400, 'invalid_scope'],
      [{ scope: 'openid admin' }, 400, 'invalid_scope'],
      [{ client_id: 'local-web' }, 401, 'invalid_client'],
      [{ client_id: 'local-web', client_secret: 'wrong' }, 401, 'invalid_client'],
    ];
    for (const [override, status, error] of cases) {
      const res = await post(url, form(interactFields(challenge, override)));
      assert.equal(res.status, status, JSON.stringify(override));
      assert.equal(res.body.error, error, JSON.stringify(override));
      assert.ok(res.body.error_description);
      assert.equal(res.headers.get('www-authenticate'), null, 'no Basic challenge for a client that did not try Basic');
    }
    const ok = await post(url, form(interactFields(challenge, { redirect_uri: 'http://localhost:61234/login/callback' })));
    assert.equal(ok.status, 200, 'any localhost port');
    assert.ok(ok.body.interaction_handle);
  });

  test('token: PKCE S256 checked, code single-use, claims as okta-auth-js expects', async () => {
    const { code, verifier } = await interactionCode(org);
    const url = `${org.issuer}/v1/token`;
    const badVerifier = await post(url, form(tokenFields(code, pkce().verifier)));
    assert.equal(badVerifier.status, 400);
    assert.equal(badVerifier.body.error, 'invalid_grant');
    // A failed exchange burns the code, as a stolen-code attempt should.
    assert.equal((await post(url, form(tokenFields(code, verifier)))).body.error, 'invalid_grant');

    const fresh = await interactionCode(org);
    const ok = await post(url, form(tokenFields(fresh.code, fresh.verifier)));
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('cache-control'), 'no-store');
    assert.equal(ok.body.token_type, 'Bearer');
    const claims = decodeJwt(ok.body.id_token);
    assert.equal(claims.nonce, 'n-123');
    assert.equal(claims.email, 'dave@example.com');
    assert.equal(claims.aud, 'local-spa');
    assert.equal(claims.iss, org.issuer);
    const reuse = await post(url, form(tokenFields(fresh.code, fresh.verifier)));
    assert.equal(reuse.status, 400);
    assert.equal(reuse.body.error, 'invalid_grant');
  });

  test('token: codes are short-lived', async () => {
    const { code, verifier } = await interactionCode(org);
    await sleep(350);
    const res = await post(`${org.issuer}/v1/token`, form(tokenFields(code, verifier)));
    assert.equal(res.body.error, 'invalid_grant');
  });

  test('token: the confidential client authenticates by client_secret_post or client_secret_basic', async () => {
    const url = `${org.issuer}/v1/token`;
    const a = await interactionCode(org, { clientId: 'local-web', secret: 'local-web-secret' });
    const noSecret = await post(url, form(tokenFields(a.code, a.verifier, { client_id: 'local-web' })));
    assert.equal(noSecret.status, 401);
    assert.equal(noSecret.body.error, 'invalid_client');

    const b = await interactionCode(org, { clientId: 'local-web', secret: 'local-web-secret' });
    const posted = await post(url, form(tokenFields(b.code, b.verifier, { client_id: 'local-web', client_secret: 'local-web-secret' })));
    assert.equal(posted.status, 200);

    const c = await interactionCode(org, { clientId: 'local-web', secret: 'local-web-secret' });
    const fields = tokenFields(c.code, c.verifier);
    delete fields.client_id;
    const basic = await post(url, form(fields), { Authorization: `Basic ${Buffer.from('local-web:local-web-secret').toString('base64')}` });
    assert.equal(basic.status, 200);
    assert.equal(decodeJwt(basic.body.id_token).aud, 'local-web');

    const e = await interactionCode(org, { clientId: 'local-web', secret: 'local-web-secret' });
    const wrongBasic = await post(url, form(tokenFields(e.code, e.verifier)), { Authorization: `Basic ${Buffer.from('local-web:nope').toString('base64')}` });
    assert.equal(wrongBasic.status, 401);
    assert.match(wrongBasic.headers.get('www-authenticate') ?? '', /^Basic /, 'a client that tried Basic is challenged');

    const d = await interactionCode(org);
    const otherClient = await post(url, form(tokenFields(d.code, d.verifier, { client_id: 'local-web', client_secret: 'local-web-secret' })));
    assert.equal(otherClient.body.error, 'invalid_grant', "another client cannot redeem local-spa's code");
  });

  test('token: unsupported grant and missing parameters', async () => {
    const url = `${org.issuer}/v1/token`;
    assert.equal((await post(url, form({ grant_type: 'password', client_id: 'local-spa' }))).body.error, 'unsupported_grant_type');
    assert.equal((await post(url, form({ grant_type: 'interaction_code', client_id: 'local-spa' }))).body.error, 'invalid_request');
    assert.equal(
      (await post(url, form({ grant_type: 'interaction_code', client_id: 'local-spa', interaction_code: 'x' }))).body.error,
      'invalid_request',
    );
  });

  test('CORS: trusted origins get credentialed CORS, others are refused', async () => {
    const preflight = await fetch(`${org.origin}/idp/idx/introspect`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:4444', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,x-okta-user-agent-extended' },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost:4444');
    assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
    assert.match(preflight.headers.get('access-control-allow-headers'), /x-okta-user-agent-extended/);

    const keys = await fetch(`${org.issuer}/v1/keys`, { headers: { Origin: 'http://localhost:4444' } });
    assert.equal(keys.headers.get('access-control-allow-origin'), 'http://localhost:4444');
    const device = await fetch(`${org.origin}/device/api/outbox`, { headers: { Origin: 'http://localhost:4444' } });
    assert.equal(device.headers.get('access-control-allow-origin'), 'http://localhost:4444');
    const own = await fetch(`${org.origin}/device/api/outbox`, { headers: { Origin: org.origin } });
    assert.equal(own.status, 200, 'the org trusts its own origin');

    const untrusted = await fetch(`${org.origin}/idp/idx/introspect`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5555', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(untrusted.status, 403);
    assert.equal(untrusted.headers.get('access-control-allow-origin'), null);
    const interact = await fetch(`${org.issuer}/v1/interact`, { method: 'POST', headers: { Origin: 'http://localhost:5555' }, body: 'client_id=local-spa' });
    assert.equal(interact.status, 403);
  });
});
