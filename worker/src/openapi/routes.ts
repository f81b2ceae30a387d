// Every route the worker answers, as registered in its Hono apps (routes/groups.ts: the same table
// worker/src/app.ts mounts), with what its middleware registered (route-meta.ts). The OpenAPI generator
// describes these; the route-coverage test compares them with the committed documents.
import type { Hono } from 'hono';
import type { AppEnv } from '../env';
import { type RouteMeta, routeMeta } from '../route-meta';
import { app as worker } from '../app';
import { ROUTE_GROUPS } from '../routes/groups';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RegisteredRoute {
  api: 'storefront' | 'admin';
  method: Method;
  /** OpenAPI form: `/v3/customers/{id}`. */
  path: string;
  /** The path parameters, in order. */
  params: string[];
  /** What the route's own middleware and the app middleware in front of it registered. */
  metas: RouteMeta[];
}

const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/** `/v3/customers/:id{[0-9]+}` → `/v3/customers/{id}`. */
export function openApiPath(honoPath: string): { path: string; params: string[] } {
  const params: string[] = [];
  const path = honoPath.replace(/:(\w+)(\{[^}]*\})?\??/g, (_m, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path: path.length > 1 ? path.replace(/\/$/, '') : path, params };
}

/** Whether middleware registered on `pattern` (`/storefront/customer/*`, `*`) runs for `path`. */
function covers(pattern: string, path: string): boolean {
  if (pattern === '*' || pattern === '/*') return true;
  const source = pattern
    .split('/')
    .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/')
    .replace(/\/\.\*$/, '(?:/.*)?');
  return new RegExp(`^${source}$`).test(path);
}

/** The routes of one loaded app: handlers by method and path, with the metas of their middleware. */
export function routesOf(app: Hono<AppEnv>, api: 'storefront' | 'admin'): RegisteredRoute[] {
  const middleware = app.routes.filter((r) => r.method === 'ALL');
  const byKey = new Map<string, { method: Method; honoPath: string; handlers: (typeof app.routes)[number]['handler'][] }>();
  for (const r of app.routes) {
    if (!METHODS.has(r.method)) continue;
    const key = `${r.method} ${r.path}`;
    const entry = byKey.get(key) ?? { method: r.method as Method, honoPath: r.path, handlers: [] };
    entry.handlers.push(r.handler);
    byKey.set(key, entry);
  }
  return [...byKey.values()].map(({ method, honoPath, handlers }) => {
    const own = handlers.slice(0, -1);
    const around = middleware.filter((m) => covers(m.path, honoPath)).map((m) => m.handler);
    const metas = [...around, ...own].map(routeMeta).filter((m): m is RouteMeta => m !== undefined);
    return { api, method, ...openApiPath(honoPath), metas };
  });
}

/** Every public route of the worker (not `/dev`, which answers in local runs only), loaded from routes/groups.ts. */
export async function registeredRoutes(): Promise<RegisteredRoute[]> {
  // The worker's own routes (`/health`), then every group's.
  const all: RegisteredRoute[] = routesOf(worker, 'storefront').filter((r) => !r.path.includes('*'));
  for (const group of ROUTE_GROUPS) {
    if (!group.api) continue;
    all.push(...routesOf(await group.load(), group.api));
  }
  return all;
}
