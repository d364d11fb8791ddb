// Shared by the org's node tests: a real okta-auth-js client per test, the device API, token checks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { OktaAuth } from '@okta/okta-auth-js';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { startOrg } from '../../demo/org/index.mjs';

export const PASSWORD = 'Passw0rd!';
export const REDIRECT_URI = 'http://localhost:3999/login/callback';
export const POLL_MS = 200;
export const MIN_POLL_MS = 100;

/** Starts an org with fast polling for a suite. */
export const startTestOrg = (options = {}) => startOrg({ pollRefreshMs: POLL_MS, minPollIntervalMs: MIN_POLL_MS, ...options });

/** A Map-backed storage provider, so no two clients share okta-auth-js's process-wide default memory storage. */
function memoryStorage() {
  const items = new Map();
  return {
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

/**
 * A fresh okta-auth-js 8 client against the org, in step mode (the default; `idx: { enableLegacyMode: true }` for 7.x's).
 * @param {{ issuer: string }} org
 * @param {{ clientId?: string, clientSecret?: string, redirectUri?: string, scopes?: string[], idx?: object }} [options]
 */
export function oktaClient(
  org,
  { clientId = 'local-spa', clientSecret, redirectUri = REDIRECT_URI, scopes = ['openid', 'profile', 'email'], idx } = {},
) {
  const storageProvider = memoryStorage();
  const section = { storageProvider };
  return new OktaAuth({
    issuer: org.issuer,
    clientId,
    ...(clientSecret ? { clientSecret } : {}),
    ...(idx ? { idx } : {}),
    redirectUri,
    scopes,
    storageManager: { token: section, cache: section, transaction: section, 'shared-transaction': section, 'original-uri': section },
  });
}

/** Makes a fresh user with a seeded user's setup, through the device API. */
export async function newUser(org, template) {
  const res = await fetch(`${org.origin}/device/api/users`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ template }),
  });
  assert.equal(res.status, 201);
  return res.json();
}

