// okta-signin-elements-react rendered on the server (React DOM's renderToString, as Next.js does for a page): a client
// module for React Server Components, <okta-signin> marked to wait for hydration, and the sign-in form already in
// the HTML, usable before any script has run.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { loadLanguage } from 'okta-signin-elements';
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
  assert.match(username, /autoComplete="username webauthn"/i, 'passkeys in its autofill, where the sign-in offers them');
  assert.match(password, /name="password"/);
  assert.match(password, /type="password"/);
  assert.match(password, /autoComplete="current-password"/i);
  assert.doesNotMatch(password, /value=/);
  const ids = inputs.map((input) => /id="([^"]+)"/.exec(input)[1]);
  for (const id of ids) assert.ok(form[2].includes(`<label for="${id}">`), `a label for ${id}`);
  // The show-password toggle, as the element's own form has it: a plain button, not pressed, controlling the field.
  const toggle = /<button ([^>]*)>([^<]*)<\/button>/.exec(form[2]);
  assert.match(toggle[1], /type="button"/);
  assert.match(toggle[1], new RegExp(`aria-controls="${ids[1]}"`));
  assert.match(toggle[1], /aria-pressed="false"/);
  assert.equal(toggle[2], 'Show password');
  // Both fields described by the form's own copy of the error the element shows: empty until there is one.
  const described = inputs.map((input) => /aria-describedby="([^"]+)"/.exec(input)?.[1]);
  assert.equal(described[0], described[1]);
  assert.ok(form[2].includes(`<p id="${described[0]}" class="sr"></p>`), form[2]);
  assert.match(form[2], /<button type="submit">Sign in<\/button>/);
  assert.doesNotMatch(markup, /onOktaSuccess|function/, 'no callback in the HTML');
});

test("SignInForm's text in the element's language: a table the server loaded, or a part of one", async () => {
  const de = await loadLanguage('de');
  const markup = renderToString(h(SignInForm, { strings: de }));
  assert.match(markup, />Benutzername<\/label>/);
  assert.match(markup, />Passwort<\/label>/);
  assert.match(markup, /aria-pressed="false">Passwort anzeigen<\/button>/);
  assert.match(markup, /<button type="submit">Anmelden<\/button>/);
  const part = renderToString(h(SignInForm, { strings: { username: 'Email', recovery: { show: 'Show' } } }));
  assert.match(part, />Email<\/label>/);
  assert.match(part, />Password<\/label>/, 'the rest stays the element\'s English');
  assert.match(part, />Show<\/button>/);
  assert.doesNotMatch(markup + part, /\slang=/, 'the language of the page around it until the element is there');
});

test('SignInForm renders the same HTML every time: what hydration compares holds no state of the browser', () => {
  const render = () => renderToString(h(OktaSignin, { backend: '/api/auth' }, h(SignInForm, { defaultUsername: 'dave@example.com' })));
  assert.equal(render(), render());
});
