// SSO fixtures: apps made through the admin API, Customer Login tokens signed as an app would sign
// them, and opening a login link without following its redirect.
import { SignJWT } from 'jose';
import { adminToken, BASE, call, randomIp } from '../../helpers/api';
import { fetchChecked } from '../../helpers/contract';

export const STORE_HASH = 'demo01';

export interface TestApp {
  id: number;
  client_id: string;
  client_secret: string;
}

let writer: string | undefined;
export async function adminWriter(): Promise<string> {
  writer ??= await adminToken(['store_v2_customers']);
  return writer;
}

export async function createApp(name = 'Loyalty app'): Promise<TestApp> {
  const res = await call('POST', '/v3/apps', { token: await adminWriter(), body: { name } });
  if (res.status !== 201) throw new Error(`app creation failed ${res.status}: ${res.text}`);
  return res.body.data;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Claims of a good Customer Login token for `customerId`, overridable claim by claim. */
export function loginClaims(app: TestApp, customerId: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: app.client_id,
    iat: nowSeconds(),
    jti: crypto.randomUUID(),
    operation: 'customer_login',
    store_hash: STORE_HASH,
    customer_id: customerId,
    ...over,
  };
}

/** Signs claims HS256 with `secret` as BigCommerce apps do (the secret's UTF-8 bytes are the key). */
export function signHs256(claims: Record<string, unknown>, secret: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

export async function loginToken(app: TestApp, customerId: number, over: Record<string, unknown> = {}): Promise<string> {
  return signHs256(loginClaims(app, customerId, over), app.client_secret);
}

const b64url = (s: string) => btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A token with any header and payload and a made-up signature (alg none, odd algs, bad shapes). */
export function rawToken(header: Record<string, unknown>, payload: Record<string, unknown>, signature = ''): string {
  return `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}.${signature}`;
}

export interface LinkResponse {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

/** Opens /login/token/{jwt} without following the redirect; JSON errors unless `accept` says otherwise. */
export async function openLink(token: string, options: { accept?: string; headers?: Record<string, string> } = {}): Promise<LinkResponse> {
  const res = await fetchChecked(`${BASE}/login/token/${token}`, {
    redirect: 'manual',
    headers: { 'CF-Connecting-IP': randomIp(), Accept: options.accept ?? 'application/json', ...options.headers },
  });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // HTML page
  }
  return { status: res.status, headers: res.headers, text, body };
}

export const hasRefreshCookie = (headers: Headers) => headers.getSetCookie().some((c) => c.startsWith('sfa_refresh=') && !/Max-Age=0/i.test(c));
