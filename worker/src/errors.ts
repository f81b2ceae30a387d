// The one error type thrown everywhere and the one error shape every failure answers with:
// `{status, title, type, code, detail?, errors?, codes?}` — BigCommerce's error body plus our stable
// `code` (worker/src/shared/error-codes.ts, the one catalog) and `codes` for field errors.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from './shared/api-types';
import { ERROR_CODES, type ErrorCode, type FieldCode, type FieldError } from './shared/error-codes';

export type { ErrorBody, ErrorCode, FieldCode, FieldError };

/** Field path → error, collected by checks before one ApiError reports them all. */
export type FieldErrors = Record<string, FieldError>;

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
  502: 'bad_gateway',
  503: 'unavailable',
};

/** Error type URI for a status; documented in docs/admin-api.md "Errors and codes". */
function errorType(status: number): string {
  return `urn:storefront-accounts:error:${TYPE_BY_STATUS[status] ?? 'error'}`;
}

/** A field error. @example errors.email = fieldError('email_taken', 'An account with this email already exists') */
export function fieldError(code: FieldCode, message: string): FieldError {
  return { code, message };
}

export interface ApiErrorOptions {
  detail?: string;
  errors?: FieldErrors;
  headers?: Record<string, string>;
}

/**
 * The error every layer throws; `onError` turns it into the error body. Status and title come from the
 * catalog entry of `code`, so one code always answers the same way.
 * @example throw new ApiError('customer_not_found')
 * @example throw new ApiError('validation_failed', { errors: { '0.email': fieldError('invalid_email', 'Invalid email') } })
 */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly title: string;

  constructor(
    readonly code: ErrorCode,
    readonly options: ApiErrorOptions = {},
  ) {
    const { status, title } = ERROR_CODES[code];
    super(title);
    this.status = status;
    this.title = title;
  }

  toBody(): ErrorBody {
    return errorBody(this.code, this.options);
  }
}

/** The error body of `code`: title and status from the catalog, field errors split into `errors` and `codes`. */
export function errorBody(code: ErrorCode, { detail, errors }: Pick<ApiErrorOptions, 'detail' | 'errors'> = {}): ErrorBody {
  const { status, title } = ERROR_CODES[code];
  const body: ErrorBody = { status, title, type: errorType(status), code };
  if (detail) body.detail = detail;
  if (errors && Object.keys(errors).length) {
    body.errors = {};
    body.codes = {};
    for (const [path, e] of Object.entries(errors)) {
      body.errors[path] = e.message;
      body.codes[path] = e.code;
    }
  }
  return body;
}

/**
 * The access token is not live (the customer is gone, or its token_version moved: a password change,
 * reset, log-out-everywhere or erasure). The one way this is answered, wherever it is found out: the
 * `WWW-Authenticate` header tells OAuth clients the token itself is bad (RFC 6750), so they sign in again.
 */
export function tokenRevoked(): ApiError {
  return new ApiError('token_revoked', { headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' } });
}

/** Throws one 422 naming every field error, if there are any. */
export function throwIfInvalid(errors: FieldErrors, code: ErrorCode = 'validation_failed'): void {
  if (Object.keys(errors).length) throw new ApiError(code, { errors });
}

/** Hono's own HTTPExceptions (malformed JSON, …) by status: their 4xx stays a 4xx, with a code. */
function codeOfHttpException(err: HTTPException): ErrorCode {
  switch (err.status) {
    case 400:
      return /json/i.test(err.message) ? 'malformed_json' : 'bad_request';
    case 401:
      return 'sign_in_required';
    case 404:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    default:
      return err.status >= 500 ? 'internal_error' : 'bad_request';
  }
}

/**
 * BigCommerce's names for a 429's wait, added to every 429 from its `Retry-After` (seconds): `X-Retry-After`
 * (node-bigcommerce waits that long), and where the refusal did not say more (the D1-kept limits have no
 * binding quota), `X-Rate-Limit-Requests-Left: 0` and `X-Rate-Limit-Time-Reset-Ms`. The binding limits
 * add the quota and window themselves (accounts/rate-limits.ts limiterHeaders).
 */
function rateLimitHeaders(headers: Record<string, string> = {}): Record<string, string> {
  const retryAfter = headers['Retry-After'];
  if (retryAfter === undefined) return headers;
  return {
    'X-Retry-After': retryAfter,
    'X-Rate-Limit-Requests-Left': '0',
    'X-Rate-Limit-Time-Reset-Ms': String(Number(retryAfter) * 1000),
    ...headers,
  };
}

/** BigCommerce's V2 API (`/v2/...`, also under `/stores/{hash}/`): its errors are an array, not our V3 body. */
const V2_PATH = /^(?:\/stores\/[^/]+)?\/v2(?:\/|$)/;

/**
 * An error in the shape of the path's API version. V3 and the storefront: our body. V2: BigCommerce's
 * `[{status, message}]`, with our stable `code` as an extra property of the item (V2 clients read status
 * and message) and the rest of our body (`detail` in the message; `errors`, `codes`) under `details`, where
 * BigCommerce V2 puts extra information (docs/admin-api.md "Errors and codes").
 */
function errorResponse(c: Context, body: ErrorBody, headers?: Record<string, string>): Response {
  const status = body.status as ContentfulStatusCode;
  if (!V2_PATH.test(new URL(c.req.url).pathname)) return c.json(body, status, headers);
  const { title, detail, code, errors, codes } = body;
  const item: V2ErrorItem = { status: body.status, message: detail ? `${title}: ${detail}` : title, code };
  if (errors) item.details = { errors, codes: codes ?? {} };
  return c.json([item], status, headers);
}

/** One item of a V2 error answer (docs/admin-api.md "Errors and codes"). */
export interface V2ErrorItem {
  status: number;
  message: string;
  code: ErrorCode;
  details?: { errors: Record<string, string>; codes: Record<string, FieldCode> };
}

/**
 * The app's onError: ApiError as is; Hono's own HTTPExceptions keep their 4xx status (e.g. malformed
 * JSON is a 400, not a 500); anything else is a 500 whose body says nothing about the internals.
 */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return errorResponse(c, err.toBody(), err.status === 429 ? rateLimitHeaders(err.options.headers) : err.options.headers);
  }
  if (err instanceof HTTPException) {
    const code = codeOfHttpException(err);
    const body = errorBody(code);
    // Keep Hono's status where the catalog has none closer (e.g. 408 stays 408, with the generic code).
    return errorResponse(c, { ...body, status: err.status, type: errorType(err.status) });
  }
  console.error('unhandled error', err);
  return errorResponse(c, errorBody('internal_error'));
}

export function handleNotFound(c: Context): Response {
  return errorResponse(c, errorBody('not_found'));
}
