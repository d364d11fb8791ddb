import type { TokenSet } from '../core/types.js';
import type { TransportConfig } from './config.js';
import { createTransport } from './create.js';

// What a way back carries in the address: IDX mode's (from Okta) or backend mode's (from the backend's callback).
const WAY_BACK = /[?&](interaction_code|code|error|okta_signin_error)=/;

/**
 * For a page without `<okta-signin>` on it (a route of an app's own): finishes the sign-in that comes back to it from
 * an identity provider or the org's own sign-in page, with the element's settings. IDX mode: on the `redirect-uri`,
 * checks `state` against the transaction this tab kept, exchanges the code (PKCE) and resolves with the tokens (kept
 * in `tokenStorage` when set); the address loses its parameters. Resolves with null on any other page. Rejects with a
 * `FlowError` whose `reason` says why a way back was refused or failed (`redirect-denied`, `redirect-invalid`, ...);
 * in backend mode, where the server's callback did the work, that is all it does.
 */
export async function handleSignInRedirect(settings: TransportConfig, signal?: AbortSignal): Promise<TokenSet | null> {
  if (!WAY_BACK.test(globalThis.location?.search ?? '')) return null;
  const state = await createTransport(settings).callback?.(signal);
  return state?.tokens ?? null;
}
