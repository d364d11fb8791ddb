import type { Language, Messages } from './i18n.js';

// One import() per language, so that every bundler sees each module and splits it off. The script-tag build
// replaces this file with one import() of `chunks/i18n/<language>.js`, and the ES modules' build points these at
// those same files (see rollup.config.mjs).
const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<{ default: Messages }>> = {
  ar: () => import('./i18n/ar.js'),
  cs: () => import('./i18n/cs.js'),
  da: () => import('./i18n/da.js'),
  de: () => import('./i18n/de.js'),
  el: () => import('./i18n/el.js'),
  es: () => import('./i18n/es.js'),
  eu: () => import('./i18n/eu.js'),
  fi: () => import('./i18n/fi.js'),
  fr: () => import('./i18n/fr.js'),
  he: () => import('./i18n/he.js'),
  ht: () => import('./i18n/ht.js'),
  hu: () => import('./i18n/hu.js'),
  id: () => import('./i18n/id.js'),
  it: () => import('./i18n/it.js'),
  ja: () => import('./i18n/ja.js'),
  ko: () => import('./i18n/ko.js'),
  ms: () => import('./i18n/ms.js'),
  nb: () => import('./i18n/nb.js'),
  'nl-NL': () => import('./i18n/nl-NL.js'),
  pl: () => import('./i18n/pl.js'),
  'pt-BR': () => import('./i18n/pt-BR.js'),
  ro: () => import('./i18n/ro.js'),
  ru: () => import('./i18n/ru.js'),
  sv: () => import('./i18n/sv.js'),
  th: () => import('./i18n/th.js'),
  tr: () => import('./i18n/tr.js'),
  uk: () => import('./i18n/uk.js'),
  vi: () => import('./i18n/vi.js'),
  'zh-CN': () => import('./i18n/zh-CN.js'),
  'zh-TW': () => import('./i18n/zh-TW.js'),
};

/** A language's module. */
export const loadMessages = (lang: Exclude<Language, 'en'>) => LOADERS[lang]();
