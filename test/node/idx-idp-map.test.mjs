// Okta's own responses with identity providers, identity verification, smart cards and FastPass, read at test time
// from ../shared/fixtures/okta-idx (`npm run build` first), through okta-auth-js 8's browser client and the built
// mapping: what the flow state shows (never an address), what the transports keep (each IdP's address), and which
// steps no page can answer.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CORPUS = join(ROOT, '..', 'shared', 'fixtures', 'okta-idx', 'siw-playground-corpus');
const skip = existsSync(CORPUS) ? false : `no IDX corpus at ${CORPUS}`;
const dist = (path) => import(new URL(`dist/${path}`, `file://${ROOT}`).href);

/** The transaction okta-auth-js's browser client makes of a fixture served as the introspect answer. */
async function transactionOf(file, edit = (body) => body) {
  const body = edit(JSON.parse(readFileSync(join(CORPUS, file), 'utf8')));
  const { createAuthClient } = await dist('transports/idx-client.js');
  const saved = { fetch: globalThis.fetch, warn: console.warn };
  globalThis.fetch = async (url) => {
    const answer = String(url).endsWith('/v1/interact') ? { interaction_handle: 'h' } : body;
    return new Response(JSON.stringify(answer), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  console.warn = () => {};
  try {
    const { client } = createAuthClient({ issuer: 'https://corpus.okta.invalid/oauth2/default', clientId: 'c', redirectUri: 'https://app.invalid/cb', scopes: ['openid'] });
    return await client.idx.start();
  } finally {
    globalThis.fetch = saved.fetch;
    console.warn = saved.warn;
  }
}

async function read(file, edit) {
  const tx = await transactionOf(file, edit);
  const { stateToShow } = await dist('idx/map.js');
  const { planOf } = await dist('idx/driver.js');
  return { state: stateToShow(tx), plan: planOf(tx) };
}

test('the sign-in form with social and enterprise IdPs: each a button, with its type and kind; the addresses stay in the plan', { skip }, async () => {
  const { state, plan } = await read('identify-with-many-idps.json');
  assert.equal(state.status, 'Idle');
  assert.deepEqual(
    state.idps.slice(0, 7).map((p) => [p.name, p.type, p.kind]),
    [
      ['Google IDP', 'GOOGLE', 'idp'],
      ['Facebook IDP', 'FACEBOOK', 'idp'],
      ['Linkedin IDP', 'LINKEDIN', 'idp'],
      ['Microsoft IDP', 'MICROSOFT', 'idp'],
      ['Apple IDP', 'APPLE', 'idp'],
      ['X509 Authentication', 'X509', 'piv'],
      ['Custom IdP Alpha', 'SAML2', 'idp'],
    ],
  );
  assert.doesNotMatch(JSON.stringify(state), /stateToken|sso\/idps/, 'no address in the flow state');
  assert.equal(plan.idps['google-123'].split('?')[0], 'http://localhost:3000/sso/idps/google-123');
  assert.equal(Object.keys(plan.idps).length, state.idps.length);
});

test('the IdP that is the authenticator is its own step, not a picker of itself', { skip }, async () => {
  for (const file of ['authenticator-verification-idp.json', 'authenticator-enroll-idp.json']) {
    const { state } = await read(file);
    assert.deepEqual(state, {
      status: 'AwaitingIdentityProvider',
      idps: [{ id: '0oa69chx4bZyx8O7l0g4', name: 'IDP Authenticator', type: 'OIDC', kind: 'idp' }],
      authenticator: { key: 'external_idp' },
    }, file);
  }
  // A logo Okta gives (relative to its own origin) is resolved; the element shows it only over https.
  const { state } = await read('authenticator-enroll-idp-custom-logo.json');
  assert.equal(state.idps[0].logo, 'http://localhost:3000/img/logos/default.png');
});

test('identity verification, and an org that offers only IdPs, are steps with the names Okta sends', { skip }, async () => {
  const persona = await read('authenticator-verification-idp-with-persona.json');
  assert.deepEqual(persona.state, { status: 'AwaitingIdentityProvider', idps: [{ id: 'IDV_PERSONA', name: 'Persona', type: 'ID_PROOFING', kind: 'idverify' }] });
  const only = await read('identify-with-only-one-third-party-idp.json');
  assert.deepEqual(only.state.idps.map((p) => p.name), ['Facebook IDP']);
  assert.equal(only.state.status, 'AwaitingIdentityProvider');
  const piv = await read('identify-with-piv-only.json');
  assert.deepEqual([piv.state.status, piv.state.idps[0].kind, piv.state.idps[0].type], ['AwaitingIdentityProvider', 'idp', 'X509']);
});

test('FastPass with nothing else to verify with is a step no page can answer, named as Okta names it', { skip }, async () => {
  // Okta's FastPass challenge, with the picker beside it left with Okta Verify alone (as for a FastPass-only policy).
  const onlyFastPass = (body) => {
    for (const r of body.remediation.value) {
      if (r.name !== 'select-authenticator-authenticate') continue;
      const field = r.value.find((f) => f.name === 'authenticator');
      field.options = field.options.filter((o) => JSON.stringify(o).includes('signed_nonce'));
    }
    return body;
  };
  const { state } = await read('authenticator-verification-okta-verify-signed-nonce-loopback.json', onlyFastPass);
  assert.deepEqual(state, { status: 'UnsupportedStep', unsupportedStep: 'challenge-poll/okta_verify' });
  // With another authenticator to choose, the picker offers it (never FastPass itself).
  const picker = await read('authenticator-verification-okta-verify-signed-nonce-loopback.json');
  assert.equal(picker.state.status, 'AwaitingChallengeAuthenticatorSelection');
  assert.ok(picker.state.authenticators.every((a) => a.methodType !== 'signed_nonce'));
});
