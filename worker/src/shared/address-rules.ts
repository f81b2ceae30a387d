// Address rules of the worker's address book: ISO 3166-1 alpha-2 country codes, postal code patterns
// with an example per country, state/province lists, normalisation, and `checkAddress`, which answers
// field → {code, message} (FieldErrors-compatible: a stable field code from shared/error-codes.ts and an
// English message). The worker is the only user today: the widget does not bundle this file (its
// ~10 KB of patterns and state lists would cost the budget on every page); it sends the form and
// translates the field codes the worker answers. It stays dependency-free so that a client could import
// it later. Where a country has no pattern or no list we accept free text rather than guess; refusing a
// real address costs a sale.
import type { FieldCode, FieldError } from './error-codes';

/** The 249 officially assigned ISO 3166-1 alpha-2 codes (no user-assigned ones such as XK or EU). */
const ISO_CODES =
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
  'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
  'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP ' +
  'KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT ' +
  'MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW ' +
  'SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ ' +
  'UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW';

export const COUNTRY_CODES: ReadonlySet<string> = new Set(ISO_CODES.split(' '));

export function isCountryCode(code: string): boolean {
  return COUNTRY_CODES.has(code.trim().toUpperCase());
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** English country name for an ISO 3166-1 alpha-2 code ('' when unknown), as the APIs show `country`. */
export function countryName(code: string): string {
  try {
    const name = regionNames.of(code.toUpperCase());
    return name && name !== code.toUpperCase() ? name : '';
  } catch {
    return '';
  }
}

const problem = (code: FieldCode, message: string): FieldError => ({ code, message });

export interface PostalCodeRule {
  /** English country name, for messages ("for Germany"). */
  country: string;
  /** What shoppers there call it. */
  term: string;
  /** Matches the normalised code. */
  pattern: RegExp;
  example: string;
  /** Every address there has one (Ireland: many shoppers don't know their Eircode). */
  required: boolean;
  /** Canonical spacing/punctuation from the code with spaces and dashes removed (already uppercased). */
  format?: (compact: string) => string;
}

const spaceBeforeLast3 = (s: string) => (s.length > 3 ? `${s.slice(0, -3)} ${s.slice(-3)}` : s);
const splitAt = (at: number, sep: string) => (s: string) => (s.length > at ? `${s.slice(0, at)}${sep}${s.slice(at)}` : s);
const ZIP = /^\d{5}(-\d{4})?$/;
const zipFormat = (s: string) => (s.length === 9 ? `${s.slice(0, 5)}-${s.slice(5)}` : s);
const UK = /^(GIR 0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2})$/;

function rule(country: string, pattern: RegExp, example: string, extra: Partial<PostalCodeRule> = {}): PostalCodeRule {
  return { country, term: 'postal code', pattern, example, required: true, ...extra };
}

