// The typed storefront API client. Its type is hono/client's client over the worker's route types
// (`hc<StorefrontApp>`, type-only imports: no worker or Hono code reaches the bundle), so both the
// request and the response of every call are inferred from the routes: `call()` resolves to the
// route's success body, and a route whose response changes breaks the typecheck of its callers. Its
// runtime is the small proxy below, which builds the same requests as hc for the features the widget
// uses (json bodies, query, path params). hc's own runtime costs ~1.7 KB gzip, a seventh of the log-in
// page's 12 KB budget.
import type { ClientResponse, hc } from 'hono/client';
import type { StorefrontApp } from '../../worker/src/routes/storefront/index';
import type { ErrorBody } from '../../worker/src/shared/api-types';

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
                let url =
                  `${base}/storefront` +
                  path.replace(/\/:(\w+)(?:\{[^/]+\})?/g, (_m, p: string) => `/${encodeURIComponent(String(args.param?.[p]))}`);
                // Numbers become strings as String() would make them (URLSearchParams converts record values).
                if (args.query) url += `?${new URLSearchParams(args.query as Record<string, string>)}`;
                const body = args.json === undefined ? undefined : JSON.stringify(args.json);
                return fetcher(url, { method: key.slice(1).toUpperCase(), body, headers: body ? { 'Content-Type': 'application/json' } : undefined });
              },
    });
  return node('') as StorefrontClient;
}

/**
 * What a failed call carries: the API's error body (shared/api-types.ts). Status 0 (the network failed)
 * and bodies that are not the API's (a proxy's error page) have no `code`.
 */
export type Failure = Omit<ErrorBody, 'code' | 'type'> & Partial<Pick<ErrorBody, 'code' | 'type'>>;

/** A failed API call: the server's error body, with its stable `code` and field `codes` (never translate `title` or `errors`: they are English). */
export class ApiError extends Error implements Failure {
  declare status: number;
  declare title: string;
  declare type?: string;
  declare code?: ErrorBody['code'];
  declare detail?: string;
  declare errors?: ErrorBody['errors'];
  declare codes?: ErrorBody['codes'];
  constructor(failure: Failure) {
    super(failure.title);
    // The failure's fields as they are (its own properties are exactly the error shape, which
    // `account-error` passes on): fewer bytes than naming each, and the log-in page's budget is tight.
    Object.assign(this, failure);
  }
}

/**
 * The success body of a typed response (a union over the route's responses): error statuses drop out,
 * 204 is undefined. A plain `Response` (an untyped fetch) gives `unknown`.
 */
export type Success<R> = R extends { ok: false }
  ? never
  : R extends { status: 204 }
    ? undefined
    : R extends ClientResponse<infer T, number, 'json'>
      ? T
      : unknown;

/** The success body of a client method, e.g. `Data<StorefrontClient['customer']['$get']>`. */
export type Data<M extends (...args: never[]) => Promise<unknown>> = Success<Awaited<ReturnType<M>>>;

type Res = { ok: boolean; status: number; json(): Promise<unknown> };

/** Resolves a response to its JSON body (undefined for 204), typed from the route, or throws an ApiError with the server's error body; network failures are status 0. */
export async function call<R extends Res>(request: Promise<R>): Promise<Success<R>> {
  let res: Res;
  try {
    res = await request;
  } catch {
    throw new ApiError({ status: 0, title: '' });
  }
  if (res.ok) return (res.status === 204 ? undefined : await res.json()) as Success<R>;
  let failure: Failure = { status: res.status, title: '' };
  try {
    failure = { ...((await res.json()) as ErrorBody), status: res.status };
  } catch {
    // a proxy's HTML error page or an empty body: keep the status
  }
  throw new ApiError(failure);
}
