// A small OpenID Connect provider that stands in for every identity provider of the org (a Google-type one, a
// generic OIDC one, a partner's SSO...) and for the identity verification vendor: its own accounts, a sign-in page,
// a consent page, a Persona-like verification page, and the code + PKCE token endpoint the org calls server-side.
// Cancelling or denying answers `error=access_denied`, as providers do.
import { createHash, generateKeyPairSync } from 'node:crypto';
import express from 'express';
import { SignJWT } from 'jose';
import { isObject, sendJson } from '../http.mjs';
import { opaque, sameSecret } from '../ids.mjs';
import { clientCredentials } from '../oauth.mjs';
import { html, sendErrorPage, sendPage } from './html.mjs';

const REQUEST_TTL_MS = 10 * 60 * 1000;
const CODE_TTL_MS = 60 * 1000;
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#4b2a85"/><path d="M9 23l7-14 7 14h-4l-3-6-3 6z" fill="#fff"/></svg>';
const DOCUMENTS = { passport: 'Passport', drivers_license: "Driver's license", id_card: 'National ID card' };

/**
 * @typedef {{ clientId: string, secret: string, redirectUri: string, brand: string, kind: 'signin'|'idverify' }} ProviderClient
 * @typedef {import('./config.mjs').ProviderAccount} ProviderAccount
 */

/** Drops the expired entries of a map of `{ expiresAt }` now and then, so a long demo does not grow. */
const sweep = (map) => {
  const now = Date.now();
  for (const [key, value] of map) if (value.expiresAt <= now) map.delete(key);
};

/** A redirect back to the relying party with the answer in the query. */
function redirectBack(res, redirectUri, params) {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null) url.searchParams.set(name, value);
  res.redirect(303, url.href);
}

/**
 * @param {{ origin: string, accounts: ProviderAccount[], clients: ProviderClient[], relyingParty: string }} options
 *   `relyingParty`: the org's name, as the consent page shows it
 */
