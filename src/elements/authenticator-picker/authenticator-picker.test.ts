import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Authenticator } from '../../core/types.js';
import './authenticator-picker.js';
import type { AuthenticatorPicker } from './authenticator-picker.js';

const AUTHS: Authenticator[] = [
  { id: 'ov', key: 'okta_verify', name: 'Okta Verify: get a push notification', methodType: 'push' },
  { id: 'ov', key: 'okta_verify', name: 'Okta Verify: enter a code', methodType: 'totp' },
  { id: 'em', key: 'okta_email', name: 'Email' },
];

const radios = (el: AuthenticatorPicker) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role=radio]')];
const checked = (el: AuthenticatorPicker) => radios(el).map((r) => r.getAttribute('aria-checked'));
const button = (el: AuthenticatorPicker, part: string) => el.shadowRoot!.querySelector<HTMLButtonElement>(`[part~=${part}]`);

async function picker(extra = {}) {
  const el = await fixture<AuthenticatorPicker>(html`<authenticator-picker .authenticators=${AUTHS}></authenticator-picker>`);
  Object.assign(el, extra);
  await el.updateComplete;
  return el;
}

describe('<authenticator-picker>', () => {
  it('renders a labelled radio group with one radio per authenticator, the first chosen', async () => {
    const el = await picker();
    const group = el.shadowRoot!.querySelector('[role=radiogroup]')!;
    const label = el.shadowRoot!.getElementById(group.getAttribute('aria-labelledby')!)!;
    expect(label.textContent).to.equal('Choose a security method');
    expect(radios(el).map((r) => r.textContent!.trim())).to.deep.equal(AUTHS.map((a) => a.name));
    expect(checked(el)).to.deep.equal(['true', 'false', 'false']);
    expect(radios(el).map((r) => r.tabIndex)).to.deep.equal([0, -1, -1]);
    expect(button(el, 'skip')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('in enroll mode with can-skip, offers skip and fires okta-skip', async () => {
    const el = await fixture<AuthenticatorPicker>(
      html`<authenticator-picker mode="enroll" can-skip .authenticators=${AUTHS}></authenticator-picker>`,
    );
    expect(el.shadowRoot!.querySelector('[part=label]')!.textContent).to.equal('Choose a security method to set up');
    await expect(el).to.be.accessible();
    setTimeout(() => button(el, 'skip')!.click());
    const ev = await oneEvent(document, 'okta-skip');
    expect(ev.composed && ev.bubbles).to.equal(true);
    expect(ev.detail).to.deep.equal({});
  });

  it('fires okta-authenticator-select with the clicked authenticator', async () => {
    const el = await picker();
    radios(el)[1].click();
    await el.updateComplete;
    expect(checked(el)).to.deep.equal(['false', 'true', 'false']);
    setTimeout(() => button(el, 'submit')!.click());
    const ev = await oneEvent(document, 'okta-authenticator-select');
    expect(ev.bubbles && ev.composed).to.equal(true);
    expect(ev.detail).to.deep.equal({ authenticator: AUTHS[1] });
  });

  it('works with the keyboard alone: Tab, arrows (wrapping), Home/End, Space, Enter', async () => {
    const before = document.createElement('button');
    before.textContent = 'before';
    document.body.prepend(before);
    const el = await picker();
    before.focus();
    await sendKeys({ press: 'Tab' });
    const active = () => el.shadowRoot!.activeElement as HTMLElement;
    expect(active() === radios(el)[0], 'focus').to.equal(true);
    await sendKeys({ press: 'ArrowDown' });
    expect(active() === radios(el)[1], 'focus').to.equal(true);
    expect(checked(el)).to.deep.equal(['false', 'true', 'false']);
    expect(radios(el).map((r) => r.tabIndex)).to.deep.equal([-1, 0, -1]);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    expect(active() === radios(el)[2], 'focus').to.equal(true);
    await sendKeys({ press: 'Home' });
    expect(active() === radios(el)[0], 'focus').to.equal(true);
    await sendKeys({ press: 'End' });
    await sendKeys({ press: 'ArrowRight' });
    expect(checked(el)).to.deep.equal(['true', 'false', 'false']);
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'Space' });
    expect(checked(el)).to.deep.equal(['false', 'false', 'true']);
    // Tab leaves the group for the submit button; Enter there submits.
    await sendKeys({ press: 'Tab' });
    expect(active() === button(el, 'submit'), 'focus').to.equal(true);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(active() === radios(el)[2], 'focus').to.equal(true);
    const picked = oneEvent(el, 'okta-authenticator-select');
    await sendKeys({ press: 'Enter' });
    expect((await picked).detail.authenticator).to.deep.equal(AUTHS[2]);
    before.remove();
  });

  it('does nothing while disabled', async () => {
    const el = await picker({ disabled: true });
    let fired = 0;
    el.addEventListener('okta-authenticator-select', () => fired++);
    radios(el)[2].click();
    await el.updateComplete;
    expect(checked(el)[2]).to.equal('false');
    expect(button(el, 'submit')!.disabled).to.equal(true);
    el.shadowRoot!.querySelector('form')!.requestSubmit();
    expect(fired).to.equal(0);
  });

  it('renders hostile names as text and creates no element from them', async () => {
    const names = ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=1</script>'];
    const el = await fixture<AuthenticatorPicker>(
      html`<authenticator-picker .authenticators=${names.map((name, i) => ({ id: `h${i}`, key: 'x', name }))}></authenticator-picker>`,
    );
    expect(radios(el).map((r) => r.textContent!.trim())).to.deep.equal(names);
    expect(el.shadowRoot!.querySelector('img, script')).to.equal(null);
    await new Promise((r) => setTimeout(r, 50));
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('resets the choice when the list changes', async () => {
    const el = await picker();
    radios(el)[2].click();
    el.authenticators = AUTHS.slice(0, 2);
    await el.updateComplete;
    expect(checked(el)).to.deep.equal(['true', 'false']);
  });
});
