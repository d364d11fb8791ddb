// Every language module has every sentence of English's table, keeps its placeholders and the names it quotes,
// and is not English left untranslated.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';

const dist = new URL('../../dist/elements/shared/', import.meta.url);
const { strings } = await import(new URL('messages.js', dist));
// The later steps' sentences join English's table when their module loads.
await import(new URL('messages-steps.js', dist));
const { LANGUAGES, matchLanguage } = await import(new URL('i18n.js', dist));
// One file per language, beside the script-tag file, which the ES modules load too.
const languages = new URL('../../cdn/chunks/i18n/', dist);
const files = readdirSync(languages).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3)).sort();

// English's sentences with placeholders are functions; these are their placeholders, in order.
const FUNCTION_PLACEHOLDERS = { linkSent: ['to'], numberSay: ['n'] };
// Words that are the same in English and the language, and rightly so.
const SAME = {
  it: ['password', 'authenticators.okta_password'],
  da: ['sendLink'],
  el: ['authenticators.okta_email'],
  id: ['authenticators.okta_email'],
  vi: ['authenticators.okta_email'],
};
// Product names, and the pattern that joins an authenticator's name and method, are the same in most languages.
const SAME_EVERYWHERE = ['authenticators.okta_verify', 'authenticators.google_otp', 'authenticators.withMethod'];

/** Every sentence of a table by its path: `signIn`, `errors.network`, ... */
const flat = (table, prefix = '') =>
  Object.entries(table).flatMap(([k, v]) => (typeof v === 'object' ? flat(v, `${prefix}${k}.`) : [[`${prefix}${k}`, v]]));
const placeholders = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const quoted = (s) => [...s.matchAll(/"([^"]+)"/g)].map((m) => m[1]).sort();
const english = new Map(flat(strings));

test('a module for every language but English, and nothing else', () => {
  assert.equal(LANGUAGES.length, 31);
  assert.deepEqual(files, LANGUAGES.filter((l) => l !== 'en').sort());
});

for (const lang of files) {
  test(`${lang}: every key of English, every placeholder, every quoted name, no English left`, async () => {
    const table = new Map(flat((await import(new URL(`${lang}.js`, languages))).default));
    assert.deepEqual([...table.keys()].sort(), [...english.keys()].sort(), 'the same keys as English');
    for (const [key, en] of english) {
      const text = table.get(key);
      assert.equal(typeof text, 'string', key);
      assert.ok(text.trim(), `${key} is empty`);
      const want = typeof en === 'function' ? FUNCTION_PLACEHOLDERS[key].slice().sort() : placeholders(en);
      assert.deepEqual(placeholders(text), want, `${key}: placeholders`);
      if (typeof en === 'string') {
        assert.deepEqual(quoted(text), quoted(en), `${key}: the quoted attribute names`);
        if (!SAME[lang]?.includes(key) && !SAME_EVERYWHERE.includes(key)) assert.notEqual(text, en, `${key} is still English`);
      }
    }
  });
}

test('browser language tags map to the supported languages', () => {
  const cases = {
    de: 'de', 'de-AT': 'de', 'pt': 'pt-BR', 'pt-PT': 'pt-BR', 'pt-BR': 'pt-BR', 'zh': 'zh-CN', 'zh-Hans': 'zh-CN',
    'zh-CN': 'zh-CN', 'zh-Hant': 'zh-TW', 'zh-TW': 'zh-TW', 'zh-HK': 'zh-TW', nb: 'nb', no: 'nb', 'nb-NO': 'nb',
    nl: 'nl-NL', 'nl-BE': 'nl-NL', he: 'he', iw: 'he', 'en-GB': 'en', 'ar-EG': 'ar', xx: undefined,
  };
  for (const [tag, lang] of Object.entries(cases)) assert.equal(matchLanguage(tag), lang, tag);
});
