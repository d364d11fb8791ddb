// The org's own sign-in page: `GET {issuer}/v1/authorize` (authorization code flow with PKCE) shows it, and it ends
// with a redirect to the app's redirect URI with `code` and `state`, exchanged at /v1/token with the verifier.
// It is a minimal IDX client without script: each answer posts to the org's own IDX API over HTTP, as Okta's hosted
// widget does, and the page shows what that API answers. It drives the username and password (or username, then
// password), the IdP buttons and redirects, codes (email, SMS, voice, Okta Verify's and Google Authenticator's),
// and Okta FastPass, which it completes with Okta Verify on this computer (the org's simulated one) where an
// embedded page cannot. Push, security keys and enrollments are not offered here.
import express from 'express';
import { authorizationServers, checkAuthorizationRequest, startTransaction } from '../authorize.mjs';
import { ION, isObject } from '../http.mjs';
import { answerFastPass } from '../idx/offsite.mjs';
import { html, pageRoute, sendErrorPage, sendPage } from './html.mjs';

const IDX_TIMEOUT_MS = 10_000;
const RESPONSE_MODES = ['query', 'fragment'];
/** Methods the page cannot drive (they need a script, a poll or a device of their own). */
const UNDRIVEN_METHODS = new Set(['push', 'webauthn']);

/**
 * The app's redirect URI with an answer, in the query or the fragment as the request asked.
 * @param {string} redirectUri
 * @param {string} responseMode
 * @param {Record<string, string|null|undefined>} params
 */
function answerUrl(redirectUri, responseMode, params) {
  const url = new URL(redirectUri);
  const answer = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (typeof value === 'string') answer.set(name, value);
  if (responseMode === 'fragment') url.hash = answer.toString();
  else url.search = answer.toString();
  return url.href;
}

/**
 * Sends the browser back to the app of a transaction with `params` (an embedded transaction always in the query).
 * @param {import('express').Response} res
 * @param {any} tx
 * @param {Record<string, string|null|undefined>} params
 */
export const backToApp = (res, tx, params) => res.redirect(303, answerUrl(tx.redirectUri, tx.hosted?.responseMode ?? 'query', params));

/** Where a hosted transaction's page is shown again (after an IdP has answered). */
export const hostedPageUrl = (origin, tx) => `${origin}/signin/hosted?stateToken=${encodeURIComponent(tx.stateHandle)}`;

/**
 * A hosted transaction has succeeded: its interaction code becomes an authorization code, the transaction ends, and
 * the browser goes back to the app with `code` and `state`.
 * @param {import('express').Response} res
 * @param {import('../store.mjs').OrgStore} store
 * @param {any} tx
 */
export function finishHosted(res, store, tx) {
  const grant = store.takeCode(tx.interactionCode);
  tx.interactionCode = null;
  tx.expiresAt = Date.now();
  if (!grant) return backToApp(res, tx, { error: 'server_error', error_description: 'The sign-in could not be completed.', state: tx.state });
  const code = store.issueCode({ ...grant, grantType: 'authorization_code' });
  return backToApp(res, tx, { code, state: tx.state });
}

/** Every message of an IDX form, its fields' included (field errors). */
function formMessages(node, out = []) {
  if (Array.isArray(node)) node.forEach((n) => formMessages(n, out));
  else if (isObject(node)) {
    for (const m of node.messages?.value ?? []) if (typeof m?.message === 'string') out.push(m.message);
    formMessages(node.value, out);
    formMessages(node.form, out);
  }
  return out;
}

const field = (remediation, name) => remediation.value?.find((f) => f.name === name);

/** The choices of a `select-authenticator-authenticate`: one per authenticator and method the page can drive. */
function pickerChoices(remediation) {
  const options = field(remediation, 'authenticator')?.options ?? [];
  return options.flatMap((option, i) => {
    const fields = option.value?.form?.value ?? [];
    const method = fields.find((f) => f.name === 'methodType');
    const methods = method?.options ? method.options.map((o) => ({ value: o.value, label: `${option.label}: ${o.label}` })) : [{ value: method?.value, label: option.label }];
    return methods.filter((m) => !UNDRIVEN_METHODS.has(m.value)).map((m) => ({ value: m.value ? `${i}:${m.value}` : String(i), label: m.label }));
  });
}

/** The `authenticator` value a picker choice (`"index"` or `"index:method"`) posts. */
function pickedAuthenticator(remediation, choice) {
  const [index, method] = String(choice ?? '').split(':');
  const option = field(remediation, 'authenticator')?.options?.[Number(index)];
  if (!option || !/^\d+$/.test(index)) return null;
  const value = {};
  for (const f of option.value?.form?.value ?? []) if (f.value !== undefined) value[f.name] = f.value;
  if (method) value.methodType = method;
  return UNDRIVEN_METHODS.has(value.methodType) ? null : value;
}

