/** Driving `<okta-signin>` through the password and recovery views as a user does: keys, clicks, what shows. */
import { sendKeys } from '@web/test-runner-commands';
import type { OktaSignin } from '../../src/elements/okta-signin/okta-signin.js';
import type { FlowStatus } from '../../src/core/types.js';
import { env, waitFor } from './local-org.js';
import { control } from './fields.js';

export const root = (el: OktaSignin) => el.shadowRoot!;
export const text = (el: OktaSignin) => root(el).textContent?.replace(/\s+/g, ' ').trim() ?? '';
export const errorShown = (el: OktaSignin) => root(el).querySelector('[role=alert]')?.textContent?.trim() ?? '';
export const title = (el: OktaSignin) => root(el).querySelector('[part~=title]')?.textContent?.trim();
/** A field of the view, or of the light sign-in form while it shows. */
export const field = (el: OktaSignin, selector: string) => control<HTMLInputElement>(el, selector);

/** A fresh user made from a seeded one (`hank`: password then Email; `carol`: expired password). */
export async function newUser(template: string): Promise<{ username: string; password: string }> {
  const { orgOrigin } = await env();
  const res = await fetch(`${orgOrigin}/device/api/users`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ template }),
  });
  if (!res.ok) throw new Error(`users answered ${res.status}`);
  return res.json();
}

/** Every message the org sent to `to`. */
export async function messagesTo(to: string): Promise<{ channel: string; to: string; code?: string; link?: string }[]> {
  const { orgOrigin } = await env();
  const { messages } = await (await fetch(`${orgOrigin}/device/api/outbox`)).json();
  return messages.filter((m: { to: string }) => m.to === to);
}

export function untilStatus(el: OktaSignin, status: FlowStatus, timeoutMs = 20000): Promise<void> {
  return waitFor(async () => el.flowState.status === status, `status ${status} (at ${el.flowState.status}: ${errorShown(el)})`, timeoutMs).then(
    () => el.updateComplete.then(() => undefined),
  );
}

/** Waits until the view of the current status shows (its view may load after the state). */
export const untilShown = (el: OktaSignin, selector: string, timeoutMs = 20000) =>
  waitFor(async () => control(el, selector), `${selector} (at ${el.flowState.status}: ${text(el)})`, timeoutMs);

/** Types into a field the way a user does: focus, then keystrokes. */
export async function typeInto(el: OktaSignin, selector: string, value: string) {
  const input = await untilShown(el, selector);
  (input as HTMLInputElement).focus();
  await sendKeys({ type: value });
}

export function button(el: OktaSignin, label: RegExp): HTMLButtonElement {
  const found = [...root(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => label.test(b.textContent ?? ''));
  if (!found) throw new Error(`no button ${label} in: ${text(el)}`);
  return found;
}

export async function signIn(el: OktaSignin, user: { username: string; password: string }) {
  await typeInto(el, 'input[autocomplete=username]', user.username);
  await typeInto(el, 'input[autocomplete=current-password]', user.password);
  await sendKeys({ press: 'Enter' });
}

/** The okta-* events the element fires, with their details. */
export function recordEvents(el: HTMLElement) {
  const events: { type: string; detail: Record<string, unknown> }[] = [];
  const types = ['okta-status-change', 'okta-error', 'okta-success'];
  const listener = (e: Event) => {
    if (e.type === 'okta-success') e.preventDefault();
    events.push({ type: e.type, detail: (e as CustomEvent).detail });
  };
  for (const type of types) el.addEventListener(type, listener);
  return { events, of: (type: string) => events.filter((e) => e.type === type).map((e) => e.detail) };
}

/** The names the picker offers. */
export async function pickerNames(el: OktaSignin): Promise<string[]> {
  const picker = (await untilShown(el, 'authenticator-picker')) as HTMLElement & { updateComplete: Promise<unknown> };
  await picker.updateComplete;
  return [...picker.shadowRoot!.querySelectorAll<HTMLElement>('[role=radio]')].map((o) => o.textContent?.replace(/\s+/g, ' ').trim() ?? '');
}

/** Picks the picker's option named `label`, then "Continue". */
export async function choose(el: OktaSignin, label: RegExp) {
  const picker = (await untilShown(el, 'authenticator-picker')) as HTMLElement & { updateComplete: Promise<unknown> };
  await picker.updateComplete;
  const option = [...picker.shadowRoot!.querySelectorAll<HTMLElement>('[role=radio]')].find((o) => label.test(o.textContent ?? ''));
  if (!option) throw new Error(`no option ${label}`);
  option.click();
  await picker.updateComplete;
  picker.shadowRoot!.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
}

/** The code of the newest email to `to` sent after `since` (ISO time), as the user's inbox shows it. */
export async function emailedCode(to: string, since: string): Promise<string> {
  const message = await waitFor(
    async () => (await messagesTo(to)).filter((m) => m.channel === 'email' && (m as { sentAt?: string }).sentAt! >= since).at(-1),
    `an email to ${to}`,
  );
  return message.code!;
}
