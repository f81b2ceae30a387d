// The address book's rules: country codes, postal code patterns and normalisation, state lists, and
// checkAddress's field → {code, message} answers (most cases below read the messages; the codes have
// their own test at the end).
import { describe, expect, it } from 'vitest';
import {
  type AddressFields,
  checkAddress as checkAddressProblems,
  checkPostalCode as postalCodeProblem,
  checkState,
  countryName,
  COUNTRY_CODES,
  isCountryCode,
  normalizeAddress,
  normalizePostalCode,
  POSTAL_CODE_RULES,
  resolveState,
  SUBDIVISIONS,
} from '../../../worker/src/shared/address-rules';

const valid = { first_name: 'Ada', last_name: 'Lovelace', address1: '1 Main St', city: 'Springfield' };

/** checkAddress's answer as field → message. */
function checkAddress(fields: AddressFields, options?: Parameters<typeof checkAddressProblems>[1]) {
  return Object.fromEntries(Object.entries(checkAddressProblems(fields, options)).map(([field, p]) => [field, p.message]));
}
const checkPostalCode = (cc: string, code: string) => postalCodeProblem(cc, code)?.message ?? null;

describe('country codes', () => {
  it('has the 249 ISO 3166-1 alpha-2 codes, each a real region name', () => {
    expect(COUNTRY_CODES.size).toBe(249);
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    for (const code of COUNTRY_CODES) expect(names.of(code), code).not.toBe(code);
  });

  it('accepts any case and refuses non-countries', () => {
    expect(isCountryCode('de')).toBe(true);
    for (const code of ['EU', 'UN', 'XK', 'ZZ', 'XX', 'DEU', '']) expect(isCountryCode(code), code).toBe(false);
  });
});

describe('postal codes', () => {
  const good: [string, string, string][] = [
    ['US', '94105', '94105'],
    ['US', '94105-1234', '94105-1234'],
    ['US', '941051234', '94105-1234'],
    ['CA', 'k1a0b1', 'K1A 0B1'],
    ['CA', ' K1A  0B1 ', 'K1A 0B1'],
    ['GB', 'sw1a1aa', 'SW1A 1AA'],
    ['GB', 'M1 1AE', 'M1 1AE'],
    ['GB', 'B338TH', 'B33 8TH'],
    ['GB', 'CR2 6XH', 'CR2 6XH'],
    ['GB', 'DN55 1PT', 'DN55 1PT'],
    ['GB', 'W1A 0AX', 'W1A 0AX'],
    ['DE', '10115', '10115'],
    ['FR', '75001', '75001'],
    ['NL', '1012ab', '1012 AB'],
    ['BE', '1000', '1000'],
    ['AT', '1010', '1010'],
    ['CH', 'CH-8001', '8001'],
    ['IT', '00144', '00144'],
    ['ES', '28013', '28013'],
    ['PT', '1000001', '1000-001'],
    ['PT', '1000 001', '1000-001'],
    ['IE', 'd02x285', 'D02 X285'],
    ['IE', 'D6W XY12', 'D6W XY12'],
    ['SE', '11455', '114 55'],
    ['SE', 'SE-114 55', '114 55'],
    ['NO', '0150', '0150'],
    ['DK', 'DK-1050', '1050'],
    ['FI', '00100', '00100'],
    ['PL', '00950', '00-950'],
    ['CZ', '11000', '110 00'],
    ['AU', '2000', '2000'],
    ['NZ', '6011', '6011'],
    ['JP', '1000001', '100-0001'],
    ['IN', '110 001', '110001'],
    ['BR', '01310100', '01310-100'],
    ['MX', '06600', '06600'],
  ];
  it.each(good)('%s %s → %s', (cc, input, stored) => {
    const normalized = normalizePostalCode(cc, input);
    expect(normalized).toBe(stored);
    expect(checkPostalCode(cc, normalized)).toBeNull();
  });

  const bad: [string, string][] = [
    ['US', '9410'],
    ['US', 'ABCDE'],
    ['CA', '123 456'],
    ['CA', 'D1A 0B1'],
    ['GB', '12345'],
    ['GB', 'QA1 1AA'],
    ['DE', '1011'],
    ['DE', '101155'],
    ['FR', '7500'],
    ['NL', '0123 AB'],
    ['BE', '0999'],
    ['ES', '53001'],
    ['PT', '1000'],
    ['IE', 'B12 3456'],
    ['SE', '01234'],
    ['PL', '1234'],
    ['CZ', '910 00'],
    ['AU', '200'],
    ['JP', '100-001'],
    ['IN', '011001'],
    ['BR', '1310-100'],
    ['MX', '6600'],
  ];
  it.each(bad)('%s refuses %s with an example', (cc, input) => {
    const message = checkPostalCode(cc, normalizePostalCode(cc, input));
    expect(message).toContain(POSTAL_CODE_RULES[cc]!.example);
  });

  it('writes the message for shoppers, naming the country and an example', () => {
    expect(checkPostalCode('DE', '1234')).toBe('Enter a valid postal code for Germany (e.g. 10115)');
    expect(checkPostalCode('US', '1234')).toBe('Enter a valid ZIP code for the United States (e.g. 94105)');
    expect(checkPostalCode('DE', '')).toBe('Enter a postal code');
  });

  it('lets an Irish address go without an Eircode, and countries without a pattern take anything', () => {
    expect(checkPostalCode('IE', '')).toBeNull();
    expect(checkPostalCode('AE', '')).toBeNull();
    expect(checkPostalCode('AR', 'C1002AAP')).toBeNull();
    expect(normalizePostalCode('AR', ' c1002aap ')).toBe('C1002AAP');
  });

  it('has an example that passes its own pattern for every country', () => {
    for (const [cc, rule] of Object.entries(POSTAL_CODE_RULES)) {
      expect(rule.pattern.test(rule.example), cc).toBe(true);
      expect(COUNTRY_CODES.has(cc), cc).toBe(true);
    }
  });
});

