/**
 * Saves tokens with okta-auth-js's token manager, only when the page asked for a token storage. Loaded on demand,
 * so pages that keep tokens themselves never download the token manager.
 */
import { TokenManager } from '@okta/okta-auth-js/idx';
import type { IdxAuthClient, IdxTransaction } from '../idx/types.js';
import type { TokenStorage } from './config.js';

type Tokens = NonNullable<IdxTransaction['tokens']>;

export function storeTokens(client: IdxAuthClient, tokens: Tokens, storage: Exclude<TokenStorage, 'none'>): void {
  const present = Object.fromEntries(Object.entries(tokens).filter(([, token]) => token));
  // An app's own OktaAuth keeps its token manager and the storage it was configured with.
  if (client.tokenManager) {
    client.tokenManager.setTokens(present);
    return;
  }
  const manager = new TokenManager(client as never, { storage, autoRenew: false, autoRemove: false, syncStorage: false });
  manager.setTokens(present as never);
}
