// Every code the worker can answer on a storefront route has a text in every language of the widget:
// error codes (`e_<code>`) of ERROR_CODES with api 'storefront' or 'both', and every field code
// (`f_<code>`) of FIELD_CODES, in English, German and French. A new code in the worker's catalog fails
// this test until the widget says it in words. (Which area a text is in decides which elements have it
// loaded; an element that meets a code of another area shows the general text.)
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, FIELD_CODES } from '../../worker/src/shared/error-codes';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../worker/src/shared/password-rules';
import de from '../../widget/src/i18n/de';
import deAccount from '../../widget/src/i18n/de-account';
import deAddress from '../../widget/src/i18n/de-address';
import deEmail from '../../widget/src/i18n/de-email';
import deForms from '../../widget/src/i18n/de-forms';
import deOidc from '../../widget/src/i18n/de-oidc';
import deOrder from '../../widget/src/i18n/de-order';
import dePasskey from '../../widget/src/i18n/de-passkey';
import deReset from '../../widget/src/i18n/de-reset';
import en from '../../widget/src/i18n/en';
import enAccount from '../../widget/src/i18n/en-account';
import enAddress from '../../widget/src/i18n/en-address';
import enEmail from '../../widget/src/i18n/en-email';
import enForms from '../../widget/src/i18n/en-forms';
import enOidc from '../../widget/src/i18n/en-oidc';
import enOrder from '../../widget/src/i18n/en-order';
import enPasskey from '../../widget/src/i18n/en-passkey';
import enReset from '../../widget/src/i18n/en-reset';
import fr from '../../widget/src/i18n/fr';
import frAccount from '../../widget/src/i18n/fr-account';
import frAddress from '../../widget/src/i18n/fr-address';
import frEmail from '../../widget/src/i18n/fr-email';
import frForms from '../../widget/src/i18n/fr-forms';
import frOidc from '../../widget/src/i18n/fr-oidc';
import frOrder from '../../widget/src/i18n/fr-order';
import frPasskey from '../../widget/src/i18n/fr-passkey';
import frReset from '../../widget/src/i18n/fr-reset';

type Catalog = Record<string, string>;
const languages: Record<string, Record<string, Catalog>> = {
  en: {
    core: en,
    forms: enForms,
    reset: enReset,
    oidc: enOidc,
    account: enAccount,
    email: enEmail,
    passkey: enPasskey,
    address: enAddress,
    order: enOrder,
  },
  de: {
    core: de,
    forms: deForms,
    reset: deReset,
    oidc: deOidc,
    account: deAccount,
    email: deEmail,
    passkey: dePasskey,
    address: deAddress,
    order: deOrder,
  },
  fr: {
    core: fr,
    forms: frForms,
    reset: frReset,
    oidc: frOidc,
    account: frAccount,
    email: frEmail,
    passkey: frPasskey,
    address: frAddress,
    order: frOrder,
  },
};

const storefrontCodes = Object.entries(ERROR_CODES)
  .filter(([, info]) => info.api !== 'admin')
  .map(([code]) => code);
const keys = [...storefrontCodes.map((c) => `e_${c}`), ...Object.keys(FIELD_CODES).map((c) => `f_${c}`)];

describe('the widget speaks every storefront code', () => {
  it('has codes to check', () => {
    expect(storefrontCodes).toContain('email_taken');
    expect(storefrontCodes).not.toContain('admin_token_missing');
  });

  for (const [lang, areas] of Object.entries(languages)) {
    it(`has a ${lang} text for every storefront error code and every field code`, () => {
      const all = Object.assign({}, ...Object.values(areas)) as Catalog;
      const missing = keys.filter((k) => !all[k]?.trim());
      expect(missing, `codes without a ${lang} text (add them to widget/src/i18n/${lang}*.ts)`).toEqual([]);
    });

    it(`gives a key in two ${lang} areas the same text (areas are merged when loaded)`, () => {
      const seen: Record<string, string> = {};
      for (const catalog of Object.values(areas)) {
        for (const [k, text] of Object.entries(catalog)) {
          if (k in seen) expect(text, `${lang} ${k}`).toBe(seen[k]);
          seen[k] = text;
        }
      }
    });
  }

  it('keeps the German and French placeholders of each text', () => {
    for (const [area, english] of Object.entries(languages.en!)) {
      for (const lang of ['de', 'fr']) {
        for (const [k, text] of Object.entries(english)) {
          const params = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
          expect(params(languages[lang]![area]![k] ?? ''), `${lang} ${area} ${k}`).toEqual(params(text));
        }
      }
    }
  });

  // The texts spell the limits out (no placeholder: a few bytes less in every chunk); the rule itself is
  // worker/src/shared/password-rules.ts, so a changed limit fails here until the texts follow.
  it('states the password length limits of shared/password-rules.ts in every language', () => {
    const limits: Record<string, number[]> = {
      ruleLength: [MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH],
      f_password_too_short: [MIN_PASSWORD_LENGTH],
      f_password_too_long: [MAX_PASSWORD_LENGTH],
    };
    for (const [lang, areas] of Object.entries(languages)) {
      for (const [area, catalog] of Object.entries(areas)) {
        for (const [k, numbers] of Object.entries(limits)) {
          if (!(k in catalog)) continue;
          expect((catalog[k]!.match(/\d+/g) ?? []).map(Number), `${lang} ${area} ${k}`).toEqual(numbers);
        }
      }
    }
  });
});
