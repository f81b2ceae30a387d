// Calls the worker with a D1 binding that records the constraint (or bookmark) of every D1 session the
// request opens: local D1 has no replicas, so the routing is checked where it is decided
// (middleware/d1-session.ts).
import { env } from 'cloudflare:test';
import worker from '../../worker/src/index';
import type { Bindings } from '../../worker/src/env';
import { BASE } from './api';
import { checkedCall } from './contract';

export async function openedSessions(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown; ip?: string } = {},
): Promise<{ status: number; opened: string[]; headers: Headers }> {
  const opened: string[] = [];
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'withSession') {
        return (constraint: string) => {
          opened.push(constraint);
          return target.withSession(constraint);
        };
      }
      const value = Reflect.get(target, prop) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const ctx = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext;
  const { headers = {}, body, ip = '198.51.100.7' } = options;
  const res = await checkedCall(
    new Request(`${BASE}${path}`, {
      method,
      headers: { 'CF-Connecting-IP': ip, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    }),
    (r) => worker.fetch(r, { ...(env as Bindings), DB: db }, ctx),
  );
  return { status: res.status, opened, headers: res.headers };
}
