// okta-signin-elements-react rendered on the server (React DOM's renderToString, as Next.js does for a page): a client
// module for React Server Components, <okta-signin> marked to wait for hydration, and the sign-in form already in
// the HTML, usable before any script has run.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { OktaSignin, SignInForm } from 'okta-signin-elements-react';

test("the module is a client module: 'use client' comes first", async () => {
  const code = await readFile(new URL('../../packages/react/dist/react/index.js', import.meta.url), 'utf8');
  assert.match(code, /^'use client';\n/);
});

test('OktaSignin with SignInForm: the element waits for hydration, the form is in the HTML', () => {
  const markup = renderToString(h(OktaSignin, { backend: '/api/auth', onOktaSuccess: () => {} }, h(SignInForm, { defaultUsername: 'dave@example.com' })));
  assert.match(markup, /^<okta-signin defer-hydration="">/);
  const form = /<form ([^>]*)>(.*)<\/form>/.exec(markup);
  assert.ok(form, markup);
  assert.match(form[1], /slot="credentials"/);
  assert.match(form[1], /method="dialog"/, 'a submit before the script runs goes nowhere (no password in a URL)');
  assert.match(form[1], /data-okta-signin-form=""/);
  const inputs = [...form[2].matchAll(/<input ([^>]*)\/>/g)].map((m) => m[1]);
  assert.equal(inputs.length, 2);
  const [username, password] = inputs;
  assert.match(username, /name="username"/);
  assert.match(username, /value="dave@example.com"/);
  assert.match(password, /name="password"/);
  assert.match(password, /type="password"/);
  assert.doesNotMatch(password, /value=/);
  for (const input of inputs) {
    const id = /id="([^"]+)"/.exec(input)[1];
    assert.ok(form[2].includes(`<label for="${id}">`), `a label for ${id}`);
  }
  assert.match(form[2], /<button type="submit">Sign in<\/button>/);
  assert.doesNotMatch(markup, /onOktaSuccess|function/, 'no callback in the HTML');
});

test("SignInForm's labels can be the page's language", () => {
  const markup = renderToString(h(SignInForm, { usernameLabel: 'Benutzername', passwordLabel: 'Passwort', submitLabel: 'Anmelden' }));
  assert.match(markup, />Benutzername<\/label>/);
  assert.match(markup, />Passwort<\/label>/);
  assert.match(markup, /<button type="submit">Anmelden<\/button>/);
});
