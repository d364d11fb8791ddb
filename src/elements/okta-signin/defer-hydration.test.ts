// `defer-hydration`: a server-rendered <okta-signin> waits for the framework to set its properties before it starts,
// and a page form made to look like the element's (the React bindings' SignInForm) keeps the page's markup.
import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import './okta-signin.js';
import type { OktaSignin } from './okta-signin.js';
import { stubTransport } from '../../../test/support/stub-transport.js';

const pageForm = html`<form slot="credentials" method="dialog" data-okta-signin-form>
  <label for="u">Username</label><input id="u" name="username" autocomplete="username" required />
  <label for="p">Password</label><input id="p" name="password" type="password" autocomplete="current-password" required />
  <button type="submit">Sign in</button>
</form>`;

describe('<okta-signin defer-hydration>', () => {
  it('waits while the attribute is there: no error for its missing configuration, no form, nothing rendered', async () => {
    const errors: string[] = [];
    const box = await fixture<HTMLElement>(html`<div @okta-error=${(e: CustomEvent) => errors.push(e.detail.code)}>
      <okta-signin defer-hydration></okta-signin>
    </div>`);
    const el = box.querySelector<OktaSignin>('okta-signin')!;
    await nextFrame();
    await nextFrame();
    expect(errors).to.deep.equal([]);
    expect(el.children, 'no light-DOM form added to children the framework owns').to.have.length(0);
    expect(el.shadowRoot?.childElementCount ?? 0).to.equal(0);
    expect(el.signInFlow).to.equal(undefined);

    // The framework sets the properties, then removes the attribute: the element starts with them.
    el.transport = stubTransport();
    el.removeAttribute('defer-hydration');
    await waitUntil(() => el.querySelector('form[data-okta-signin-fields]'), 'the element starts and renders its form');
    expect(el.shadowRoot!.querySelector('[part~=title]')!.textContent!.trim()).to.equal('Sign in');
    expect(errors, 'no configuration error at any point').to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('reports a configuration still missing once the attribute is gone', async () => {
    const errors: string[] = [];
    const box = await fixture<HTMLElement>(html`<div @okta-error=${(e: CustomEvent) => errors.push(e.detail.code)}>
      <okta-signin defer-hydration></okta-signin>
    </div>`);
    box.querySelector('okta-signin')!.removeAttribute('defer-hydration');
    await waitUntil(() => errors.length > 0);
    expect(errors).to.deep.equal(['config']);
  });

  it('an element that left the page while waiting starts nothing when the attribute goes', async () => {
    // In a box: fixture() would wait for an update that the attribute holds back.
    const box = await fixture<HTMLElement>(html`<div><okta-signin defer-hydration .transport=${stubTransport()}></okta-signin></div>`);
    const el = box.querySelector<OktaSignin>('okta-signin')!;
    el.remove();
    el.removeAttribute('defer-hydration');
    await nextFrame();
    expect(el.signInFlow).to.equal(undefined);
    expect(el.children).to.have.length(0);
  });
});

describe("a page form made to look like the element's (data-okta-signin-form)", () => {
  it('is used as it is: no second form, the page markup kept, the fields styled as the own form', async () => {
    const seen: unknown[] = [];
    const transport = stubTransport({
      login: async (input) => {
        seen.push(input);
        return { status: 'Success' };
      },
    });
    const box = await fixture<HTMLElement>(html`<div><okta-signin defer-hydration .transport=${transport}>${pageForm}</okta-signin></div>`);
    const el = box.querySelector<OktaSignin>('okta-signin')!;
    const form = el.querySelector('form')!;
    const markup = form.outerHTML;
    el.removeAttribute('defer-hydration');
    await el.updateComplete;
    await nextFrame();
    expect(el.querySelectorAll('form')).to.have.length(1);
    expect(form.outerHTML, 'the element added nothing to the page form').to.equal(markup);
    expect(getComputedStyle(form).display, "the element's field styles apply").to.equal('flex');
    await expect(el).to.be.accessible();

    (form.querySelector('[name=username]') as HTMLInputElement).value = 'dave';
    (form.querySelector('[name=password]') as HTMLInputElement).value = 'Passw0rd!';
    form.querySelector('button')!.click();
    await waitUntil(() => seen.length === 1);
    expect(seen[0]).to.deep.equal({ username: 'dave', password: 'Passw0rd!' });
  });
});
