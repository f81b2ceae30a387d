// Component-test helpers: a stubbed storefront API (routes by "METHOD /path"), mounting an element
// and waiting until its requests and renders have settled. Each test starts with fresh sessions.
import { afterEach, beforeEach, vi } from 'vitest';
import { ERROR_CODES, type ErrorCode, type FieldCode } from '../../worker/src/shared/error-codes';
import type { ErrorBody } from '../../worker/src/shared/api-types';
import { resetSessions } from '../../widget/src/session';
import type { Customer, FormFieldDefinition } from '../../widget/src/types';

export const API = 'http://api.test';

export interface Call {
  method: string;
  path: string;
  body: unknown;
  headers: Headers;
}
type Reply = [number, unknown?] | (() => [number, unknown?]);

export const calls: Call[] = [];
let routes: Record<string, Reply> = {};

/**
 * The worker's error reply for `code` (status and title from the catalog), with field `codes`. The
 * English `errors` messages are placeholders the widget must never show: it translates the codes.
 */
export function failure(code: ErrorCode, codes?: Record<string, FieldCode>): [number, ErrorBody] {
  const { status, title } = ERROR_CODES[code];
  const errors = codes && Object.fromEntries(Object.keys(codes).map((k) => [k, `server English for ${k}`]));
  return [status, { status, title, type: 'urn:storefront-accounts:error:test', code, ...(codes && { errors, codes }) }];
}

/** Sets the replies; `"POST /session"` is relative to /storefront. Unknown routes answer 404. */
export function api(table: Record<string, Reply>): void {
  routes = { 'POST /session/refresh': failure('session_ended'), ...table };
}

beforeEach(() => {
  calls.length = 0;
  routes = {};
  api({});
  resetSessions();
  localStorage.clear(); // no session hint: a guest until a test says otherwise (signedIn(), hinted())
  document.body.innerHTML = '';
  document.documentElement.lang = 'en';
  location.hash = '';
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(input instanceof Request ? input.url : input);
      if (!url.pathname.startsWith('/storefront/')) throw new Error(`request outside /storefront: ${url}`);
      const path = url.pathname.replace(/^\/storefront/, '') + url.search;
      const method = (init.method ?? 'GET').toUpperCase();
      const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
      calls.push({ method, path, body, headers: new Headers(init.headers) });
      const reply = routes[`${method} ${path}`] ?? routes[`${method} ${url.pathname.replace(/^\/storefront/, '')}`] ?? failure('not_found');
      const [status, json] = typeof reply === 'function' ? reply() : reply;
      return new Response(status === 204 || json === undefined ? null : JSON.stringify(json), {
        status,
        headers: { 'Content-Type': 'application/json' },
      });
    }),
  );
});

afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

/** Lets pending fetches, timers of 0 ms and Lit updates run. */
export async function settle(rounds = 8): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await new Promise((r) => setTimeout(r, 0));
    for (const el of document.querySelectorAll<HTMLElement & { updateComplete?: Promise<unknown> }>('*'))
      if (el.updateComplete) await el.updateComplete;
  }
}

export async function mount<T extends HTMLElement>(html: string): Promise<T> {
  document.body.innerHTML = html;
  await settle();
  return document.body.firstElementChild as T;
}

export function type(input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

export function submit(form: HTMLFormElement | null): void {
  form!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
}

/** Input of a field by name within an element. */
export const field = <T extends HTMLElement = HTMLInputElement>(root: ParentNode, name: string) => root.querySelector<T>(`[name="${name}"]`)!;

/** The visible error text of a field (via its aria-describedby). */
export function errorOf(root: ParentNode, name: string): string | null {
  const input = field(root, name);
  if (input.getAttribute('aria-invalid') !== 'true') return null;
  const ids = (input.getAttribute('aria-describedby') ?? input.closest('fieldset')?.getAttribute('aria-describedby') ?? '').split(' ');
  for (const id of ids) {
    const el = document.getElementById(id);
    if (el?.classList.contains('sfa-error')) return el.textContent.trim();
  }
  return null;
}

export const customer: Customer = {
  id: 7,
  email: 'dana@example.com',
  first_name: 'Dana',
  last_name: 'Demo',
  company: '',
  phone: '555-0100',
  customer_group_id: 1,
  has_password: true,
  email_verified: true,
  pending_email: null,
  date_created: '2026-01-05T09:00:00Z',
  date_modified: '2026-01-05T09:00:00Z',
  form_fields: [{ name: 'size', value: 3 }],
};

export const tokens = { access_token: 'access-1', token_type: 'Bearer' as const, expires_in: 900 };

/** The localStorage key of the session hint for API (widget/src/session.ts). */
export const HINT_KEY = `storefront-accounts:${API}`;

/** Sets the session hint: this browser may hold a session, so the widget refreshes at start. */
export function hinted(): void {
  localStorage.setItem(HINT_KEY, '1');
}

/**
 * Replies for a signed-in shopper: refresh works and answers the profile (as GET /customer does).
 * Also sets the session hint, as the sign-in that made the session did.
 */
export const signedIn = (c: Customer = customer) => {
  hinted();
  return {
    'POST /session/refresh': [200, { customer: c, ...tokens }] as Reply,
    'GET /customer': [200, { customer: c }] as Reply,
  };
};

const def = (d: Partial<FormFieldDefinition> & Pick<FormFieldDefinition, 'name' | 'label' | 'type'>): FormFieldDefinition => ({
  id: 1,
  required: false,
  options: [],
  min: null,
  max: null,
  max_length: null,
  min_date: null,
  max_date: null,
  default_value: null,
  applies_to: 'customer',
  sort_order: 0,
  ...d,
});

/** One custom field of every type. */
export const customFields: FormFieldDefinition[] = [
  def({ name: 'nickname', label: 'Nickname', type: 'text', max_length: 10 }),
  def({ name: 'about', label: 'About you', type: 'multiline' }),
  def({ name: 'size', label: 'Household size', type: 'number', min: 1, max: 20 }),
  def({ name: 'birthday', label: 'Birthday', type: 'date', max_date: '2012-12-31' }),
  def({ name: 'terms', label: 'I accept the terms', type: 'checkbox', required: true, options: ['Yes'] }),
  def({ name: 'interests', label: 'Interests', type: 'checkboxes', options: ['Kitchen', 'Home'] }),
  def({ name: 'contact', label: 'Preferred contact', type: 'radio', required: true, options: ['Email', 'Phone'] }),
  def({ name: 'source', label: 'How did you hear about us?', type: 'picklist', options: ['Friend', 'Search'] }),
  def({ name: 'pin', label: 'Secret word', type: 'password' }),
];

export const addressFields: FormFieldDefinition[] = [
  def({ name: 'door_code', label: 'Door code', type: 'text', applies_to: 'address', max_length: 12 }),
];
