/** Helpers for the WebAuthn browser tests: virtual authenticators (test/support/webauthn-command.mjs) and the UI. */
import { fixture, html } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/elements/okta-signin/okta-signin.js';
import type { OktaSignin } from '../../src/elements/okta-signin/okta-signin.js';
import type { FlowStatus } from '../../src/core/types.js';
import { env, waitFor } from './local-org.js';
import { control } from './fields.js';

export interface VirtualCredential {
  credentialId: string;
  isResidentCredential: boolean;
  rpId?: string;
  userHandle?: string;
  signCount: number;
}

export const authenticators = {
  async add(options: Record<string, unknown> = {}): Promise<string> {
    const { authenticatorId } = (await executeServerCommand('webauthn:add', options)) as { authenticatorId: string };
    return authenticatorId;
  },
  remove: (authenticatorId: string) => executeServerCommand('webauthn:remove', { authenticatorId }),
  credentials: (authenticatorId: string) => executeServerCommand('webauthn:credentials', { authenticatorId }) as Promise<VirtualCredential[]>,
  impostor: (payload: { authenticatorId: string; credentialId?: string; userHandle?: string }) => executeServerCommand('webauthn:impostor', payload),
  userVerified: (authenticatorId: string, isUserVerified: boolean) => executeServerCommand('webauthn:user-verified', { authenticatorId, isUserVerified }),
};

/** A fresh ivy (she must enroll a security key) in the given org. */
export async function newIvy(orgOrigin?: string): Promise<{ username: string; password: string }> {
  const origin = orgOrigin ?? (await env()).orgOrigin;
  const res = await fetch(`${origin}/device/api/users`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ template: 'ivy' }),
  });
  if (!res.ok) throw new Error(`newUser ivy: ${res.status}`);
  return res.json();
}

export type Mode = 'backend' | 'idx';

/** `<okta-signin>` in backend mode (the reference backend at /auth) or IDX mode (the org's SPA client). */
export async function signinElement(mode: Mode, options: { passkeys?: boolean } = {}): Promise<OktaSignin> {
  const e = await env();
  // The page stays: success is checked here, not followed to the next page.
  const stay = (event: Event) => event.preventDefault();
  if (mode === 'backend') {
    const backend = options.passkeys ? e.passkeyBackend : e.backend;
    return fixture<OktaSignin>(html`<okta-signin backend=${backend} @okta-success=${stay}></okta-signin>`);
  }
  const issuer = options.passkeys ? e.passkeyIssuer : e.issuer;
  return fixture<OktaSignin>(
    html`<okta-signin issuer=${issuer} client-id=${e.spaClientId} redirect-uri=${e.redirectUri} @okta-success=${stay}></okta-signin>`,
  );
}

/** Backend mode: signs the test browser out, so that the next element starts a new sign-in. */
export async function signOut(mode: Mode, options: { passkeys?: boolean } = {}): Promise<void> {
  if (mode !== 'backend') return;
  const e = await env();
  const base = options.passkeys ? e.passkeyBackend : e.backend;
  await fetch(`${base}/logout`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
}

export const root = (el: OktaSignin) => el.shadowRoot!;
export const text = (el: OktaSignin) => root(el).textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const part = (el: OktaSignin, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
export const partText = (el: OktaSignin, name: string) => part(el, name)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const title = (el: OktaSignin) => partText(el, 'title');

export function untilStatus(el: OktaSignin, status: FlowStatus, timeoutMs = 20000): Promise<void> {
  return waitFor(async () => el.flowState.status === status && !el.signInFlow?.pending, `status ${status} (at ${el.flowState.status}: ${text(el)})`, timeoutMs).then(
    () => el.updateComplete.then(() => undefined),
  );
}

export function button(el: OktaSignin, label: RegExp, scope: ParentNode = root(el)): HTMLButtonElement {
  const found = [...scope.querySelectorAll<HTMLButtonElement>('button')].find((b) => label.test(b.textContent ?? ''));
  if (!found) throw new Error(`no button ${label} in: ${text(el)}`);
  return found;
}

export async function typeInto(el: OktaSignin, selector: string, value: string) {
  const input = control<HTMLInputElement>(el, selector);
  if (!input) throw new Error(`no ${selector} in: ${text(el)}`);
  input.focus();
  await sendKeys({ type: value });
}

export async function signIn(el: OktaSignin, user: { username: string; password: string }) {
  await typeInto(el, 'input[name=username]', user.username);
  await typeInto(el, 'input[name=password]', user.password);
  await sendKeys({ press: 'Enter' });
}

/** Chooses an option of the inner authenticator picker and continues. */
export async function choose(el: OktaSignin, label: RegExp) {
  const picker = root(el).querySelector('authenticator-picker') as (HTMLElement & { updateComplete: Promise<unknown> }) | null;
  if (!picker) throw new Error(`no picker in: ${text(el)}`);
  await picker.updateComplete;
  const options = [...picker.shadowRoot!.querySelectorAll<HTMLElement>('[role=radio]')];
  const option = options.find((o) => label.test(o.textContent ?? ''));
  if (!option) throw new Error(`no option ${label} among ${options.map((o) => o.textContent?.trim()).join(' | ')}`);
  option.click();
  await picker.updateComplete;
  button(el, /continue/i, picker.shadowRoot!).click();
}

/** okta-error events of an element. */
export function errors(el: OktaSignin) {
  const seen: { code: string; message: string; retryable: boolean }[] = [];
  el.addEventListener('okta-error', (e) => seen.push((e as CustomEvent).detail));
  return seen;
}

/** Every request the page makes to a path containing `fragment`, with its JSON body. */
export function recordPosts(fragment: string) {
  const original = window.fetch;
  const posts: { url: string; body: Record<string, unknown> }[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.includes(fragment) && init?.method === 'POST' && typeof init.body === 'string') posts.push({ url, body: JSON.parse(init.body) });
    return original(input, init);
  };
  return { posts, stop: () => (window.fetch = original) };
}

/**
 * Gives each test of the suite it is called in a virtual platform authenticator that keeps discoverable credentials
 * (passkeys) and verifies the user; the id of the current one.
 */
export function passkeyAuthenticatorPerTest(): () => string {
  let key = '';
  beforeEach(async () => {
    key = await authenticators.add({ transport: 'internal', hasResidentKey: true });
  });
  afterEach(async () => {
    await authenticators.remove(key).catch(() => undefined);
  });
  return () => key;
}

/**
 * A new ivy (of the passkey org) enrolls a passkey through the element's own form and is signed in; the element,
 * still on the page, is returned.
 */
export async function ivyEnrollsPasskey(mode: Mode): Promise<OktaSignin> {
  const user = await newIvy((await env()).passkeyOrgOrigin);
  await signOut(mode, { passkeys: true });
  const enrolling = await signinElement(mode, { passkeys: true });
  await signIn(enrolling, user);
  await untilStatus(enrolling, 'AwaitingAuthenticatorEnrollment');
  await choose(enrolling, /passkey|security key/i);
  await untilStatus(enrolling, 'AwaitingWebAuthnEnrollment');
  button(enrolling, /^\s*set up\s*$/i).click();
  await untilStatus(enrolling, 'Success');
  return enrolling;
}
