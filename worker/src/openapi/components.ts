// Schemas every document shares: the one error body (and BigCommerce's V2 error array), field codes, the
// pagination envelope of admin lists. Build-time only (types.ts).
import * as z from 'zod';
import { ERROR_CODES, FIELD_CODES, type ErrorCode } from '../shared/error-codes';

const errorCodes = Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]];
const fieldCodes = Object.keys(FIELD_CODES) as [keyof typeof FIELD_CODES, ...(keyof typeof FIELD_CODES)[]];

export const ErrorCodeSchema = z.enum(errorCodes).meta({
  id: 'ErrorCode',
  description: 'The stable error code clients switch on and translate (the catalog, worker/src/shared/error-codes.ts).',
});
export const FieldCodeSchema = z.enum(fieldCodes).meta({ id: 'FieldCode', description: 'The stable code of one field error.' });

export const ErrorBodySchema = z
  .object({
    status: z.int(),
    title: z.string().describe('English; may be reworded at any time: switch on `code`.'),
    type: z.string().describe('`urn:storefront-accounts:error:<kind>`, the kind following the status.'),
    code: ErrorCodeSchema,
    detail: z.string().optional(),
    errors: z
      .record(z.string(), z.string())
      .optional()
      .describe('Field path ("email", "1.addresses.0.postal_code", a query parameter) → English message.'),
    codes: z.record(z.string(), FieldCodeSchema).optional().describe('The same keys as `errors` → stable field code.'),
  })
  .meta({
    id: 'Error',
    description:
      "The one error body of both APIs: BigCommerce's `{status, title, type, detail?, errors?}` plus a stable `code` and, for field errors, `codes`.",
  });

export const V2ErrorSchema = z
  .array(
    z.object({
      status: z.int(),
      message: z.string(),
      code: ErrorCodeSchema,
      details: z.object({ errors: z.record(z.string(), z.string()), codes: z.record(z.string(), FieldCodeSchema) }).optional(),
    }),
  )
  .length(1)
  .meta({ id: 'V2Error', description: "BigCommerce's V2 error array (`/v2/...`), with our `code` in the item and field errors under `details`." });

/** The `meta.pagination` of an admin list (BigCommerce's shape). */
export const PaginationSchema = z
  .object({
    total: z.int(),
    count: z.int(),
    per_page: z.int(),
    current_page: z.int(),
    total_pages: z.int(),
    links: z.object({ previous: z.string().optional(), current: z.string(), next: z.string().optional() }),
  })
  .meta({ id: 'Pagination' });
