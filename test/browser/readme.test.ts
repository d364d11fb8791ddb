// Every html example in README.md runs as written (scripts/readme-snippets.mjs; blocks marked `<!-- fragment -->`
// are left out): test/support/pages.mjs serves each as a page, its script tags pointed at this server's script-tag
// file, and the page must raise no error while every element it holds gets defined and renders.
import { expect } from '@open-wc/testing';
import { waitFor } from '../support/local-org.js';

const TAGS = ['okta-signin', 'authenticator-picker', 'okta-verify-poller'];
type PageWindow = Window & typeof globalThis & { pageErrors: string[] };

describe('README.md html examples', function () {
  this.timeout(240000);
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('are found', async () => {
    const lines = (await (await fetch('/pages/readme.json')).json()) as number[];
    expect(lines.length).to.be.at.least(8);
  });

  // Mocha needs the tests before the run starts: one test opens every example in turn.
  it('each runs without an error and renders its elements', async () => {
    const lines = (await (await fetch('/pages/readme.json')).json()) as number[];
    const failures: string[] = [];
    for (const line of lines) {
      frame = document.createElement('iframe');
      frame.style.cssText = 'width: 40rem; height: 40rem';
      const loaded = new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
      frame.src = `/pages/readme/${line}`;
      document.body.append(frame);
      await loaded;
      const win = frame.contentWindow as PageWindow;
      const elements = TAGS.flatMap((tag) => [...win.document.querySelectorAll(tag)]);
      try {
        await waitFor(async () => elements.every((el) => el.shadowRoot?.childElementCount), `README.md:${line}: its elements rendered`, 10000);
        // Let what the example starts (requests, the language, lazy chunks) settle before reading the errors.
        await new Promise((r) => setTimeout(r, 500));
      } catch (e) {
        failures.push(String((e as Error).message));
      }
      if (win.pageErrors.length) failures.push(`README.md:${line}: ${win.pageErrors.join('; ')}`);
      if (!elements.length) failures.push(`README.md:${line}: no element of this package`);
      frame.remove();
    }
    expect(failures).to.deep.equal([]);
  });
});
