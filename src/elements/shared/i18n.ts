import type { ReactiveController, ReactiveElement } from 'lit';
import { strings, type Strings } from './messages.js';
import { loadMessages } from './i18n-load.js';

/** A table as a language module holds it: every sentence a string, placeholders as `{name}`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any function of any placeholders, whatever their types.
export type Messages = { [K in keyof Strings]: Strings[K] extends string | ((...a: any[]) => string) ? string : Strings[K] };

/** Part of a table, merged over an element's language on that element only (its `strings` property). */
export type StringsOverride = { [K in keyof Strings]?: Strings[K] extends object & { call?: never } ? Partial<Strings[K]> : Strings[K] };

/** The languages the elements speak: English, built in; every other one is a module loaded when first needed. */
export type Language =
  | 'en' | 'ar' | 'cs' | 'da' | 'de' | 'el' | 'es' | 'eu' | 'fi' | 'fr' | 'he' | 'ht' | 'hu' | 'id' | 'it' | 'ja'
  | 'ko' | 'ms' | 'nb' | 'nl-NL' | 'pl' | 'pt-BR' | 'ro' | 'ru' | 'sv' | 'th' | 'tr' | 'uk' | 'vi' | 'zh-CN' | 'zh-TW';
export const LANGUAGES = 'en ar cs da de el es eu fi fr he ht hu id it ja ko ms nb nl-NL pl pt-BR ro ru sv th tr uk vi zh-CN zh-TW'.split(
  ' ',
) as readonly Language[];

/** The supported language for a BCP 47 tag (`pt` → `pt-BR`, `zh-Hant` → `zh-TW`, `no` → `nb`, `iw` → `he`), if any. */
export function matchLanguage(tag: string): Language | undefined {
  const t = tag.toLowerCase();
  const base = t.split(/[-_]/)[0];
  const l =
    base == 'zh' ? (/-(hant|tw|hk|mo)\b/.test(t) ? 'zh-TW' : 'zh-CN')
    : base == 'pt' ? 'pt-BR'
    : base == 'nl' ? 'nl-NL'
    : base == 'no' || base == 'nn' ? 'nb'
    : base == 'iw' ? 'he'
    : base;
  return LANGUAGES.includes(l as Language) ? (l as Language) : undefined;
}

/**
 * An element's language: its own `lang`, else the nearest ancestor's (through shadow roots to their hosts), else
 * the first of the browser's languages that is supported, else English.
 */
export function languageOf(el: Element): Language {
  for (let n: Element | undefined = el; n; n = (n.getRootNode() as ShadowRoot).host) {
    const tag = n.closest('[lang]')?.getAttribute('lang');
    if (tag) return matchLanguage(tag) ?? 'en';
  }
  for (const tag of navigator.languages ?? []) {
    const l = matchLanguage(tag);
    if (l) return l;
  }
  return 'en';
}

// The tables here, English (built in) included.
const loaded: Partial<Record<Language, Strings>> = { en: strings };
const loading: Partial<Record<Language, Promise<Strings>>> = {};

/**
 * Loads a language's table (English is already here); the promise resolves with it once it can be used (the same
 * table the elements then render from, without their `strings` overrides).
 */
export const loadLanguage = (lang: Language): Promise<Strings> =>
  loaded[lang]
    ? Promise.resolve(loaded[lang])
    : (loading[lang] ??= loadMessages(lang as Exclude<Language, 'en'>).then(
        (m) => (loaded[lang] = m.default),
        (e) => {
          delete loading[lang];
          throw e;
        },
      ));

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v == 'object';

/** `over` merged over `base`, one level of nested tables deep (`errors`, `reasons`, `channels`). */
function merge<T extends object>(base: T, over: object): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(over)) {
    if (v !== undefined) out[k] = isObject(v) && isObject(out[k]) ? { ...(out[k] as object), ...v } : v;
  }
  return out as T;
}

type Host = ReactiveElement & { strings?: StringsOverride };
const hosts = new Set<Host>();
// One observer for every element: the lang of the document's elements, and of each element itself (which may sit
// in a shadow root). Left in place: it costs nothing while no lang changes.
let langs: MutationObserver | undefined;

/**
 * An element's table: its language (see `languageOf`), loaded on demand, with its `strings` property over it.
 * `refresh()` in `willUpdate`, then render from `t`; `dir` and `lang` go on the element's container.
 * A change of `lang` on the element or on any element of the document (not inside other shadow roots) re-renders.
 */
export class Translator implements ReactiveController {
  /** The table to render from. */
  t: Strings = strings;
  /** The language of `t` (English until another language's module has loaded). */
  lang: Language = 'en';
  /** `rtl` for Arabic and Hebrew. */
  dir: 'rtl' | 'ltr' = 'ltr';

  constructor(private host: Host) {
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.host);
    langs ??= new MutationObserver(() => hosts.forEach((h) => h.requestUpdate()));
    for (const target of [document.documentElement, this.host]) langs.observe(target, { attributeFilter: ['lang'], subtree: true });
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }

  /** Works out the language and the table; a language still loading re-renders the host once it is here. */
  refresh(): void {
    const host = this.host;
    const want = languageOf(host);
    if (loaded[want]) this.lang = want;
    else loadLanguage(want).then(() => host.requestUpdate(), () => {});
    const base = loaded[this.lang]!;
    this.dir = this.lang == 'ar' || this.lang == 'he' ? 'rtl' : 'ltr';
    this.t = host.strings ? merge(base, host.strings) : base;
  }
}
