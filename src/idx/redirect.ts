/**
 * The way out to an identity provider or the org's own sign-in page, and the way back, as okta-auth-js calls: the
 * same for the browser's IDX transport and the server module, which differ only in where they keep the transaction's
 * meta (PKCE verifier, state, nonce) while the page is away (the tab's sessionStorage, the server's session).
 */
import { FlowError, type FlowErrorReason } from '../core/types.js';
import { errorFromException } from './errors.js';
import type { IdxAuthClient, IdxTokens, IdxTransaction, IdxTransactionMeta } from './types.js';

/**
 * A way back that ends the attempt (a new sign-in may start), with why: `redirect-invalid` (a way back this page did
 * not start, or one already used), `redirect-denied` (cancelled or refused: OAuth `access_denied`),
 * `redirect-failed` (another OAuth error), `token-exchange` (Okta refused the code), `unverified` (the tokens).
 */
export const redirectError = (reason: FlowErrorReason, cause?: unknown): FlowError =>
  new FlowError('session_expired', `Sign-in redirect: ${reason}`, { reason, cause });

/** What the redirect URI is given on the way back. */
export interface CallbackParams {
  state?: string;
  /** The IDX flow's (an identity provider, identity verification). */
  interactionCode?: string;
  /** The authorization code flow's (the org's own sign-in page). */
  code?: string;
  /** OAuth's error (`access_denied`: cancelled or refused). */
  error?: string;
}

/** The query parameters of a way back: read, then taken off the address. */
export const CALLBACK_PARAMS = ['interaction_code', 'code', 'state', 'error', 'error_description', 'error_uri'];

/** The way back's parameters in a query, or null when it carries neither a code nor an error. */
export function callbackParams(query: URLSearchParams): CallbackParams | null {
  const get = (name: string) => {
    const v = query.get(name);
    return v && v.length <= 4096 ? v : undefined;
  };
  const params: CallbackParams = { state: get('state'), interactionCode: get('interaction_code'), code: get('code'), error: get('error') };
  return params.interactionCode || params.code || params.error ? params : null;
}

/**
 * A new authorization request for the org's own sign-in page, with PKCE, state and nonce: its meta, to keep until the
 * way back, and the address to go to (the same client's authorize endpoint, `response_type=code`).
 */
export async function hostedSignIn(client: IdxAuthClient): Promise<{ meta: IdxTransactionMeta; url: string }> {
  const meta = await client.idx.createTransactionMeta?.();
  const authorize = meta?.urls?.authorizeUrl;
  if (!meta?.codeChallenge || !meta.state || !meta.clientId || !meta.redirectUri || !authorize) {
    throw new FlowError('config', 'No authorization request could be made', { reason: 'idx-settings' });
  }
  const query = new URLSearchParams({
    client_id: meta.clientId,
    redirect_uri: meta.redirectUri,
    response_type: 'code',
    scope: (meta.scopes ?? ['openid']).join(' '),
    state: meta.state,
    code_challenge: meta.codeChallenge,
    code_challenge_method: meta.codeChallengeMethod ?? 'S256',
  });
  if (meta.nonce) query.set('nonce', meta.nonce);
  return { meta, url: `${authorize}?${query}` };
}

/**
 * What a way back leads to: tokens (their id token's nonce checked), or the same IDX transaction going on, for which
 * the caller introspects it with its meta (`interaction_required`: the identity provider signed the user in, and the
 * org's policy asks for more, such as an authenticator to enroll).
 */
export type WayBack = { tokens: IdxTokens } | { resume: IdxTransactionMeta };

/**
 * Finishes a way back with the meta kept when the page left (taken once: the caller has already removed it), or
 * throws the reason it is refused. `same` compares the states (the server's is constant-time).
 */
export async function finishRedirect(
  client: IdxAuthClient,
  meta: IdxTransactionMeta | null | undefined,
  params: CallbackParams,
  same: (a: string, b: string) => boolean = (a, b) => a === b,
): Promise<WayBack> {
  // A way back this page did not start, or one already used: nothing of it is believed, its error included.
  if (!meta?.state || !meta.codeVerifier || !params.state || !same(params.state, meta.state)) throw redirectError('redirect-invalid');
  if (params.error === 'interaction_required' && meta.interactionHandle) return { resume: meta };
  if (params.error) throw redirectError(params.error === 'access_denied' ? 'redirect-denied' : 'redirect-failed');
  const code = params.interactionCode ? { interactionCode: params.interactionCode } : params.code ? { authorizationCode: params.code } : undefined;
  if (!code || !client.token) throw redirectError('redirect-failed');
  let tokens: IdxTokens;
  try {
    ({ tokens } = await client.token.exchangeCodeForTokens({
      ...code,
      codeVerifier: meta.codeVerifier,
      clientId: meta.clientId,
      redirectUri: meta.redirectUri,
      scopes: meta.scopes,
    }));
  } catch (e) {
    const err = errorFromException(e, 'login');
    // Okta unreachable stays a network error; a refused code or a token that does not verify ends the attempt.
    throw err.code === 'network' || err.code === 'rate_limited' ? err : redirectError(err.reason ?? 'token-exchange', e);
  }
  if (!nonceMatches(tokens, meta.nonce)) throw redirectError('unverified');
  return { tokens };
}

/**
 * Whether the id token, if any, carries the nonce its request was made with: okta-auth-js verifies its signature,
 * issuer, audience and lifetime, but not its nonce, in the code exchanges of the IDX flow and of a redirect.
 */
export const nonceMatches = (tokens: IdxTokens | undefined, nonce: string | undefined): boolean =>
  !nonce || !tokens?.idToken || tokens.idToken.claims?.nonce === nonce;

/**
 * The IDX transaction a way back goes on with (`interaction_required`), as Okta has it now: introspected afresh with
 * its meta (an answer kept from before the page left would be stale), without starting another.
 */
export function resumeTransaction(client: IdxAuthClient, meta: IdxTransactionMeta): Promise<IdxTransaction> {
  client.transactionManager?.save?.(meta, { muteWarning: true });
  client.transactionManager?.clearIdxResponse?.();
  return client.idx.proceed({ autoRemediate: false });
}
