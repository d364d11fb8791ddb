// Importing the built package under the `browser` condition where there is no DOM (edge runtimes, workers): Lit's
// browser build loads, nothing throws, no element is registered and no DOM global is left behind.
// Node with `--conditions=browser` resolves exactly what a browser bundler or an edge runtime would.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Imports `specifier` in a fresh Node under the browser condition and reports what it found. */
function importWithoutDom(specifier) {
  const script = `
    const names = Object.keys(await import(${JSON.stringify(specifier)}));
    console.log(JSON.stringify({
      names,
      htmlElement: typeof HTMLElement,
      customElements: typeof customElements,
      document: typeof document,
      lit: import.meta.resolve('lit'),
    }));`;
  const run = spawnSync(process.execPath, ['--conditions=browser', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, `importing ${specifier} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1));
}

for (const [specifier, exported] of [
  ['okta-signin-elements', ['OktaSignin', 'AuthenticatorPicker', 'OktaVerifyPoller', 'SignInFlow', 'strings']],
  ['okta-signin-elements/okta-signin', ['OktaSignin']],
  ['okta-signin-elements/authenticator-picker', ['AuthenticatorPicker']],
  ['okta-signin-elements/okta-verify-poller', ['OktaVerifyPoller']],
  ['okta-signin-elements-react', ['OktaSignin', 'AuthenticatorPicker', 'OktaVerifyPoller']],
  ['okta-signin-elements/core', ['SignInFlow']],
  ['./dist/cdn/okta-signin-elements.min.js', []],
]) {
  test(`${specifier} imports under the browser condition without a DOM`, () => {
    const found = importWithoutDom(specifier);
    for (const name of exported) assert.ok(found.names.includes(name), `exports ${name}`);
    assert.equal(found.htmlElement, 'undefined', 'no HTMLElement stand-in left on the global');
    assert.equal(found.customElements, 'undefined', 'no element registry made up');
    assert.equal(found.document, 'undefined');
  });
}

test('the browser condition really picks Lit\'s browser build (the one that extends HTMLElement)', () => {
  const { lit } = importWithoutDom('okta-signin-elements/core');
  assert.ok(!lit.includes('/node/'), lit);
});
