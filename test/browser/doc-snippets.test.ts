// Every html example of the documentation (README.md and docs/*.md) runs as written (scripts/doc-snippets.mjs; blocks
// marked `<!-- fragment -->` are left out): test/support/pages.mjs serves each as a page, its script tags pointed at
// this server's script-tag file, and the page must raise no error while every element it holds gets defined and renders.
import { expect } from '@open-wc/testing';
import { waitFor } from '../support/local-org.js';

const TAGS = ['okta-signin', 'authenticator-picker', 'okta-verify-poller'];
type PageWindow = Window & typeof globalThis & { pageErrors: string[] };
type Snippet = { file: string; line: number };

const snippets = async () => (await (await fetch('/pages/doc-snippets.json')).json()) as Snippet[];

describe('html examples of README.md and docs/', function () {
  this.timeout(240000);
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('are found, in the README and in docs/', async () => {
    const found = await snippets();
    expect(found.length).to.be.at.least(8);
    expect(found.some((s) => s.file === 'README.md')).to.equal(true);
    expect(found.some((s) => s.file.startsWith('docs/'))).to.equal(true);
  });

  // Mocha needs the tests before the run starts: one test opens every example in turn.
  it('each runs without an error and renders its elements', async () => {
    const failures: string[] = [];
    for (const { file, line } of await snippets()) {
      const at = `${file}:${line}`;
      frame = document.createElement('iframe');
      frame.style.cssText = 'width: 40rem; height: 40rem';
      const loaded = new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
      frame.src = `/pages/doc-snippet?${new URLSearchParams({ file, line: String(line) })}`;
      document.body.append(frame);
      await loaded;
      const win = frame.contentWindow as PageWindow;
      const elements = TAGS.flatMap((tag) => [...win.document.querySelectorAll(tag)]);
      try {
        await waitFor(async () => elements.every((el) => el.shadowRoot?.childElementCount), `${at}: its elements rendered`, 10000);
        // Let what the example starts (requests, the language, lazy chunks) settle before reading the errors.
        await new Promise((r) => setTimeout(r, 500));
      } catch (e) {
        failures.push(String((e as Error).message));
      }
      if (!win.pageErrors) failures.push(`${at}: not served`);
      else if (win.pageErrors.length) failures.push(`${at}: ${win.pageErrors.join('; ')}`);
      if (!elements.length) failures.push(`${at}: no element of this package`);
      frame.remove();
    }
    expect(failures).to.deep.equal([]);
  });
});