export function createProvider({ origin, accounts, clients, relyingParty }) {
  const issuer = `${origin}/provider`;
  // ES256: a key made in a millisecond at each start.
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = opaque(12);
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' }] };
  const byClient = new Map(clients.map((c) => [c.clientId, c]));
  /** @type {Map<string, any>} authorization requests waiting for the person, by id */
  const requests = new Map();
  /** @type {Map<string, any>} */
  const codes = new Map();
  const accountOf = (username) => accounts.find((a) => a.username.toLowerCase() === String(username).trim().toLowerCase());
  const subject = (email) => `fp${createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 18)}`;

  const router = express.Router();
  router.use('/provider', express.urlencoded({ extended: false, limit: '16kb' }));

  router.get('/provider/.well-known/openid-configuration', (_req, res) =>
    sendJson(res, 200, {
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/keys`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code'],
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['ES256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    }),
  );
  router.get('/provider/keys', (_req, res) => sendJson(res, 200, jwks));
  // The logo an IdP may be given in the data file (`logoUri`), which Okta then sends with the IdP authenticator.
  router.get('/provider/logo.svg', (_req, res) => {
    res.set('Cache-Control', 'max-age=3600').type('image/svg+xml').send(LOGO);
  });

  router.get('/provider/authorize', (req, res) => {
    const q = req.query;
    const client = typeof q.client_id === 'string' ? byClient.get(q.client_id) : undefined;
    if (!client) return sendErrorPage(res, 400, 'Unknown application', 'The application that sent you here is not registered with this provider.');
    if (q.redirect_uri !== client.redirectUri) {
      return sendErrorPage(res, 400, 'Wrong redirect address', 'The application asked to come back to an address it did not register.');
    }
    const state = typeof q.state === 'string' ? q.state : undefined;
    const fail = (error, description) => redirectBack(res, client.redirectUri, { error, error_description: description, state });
    if (q.response_type !== 'code') return fail('unsupported_response_type', 'Only the authorization code flow is supported.');
    if (typeof q.code_challenge !== 'string' || !/^[A-Za-z0-9_-]{43,128}$/.test(q.code_challenge) || q.code_challenge_method !== 'S256') {
      return fail('invalid_request', 'A PKCE code challenge (S256) is required.');
    }
    if (typeof q.scope !== 'string' || !q.scope.split(' ').includes('openid')) return fail('invalid_scope', "The 'openid' scope is required.");
    sweep(requests);
    const request = {
      id: opaque(18),
      client,
      state,
      nonce: typeof q.nonce === 'string' ? q.nonce : undefined,
      codeChallenge: q.code_challenge,
      loginHint: typeof q.login_hint === 'string' ? q.login_hint.slice(0, 256) : '',
      stage: client.kind === 'idverify' ? 'verify' : 'login',
      account: null,
      expiresAt: Date.now() + REQUEST_TTL_MS,
    };
    requests.set(request.id, request);
    renderStage(res, 200, request);
  });

  router.post('/provider/authorize', (req, res) => {
    const body = isObject(req.body) ? req.body : {};
    const request = typeof body.request === 'string' ? requests.get(body.request) : undefined;
    if (!request || request.expiresAt <= Date.now()) {
      return sendErrorPage(res, 400, 'This page has expired', 'Go back to the application and start again.');
    }
    const back = (params) => {
      requests.delete(request.id);
      redirectBack(res, request.client.redirectUri, { ...params, state: request.state });
    };
    const { action } = body;
    if (action === 'cancel' || action === 'deny') {
      const why = { login: 'The user cancelled the sign-in.', consent: 'The user denied access.', verify: 'The user cancelled the identity verification.' };
      return back({ error: 'access_denied', error_description: why[request.stage] });
    }
    if (request.stage === 'login' && action === 'signin') {
      const account = accountOf(body.username);
      if (!account || typeof body.password !== 'string' || !sameSecret(body.password, account.password)) {
        return renderStage(res, 401, request, 'Wrong email or password.', String(body.username ?? ''));
      }
      Object.assign(request, { account, stage: 'consent' });
      return renderStage(res, 200, request);
    }
    if (request.stage === 'consent' && action === 'allow') return back({ code: issueCode(request, {}) });
    if (request.stage === 'verify' && action === 'verify') {
      if (!Object.hasOwn(DOCUMENTS, body.document) || body.confirm !== 'yes') {
        return renderStage(res, 400, request, 'Choose your document and confirm that it is yours.');
      }
      return back({ code: issueCode(request, { identity_verified: true, document_type: body.document }) });
    }
    renderStage(res, 400, request, 'Choose one of the buttons.');
  });

  /** @param {any} request @param {object} extraClaims */
  function issueCode(request, extraClaims) {
    sweep(codes);
    const code = opaque(24);
    // The verification vendor checks the person the org named (login_hint); the sign-in provider, its own account.
    const email = request.account?.username ?? request.loginHint;
    codes.set(code, {
      clientId: request.client.clientId,
      redirectUri: request.client.redirectUri,
      codeChallenge: request.codeChallenge,
      nonce: request.nonce,
      claims: { email, email_verified: true, name: request.account?.name ?? email, ...extraClaims },
      expiresAt: Date.now() + CODE_TTL_MS,
    });
    return code;
  }

  router.post('/provider/token', async (req, res) => {
    res.set('Pragma', 'no-cache');
    const body = isObject(req.body) ? req.body : {};
    const fail = (status, error, description) => sendJson(res, status, { error, error_description: description });
    let creds;
    try {
      creds = clientCredentials(req, body);
    } catch {
      creds = {};
    }
    const client = typeof creds.clientId === 'string' ? byClient.get(creds.clientId) : undefined;
    if (!client || typeof creds.clientSecret !== 'string' || !sameSecret(creds.clientSecret, client.secret)) {
      return fail(401, 'invalid_client', 'Client authentication failed.');
    }
    if (body.grant_type !== 'authorization_code') return fail(400, 'unsupported_grant_type', 'Only authorization_code is supported.');
    const grant = typeof body.code === 'string' ? codes.get(body.code) : undefined;
    if (grant) codes.delete(body.code);
    if (!grant || grant.expiresAt <= Date.now() || grant.clientId !== client.clientId) return fail(400, 'invalid_grant', 'The code is invalid or has expired.');
    if (body.redirect_uri !== grant.redirectUri) return fail(400, 'invalid_grant', 'The redirect_uri does not match.');
    const verifier = typeof body.code_verifier === 'string' ? body.code_verifier : '';
    if (createHash('sha256').update(verifier).digest('base64url') !== grant.codeChallenge) return fail(400, 'invalid_grant', 'PKCE verification failed.');
    const now = Math.floor(Date.now() / 1000);
    const idToken = await new SignJWT({ ...grant.claims, ...(grant.nonce ? { nonce: grant.nonce } : {}) })
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(client.clientId)
      .setSubject(subject(grant.claims.email))
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .sign(privateKey);
    sendJson(res, 200, { token_type: 'Bearer', expires_in: 300, access_token: opaque(24), id_token: idToken, scope: 'openid email profile' });
  });

  /** The page of a request's stage, with an error to show if any. */
  function renderStage(res, status, request, error = '', typed = undefined) {
    const { client } = request;
    const brand = `${client.brand} (simulated by the local org)`;
    const alert = error ? html`<p class="error" role="alert">${error}</p>` : '';
    const hidden = html`<input type="hidden" name="request" value="${request.id}">`;
    const action = `${issuer}/authorize`;
    if (request.stage === 'login') {
      return sendPage(res, status, {
        title: `Sign in with ${client.brand}`,
        brand,
        body: html`<p>to continue to ${relyingParty}</p>${alert}
<form method="post" action="${action}">${hidden}
<label for="username">Email</label><input id="username" name="username" type="email" autocomplete="username" required value="${typed ?? request.loginHint}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button name="action" value="signin">Sign in</button><button class="secondary" name="action" value="cancel" formnovalidate>Cancel</button>
</form>`,
      });
    }
    if (request.stage === 'consent') {
      return sendPage(res, status, {
        title: `Allow ${relyingParty} to sign you in?`,
        brand,
        body: html`<p>Signed in as ${request.account.name} (${request.account.username}).</p>
<p>${relyingParty} will receive:</p><ul><li>your name</li><li>your email address</li></ul>${alert}
<form method="post" action="${action}">${hidden}
<button name="action" value="allow">Allow</button><button class="secondary" name="action" value="deny">Deny</button>
</form>`,
      });
    }
    const choices = Object.entries(DOCUMENTS).map(
      ([value, label]) => html`<div><input type="radio" id="doc-${value}" name="document" value="${value}"><label for="doc-${value}">${label}</label></div>`,
    );
    return sendPage(res, status, {
      title: 'Verify your identity',
      brand,
      body: html`<p>${relyingParty} asks ${client.brand} to confirm that you are ${request.loginHint}.</p>${alert}
<form method="post" action="${action}">${hidden}
<fieldset><legend>Your document</legend>${choices}</fieldset>
<div><input type="checkbox" id="confirm" name="confirm" value="yes"><label for="confirm">This document is mine and I am holding it</label></div>
<button name="action" value="verify">Verify</button><button class="secondary" name="action" value="cancel">Cancel</button>
</form>`,
    });
  }

  return { router, issuer };
}
