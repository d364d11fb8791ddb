// <okta-signin>'s frame around the views: the page's logo above every view, its footer below, and the error region
// right under each view's heading (in the DOM and on screen), tied to the fields. Against the misbehaving test
// backend's scripted flows (test/support/hostile-backend.mjs).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './okta-signin.js';
import type { OktaSignin } from './okta-signin.js';
import type { AuthenticatorPicker } from '../authenticator-picker/authenticator-picker.js';
import type { FlowStatus } from '../../core/types.js';
import { control, lightForm } from '../../../test/support/fields.js';

const newRun = () => `/hostile/flow/s${Math.random().toString(36).slice(2)}`;
// The view's controls, or the sign-in form's in the element's light DOM (the default) while it shows.
const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => control<T>(el, sel) as T;
/** A field by id in the view, or by name in the light sign-in form (whose ids are the element's own). */
const field = (el: Element, name: string) => $<HTMLInputElement>(el, `#${name}`) ?? $<HTMLInputElement>(el, `input[name=${name}]`);
const box = (node: Element) => node.getBoundingClientRect();

async function status(el: OktaSignin, s: FlowStatus) {
  await waitUntil(() => el.flowState.status === s, `status ${s}, still ${el.flowState.status}`, { timeout: 10000 });
  await el.updateComplete;
}

function fill(el: OktaSignin, values: Record<string, string>) {
  for (const [id, v] of Object.entries(values)) {
    const input = field(el, id);
    input.value = v;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

async function submit(el: OktaSignin) {
  $<HTMLButtonElement>(el, '[part~=submit]').click();
  await el.updateComplete;
}

async function pick(el: OktaSignin, index: number) {
  const picker = $<AuthenticatorPicker>(el, 'authenticator-picker');
  await picker.updateComplete;
  picker.shadowRoot!.querySelectorAll<HTMLElement>('[role=radio]')[index].click();
  await picker.updateComplete;
  picker.shadowRoot!.querySelector<HTMLButtonElement>('[part~=submit]')!.click();
}

/**
 * The error region is the heading's next sibling, shows `text`, sits below it and above the first field, which is
 * described by the error text in its own tree (the region itself, or the light sign-in form's copy of it).
 */
function expectErrorUnderHeading(el: OktaSignin, text: string, name: string) {
  const heading = $(el, '[part~=title]');
  const region = heading.nextElementSibling!;
  expect(region.getAttribute('role')).to.equal('alert');
  expect(region.id).to.equal('error');
  expect(region.getAttribute('part')).to.equal('error');
  expect(region.textContent!.trim()).to.equal(text);
  expect(el.shadowRoot!.querySelectorAll('[role=alert]').length, 'one error region').to.equal(1);
  const input = field(el, name);
  expect(box(region).top).to.be.at.least(box(heading).bottom - 1);
  expect(box(region).bottom).to.be.at.most(box(input.labels![0]).top + 1);
  const described = (input.getRootNode() as Document | ShadowRoot).getElementById(input.getAttribute('aria-describedby')!.split(' ')[0])!;
  expect(described.textContent!.trim()).to.equal(text);
  expect(input.getAttribute('aria-invalid')).to.equal('true');
}

describe('<okta-signin> logo, footer and error placement', function () {
  this.timeout(30000);

  it('shows the page\'s logo above every view and its footer below, in each view', async () => {
    const el = await fixture<OktaSignin>(html`<okta-signin backend=${newRun()}>
      <img slot="logo" width="48" height="48" alt="Example Inc." src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" />
      <nav slot="footer" aria-label="Help"><a href="/help">Need help signing in?</a></nav>
    </okta-signin>`);
    await el.updateComplete;
    const slot = (name: string) => $<HTMLSlotElement>(el, `slot[name=${name}]`);
    expect(slot('logo').assignedElements().map((e) => e.getAttribute('alt'))).to.deep.equal(['Example Inc.']);
    expect(slot('footer').assignedElements().map((e) => e.textContent?.trim())).to.deep.equal(['Need help signing in?']);
    const logo = el.querySelector('img')!;
    const footer = el.querySelector('nav')!;
    const check = () => {
      expect(box(logo).bottom, 'logo above the heading').to.be.at.most(box($(el, '[part~=title]')).top);
      // The view's controls, and the light sign-in form's while it shows.
      const form = lightForm(el);
      const controls = [...el.shadowRoot!.querySelectorAll('button, authenticator-picker'), ...(form?.assignedSlot ? form.querySelectorAll('button') : [])];
      expect(controls.length).to.be.above(0);
      expect(box(footer).top, 'footer below the last control').to.be.at.least(Math.max(...controls.map((c) => box(c).bottom)));
    };
    check();
    await expect(el).to.be.accessible();

    fill(el, { username: 'totp', password: 'correct-horse' });
    await submit(el);
    await status(el, 'AwaitingChallengeAuthenticatorSelection');
    check();
    await expect(el).to.be.accessible();
  });

  it('without logo or footer the view starts with its heading: the slots take no room', async () => {
    const el = await fixture<OktaSignin>(html`<okta-signin backend=${newRun()}></okta-signin>`);
    await el.updateComplete;
    const container = $(el, '[part~=container]');
    const padding = parseFloat(getComputedStyle(container).paddingTop);
    expect(box($(el, '[part~=title]')).top - box(container).top).to.be.closeTo(padding, 1);
  });

  it('puts a wrong password\'s error right under the sign-in heading, then a wrong code\'s under the code view\'s', async () => {
    const el = await fixture<OktaSignin>(html`<okta-signin backend=${newRun()}></okta-signin>`);
    await el.updateComplete;
    expect($(el, '[part~=title]').nextElementSibling!.getAttribute('role')).to.equal('alert');
    expect($(el, '[role=alert]').textContent).to.equal('');
    expect(box($(el, '[role=alert]')).height, 'empty: hidden').to.equal(0);

    fill(el, { username: 'push', password: 'not-the-password' });
    await submit(el);
    await waitUntil(() => $(el, '[role=alert]').textContent !== '', 'an error', { timeout: 10000 });
    await el.updateComplete;
    expectErrorUnderHeading(el, 'Unable to sign in: wrong username or password.', 'username');
    await expect(el).to.be.accessible();

    fill(el, { username: 'totp', password: 'correct-horse' });
    await submit(el);
    await status(el, 'AwaitingChallengeAuthenticatorSelection');
    expect($(el, '[role=alert]').textContent, 'cleared on the next view').to.equal('');
    await pick(el, 1);
    await status(el, 'AwaitingChallengeCode');
    fill(el, { code: '000000' });
    await submit(el);
    await waitUntil(() => $(el, '[role=alert]').textContent !== '', 'an error', { timeout: 10000 });
    await el.updateComplete;
    expectErrorUnderHeading(el, 'That code is not right. Try again.', 'code');
    await expect(el).to.be.accessible();
  });

  it('a configuration error sits under the sign-in heading too', async () => {
    const el = await fixture<OktaSignin>(html`<okta-signin></okta-signin>`);
    await el.updateComplete;
    const heading = $(el, '[part~=title]');
    expect(heading.nextElementSibling!.textContent).to.match(/misconfigured|not set up/i);
    await expect(el).to.be.accessible();
  });
});