describe('states and provinces', () => {
  it('has complete lists with unique codes', () => {
    expect(SUBDIVISIONS.US!.subdivisions).toHaveLength(50 + 1 + 6 + 3);
    expect(SUBDIVISIONS.CA!.subdivisions).toHaveLength(13);
    expect(SUBDIVISIONS.AU!.subdivisions).toHaveLength(8);
    expect(SUBDIVISIONS.MX!.subdivisions).toHaveLength(32);
    expect(SUBDIVISIONS.BR!.subdivisions).toHaveLength(27);
    expect(SUBDIVISIONS.IN!.subdivisions).toHaveLength(28 + 8);
    for (const [cc, entry] of Object.entries(SUBDIVISIONS)) {
      const codes = entry.subdivisions.map((s) => s.code);
      expect(new Set(codes).size, cc).toBe(codes.length);
      for (const alias of Object.values(entry.aliases ?? {})) expect(codes, `${cc} alias`).toContain(alias);
    }
  });

  it('accepts a code or a name in any case or accents and answers the code', () => {
    expect(resolveState('US', 'ca')).toBe('CA');
    expect(resolveState('US', 'california')).toBe('CA');
    expect(resolveState('US', ' New  York ')).toBe('NY');
    expect(resolveState('CA', 'Québec')).toBe('QC');
    expect(resolveState('AU', 'nsw')).toBe('NSW');
    expect(resolveState('MX', 'Nuevo Leon')).toBe('NLE');
    expect(resolveState('MX', 'CDMX')).toBe('CMX');
    expect(resolveState('BR', 'sao paulo')).toBe('SP');
    expect(resolveState('IN', 'Orissa')).toBe('OD');
    expect(resolveState('US', 'XX')).toBeNull();
    expect(resolveState('US', 'Ontario')).toBeNull();
  });

  it('takes free text for a country without a list', () => {
    expect(resolveState('DE', ' Bayern ')).toBe('Bayern');
    expect(checkAddress({ ...valid, country_code: 'DE', postal_code: '80331', state_or_province: 'Bayern' })).toEqual({});
  });
});

