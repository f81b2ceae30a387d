// Messages by locale, in areas so a page with only <account-login> carries only the log-in form's texts:
// `core` (the log-in form and shared words), `forms` (sign-up and the account forms), `reset` (the
// forgot-password views), `oidc` (OpenID Connect sign-in), `email` (the emailed-code views), `passkey` (passkey.ts),
// `address` (the address form, address-form.ts) and `order` (an order's detail, order-detail.ts), loaded on demand, and `account`
// (profile, addresses, orders, newsletter, portal, menu); a key may be in more than one area (with the
// same text). English `core` is bundled; the other English areas are registered by the modules that
// need them. German and French are separate chunks, loaded the first time an element (or a view loaded
// on demand) on a page in that language needs the area. The language is the element's `lang`, the
// closest ancestor's, or the document's.
//
// Errors are translated by code, never by the server's English text: the API's error code `x`
// (worker/src/shared/error-codes.ts ERROR_CODES) is the key `e_x`, a field code `y` (FIELD_CODES) the key
// `f_y`, each in the area of the elements that can meet it (test/widget/error-codes.test.ts checks that
// every storefront code has a text in every language). See codeText for the fallback.
import en from './en';
import type enAccount from './en-account';
import type enAddress from './en-address';
import type enEmail from './en-email';
import type enForms from './en-forms';
import type enOidc from './en-oidc';
import type enOrder from './en-order';
import type enPasskey from './en-passkey';
import type enReset from './en-reset';

export type Area = 'core' | 'forms' | 'reset' | 'oidc' | 'account' | 'email' | 'passkey' | 'address' | 'order';
export type CoreCatalog = Record<keyof typeof en, string>;
export type FormsCatalog = Record<keyof typeof enForms, string>;
export type ResetCatalog = Record<keyof typeof enReset, string>;
export type OidcCatalog = Record<keyof typeof enOidc, string>;
export type AccountCatalog = Record<keyof typeof enAccount, string>;
export type EmailCatalog = Record<keyof typeof enEmail, string>;
export type PasskeyCatalog = Record<keyof typeof enPasskey, string>;
export type AddressCatalog = Record<keyof typeof enAddress, string>;
export type OrderCatalog = Record<keyof typeof enOrder, string>;
export type MessageKey =
  | keyof CoreCatalog
  | keyof FormsCatalog
  | keyof ResetCatalog
  | keyof OidcCatalog
  | keyof AccountCatalog
  | keyof EmailCatalog
  | keyof PasskeyCatalog
  | keyof AddressCatalog
  | keyof OrderCatalog;

const messages: Record<string, Partial<Record<MessageKey, string>>> = { en: { ...en } };
const loaded = new Set<string>(['en:core']);
const loading: Record<string, Promise<void> | undefined> = {};
type Catalog = Partial<Record<MessageKey, string>>;
export type Loader = () => Promise<{ default: Catalog }>;
/** Chunks by `lang:area`; the other areas' loaders come with their English texts (`register`). */
const loaders: Record<string, Loader> = {
  'de:core': () => import('./de'),
  'fr:core': () => import('./fr'),
};

function add(lang: string, area: Area, catalog: Catalog): void {
  Object.assign((messages[lang] ??= {}), catalog);
  loaded.add(`${lang}:${area}`);
}

/**
 * Adds an area other than `core`: its English messages and the loaders of its German and French chunks.
 * Called by the module that needs the area, so a page that never does carries none of it.
 */
export function register(area: Area, english: Catalog, translations: Record<'de' | 'fr', Loader>): void {
  add('en', area, english);
  for (const [lang, load] of Object.entries(translations)) loaders[`${lang}:${area}`] = load;
}

/**
 * The text of an error or field code key (`e_<code>`, `f_<code>`) in `lang`, else of `fallback` (a
 * general text). Only the page language's loaded messages count: a code whose area is not loaded for
 * this language (or that the widget does not know yet) gets the general text, never English on a
 * German or French page.
 */
export function codeText(lang: string, key: string, fallback: MessageKey, params?: Record<string, string | number>): string {
  return translate(lang, (key in (messages[catalogOf(lang)] ?? {}) ? key : fallback) as MessageKey, params);
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
    missing.map(
      (k) =>
        (loading[k] ??= loaders[k]!().then(
          (m) => add(key, k.split(':')[1] as Area, m.default),
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
