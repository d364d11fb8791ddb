import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { defineOnUse } from './define-on-use.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let n = 0;

/** A tag of its own for each test, and a loader that defines it and counts its calls. */
function lazyTag() {
  const tag = `lazy-thing-${++n}`;
  const calls: number[] = [];
  const load = async () => {
    calls.push(Date.now());
    customElements.define(tag, class extends HTMLElement {});
  };
  return { tag, calls, load };
}

describe('defineOnUse', () => {
  it('loads nothing while the page does not use the tag, then loads once when it appears', async () => {
    const { tag, calls, load } = lazyTag();
    defineOnUse(tag, load);
    await sleep(30);
    expect(calls).to.have.length(0);
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    holder.innerHTML = `<p><${tag}></${tag}></p>`;
    await waitUntil(() => customElements.get(tag), 'defined');
    holder.insertAdjacentHTML('beforeend', `<${tag}></${tag}>`);
    await sleep(30);
    expect(calls).to.have.length(1);
    expect(holder.querySelector(tag)!.matches(':defined')).to.equal(true);
  });

  it('loads at once when the page already holds the tag', async () => {
    const { tag, calls, load } = lazyTag();
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    holder.innerHTML = `<${tag}></${tag}>`;
    defineOnUse(tag, load);
    await waitUntil(() => customElements.get(tag), 'defined');
    expect(calls).to.have.length(1);
  });

  it('tries again on the next use after a failed download', async () => {
    const { tag, calls, load } = lazyTag();
    let fail = true;
    defineOnUse(tag, () => (fail ? (calls.push(0), Promise.reject(new Error('offline'))) : load()));
    const holder = await fixture<HTMLDivElement>(html`<div></div>`);
    holder.innerHTML = `<${tag}></${tag}>`;
    await waitUntil(() => calls.length === 1, 'first try');
    holder.append(document.createElement('p'));
    await sleep(30);
    expect(calls, 'another change to the page is no new use of the tag').to.have.length(1);
    fail = false;
    holder.insertAdjacentHTML('beforeend', `<${tag}></${tag}>`);
    await waitUntil(() => customElements.get(tag), 'defined on the second use');
    expect(calls).to.have.length(2);
  });
});