/** Postal code rules by country code, for the countries whose format is well known. */
export const POSTAL_CODE_RULES: Readonly<Record<string, PostalCodeRule>> = {
  US: rule('the United States', ZIP, '94105', { term: 'ZIP code', format: zipFormat }),
  PR: rule('Puerto Rico', ZIP, '00901', { term: 'ZIP code', format: zipFormat }),
  GU: rule('Guam', ZIP, '96910', { term: 'ZIP code', format: zipFormat }),
  VI: rule('the U.S. Virgin Islands', ZIP, '00802', { term: 'ZIP code', format: zipFormat }),
  AS: rule('American Samoa', ZIP, '96799', { term: 'ZIP code', format: zipFormat }),
  MP: rule('the Northern Mariana Islands', ZIP, '96950', { term: 'ZIP code', format: zipFormat }),
  CA: rule('Canada', /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d$/, 'K1A 0B1', { format: spaceBeforeLast3 }),
  GB: rule('the United Kingdom', UK, 'SW1A 1AA', { term: 'postcode', format: spaceBeforeLast3 }),
  GG: rule('Guernsey', /^GY\d\d? \d[A-Z]{2}$/, 'GY1 1AA', { term: 'postcode', format: spaceBeforeLast3 }),
  JE: rule('Jersey', /^JE\d \d[A-Z]{2}$/, 'JE2 3AB', { term: 'postcode', format: spaceBeforeLast3 }),
  IM: rule('the Isle of Man', /^IM\d\d? \d[A-Z]{2}$/, 'IM1 1AA', { term: 'postcode', format: spaceBeforeLast3 }),
  IE: rule('Ireland', /^(?:[AC-FHKNPRTV-Y]\d{2}|D6W) [0-9AC-FHKNPRTV-Y]{4}$/, 'D02 X285', {
    term: 'Eircode',
    required: false,
    format: splitAt(3, ' '),
  }),
  DE: rule('Germany', /^\d{5}$/, '10115'),
  FR: rule('France', /^\d{5}$/, '75001'),
  NL: rule('the Netherlands', /^[1-9]\d{3} [A-Z]{2}$/, '1012 AB', { format: splitAt(4, ' ') }),
  BE: rule('Belgium', /^[1-9]\d{3}$/, '1000'),
  LU: rule('Luxembourg', /^\d{4}$/, '1009'),
  AT: rule('Austria', /^[1-9]\d{3}$/, '1010'),
  CH: rule('Switzerland', /^[1-9]\d{3}$/, '8001'),
  IT: rule('Italy', /^\d{5}$/, '00144'),
  ES: rule('Spain', /^(?:0[1-9]|[1-4]\d|5[0-2])\d{3}$/, '28013'),
  PT: rule('Portugal', /^[1-9]\d{3}-\d{3}$/, '1000-001', { format: splitAt(4, '-') }),
  SE: rule('Sweden', /^[1-9]\d{2} \d{2}$/, '114 55', { format: splitAt(3, ' ') }),
  NO: rule('Norway', /^\d{4}$/, '0150'),
  DK: rule('Denmark', /^\d{4}$/, '1050'),
  FI: rule('Finland', /^\d{5}$/, '00100'),
  IS: rule('Iceland', /^\d{3}$/, '101'),
  PL: rule('Poland', /^\d{2}-\d{3}$/, '00-950', { format: splitAt(2, '-') }),
  CZ: rule('Czechia', /^[1-7]\d{2} \d{2}$/, '110 00', { format: splitAt(3, ' ') }),
  SK: rule('Slovakia', /^[089]\d{2} \d{2}$/, '811 01', { format: splitAt(3, ' ') }),
  GR: rule('Greece', /^\d{3} \d{2}$/, '105 57', { format: splitAt(3, ' ') }),
  HU: rule('Hungary', /^[1-9]\d{3}$/, '1051'),
  SI: rule('Slovenia', /^[1-9]\d{3}$/, '1000'),
  HR: rule('Croatia', /^[1-5]\d{4}$/, '10000'),
  EE: rule('Estonia', /^\d{5}$/, '10111'),
  RO: rule('Romania', /^\d{6}$/, '010011'),
  AU: rule('Australia', /^\d{4}$/, '2000', { term: 'postcode' }),
  NZ: rule('New Zealand', /^\d{4}$/, '6011', { term: 'postcode' }),
  JP: rule('Japan', /^\d{3}-\d{4}$/, '100-0001', { format: splitAt(3, '-') }),
  KR: rule('South Korea', /^\d{5}$/, '03187'),
  CN: rule('China', /^\d{6}$/, '100000'),
  SG: rule('Singapore', /^\d{6}$/, '018956'),
  IN: rule('India', /^[1-9]\d{5}$/, '110001', { term: 'PIN code' }),
  BR: rule('Brazil', /^\d{5}-\d{3}$/, '01310-100', { term: 'CEP', format: splitAt(5, '-') }),
  MX: rule('Mexico', /^\d{5}$/, '06600'),
  ZA: rule('South Africa', /^\d{4}$/, '8001'),
};

/**
 * A postal code as we store it: trimmed, uppercased, single spaces, and for countries with a known
 * format the canonical spacing ("k1a0b1" → "K1A 0B1", "1000001" → "1000-001"). A code that doesn't fit
 * the pattern is returned trimmed and uppercased only, so `checkPostalCode` can name it.
 */
export function normalizePostalCode(countryCode: string, value: string): string {
  const cc = countryCode.trim().toUpperCase();
  const plain = value.trim().toUpperCase().replace(/\s+/g, ' ');
  const r = POSTAL_CODE_RULES[cc];
  if (!r || plain === '' || r.pattern.test(plain)) return plain;
  // "DK-1050", "CH 8001": some shoppers write the country prefix used on European mail.
  for (const candidate of [plain, plain.replace(new RegExp(`^${cc}[- ]?`), '')]) {
    const compact = candidate.replace(/[\s-]/g, '');
    const formatted = r.format ? r.format(compact) : compact;
    if (r.pattern.test(formatted)) return formatted;
  }
  return plain;
}