/** Starts a transaction and signs in with username and password in one identify step. */
export async function signIn(auth, username, password = PASSWORD, startOptions = {}) {
  const started = await auth.idx.start(startOptions);
  // Without a remediation yet, step mode reports the first step among availableSteps rather than as nextStep.
  assert.ok(started.availableSteps?.some((s) => s.name === 'identify'), 'the org offers identify');
  return auth.idx.proceed({ step: 'identify', username, password });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls in step mode at the server's refresh until the transaction leaves the poll step.
 * @param {OktaAuth} auth
 * @param {'enroll-poll'|'challenge-poll'} step
 * @param {() => Promise<void>} [beforeNext] runs before each poll (e.g. the device acting)
 */
export async function pollUntilDone(auth, step, transaction, { beforeNext, max = 20 } = {}) {
  let tx = transaction;
  for (let i = 0; i < max && tx.nextStep?.name === step; i++) {
    // Step mode (GenericRemediator) puts the server's refresh on nextStep itself.
    await sleep(tx.nextStep.refresh ?? tx.nextStep.poll?.refresh ?? POLL_MS);
    if (beforeNext) await beforeNext(i);
    tx = await auth.idx.proceed({ step });
  }
  return tx;
}

export async function deviceGet(org, path) {
  const res = await fetch(`${org.origin}/device/api${path}`);
  return { status: res.status, body: await res.json() };
}

/** Every email, SMS and call the org sent to `to` (oldest first), as that person's inbox or phone shows them. */
export async function messagesTo(org, to, channel) {
  const { body } = await deviceGet(org, '/outbox');
  return body.messages.filter((m) => m.to === to && (!channel || m.channel === channel));
}

/** The newest message sent to `to`. */
export async function lastMessageTo(org, to, channel) {
  const messages = await messagesTo(org, to, channel);
  assert.ok(messages.length, `a message to ${to}`);
  return messages.at(-1);
}

/** The authenticator keys a picker step offers, in its order. */
export const offeredKeys = (tx) => tx.nextStep.inputs[0].options.map((o) => o.relatesTo?.key);

/** The names of the remediations in an IDX answer, in order. */
export const remediationNames = (tx) => (tx.neededToProceed ?? tx.rawIdxState?.remediation?.value ?? []).map((r) => r.name);

export async function devicePost(org, path, body) {
  const res = await fetch(`${org.origin}/device/api${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** Decodes the QR code of a `data:image/png;base64,...` URL. */
export function decodeQr(dataUrl) {
  assert.match(dataUrl, /^data:image\/png;base64,/);
  const png = PNG.sync.read(Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'));
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(code, 'the QR image decodes');
  return code.data;
}

/** Verifies the id and access tokens against the org's JWKS and checks the claims okta-auth-js relies on. */
export async function verifyTokens(org, tokens, { clientId = 'local-spa', username, nonce }) {
  const jwks = createRemoteJWKSet(new URL(`${org.issuer}/v1/keys`));
  const { payload: id, protectedHeader } = await jwtVerify(tokens.idToken.idToken, jwks, { issuer: org.issuer, audience: clientId });
  assert.equal(protectedHeader.alg, 'RS256');
  assert.equal(id.email, username);
  assert.match(id.sub, /^00u/);
  assert.ok(id.exp > id.iat);
  if (nonce) assert.equal(id.nonce, nonce);
  const { payload: access } = await jwtVerify(tokens.accessToken.accessToken, jwks, { issuer: org.issuer, audience: 'api://default' });
  assert.equal(access.sub, id.sub);
  assert.equal(access.cid, clientId);
  return { id, access };
}

/** A response from Okta's own mocks (the Sign-In Widget's playground corpus, beside the project), to compare shapes with. */
export const oktaMock = (name) =>
  JSON.parse(readFileSync(new URL(`../../../shared/fixtures/okta-idx/siw-playground-corpus/${name}`, import.meta.url), 'utf8'));

/** The sorted keys of an object: its shape, to compare with Okta's. */
export const keysOf = (o) => Object.keys(o).sort();

/**
 * A client whose every step goes through okta-auth-js's GenericRemediator: `proceed({ step, ...fields })` posts the
 * fields by their IDX names, as the package's server and browser drivers send them.
 */
export const genericClient = (org, options = {}) => oktaClient(org, { ...options, idx: { useGenericRemediator: true } });

/** The remediation `name` in the org's field layout (okta-auth-js only resolves its `relatesTo`). */
export const wireRemediation = (tx, name) => tx.rawIdxState?.remediation?.value?.find((r) => r.name === name);

/**
 * The i18n keys of the messages on a field of a remediation's form, found by its path of names
 * (`['userProfile', 'email']`, `['credentials', 'answer']`).
 */
export function fieldMessageKeys(tx, remediationName, path) {
  let fields = wireRemediation(tx, remediationName)?.value;
  let field;
  for (const name of path) {
    field = fields?.find((f) => f.name === name);
    fields = field?.form?.value;
  }
  return (field?.messages?.value ?? []).map((m) => m.i18n.key);
}

/** The i18n keys of the messages for the whole answer. */
export const messageKeys = (tx) => (tx.rawIdxState?.messages?.value ?? []).map((m) => m.i18n.key);

/** `signIn` for a generic client: identify with the IDX field names. */
export async function identify(auth, identifier, passcode = PASSWORD) {
  await auth.idx.start();
  return auth.idx.proceed({ step: 'identify', identifier, credentials: { passcode } });
}

/** Another six-digit code than `code`: a wrong guess. */
export const wrongCode = (code) => String((Number(code) + 500000) % 1e6).padStart(6, '0');

/** POSTs a JSON body to an IDX endpoint, outside okta-auth-js (a request no client would send). */
export async function postIdx(org, path, body) {
  const res = await fetch(`${org.origin}/idp/idx${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}
