// The framework examples (demo/frameworks/react: React 19 with okta-signin-elements-react; demo/frameworks/vue:
// Vue 3 with the <okta-signin> tag), as `npm run test:examples` built them with Vite, each importing the package by
// its name: served under /examples/<name>/, alice signs in through each against the reference backend, her push
// approved through the device API, and the app shows its own signed-in page.
import { expect } from '@open-wc/testing';
import { waitFor } from '../support/local-org.js';
import { openPage, signInAlice } from '../support/page-frames.js';

describe('the framework examples, built with Vite', function () {
  this.timeout(90000);
  let frame: HTMLIFrameElement | undefined;
  afterEach(async () => {
    frame?.remove();
    await fetch('/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  });

  for (const [name, heading] of [
    ['react', 'Example app (React)'],
    ['vue', 'Example app (Vue)'],
  ] as const) {
    it(`${name}: renders <okta-signin>, follows its status events, signs alice in`, async () => {
      const built = await fetch(`/examples/${name}/`);
      expect(built.status, await built.clone().text()).to.equal(200);
      const page = await openPage(`/examples/${name}/`);
      frame = page.frame;
      const doc = page.win.document;
      expect(doc.querySelector('h1')?.textContent).to.equal(heading);
      expect(doc.querySelector('[role=status]')?.textContent).to.equal('Sign-in step: Idle');

      await signInAlice(page);
      // The app's own listener prevented the navigation and shows its page; its status line followed every step.
      const welcome = await waitFor(async () => doc.querySelector('#signed-in'), 'the app\'s signed-in page');
      expect(welcome.textContent).to.equal('Welcome back!');
      expect(doc.querySelector('okta-signin')).to.equal(null);
      expect(doc.querySelector('[role=status]')?.textContent).to.equal('Sign-in step: Success');
      expect(page.events.find((e) => e.type === 'okta-success')).to.exist;
    });
  }
});