/** The problem of a postal code that can't be right for the country, or null. Expects the normalised code. */
export function checkPostalCode(countryCode: string, postalCode: string): FieldError | null {
  const r = POSTAL_CODE_RULES[countryCode.trim().toUpperCase()];
  if (!r) return null;
  if (postalCode.trim() === '') return r.required ? problem('required', `Enter a ${r.term}`) : null;
  return r.pattern.test(postalCode) ? null : problem('invalid_postal_code', `Enter a valid ${r.term} for ${r.country} (e.g. ${r.example})`);
}

export interface Subdivision {
  code: string;
  name: string;
}

export interface SubdivisionList {
  /** What the subdivisions are called ("state", "province or territory"). */
  term: string;
  subdivisions: readonly Subdivision[];
  /** Other accepted spellings (lowercase, without accents) → code. */
  aliases?: Readonly<Record<string, string>>;
}

function list(pairs: string): Subdivision[] {
  return pairs.split('|').map((pair) => {
    const [code, name] = pair.split(':') as [string, string];
    return { code, name };
  });
}

/** States and provinces (codes as the post uses them, ISO 3166-2 without the country prefix). */
export const SUBDIVISIONS: Readonly<Record<string, SubdivisionList>> = {
  US: {
    term: 'state',
    subdivisions: list(
      'AL:Alabama|AK:Alaska|AZ:Arizona|AR:Arkansas|CA:California|CO:Colorado|CT:Connecticut|DE:Delaware|' +
        'DC:District of Columbia|FL:Florida|GA:Georgia|HI:Hawaii|ID:Idaho|IL:Illinois|IN:Indiana|IA:Iowa|KS:Kansas|' +
        'KY:Kentucky|LA:Louisiana|ME:Maine|MD:Maryland|MA:Massachusetts|MI:Michigan|MN:Minnesota|MS:Mississippi|' +
        'MO:Missouri|MT:Montana|NE:Nebraska|NV:Nevada|NH:New Hampshire|NJ:New Jersey|NM:New Mexico|NY:New York|' +
        'NC:North Carolina|ND:North Dakota|OH:Ohio|OK:Oklahoma|OR:Oregon|PA:Pennsylvania|RI:Rhode Island|' +
        'SC:South Carolina|SD:South Dakota|TN:Tennessee|TX:Texas|UT:Utah|VT:Vermont|VA:Virginia|WA:Washington|' +
        'WV:West Virginia|WI:Wisconsin|WY:Wyoming|AS:American Samoa|GU:Guam|MP:Northern Mariana Islands|' +
        'PR:Puerto Rico|VI:U.S. Virgin Islands|UM:U.S. Minor Outlying Islands|' +
        'AA:Armed Forces Americas|AE:Armed Forces Europe|AP:Armed Forces Pacific',
    ),
    aliases: { 'washington dc': 'DC', 'washington d.c.': 'DC', 'us virgin islands': 'VI', 'virgin islands': 'VI' },
  },
  CA: {
    term: 'province or territory',
    subdivisions: list(
      'AB:Alberta|BC:British Columbia|MB:Manitoba|NB:New Brunswick|NL:Newfoundland and Labrador|NS:Nova Scotia|' +
        'NT:Northwest Territories|NU:Nunavut|ON:Ontario|PE:Prince Edward Island|QC:Quebec|SK:Saskatchewan|YT:Yukon',
    ),
    aliases: { 'yukon territory': 'YT', newfoundland: 'NL', pq: 'QC', pei: 'PE' },
  },
  AU: {
    term: 'state or territory',
    subdivisions: list(
      'ACT:Australian Capital Territory|NSW:New South Wales|NT:Northern Territory|QLD:Queensland|' +
        'SA:South Australia|TAS:Tasmania|VIC:Victoria|WA:Western Australia',
    ),
  },
  MX: {
    term: 'state',
    subdivisions: list(
      'AGU:Aguascalientes|BCN:Baja California|BCS:Baja California Sur|CAM:Campeche|CHP:Chiapas|CHH:Chihuahua|' +
        'CMX:Ciudad de México|COA:Coahuila|COL:Colima|DUR:Durango|GUA:Guanajuato|GRO:Guerrero|HID:Hidalgo|JAL:Jalisco|' +
        'MEX:Estado de México|MIC:Michoacán|MOR:Morelos|NAY:Nayarit|NLE:Nuevo León|OAX:Oaxaca|PUE:Puebla|' +
        'QUE:Querétaro|ROO:Quintana Roo|SLP:San Luis Potosí|SIN:Sinaloa|SON:Sonora|TAB:Tabasco|TAM:Tamaulipas|' +
        'TLA:Tlaxcala|VER:Veracruz|YUC:Yucatán|ZAC:Zacatecas',
    ),
    aliases: {
      cdmx: 'CMX',
      'mexico city': 'CMX',
      'distrito federal': 'CMX',
      df: 'CMX',
      mexico: 'MEX',
      'state of mexico': 'MEX',
      'coahuila de zaragoza': 'COA',
      'michoacan de ocampo': 'MIC',
      'veracruz de ignacio de la llave': 'VER',
    },
  },
  IN: {
    term: 'state or union territory',
    subdivisions: list(
      'AP:Andhra Pradesh|AR:Arunachal Pradesh|AS:Assam|BR:Bihar|CG:Chhattisgarh|GA:Goa|GJ:Gujarat|HR:Haryana|' +
        'HP:Himachal Pradesh|JH:Jharkhand|KA:Karnataka|KL:Kerala|MP:Madhya Pradesh|MH:Maharashtra|MN:Manipur|' +
        'ML:Meghalaya|MZ:Mizoram|NL:Nagaland|OD:Odisha|PB:Punjab|RJ:Rajasthan|SK:Sikkim|TN:Tamil Nadu|TS:Telangana|' +
        'TR:Tripura|UP:Uttar Pradesh|UK:Uttarakhand|WB:West Bengal|AN:Andaman and Nicobar Islands|CH:Chandigarh|' +
        'DH:Dadra and Nagar Haveli and Daman and Diu|DL:Delhi|JK:Jammu and Kashmir|LA:Ladakh|LD:Lakshadweep|PY:Puducherry',
    ),
    // ISO 3166-2:IN codes before the 2023 update, still printed on many forms.
    aliases: { ct: 'CG', or: 'OD', orissa: 'OD', tg: 'TS', ut: 'UK', uttaranchal: 'UK', pondicherry: 'PY', 'new delhi': 'DL', 'nct of delhi': 'DL' },
  },
  BR: {
    term: 'state',
    subdivisions: list(
      'AC:Acre|AL:Alagoas|AP:Amapá|AM:Amazonas|BA:Bahia|CE:Ceará|DF:Distrito Federal|ES:Espírito Santo|GO:Goiás|' +
        'MA:Maranhão|MT:Mato Grosso|MS:Mato Grosso do Sul|MG:Minas Gerais|PA:Pará|PB:Paraíba|PR:Paraná|PE:Pernambuco|' +
        'PI:Piauí|RJ:Rio de Janeiro|RN:Rio Grande do Norte|RS:Rio Grande do Sul|RO:Rondônia|RR:Roraima|' +
        'SC:Santa Catarina|SP:São Paulo|SE:Sergipe|TO:Tocantins',
    ),
  },
};

