// The one error type thrown everywhere and the one error shape every failure answers with:
// `{status, title, type, detail?, errors?}` (BigCommerce's error body; `errors` maps field paths to messages).
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ErrorBody {
  status: number;
  title: string;
  type: string;
  detail?: string;
  errors?: Record<string, string>;
}

const TYPE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
  500: 'internal_error',
};

/** Error type URI for a status; documented in the README's "Errors" section. */
export function errorType(status: number): string {
  return `urn:storefront-accounts:error:${TYPE_BY_STATUS[status] ?? 'error'}`;
}

/**
 * The error every route throws. `onError` turns it into the error body.
 * @example throw new ApiError(404, 'Customer not found')
 * @example throw new ApiError(422, 'Invalid input', { errors: { '0.email': 'Invalid email' } })
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly title: string,
    readonly options: { detail?: string; errors?: Record<string, string>; headers?: Record<string, string> } = {},
  ) {
    super(title);
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { status: this.status, title: this.title, type: errorType(this.status) };
    if (this.options.detail) body.detail = this.options.detail;
    if (this.options.errors) body.errors = this.options.errors;
    return body;
  }
}

/**
 * The app's onError: ApiError as is; Hono's own HTTPExceptions keep their 4xx status (e.g. malformed
 * JSON is a 400, not a 500); anything else is a 500 whose body says nothing about the internals.
 */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return c.json(err.toBody(), err.status, err.options.headers);
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const title = status === 400 && /json/i.test(err.message) ? 'Malformed JSON in request body' : err.message || 'Request failed';
    return c.json({ status, title, type: errorType(status) } satisfies ErrorBody, status);
  }
  console.error('unhandled error', err);
  return c.json({ status: 500, title: 'Internal error', type: errorType(500) } satisfies ErrorBody, 500);
}

export function handleNotFound(c: Context): Response {
  return c.json({ status: 404, title: 'Not found', type: errorType(404) } satisfies ErrorBody, 404);
}
