// The console's client of the admin API: same origin, `X-Auth-Token` from the token field (kept in
// sessionStorage, so it is gone when the tab closes), and every failure turned into an ApiProblem whose
// message a store clerk can read. Failures are told apart by the body's stable `code` (the worker's
// catalog, shared/error-codes.ts), never by its English title; the console is English-only, so it shows
// the server's field messages as they are. Typed by route (types.ts): `api('GET', '/v3/orders/:id',
// { param: { id } })` takes the path as the worker declares it, that route's query names and JSON body,
// and answers that route's success body; a path the admin API does not have does not compile.
import type { V2ErrorItem } from '../../../worker/src/errors';
import type { ErrorBody } from '../../../worker/src/shared/api-types';
import type { Endpoint, Method, PathFor, Reply } from './types';

/** The documented local-only token `npm run dev` seeds (docs/demo.md "Demo data"). Never valid in production. */
export const DEV_TOKEN = 'sfa_dev_local_only_do_not_use_in_production';
const TOKEN_KEY = 'sfa-console-admin-token';

export function currentToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? DEV_TOKEN;
  } catch {
    return DEV_TOKEN; // storage disabled (privacy mode): the field still works for this page view
  }
}

export function saveToken(token: string): void {
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {}
  memoryToken = token;
}

let memoryToken: string | null = null;

/** Names of fields as a clerk knows them, for messages keyed by API field paths. */
const FIELD_NAMES: Record<string, string> = {
  email: 'Email',
  first_name: 'First name',
  last_name: 'Last name',
  company: 'Company',
  phone: 'Phone',
  notes: 'Internal comment',
  customer_group_id: 'Customer group',
  address1: 'Address line 1',
  address2: 'Address line 2',
  city: 'City',
  state_or_province: 'State or province',
  postal_code: 'Postal code',
  country_code: 'Country code',
  label: 'Label',
  name: 'Name',
  type: 'Type',
  options: 'Options',
  applies_to: 'Applies to',
  required: 'Required',
  customer_id: 'Customer',
  is_default: 'Default group',
  new_password: 'Password',
  is_default_shipping: 'Default shipping address',
  is_default_billing: 'Default billing address',
  storefront_origins: 'Storefront origin',
  policy_url: 'Privacy policy URL',
  default_customer_group_id: 'Group for sign-ups',
  guest_customer_group_id: 'Group for guests',
  permission_set: 'Who may see it',
  scope: 'Event (scope)',
  destination: 'Destination URL',
};

/** `0.email` → `email`; `addresses.0.city` → `city`. */
export function fieldKey(path: string): string {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  return parts[parts.length - 1] ?? path;
}

export function fieldLabel(path: string): string {
  // A new customer's nested items: `0.addresses.1.city` → "Address 2: City"; custom field values by kind.
  const address = /(?:^|\.)addresses\.(\d+)\./.exec(path);
  const prefix = address ? `Address ${Number(address[1]) + 1}: ` : '';
  if (path.startsWith('headers.')) return `Header ${path.slice('headers.'.length)}`;
  if (/(?:^|\.)form_fields\.\d+\.(?:value|name)$/.test(path)) return `${prefix}${address ? 'Address field' : 'Sign-up field'}`;
  const key = fieldKey(path);
  return prefix + (FIELD_NAMES[key] ?? key.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()));
}

/** A failed call (the console's one error type): the API's error body, a plain-language `message`, and per-field messages keyed like the form's fields. */
export class ApiProblem extends Error {
  readonly status: number;
  /** The error body; null when the worker was not reached or answered something else (a proxy page). */
  readonly body: ErrorBody | null;
  /** The stable error code (`body.code`), for branching. */
  readonly code: ErrorBody['code'] | undefined;
  /** Field path → stable field code (`body.codes`). */
  readonly codes: NonNullable<ErrorBody['codes']>;
  /** Field name (last path segment) → message. */
  readonly fields: Record<string, string>;

  constructor(status: number, body: ErrorBody | null, message: string) {
    super(message);
    this.name = 'ApiProblem';
    this.status = status;
    this.body = body;
    this.code = body?.code;
    this.codes = body?.codes ?? {};
    this.fields = {};
    for (const [path, msg] of Object.entries(body?.errors ?? {})) this.fields[fieldKey(path)] ??= msg;
  }
}

