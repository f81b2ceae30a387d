// Messages by locale, in two areas so a page with only <account-login> does not carry the account
// area's texts: `core` (sign-in, sign-up, shared words) and `account` (profile, addresses, orders,
// newsletter, portal, menu). English is bundled with the elements that use it; German and French are
// separate chunks loaded the first time an element on a page in that language renders. The language is
// the element's `lang`, the closest ancestor's, or the document's.
import en from './en';
import type enAccount from './en-account';

export type Area = 'core' | 'account';
export type CoreCatalog = Record<keyof typeof en, string>;
export type AccountCatalog = Record<keyof typeof enAccount, string>;
export type MessageKey = keyof CoreCatalog | keyof AccountCatalog;

const messages: Record<string, Partial<Record<MessageKey, string>>> = { en: { ...en } };
const loaded = new Set<string>(['en:core']);
const loading: Record<string, Promise<void> | undefined> = {};
const loaders: Record<string, () => Promise<{ default: Partial<Record<MessageKey, string>> }>> = {
  'de:core': () => import('./de'),
  'de:account': () => import('./de-account'),
  'fr:core': () => import('./fr'),
  'fr:account': () => import('./fr-account'),
};

/** Adds messages of an area (the English account area registers itself when an element imports it). */
export function register(lang: string, area: Area, catalog: Partial<Record<MessageKey, string>>): void {
  Object.assign((messages[lang] ??= {}), catalog);
  loaded.add(`${lang}:${area}`);
}

/** The BCP 47 tag for an element (for Intl), e.g. "de-CH". */
export function langOf(el: Element): string {
  return el.closest('[lang]')?.getAttribute('lang') || el.ownerDocument.documentElement.lang || 'en';
}

/** The catalog a tag uses: de, fr or en. */
export function catalogOf(lang: string): string {
  const base = lang.toLowerCase().split('-')[0]!;
  return `${base}:core` in loaders ? base : 'en';
}

/** Loads what is missing of a locale's areas; null when everything is there already. */
export function loadCatalog(lang: string, areas: Area[]): Promise<unknown> | null {
  const key = catalogOf(lang);
  const missing = areas.map((a) => `${key}:${a}`).filter((k) => !loaded.has(k) && loaders[k]);
  if (!missing.length) return null;
  return Promise.all(
    missing.map((k) =>
      (loading[k] ??= loaders[k]!().then(
        (m) => register(key, k.split(':')[1] as Area, m.default),
        () => void loaded.add(k), // a failed chunk load falls back to English rather than a blank element
      )),
    ),
  );
}

/** A message in the element's language, `{name}` placeholders filled in. */
export function translate(lang: string, key: MessageKey, params?: Record<string, string | number>): string {
  const text = messages[catalogOf(lang)]?.[key] ?? messages.en![key] ?? key;
  return params ? text.replace(/\{(\w+)\}/g, (_, p: string) => String(params[p] ?? '')) : text;
}
