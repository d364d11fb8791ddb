/**
 * What the server asks Okta about a signed-in user's tokens: a refresh, their revocation, and the URL that ends the
 * Okta session. Revocation and the logout URL are okta-auth-js's own; the refresh is one request of ours, because
 * okta-auth-js's `renewTokensWithRefresh` sends no client secret, which a confidential web app needs.
 */
import type { IDToken, OktaAuth } from '@okta/okta-auth-js';
import type { TokenSet } from '../core/types.js';

/** The tokens kept in a session (`keepTokens`): the ID token's claims are read from it when needed. */
export type StoredTokens = Omit<TokenSet, 'idTokenClaims'>;

/** okta-auth-js's request client answers a failed call by throwing the response. */
interface FailedCall {
  status?: number;
  responseJSON?: { error?: string };
}

/** Okta refused the refresh token (revoked, expired, another client's): the sign-in is over. */
export class RefreshRefused extends Error {
  override name = 'RefreshRefused';
}

/** New tokens for `stored.refreshToken`; keeps the refresh token (and the ID token) when Okta sends no new one. */
export async function refreshTokens(client: OktaAuth, stored: StoredTokens, clientSecret: string | undefined): Promise<StoredTokens> {
  const { clientId } = client.options;
  const data: Record<string, string> = {
    grant_type: 'refresh_token',
    refresh_token: stored.refreshToken ?? '',
    client_id: clientId ?? '',
    ...(stored.scopes?.length ? { scope: stored.scopes.join(' ') } : {}),
    ...(clientSecret ? { client_secret: clientSecret } : {}),
  };
  const request = client.options.httpRequestClient as unknown as (
    method: string,
    url: string,
    args: { headers: Record<string, string>; data: Record<string, string> },
  ) => Promise<{ responseJSON?: Record<string, unknown> }>;
  // Loaded already (the client is one of its objects): only the client module names okta-auth-js at load time.
  const { getOAuthUrls } = await import('@okta/okta-auth-js');
  let answer: Record<string, unknown>;
  try {
    const reply = await request('POST', getOAuthUrls(client).tokenUrl!, {
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      data,
    });
    answer = reply.responseJSON ?? {};
  } catch (error) {
    const failed = error as FailedCall;
    if (failed?.status === 400 || failed?.status === 401) throw new RefreshRefused(failed.responseJSON?.error ?? `HTTP ${failed.status}`);
    throw error;
  }
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const accessToken = str(answer.access_token);
  const expiresIn = Number(answer.expires_in);
  if (!accessToken || !Number.isFinite(expiresIn)) throw new Error('the token endpoint answered without an access token');
  return {
    accessToken,
    tokenType: str(answer.token_type) ?? stored.tokenType,
    expiresAt: Math.floor(Date.now() / 1000) + expiresIn,
    scopes: str(answer.scope)?.split(' ') ?? stored.scopes,
    idToken: str(answer.id_token) ?? stored.idToken,
    refreshToken: str(answer.refresh_token) ?? stored.refreshToken,
  };
}

/**
 * Revokes the refresh token, then the access token (`/v1/revoke`). Resolves with the failures, if any: a sign-out
 * goes on whatever Okta says.
 */
export async function revokeTokens(client: OktaAuth, stored: StoredTokens | undefined): Promise<unknown[]> {
  const failures: unknown[] = [];
  for (const token of [{ refreshToken: stored?.refreshToken }, { accessToken: stored?.accessToken }]) {
    if (!Object.values(token)[0]) continue;
    await client.token.revoke(token as never).catch((error: unknown) => failures.push(error));
  }
  return failures;
}

/** Okta's logout URL (`/v1/logout` with `id_token_hint` and `post_logout_redirect_uri`), or undefined without an ID token. */
export function logoutUrl(client: OktaAuth, idToken: string | undefined, postLogoutRedirectUri: string): string | undefined {
  if (!idToken) return undefined;
  // A method of okta-auth-js's OAuth mixin, missing from the type of its Node export.
  const oauth = client as unknown as { getSignOutRedirectUrl(options: { idToken: IDToken; postLogoutRedirectUri: string }): string };
  return oauth.getSignOutRedirectUrl({ idToken: { idToken } as IDToken, postLogoutRedirectUri }) || undefined;
}
