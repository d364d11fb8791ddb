/**
 * The end of a successful sign-in: who signed in (the verified ID token's claims), the site's `onSignIn` hook, which
 * may refuse the user or add to what is stored about them, and the tokens the session keeps.
 */
import type { IncomingMessage } from 'node:http';
import type { TokenSet } from '../core/types.js';
import { tokensOf } from '../idx/map.js';
import type { IdxTransaction } from '../idx/types.js';
import { BackendError, accessDenied, upstreamFailure } from './errors.js';
import type { StoredTokens } from './okta-tokens.js';
import type { SignedInUser } from './session.js';

/** What `onSignIn` is given. */
export interface SignInEvent {
  /** Who signed in, from the ID token: `sub`, and `email` and `name` when the scopes gave them. */
  user: SignedInUser;
  /** Every claim of the verified ID token (groups, custom claims). */
  claims: Record<string, unknown>;
  /** The tokens Okta issued (access, ID, refresh with `offline_access`), whether or not the session keeps them. */
  tokens: TokenSet;
  /** The request that finished the sign-in: Node's `IncomingMessage` (Express, Connect) or the web `Request`. */
  request: IncomingMessage | Request;
}

/**
 * Runs once Okta has signed someone in, before their session is stored. Return nothing (or `true`) to let them in as
 * they are; an object to store as the user instead (merged over `user`; `sub` stays Okta's; JSON only, as the
 * store keeps JSON); `false`, or throw `new SignInDenied(message)`, to refuse them: the sign-in ends and the element
 * shows the message. Anything else thrown ends the sign-in with a server error. It runs within the request's time
 * (`timeouts.request`).
 */
export type OnSignIn = (event: SignInEvent) => SignInVerdict | Promise<SignInVerdict>;
export type SignInVerdict = boolean | void | undefined | (Partial<SignedInUser> & Record<string, unknown>);

/** Refuses a sign-in from `onSignIn`: the element shows `message` (rendered as text) under its heading. */
export class SignInDenied extends Error {
  override name = 'SignInDenied';
}

/** The session a successful sign-in starts: the user, and the tokens kept (all, only the ID token, or none). */
export interface SignedIn {
  user: SignedInUser;
  tokens?: StoredTokens;
}

export interface SignInSettings {
  onSignIn?: OnSignIn;
  keepTokens: boolean;
  /** Keep the ID token for the logout URL's `id_token_hint`. */
  keepIdToken: boolean;
  /** When the request must be answered (epoch ms): the hook gets the time left. */
  deadline: number;
  logError: (line: string) => void;
  /** Revokes the tokens of a sign-in the hook did not let through. */
  revoke: (tokens: StoredTokens) => Promise<unknown>;
}

/**
 * Reads who signed in from a successful transaction and runs the hook. Throws the contract's error to answer: 403
 * `access_denied` for a refusal, 500 for a hook that failed, 504 for one that ran out of time.
 */
export async function finishSignIn(transaction: IdxTransaction, request: IncomingMessage | Request, settings: SignInSettings): Promise<SignedIn> {
  const tokens = tokensOf(transaction);
  const claims = tokens.idTokenClaims ?? {};
  if (!claims.sub) throw upstreamFailure();
  const user: SignedInUser = { sub: String(claims.sub) };
  if (typeof claims.email === 'string') user.email = claims.email;
  if (typeof claims.name === 'string') user.name = claims.name;
  const { idTokenClaims: _claims, ...kept } = tokens;
  const stored: SignedIn = { user };
  if (settings.onSignIn) {
    try {
      stored.user = await runHook(settings, { user: { ...user }, claims: { ...claims }, tokens: { ...tokens }, request }, user);
    } catch (error) {
      // Tokens of a sign-in that did not happen are worth nothing to anyone.
      await settings.revoke(kept).catch(() => undefined);
      throw error;
    }
  }
  if (settings.keepTokens) stored.tokens = kept;
  else if (settings.keepIdToken && kept.idToken) stored.tokens = { idToken: kept.idToken };
  return stored;
}

async function runHook(settings: SignInSettings, event: SignInEvent, user: SignedInUser): Promise<SignedInUser> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), Math.max(0, settings.deadline - Date.now()));
  });
  let verdict: SignInVerdict | 'late';
  try {
    verdict = await Promise.race([Promise.resolve().then(() => settings.onSignIn!(event)), late]);
  } catch (error) {
    if (error instanceof SignInDenied) throw accessDenied(error.message);
    settings.logError(`[auth] onSignIn failed: ${(error as Error)?.name ?? 'error'}: ${(error as Error)?.message ?? error}`);
    throw new BackendError(500, 'server', 'Something went wrong. Please try again.');
  } finally {
    clearTimeout(timer);
  }
  if (verdict === 'late') {
    settings.logError('[auth] onSignIn did not finish within timeouts.request');
    throw new BackendError(504, 'server', 'The sign-in took too long. Please try again.');
  }
  if (verdict === false) throw accessDenied();
  if (!verdict || typeof verdict !== 'object') return user;
  let merged: SignedInUser;
  try {
    merged = JSON.parse(JSON.stringify({ ...user, ...verdict, sub: user.sub })) as SignedInUser;
  } catch (error) {
    settings.logError(`[auth] onSignIn returned a user that is not JSON: ${(error as Error)?.message ?? error}`);
    throw new BackendError(500, 'server', 'Something went wrong. Please try again.');
  }
  return merged;
}