describe('checkAddress', () => {
  it('passes a complete address and normalises it for storage', () => {
    const input = { ...valid, country_code: 'us', state_or_province: 'california', postal_code: ' 941051234', first_name: '  Ada ' };
    expect(checkAddress(input)).toEqual({});
    expect(normalizeAddress(input)).toMatchObject({ country_code: 'US', state_or_province: 'CA', postal_code: '94105-1234', first_name: 'Ada' });
  });

  it('names every missing required field', () => {
    expect(checkAddress({})).toEqual({
      first_name: 'Enter a first name',
      last_name: 'Enter a last name',
      address1: 'Enter a street address',
      city: 'Enter a city',
      country_code: 'Choose a country',
    });
    expect(checkAddress({ ...valid, first_name: '   ', country_code: 'FR', postal_code: '75001' })).toEqual({ first_name: 'Enter a first name' });
  });

  it('checks country, postal code, state, phone, lengths and type', () => {
    const errors = checkAddress({
      ...valid,
      country_code: 'US',
      postal_code: '1234',
      state_or_province: 'XX',
      phone: 'call me',
      label: 'x'.repeat(51),
      delivery_instructions: 'y'.repeat(501),
      address_type: 'castle',
    });
    expect(errors).toEqual({
      postal_code: 'Enter a valid ZIP code for the United States (e.g. 94105)',
      state_or_province: 'Choose a state of the United States (e.g. AL or Alabama)',
      phone: 'Enter a valid phone number',
      label: 'Use at most 50 characters',
      delivery_instructions: 'Use at most 500 characters',
      address_type: 'Choose residential or commercial',
    });
    expect(checkAddress({ ...valid, country_code: 'XX' })).toEqual({ country_code: 'Choose a country from the list' });
    expect(checkAddress({ ...valid, country_code: 'CA', postal_code: 'K1A 0B1' })).toEqual({ state_or_province: 'Choose a province or territory' });
  });

  it('accepts usual phone formats', () => {
    for (const phone of ['+49 30 1234567', '(555) 010-0199', '555.010.0199', '+1 555 010 0199 ext. 42', '020 7946 0958']) {
      expect(checkAddress({ ...valid, country_code: 'NO', postal_code: '0150', phone }), phone).toEqual({});
    }
    expect(checkAddress({ ...valid, country_code: 'NO', postal_code: '0150', phone: '12' })).toEqual({ phone: 'Enter a valid phone number' });
  });

  it('limits messages to the fields an update changes; a new country re-checks postal code and state', () => {
    const stored = { ...valid, country_code: 'US', postal_code: '94105', state_or_province: 'CA', phone: 'bad' };
    expect(checkAddress({ ...stored, label: 'Home' }, { only: ['label'] })).toEqual({});
    expect(checkAddress({ ...stored, country_code: 'DE' }, { only: ['country_code'] })).toEqual({});
    expect(checkAddress({ ...stored, country_code: 'CA' }, { only: ['country_code'] })).toEqual({
      postal_code: 'Enter a valid postal code for Canada (e.g. K1A 0B1)',
      state_or_province: 'Choose a province or territory of Canada (e.g. AB or Alberta)',
    });
  });
});

describe('field codes', () => {
  it('answers a stable field code with every message', () => {
    const problems = checkAddressProblems({
      ...valid,
      first_name: ' ',
      country_code: 'US',
      postal_code: '1234',
      state_or_province: 'XX',
      phone: 'call me',
      label: 'x'.repeat(51),
      address_type: 'castle',
    });
    expect(Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, p.code]))).toEqual({
      first_name: 'required',
      postal_code: 'invalid_postal_code',
      state_or_province: 'invalid_state',
      phone: 'invalid_value',
      label: 'too_long',
      address_type: 'invalid_choice',
    });
    expect(checkAddressProblems({ ...valid, country_code: 'XX' }).country_code?.code).toBe('unknown_country');
    expect(checkAddressProblems({ ...valid, country_code: 'DE', postal_code: '10115', label: 'a\nb' }).label?.code).toBe('single_line');
    expect(postalCodeProblem('DE', '')?.code).toBe('required');
    expect(checkState('US', '')?.code).toBe('required');
    expect(checkState('US', 'Nowhere')?.code).toBe('invalid_state');
  });

  it('names countries in English for the APIs, and nothing for a non-country', () => {
    expect(countryName('de')).toBe('Germany');
    expect(countryName('XX')).toBe('');
  });
});
