/**
 * Okta refusing the app's own settings, told apart from a user's mistake or an outage: the client id, the client
 * secret, the redirect URI, the scopes, the grant, or an issuer with no authorization server behind it. Each answer is
 * one sentence for developers (the server's log in backend mode, `okta-error`'s `hint` in IDX mode) saying which
 * setting and where to fix it; users only ever read a neutral sentence. Never a secret in it: the client id, issuer and
 * redirect URI are public settings.
 */

/** The settings a sign-in started with; `clientSecret` only says whether one was sent. */
export interface OktaSettings {
  issuer?: string;
  clientId?: string;
  redirectUri?: string;
  clientSecret?: unknown;
}

interface OktaException {
  name?: string;
  errorCode?: string;
  errorSummary?: string;
  xhr?: { status?: number; url?: string };
}

const APP = 'Applications > Applications > your app > General';

/** The developer's sentence for an exception of okta-auth-js that a wrong setting explains, else undefined. */
export function misconfiguration(error: unknown, settings: OktaSettings): string | undefined {
  const e = (error ?? {}) as OktaException;
  const client = settings.clientId ? `client id "${settings.clientId}"` : 'the client id';
  const issuer = settings.issuer ? ` at ${settings.issuer}` : '';
  const said = e.errorSummary ? ` (Okta: ${e.errorSummary})` : '';
  if (e.name === 'OAuthError') {
    switch (e.errorCode) {
      case 'invalid_client':
        if (/client_id/i.test(e.errorSummary ?? '')) {
          return `Okta knows no ${client}${issuer}${said}: set the Client ID of an app of that org (${APP}).`;
        }
        return settings.clientSecret
          ? `Okta refused the client secret of ${client}${said}: set the app's current secret (${APP} > Client Credentials).`
          : `Okta wants a client secret for ${client}${said}: in the browser (IDX mode) use a single-page app, which has none; a web app's secret belongs on a server (backend mode).`;
      case 'invalid_request':
        if (/redirect_uri/i.test(e.errorSummary ?? '')) {
          const uri = settings.redirectUri ? `"${settings.redirectUri}"` : 'the redirect URI';
          return `Okta refused the redirect URI ${uri} of ${client}${said}: add it to the app's Sign-in redirect URIs (${APP} > Login).`;
        }
        return undefined;
      case 'invalid_scope':
        return `Okta refused the scopes asked for ${client}${said}: grant them on the authorization server and the app, or ask for fewer.`;
      case 'unauthorized_client':
        return `${client} may not use the Interaction Code grant${said}: enable it on the app (${APP} > Grant type) and in the authorization server's access policy rule.`;
      default:
        return undefined;
    }
  }
  // The first call of a sign-in (the discovery document, or interact where that is known) found no authorization
  // server at the issuer.
  if (e.name === 'AuthApiError' && e.xhr?.status === 404 && /\/(v1\/interact|\.well-known\/openid-configuration)$/.test(e.xhr.url ?? '')) {
    return `No authorization server${issuer} (404 at ${e.xhr.url}): set the issuer to https://{yourOktaDomain}/oauth2/default, or to the issuer an authorization server shows under Security > API.`;
  }
  return undefined;
}