/** Lowercase, accents removed, single spaces, no trailing dots: "  Nuevo León " → "nuevo leon". */
function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\.$/, '')
    .trim();
}

/**
 * The subdivision code for `value` (a code or an English/local name, any case or accents), or null
 * when the country has a list and the value is not on it. Countries without a list: the value as given.
 */
export function resolveState(countryCode: string, value: string): string | null {
  const entry = SUBDIVISIONS[countryCode.trim().toUpperCase()];
  const trimmed = value.trim().replace(/\s+/g, ' ');
  if (!entry) return trimmed;
  const key = fold(trimmed);
  if (key === '') return '';
  for (const s of entry.subdivisions) {
    if (s.code.toLowerCase() === key || fold(s.name) === key) return s.code;
  }
  return entry.aliases?.[key] ?? null;
}

/** The problem of a state that isn't on the country's list (or missing where one is needed), or null. */
export function checkState(countryCode: string, value: string): FieldError | null {
  const cc = countryCode.trim().toUpperCase();
  const entry = SUBDIVISIONS[cc];
  if (!entry) return null;
  if (value.trim() === '') return problem('required', `Choose a ${entry.term}`);
  if (resolveState(cc, value) !== null) return null;
  const where = POSTAL_CODE_RULES[cc]?.country ?? cc;
  const sample = entry.subdivisions[0]!;
  return problem('invalid_state', `Choose a ${entry.term} of ${where} (e.g. ${sample.code} or ${sample.name})`);
}

export const ADDRESS_TYPES = ['residential', 'commercial'] as const;
export type AddressType = (typeof ADDRESS_TYPES)[number];

/** The text fields of an address as a form holds them. */
export interface AddressFields {
  first_name?: string;
  last_name?: string;
  company?: string;
  address1?: string;
  address2?: string;
  city?: string;
  state_or_province?: string;
  postal_code?: string;
  country_code?: string;
  phone?: string;
  address_type?: string;
  label?: string;
  delivery_instructions?: string;
}
export type AddressField = keyof AddressFields;

