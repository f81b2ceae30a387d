// The typed storefront API client. Its type is hono/client's client over the worker's route types
// (`hc<StorefrontApp>`, type-only imports: no worker or Hono code reaches the bundle); its runtime is
// the small proxy below, which builds the same requests as hc for the features the widget uses (json
// bodies, query, path params). hc's own runtime costs ~1.7 KB gzip, a seventh of the log-in page's
// 12 KB budget. Routes whose types are not exported yet go through Session.json() with types.ts shapes.
import type { hc } from 'hono/client';
import type { StorefrontApp } from '../../worker/src/routes/storefront/index';
import type { Problem } from './types';

export type StorefrontClient = ReturnType<typeof hc<StorefrontApp>>;

interface CallArgs {
  json?: unknown;
  query?: Record<string, string | number>;
  param?: Record<string, string | number>;
}

/** `client.customer.password.$post({ json })` → POST {base}/storefront/customer/password, like hc over the /storefront group (`/:id{[0-9]+}` path params included). */
export function createClient(base: string, fetcher: typeof fetch): StorefrontClient {
  const node = (path: string): unknown =>
    new Proxy(() => {}, {
      get: (_, key: string) =>
        key === 'then'
          ? undefined
          : key[0] !== '$'
          ? node(`${path}/${key}`)
          : (args: CallArgs = {}) => {
              let url = `${base}/storefront` + path.replace(/\/:(\w+)(?:\{[^/]+\})?/g, (_m, p: string) => `/${encodeURIComponent(String(args.param?.[p]))}`);
              if (args.query) url += `?${new URLSearchParams(Object.entries(args.query).map(([k, v]) => [k, String(v)]))}`;
              const body = args.json === undefined ? undefined : JSON.stringify(args.json);
              return fetcher(url, { method: key.slice(1).toUpperCase(), body, headers: body ? { 'Content-Type': 'application/json' } : undefined });
            },
    });
  return node('') as StorefrontClient;
}

/** A failed API call, carrying the server's error shape (field errors in `errors`). */
export class ApiError extends Error implements Problem {
  status: number;
  title: string;
  errors?: Record<string, string>;
  detail?: string;
  code?: string;
  constructor(problem: Problem) {
    super(problem.title);
    this.status = problem.status;
    this.title = problem.title;
    this.errors = problem.errors;
    this.detail = problem.detail;
    this.code = problem.code;
  }
}

type Res = { ok: boolean; status: number; json(): Promise<unknown> };

/** Resolves a response to its JSON body (undefined for 204), or throws an ApiError with the server's problem; network failures are status 0. */
export async function call<T>(request: Promise<Res>): Promise<T> {
  let res: Res;
  try {
    res = await request;
  } catch {
    throw new ApiError({ status: 0, title: '' });
  }
  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;
  let problem: Problem = { status: res.status, title: '' };
  try {
    problem = { ...((await res.json()) as Problem), status: res.status };
  } catch {
    // a proxy's HTML error page or an empty body: keep the status
  }
  throw new ApiError(problem);
}
