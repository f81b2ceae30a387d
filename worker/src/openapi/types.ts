// What a route's description adds to what its middleware already registered (route-meta.ts): a summary,
// its answers and their schemas, the BigCommerce operation it follows and how it differs, the error codes
// its handler can answer. One file per resource under operations/, keyed like `GET /v3/customers/{id}`.
// Build-time only (scripts/build-openapi.mjs): nothing here is in the worker bundle, so the schemas use
// classic zod (`.meta()`, descriptions) where the routes use zod/mini.
import type * as z from 'zod';
import type { ErrorCode } from '../shared/error-codes';
import type { Method } from './routes';

export interface ResponseDoc {
  description: string;
  /** The body's schema; none for a bodiless answer (204, a redirect). */
  schema?: z.ZodType;
  /** Another content type than application/json (e.g. `application/jwt`, `text/html`). */
  contentType?: string;
  headers?: Record<string, { description: string; schema?: Record<string, unknown> }>;
}

export interface OperationDoc {
  summary: string;
  /** Markdown. */
  description?: string;
  /** Defaults to the resource the path names. */
  tags?: string[];
  /** The BigCommerce operation this one follows (the spec's operationId and file, e.g. `getCustomers` in customers.v3.yml). */
  bigcommerce?: { operation: string; spec: string };
  /** Where this operation deliberately differs from BigCommerce's (Markdown). */
  differs?: string;
  /**
   * How the caller proves who they are, where the middleware does not say it (route-meta.ts gives the admin
   * token and the bearer token): the refresh cookie (`sfa_refresh`, or the refresh token in the body where
   * REFRESH_IN_BODY allows), or `public`; `-optional` / `-or-refresh`: a guest may call it too, and is
   * answered as a guest.
   */
  auth?: 'refresh' | 'bearer' | 'public' | 'bearer-optional' | 'bearer-or-refresh';
  /** Successful answers (and redirects) by status. Error answers come from `errors` and the middleware. */
  responses: Partial<Record<number, ResponseDoc>>;
  /** Error codes of the catalog (shared/error-codes.ts) the handler itself can answer. */
  errors?: ErrorCode[];
  /**
   * A route a browser navigates to (middleware/browser-flows.ts): its errors are a small HTML page, and the
   * error shape only for a request that Accepts JSON.
   */
  browserFlow?: true;
  /** Request body schema where no validator registers one (e.g. a body read by hand). */
  body?: z.ZodType;
  /** Extra query parameters not in a validator. */
  query?: z.ZodObject;
}

export type OperationKey = `${Method} /${string}`;
export type OperationDocs = Partial<Record<OperationKey, OperationDoc>>;

/** Types a file of operation descriptions. @example export default operations({ 'GET /health': {...} }) */
export function operations(docs: OperationDocs): OperationDocs {
  return docs;
}