/** Longest value per field, in characters. */
export const ADDRESS_LIMITS: Readonly<Record<AddressField, number>> = {
  first_name: 255,
  last_name: 255,
  company: 255,
  address1: 255,
  address2: 255,
  city: 100,
  state_or_province: 100,
  postal_code: 30,
  country_code: 2,
  phone: 50,
  address_type: 20,
  label: 50,
  delivery_instructions: 500,
};

const REQUIRED: Partial<Record<AddressField, string>> = {
  first_name: 'Enter a first name',
  last_name: 'Enter a last name',
  address1: 'Enter a street address',
  city: 'Enter a city',
  country_code: 'Choose a country',
};

/** Digits with the usual separators, an optional leading + and extension; at least 5 digits. */
const PHONE = /^\+?[\d\s().\-/]+(?:\s*(?:x|ext\.?|extension)\s*\d{1,6})?$/i;

/** Single-line fields: trimmed with inner whitespace runs collapsed (so duplicates compare equal). */
function line(s: string | undefined): string | undefined {
  return s === undefined ? undefined : s.trim().replace(/\s+/g, ' ');
}

/**
 * The address as we store it: trimmed, single spaces, country code uppercased, postal code in its
 * country's canonical form, state as its code where the country has a list. Fields not given stay absent.
 */
export function normalizeAddress<T extends AddressFields>(fields: T): T {
  const out: AddressFields = { ...fields };
  for (const key of Object.keys(ADDRESS_LIMITS) as AddressField[]) {
    if (key === 'delivery_instructions') continue;
    if (out[key] !== undefined) out[key] = line(out[key]);
  }
  if (out.delivery_instructions !== undefined) out.delivery_instructions = out.delivery_instructions.trim();
  if (out.country_code !== undefined) out.country_code = out.country_code.toUpperCase();
  if (out.address_type !== undefined) out.address_type = out.address_type.toLowerCase();
  const cc = out.country_code ?? '';
  if (out.postal_code !== undefined) out.postal_code = normalizePostalCode(cc, out.postal_code);
  if (out.state_or_province !== undefined) out.state_or_province = resolveState(cc, out.state_or_province) ?? out.state_or_province;
  return out as T;
}

/** Field → problem, as checkAddress answers it (assignable to FieldErrors). */
export type AddressProblems = Partial<Record<AddressField, FieldError>>;

/**
 * Checks a whole address (as a form would submit it) and answers field → {code, message} for the
 * shopper; empty when it is fine. Values may be raw: they are normalised first. With `only`, problems
 * are limited to those fields (an update checks what it changes; a changed country re-checks the
 * postal code and state, which depend on it).
 */
export function checkAddress(fields: AddressFields, options: { only?: readonly AddressField[] } = {}): AddressProblems {
  const a = normalizeAddress(fields);
  const errors: AddressProblems = {};
  for (const [field, message] of Object.entries(REQUIRED) as [AddressField, string][]) {
    if (!a[field]) errors[field] = problem('required', message);
  }
  for (const [field, max] of Object.entries(ADDRESS_LIMITS) as [AddressField, number][]) {
    const v = a[field];
    if (v !== undefined && !errors[field] && [...v].length > max && field !== 'country_code')
      errors[field] = problem('too_long', `Use at most ${max} characters`);
  }
  const cc = a.country_code ?? '';
  if (cc && !isCountryCode(cc)) errors.country_code = problem('unknown_country', 'Choose a country from the list');
  if (!errors.country_code) {
    const postal = checkPostalCode(cc, a.postal_code ?? '');
    if (postal && !errors.postal_code) errors.postal_code = postal;
    const state = checkState(cc, a.state_or_province ?? '');
    if (state && !errors.state_or_province) errors.state_or_province = state;
  }
  if (a.phone && !errors.phone && (!PHONE.test(a.phone) || (a.phone.replace(/x.*$/i, '').match(/\d/g) ?? []).length < 5)) {
    errors.phone = problem('invalid_value', 'Enter a valid phone number');
  }
  if (a.address_type && !(ADDRESS_TYPES as readonly string[]).includes(a.address_type))
    errors.address_type = problem('invalid_choice', 'Choose residential or commercial');
  if (a.label !== undefined && /[\r\n]/.test(fields.label ?? '')) errors.label = problem('single_line', 'Use a single line');

  if (!options.only) return errors;
  const wanted = new Set<AddressField>(options.only);
  if (wanted.has('country_code')) {
    wanted.add('postal_code');
    wanted.add('state_or_province');
  }
  return Object.fromEntries(Object.entries(errors).filter(([field]) => wanted.has(field as AddressField)));
}