function plainMessage(status: number, body: ErrorBody | null, retryAfter: string | null): string {
  switch (body?.code) {
    case 'admin_token_missing':
    case 'admin_token_invalid':
      return 'The admin API did not accept the token. Check the admin token at the top of the page (locally: the one `npm run dev` seeds).';
    case 'scope_missing':
      return 'This admin token may not do that: it lacks the scope for this change (a read-only token, for instance).';
    case 'payload_too_large':
    case 'too_many_items':
      return 'Too much at once for the API. Send fewer items.';
    case 'rate_limited':
      return `Too many requests. Try again${retryAfter ? ` in ${retryAfter} seconds` : ' shortly'}.`;
    case 'email_taken':
      return 'This email address is already in use by another customer.';
  }
  // No code the console handles on its own (or no API body at all): by status, with the API's title.
  switch (status) {
    case 401:
      return 'The admin API did not accept the token. Check the admin token at the top of the page (locally: the one `npm run dev` seeds).';
    case 403:
      return `${body?.title ?? 'This admin token may not do that'}.`;
    case 404:
      return `${body?.title ?? 'Not found'}. It may have been deleted meanwhile; go back to the list and try again.`;
    case 409:
      return `${body?.title ?? 'That conflicts with existing data'}.`;
    case 413:
      return 'Too much at once for the API. Send fewer items.';
    case 422:
      return body?.errors && Object.keys(body.errors).length ? 'Some values need fixing:' : `${body?.title ?? 'The API refused these values'}.`;
    case 429:
      return `Too many requests. Try again${retryAfter ? ` in ${retryAfter} seconds` : ' shortly'}.`;
    default:
      if (status >= 500) return 'Something went wrong in the worker. Try again; if it keeps failing, look at the `npm run dev` output.';
      return `${body?.title ?? 'The request failed'}${body?.detail ? `: ${body.detail}` : ''}.`;
  }
}

type Scalar = string | number | boolean | undefined | null;
type Query = Record<string, Scalar>;
type Input<E> = E extends { input: infer I } ? I : object;
/** What a call to route E sends: its path parameters, its query (the names it validates) and its JSON body. */
type Request<E> = (Input<E> extends { param: infer P } ? { param: { [K in keyof P]: string | number } } : { param?: undefined }) &
  (Input<E> extends { json: infer J } ? { body: J } : { body?: undefined }) & {
    query?: Input<E> extends { query: infer Q } ? { [K in keyof Q]?: Scalar } : undefined;
    signal?: AbortSignal;
  };
/** The options argument: required where the route has path parameters or a body. */
type Options<E> = Input<E> extends { param: unknown } | { json: unknown } ? [options: Request<E>] : [options?: Request<E>];

export function queryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  // The API's filter names contain ':' (`customer_id:in`); keep them readable in the network log.
  return s ? `?${s.replace(/%3A/gi, ':').replace(/%2C/gi, ',')}` : '';
}

/**
 * The error body of a failed call: V3's as is; V2's (`/v2/customer_groups`) is BigCommerce's array
 * `[{status, message, code, details?: {errors, codes}}]` (docs/admin-api.md "Errors and codes"), read back into V3's.
 */
function errorBodyOf(json: unknown): ErrorBody | null {
  if (Array.isArray(json)) {
    const item = json[0] as Partial<V2ErrorItem> | undefined;
    if (!item || typeof item.status !== 'number' || !item.code) return null;
    return { status: item.status, title: item.message ?? '', type: '', code: item.code, ...item.details };
  }
  return json && typeof json === 'object' && 'status' in json ? (json as ErrorBody) : null;
}

/** Calls a route of the admin API on this origin; resolves with its parsed JSON (null for 204), throws ApiProblem. */
export async function api<M extends Method, P extends PathFor<M>>(method: M, path: P, ...[options]: Options<Endpoint<M, P>>): Promise<Reply<M, P>> {
  type T = Reply<M, P>;
  const {
    param,
    query,
    body: payload,
    signal,
  } = (options ?? {}) as { param?: Record<string, string | number>; query?: Query; body?: unknown; signal?: AbortSignal };
  const headers: Record<string, string> = { 'X-Auth-Token': memoryToken ?? currentToken(), Accept: 'application/json' };
  if (payload !== undefined) headers['Content-Type'] = 'application/json';
  const url = path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(param![name]!));
  let res: Response;
  try {
    res = await fetch(`${url}${queryString(query)}`, {
      method,
      headers,
      body: payload === undefined ? undefined : JSON.stringify(payload),
      signal,
      cache: 'no-store',
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiProblem(0, null, `Could not reach the admin API at ${location.origin}. Is the worker running (\`npm run dev\`)?`);
  }
  if (res.status === 204) return null as T;
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!res.ok) {
    const body = errorBodyOf(json);
    throw new ApiProblem(res.status, body, plainMessage(res.status, body, res.headers.get('Retry-After')));
  }
  return json as T;
}

export const isAbort = (err: unknown) => (err as Error | null)?.name === 'AbortError';
