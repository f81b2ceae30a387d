// Shopper fixtures: custom form field definitions, sign-up with every required field filled, log-in.
import { env } from 'cloudflare:test';
import { issueAccessToken } from '../../worker/src/auth/customer-tokens';
import { call, uniqueEmail } from './api';

export const PASSWORD = 'plum-harbor-lantern-42';

/** A valid value for any field definition (used to satisfy required fields other tests may have added). */
export function validValueFor(def: { type: string; options: string[]; min: number | null; min_date: string | null; max_length: number | null }) {
  switch (def.type) {
    case 'number':
      return def.min ?? 1;
    case 'date':
      return def.min_date ?? '2000-01-01';
    case 'checkboxes':
      return [def.options[0]!];
    case 'checkbox':
    case 'radio':
    case 'picklist':
      return def.options[0]!;
    default:
      return 'x';
  }
}

/** Values for every required customer field currently defined. */
export async function requiredFormFields(): Promise<{ name: string; value: unknown }[]> {
  const res = await call('GET', '/storefront/form-fields');
  return res.body.customer.filter((f: any) => f.required).map((f: any) => ({ name: f.name, value: validValueFor(f) }));
}

/** Defines a customer form field directly in D1 (fixture; the admin route has its own tests). */
export async function defineField(def: {
  name: string;
  label?: string;
  type: string;
  required?: boolean;
  options?: string[];
  min?: number;
  max?: number;
  max_length?: number;
  min_date?: string;
  max_date?: string;
  applies_to?: string;
}) {
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  await env.DB.prepare(
    `INSERT INTO form_fields (name, label, type, required, options, min, max, max_length, min_date, max_date, applies_to, sort_order, date_created, date_modified)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 0, ?12, ?12)`,
  )
    .bind(
      def.name,
      def.label ?? def.name,
      def.type,
      def.required ? 1 : 0,
      JSON.stringify(def.options ?? []),
      def.min ?? null,
      def.max ?? null,
      def.max_length ?? null,
      def.min_date ?? null,
      def.max_date ?? null,
      def.applies_to ?? 'customer',
      now,
    )
    .run();
}

export interface SignedUp {
  id: number;
  email: string;
  password: string;
  accessToken: string;
  refreshCookie: string;
  body: any;
}

/** The refresh token from a response's Set-Cookie. */
export function refreshCookieOf(headers: Headers): string {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('sfa_refresh='));
  if (!cookie) throw new Error(`no refresh cookie in ${JSON.stringify(headers.getSetCookie())}`);
  return cookie.split(';')[0]!.slice('sfa_refresh='.length);
}

export async function signUp(over: Record<string, unknown> = {}): Promise<SignedUp> {
  const email = (over.email as string) ?? uniqueEmail('signup');
  const body = { email, password: PASSWORD, first_name: 'Sam', last_name: 'Shopper', form_fields: await requiredFormFields(), ...over };
  const res = await call('POST', '/storefront/customers', { body });
  if (res.status !== 201) throw new Error(`sign-up failed ${res.status}: ${res.text}`);
  return {
    id: res.body.customer.id,
    email,
    password: body.password,
    accessToken: res.body.access_token,
    refreshCookie: refreshCookieOf(res.headers),
    body: res.body,
  };
}

export async function logIn(email: string, password = PASSWORD) {
  return call('POST', '/storefront/session', { body: { email, password } });
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
export const cookie = (refresh: string) => ({ Cookie: `sfa_refresh=${refresh}` });

/** An access token for the customer as a refresh long after the sign-in would mint it: no recent `auth_time`. */
export async function staleToken(customerId: number): Promise<string> {
  const row = await env.DB.prepare('SELECT token_version, customer_group_id FROM customers WHERE id = ?1')
    .bind(customerId)
    .first<{ token_version: number; customer_group_id: number | null }>();
  return issueAccessToken(env, {
    customerId,
    tokenVersion: row!.token_version,
    groupId: row!.customer_group_id ?? 0,
    authTime: Math.floor(Date.now() / 1000) - 3600,
  });
}
