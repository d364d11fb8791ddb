/** Pages of test/support/pages.mjs in an iframe: open one, sign alice in through it as a user does. */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { answerPush, newUser, waitFor } from './local-org.js';
import { control } from './fields.js';

export type Signin = HTMLElement & { flowState: { status: string }; updateComplete: Promise<unknown> };
export type PageWindow = Window & typeof globalThis & { cspViolations: { directive: string; blocked: string }[]; OktaSigninElements?: Record<string, unknown> };

export interface OpenPage {
  frame: HTMLIFrameElement;
  win: PageWindow;
  el: Signin;
  events: { type: string; detail: any }[];
}

/**
 * Opens /pages/<name> (or a path starting with /) in an iframe and waits for the form; records the okta-* events
 * (success is prevented).
 */
export async function openPage(name: string, query = ''): Promise<OpenPage> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 40rem; height: 40rem';
  frame.src = `${name.startsWith('/') ? name : `/pages/${name}`}${query}`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  await loaded;
  const win = frame.contentWindow as PageWindow;
  const events: OpenPage['events'] = [];
  for (const type of ['okta-status-change', 'okta-success', 'okta-error']) {
    win.document.addEventListener(type, (e) => {
      if (type === 'okta-success') e.preventDefault();
      events.push({ type, detail: (e as CustomEvent).detail });
    });
  }
  // An app may render the element after the page's load event.
  const el = await waitFor(async () => win.document.querySelector('okta-signin') as Signin | null, 'an <okta-signin>', 20000);
  await waitFor(async () => control(el, 'input[name=username]'), 'the sign-in form', 20000);
  return { frame, win, el, events };
}

export const shadowText = (el: HTMLElement) => el.shadowRoot?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

export function untilStatus(el: Signin, status: string, timeoutMs = 20000) {
  return waitFor(async () => el.flowState.status === status, `status ${status} (at ${el.flowState.status}: ${shadowText(el)})`, timeoutMs);
}

export async function typeInto(el: Signin, selector: string, value: string) {
  const input = control<HTMLInputElement>(el, selector);
  if (!input) throw new Error(`no ${selector} in: ${shadowText(el)}`);
  input.focus();
  await sendKeys({ type: value });
}

/** A fresh user of `template` types username and password and submits with Enter. */
export async function submitPassword(el: Signin, template: 'alice' | 'bob') {
  const user = await newUser(template);
  await typeInto(el, 'input[autocomplete=username]', user.username);
  await typeInto(el, 'input[autocomplete=current-password]', user.password);
  await sendKeys({ press: 'Enter' });
  return user;
}

/** Chooses the picker's option labelled `label` (the picker is a lazy chunk) and continues. */
export async function choose(el: Signin, label: RegExp) {
  const picker = await waitFor(async () => {
    const p = el.shadowRoot!.querySelector('authenticator-picker');
    return p?.shadowRoot?.querySelector('[role=radio]') ? p : null;
  }, 'the authenticator picker');
  const option = [...picker.shadowRoot!.querySelectorAll<HTMLElement>('[role=radio]')].find((o) => label.test(o.textContent ?? ''));
  if (!option) throw new Error(`no option ${label} in the picker`);
  option.click();
  await (picker as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  [...picker.shadowRoot!.querySelectorAll('button')].find((b) => /continue/i.test(b.textContent ?? ''))!.click();
}

/** alice: password, the picker, push (the step views, another chunk), approved on the device: okta-success. */
export async function signInAlice({ el, events }: OpenPage) {
  const user = await submitPassword(el, 'alice');
  await untilStatus(el, 'AwaitingChallengeAuthenticatorSelection');
  await choose(el, /push/i);
  await untilStatus(el, 'AwaitingChallengePoll');
  const number = await waitFor(async () => el.shadowRoot!.querySelector('[part~=number]')?.textContent, 'the number challenge');
  expect(shadowText(el)).to.include(number);
  await answerPush(user.username, 'approve', Number(number));
  await waitFor(async () => events.some((e) => e.type === 'okta-success'), 'okta-success', 30000);
  expect(events.filter((e) => e.type === 'okta-error')).to.deep.equal([]);
  return user;
}
