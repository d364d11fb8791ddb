/**
 * Sign-out (`POST /logout`): the session's tokens are revoked at Okta, and, with `postLogoutRedirectUri`, the reply
 * carries the URL that ends the Okta session too. The local session ends whatever Okta answers.
 */
import type { OktaAuth } from '@okta/okta-auth-js';
import type { Logger } from './options.js';
import { logoutUrl, revokeTokens } from './okta-tokens.js';
import type { SessionData } from './session.js';

/** `POST /logout`'s reply. */
export interface SignOutReply {
  signedIn: false;
  user: null;
  /** Okta's `/v1/logout` URL: send the browser there to end the Okta session too (`postLogoutRedirectUri` set). */
  logoutUrl?: string;
}

export async function signOut(
  session: SessionData,
  client: () => OktaAuth,
  settings: { postLogoutRedirectUri?: string; logger: Logger },
): Promise<SignOutReply> {
  const reply: SignOutReply = { signedIn: false, user: null };
  const tokens = session.user ? session.tokens : undefined;
  if (!tokens) return reply;
  const okta = client();
  if (tokens.accessToken || tokens.refreshToken) {
    for (const failure of await revokeTokens(okta, tokens)) {
      settings.logger.warn?.(`[auth] token revocation failed: ${(failure as Error)?.name ?? 'error'}: ${(failure as Error)?.message ?? 'no answer'}`);
    }
  }
  const url = settings.postLogoutRedirectUri ? logoutUrl(okta, tokens.idToken, settings.postLogoutRedirectUri) : undefined;
  if (url) reply.logoutUrl = url;
  return reply;
}