/** @param {{ store: import('../store.mjs').OrgStore, origin: string, stateHandleTtlMs: number, logger: any }} env */
export function hostedRouter(env) {
  const { store, origin, logger } = env;
  const router = express.Router();

  /** Calls the org's own IDX API, as the hosted widget does from the browser. */
  async function idx(href, body) {
    if (typeof href !== 'string' || !href.startsWith(`${origin}/idp/idx/`)) throw new Error(`not an IDX endpoint of this org: ${href}`);
    const res = await fetch(href, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: ION },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(IDX_TIMEOUT_MS),
    });
    return { status: res.status, body: await res.json() };
  }
  const introspect = (tx) => idx(`${origin}/idp/idx/introspect`, { stateHandle: tx.stateHandle });

  for (const server of authorizationServers(origin, store)) {
    router.get(`${server.base}/v1/authorize`, pageRoute(logger, async (req, res) => {
      const q = Object.fromEntries(Object.entries(req.query).filter(([, v]) => typeof v === 'string'));
      const app = store.apps.get(q.client_id);
      if (!app) return sendErrorPage(res, 400, 'Unknown app', "The app that sent you here is not registered with this org ('client_id').");
      const checked = checkAuthorizationRequest(app, q);
      if ('error' in checked && !checked.redirectable) return sendErrorPage(res, 400, 'This app cannot sign in here', checked.description);
      const redirectUri = 'error' in checked ? checked.redirectUri : checked.request.redirectUri;
      const state = 'error' in checked ? checked.state : checked.request.state;
      const responseMode = RESPONSE_MODES.includes(q.response_mode) ? q.response_mode : 'query';
      const fail = (error, description) => res.redirect(303, answerUrl(redirectUri, responseMode, { error, error_description: description, state }));
      if (q.response_mode !== undefined && !RESPONSE_MODES.includes(q.response_mode)) {
        return fail('invalid_request', "'response_mode' must be 'query' or 'fragment' on this org.");
      }
      if (q.response_type !== 'code') {
        return fail('unsupported_response_type', 'The response type is not supported by the authorization server. Configured response types: [code].');
      }
      if ('error' in checked) return fail(checked.error, checked.description);
      // There is no session to reuse on this org: a sign-in without a page cannot happen.
      if (q.prompt === 'none') return fail('login_required', 'The client specified not to prompt, but the user is not logged in.');
      const tx = startTransaction(env, server, app, checked.request, { hosted: { responseMode, loginHint: q.login_hint ?? '' } });
      await show(res, tx, await introspect(tx));
    }));
  }

  router.get('/signin/hosted', pageRoute(logger, async (req, res) => {
    const tx = hostedTransaction(req.query.stateToken);
    if (!tx) return expiredPage(res);
    await show(res, tx, await introspect(tx));
  }));

  router.post('/signin/hosted', express.urlencoded({ extended: false, limit: '16kb' }), pageRoute(logger, async (req, res) => {
    const body = isObject(req.body) ? req.body : {};
    const tx = hostedTransaction(body.stateToken);
    if (!tx) return expiredPage(res);
    const current = (await introspect(tx)).body;
    const remediation = (name) => current.remediation?.value?.find((r) => r.name === name);
    const post = (r, values) => idx(r.href, { ...values, stateHandle: tx.stateHandle });
    const text = (v) => (typeof v === 'string' ? v : '');

    switch (body.step) {
      case 'identify': {
        const r = remediation('identify');
        if (!r) break;
        const values = { identifier: text(body.identifier) };
        if (field(r, 'credentials')) values.credentials = { passcode: text(body.passcode) };
        return show(res, tx, await post(r, values));
      }
      case 'challenge-authenticator': {
        const r = remediation('challenge-authenticator');
        const name = field(r ?? {}, 'credentials')?.form?.value?.[0]?.name;
        if (!r || !name) break;
        return show(res, tx, await post(r, { credentials: { [name]: text(body.code) } }));
      }
      case 'select-authenticator-authenticate': {
        const r = remediation('select-authenticator-authenticate');
        const authenticator = r && pickedAuthenticator(r, body.choice);
        if (!authenticator) break;
        return show(res, tx, await post(r, { authenticator }));
      }
      case 'fastpass': {
        // Okta Verify on this computer answers the challenge the page handed it; the page then checks with the org.
        const r = remediation('challenge-poll');
        if (!r || !tx.fastPass) break;
        answerFastPass(store, tx.fastPass.challengeRequest);
        return show(res, tx, await post(r, {}));
      }
      case 'cancel':
        if (current.cancel) return show(res, tx, await post(current.cancel, {}));
        break;
      case 'leave':
        tx.expiresAt = Date.now();
        return backToApp(res, tx, { error: 'access_denied', error_description: 'The user left the sign-in page without signing in.', state: tx.state });
      default:
    }
    await show(res, tx, { status: 400, body: current }, 'This step is not available at this point of the sign-in.');
  }));

  /** @param {unknown} stateToken */
  function hostedTransaction(stateToken) {
    const tx = store.transactionByState(stateToken);
    return tx?.hosted && tx.expiresAt > Date.now() ? tx : undefined;
  }

  const expiredPage = (res) => sendErrorPage(res, 400, 'This sign-in has expired', 'Go back to the app and sign in again.');

  /**
   * Shows an IDX answer as a page, or leaves for where it points: the app on success, the IdP or the verification
   * vendor when that redirect is the only way on.
   */
  async function show(res, tx, answer, note = '') {
    const state = answer.body;
    if (state.successWithInteractionCode) return finishHosted(res, store, tx);
    const remediations = state.remediation?.value ?? [];
    if (remediations.length === 1 && ['redirect-idp', 'redirect-idverify'].includes(remediations[0].name)) {
      return res.redirect(303, remediations[0].href);
    }
    const hidden = html`<input type="hidden" name="stateToken" value="${tx.stateHandle}">`;
    const action = `${origin}/signin/hosted`;
    const messages = [note, ...(state.messages?.value ?? []).map((m) => m.message)].filter(Boolean);
    const sections = [];
    const stepForm = (step, inner, button) =>
      html`<form method="post" action="${action}">${hidden}<input type="hidden" name="step" value="${step}">${inner}<button>${button}</button></form>`;
    const errors = (r) => formMessages(r).map((m) => html`<p class="field-error" role="alert">${m}</p>`);

    for (const r of remediations) {
      if (r.name === 'identify') {
        const password = field(r, 'credentials')
          ? html`<label for="passcode">Password</label><input id="passcode" name="passcode" type="password" autocomplete="current-password">`
          : '';
        sections.push(
          stepForm(
            'identify',
            html`${errors(r)}<label for="identifier">Username</label><input id="identifier" name="identifier" type="text" autocomplete="username" value="${tx.hosted.loginHint}">${password}`,
            password ? 'Sign in' : 'Next',
          ),
        );
      } else if (r.name === 'challenge-authenticator') {
        const credential = field(r, 'credentials')?.form?.value?.[0];
        const enrollment = state.currentAuthenticatorEnrollment?.value ?? state.currentAuthenticator?.value;
        const secret = credential?.name === 'passcode' && enrollment?.key === 'okta_password';
        sections.push(
          stepForm(
            'challenge-authenticator',
            html`${errors(r)}<label for="code">${secret ? 'Password' : `${enrollment?.displayName ?? 'Code'}: ${credential?.label ?? 'Enter code'}`}</label>
<input id="code" name="code" type="${secret ? 'password' : 'text'}" autocomplete="${secret ? 'current-password' : 'one-time-code'}">`,
            'Verify',
          ),
        );
      } else if (r.name === 'challenge-poll' && state.currentAuthenticator?.value?.contextualData?.challenge) {
        const device = state.authenticatorEnrollments?.value?.find((e) => e.key === 'okta_verify')?.profile?.deviceName;
        sections.push(
          stepForm(
            'fastpass',
            html`<h2>Okta FastPass</h2><p>Okta Verify on this computer${device ? html` (${device})` : ''} can confirm it is you.</p>`,
            'Sign in with Okta Verify',
          ),
        );
      } else if (r.name === 'redirect-idverify' || (r.name === 'redirect-idp' && r.relatesTo)) {
        sections.push(html`<p><a class="button" href="${r.href}">${r.name === 'redirect-idverify' ? 'Verify with' : 'Sign in with'} ${r.idp?.name}</a></p>`);
      } else if (r.name === 'select-authenticator-authenticate') {
        const choices = pickerChoices(r);
        if (choices.length) {
          const radios = choices.map(
            (c, i) => html`<div><input type="radio" id="choice-${i}" name="choice" value="${c.value}"${i === 0 ? html` checked` : ''}><label for="choice-${i}">${c.label}</label></div>`,
          );
          sections.push(stepForm('select-authenticator-authenticate', html`<fieldset><legend>Verify with</legend>${radios}</fieldset>`, 'Continue'));
        }
      }
    }
    if (!sections.length && state.remediation) {
      sections.push(html`<p>This step cannot be completed on this page.</p>`);
    }
    // The IdP buttons of the first screen, under its form.
    const idps = remediations.filter((r) => r.name === 'redirect-idp' && !r.relatesTo);
    const idpLinks = idps.length
      ? html`<div class="idps">${idps.map((r) => html`<a class="button secondary" href="${r.href}">Sign in with ${r.idp?.name}</a>`)}</div>`
      : '';
    const app = state.app?.value?.label;
    sendPage(res, answer.status >= 400 ? answer.status : 200, {
      title: remediations.some((r) => r.name === 'identify') ? 'Sign in' : "Verify it's you",
      brand: app ? `Local Okta org · ${app}` : 'Local Okta org',
      body: html`${messages.map((m) => html`<p class="error" role="alert">${m}</p>`)}${sections}${idpLinks}
<form method="post" action="${action}">${hidden}
${state.cancel && !remediations.some((r) => r.name === 'identify') ? html`<button class="secondary" name="step" value="cancel">Start over</button>` : ''}
<button class="secondary" name="step" value="leave">Back to the app</button></form>`,
    });
  }

  return router;
}
