// Real requests through the worker (SELF) and fixtures that make their own data.
import { env } from 'cloudflare:test';
import { afterAll, beforeAll } from 'vitest';
import { clearOriginCache } from '../../worker/src/middleware/cors';
import { randomToken, sha256Hex } from '../../worker/src/auth/crypto';
import { insertAdminTokenStatement } from '../../worker/src/db/admin-tokens';
import { ERROR_CODES, FIELD_CODES } from '../../worker/src/shared/error-codes';
import { fetchChecked } from './contract';

export const BASE = 'https://accounts.test';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export async function call<T = any>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<ApiResponse<T>> {
  // A fresh client IP per call unless the test sets one, so per-IP rate limits only bite where a test means them to.
  const headers: Record<string, string> = { 'CF-Connecting-IP': randomIp(), ...options.headers };
  if (options.token) headers['X-Auth-Token'] = options.token;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const res = await fetchChecked(`${BASE}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: any = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

/** Creates an admin API token with `scopes` and returns the raw token. */
export async function adminToken(scopes: string[] = ['store_v2_customers', 'store_v2_orders'], name = 'Test token'): Promise<string> {
  const token = randomToken('sfa_');
  await insertAdminTokenStatement(env.DB, { name, tokenHash: await sha256Hex(token), scopes }).run();
  return token;
}

export function randomIp(): string {
  const b = crypto.getRandomValues(new Uint8Array(3));
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

let counter = 0;
/** A unique email for this test run. */
export function uniqueEmail(prefix = 'shopper'): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}.${counter}.${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/** The error shape every failure answers with: a catalog `code`, and a field code for every field error. */
export function expectErrorShape(body: any, status: number) {
  if (typeof body !== 'object' || body === null) throw new Error(`not a JSON error body: ${String(body)}`);
  if (body.status !== status) throw new Error(`error body status ${body.status} != ${status}: ${JSON.stringify(body)}`);
  if (typeof body.title !== 'string' || typeof body.type !== 'string') throw new Error(`bad error shape: ${JSON.stringify(body)}`);
  if (!(body.code in ERROR_CODES)) throw new Error(`error body without a catalog code: ${JSON.stringify(body)}`);
  for (const path of Object.keys(body.errors ?? {})) {
    if (!(body.codes?.[path] in FIELD_CODES)) throw new Error(`field error "${path}" without a field code: ${JSON.stringify(body)}`);
  }
}

/**
 * BigCommerce's V2 error shape (`/v2/...`): `[{status, message, code, details?: {errors, codes}}]`, our
 * catalog code in each item. Returns the item's `details` (empty maps when none) for field assertions.
 */
export function expectV2ErrorShape(body: any, status: number): { errors: Record<string, string>; codes: Record<string, string> } {
  if (!Array.isArray(body) || body.length !== 1) throw new Error(`not a V2 error array: ${JSON.stringify(body)}`);
  const [item] = body;
  if (item.status !== status || typeof item.message !== 'string' || !item.message) throw new Error(`bad V2 error item: ${JSON.stringify(item)}`);
  if (!(item.code in ERROR_CODES)) throw new Error(`V2 error without a catalog code: ${JSON.stringify(item)}`);
  const allowed = new Set(['status', 'message', 'code', 'details']);
  if (Object.keys(item).some((k) => !allowed.has(k))) throw new Error(`V2 error with other properties: ${JSON.stringify(item)}`);
  const details = item.details ?? { errors: {}, codes: {} };
  for (const path of Object.keys(details.errors)) {
    if (!(details.codes[path] in FIELD_CODES)) throw new Error(`field error "${path}" without a field code: ${JSON.stringify(item)}`);
  }
  return details;
}

/**
 * Runs a rate-limit series so that its outcome never depends on the time of day. The limiter counts in
 * fixed windows aligned to the minute, so a series that straddles a window edge sees its count reset
 * and would fail for reasons of the clock alone. `series` must make its own key space each time it runs
 * (a fresh IP, a fresh email or customer); if it fails and a window edge passed while it ran, it runs
 * once more with new keys. A series takes well under a minute, so the second run lies within one window.
 * A failure with no window edge in between is a real failure and is thrown at once.
 */
export async function inOneWindow(series: () => Promise<void>, windowMs = 60_000): Promise<void> {
  const window = () => Math.floor(Date.now() / windowMs);
  const started = window();
  try {
    await series();
  } catch (err) {
    if (window() === started) throw err;
    await series();
  }
}

/**
 * A channel with `origins` as its storefront origins for the tests of this file (CORS trusts them): created
 * before all, deleted after all; the per-isolate origin cache is dropped both times.
 */
/** A channel with `origins` for the file's tests (removed after them); answers its id once created. */
export function useTestChannel(name: string, origins: string[]): () => number {
  let channelId: number | undefined;
  beforeAll(async () => {
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const row = await env.DB.prepare(
      'INSERT INTO channels (name, storefront_origins, date_created, date_modified) VALUES (?1, ?2, ?3, ?3) RETURNING id',
    )
      .bind(name, JSON.stringify(origins), now)
      .first<{ id: number }>();
    channelId = row!.id;
    clearOriginCache();
  });
  afterAll(async () => {
    if (channelId) await env.DB.prepare('DELETE FROM channels WHERE id = ?1').bind(channelId).run();
    clearOriginCache();
  });
  return () => channelId!;
}
