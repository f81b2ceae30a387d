// The one validation hook: zod failures become the error shape with field paths ("1.email") and a
// stable field code per path, never a raw ZodError. A list longer than its limit is a 413 (BigCommerce
// answers 413 for batch size). Also the zod pieces both APIs share (a custom form field's value), so the
// storefront and admin routes need not import each other's helpers.
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { ApiError, type FieldCode, fieldError, type FieldErrors } from './errors';
import { describedAs } from './route-meta';

// zod/mini (a third of classic zod's size: no methods, no JSON Schema) ships no locale; the English one
// keeps the messages every field error carries the same as before.
z.config(en());

/** A custom form field's value as any API accepts it; its definition decides the rest (accounts/form-field-values.ts). */
export const formFieldValue = z.union(
  [z.string().check(z.maxLength(10_000)), z.number(), z.array(z.string().check(z.maxLength(1000))).check(z.maxLength(100))],
  {
    message: 'Expected a string, a number or a list of strings',
  },
);
/** `{name, value}` of a custom form field (the storefront's and the admin API's bodies). */
export const formFieldInput = z.strictObject({ name: z.string().check(z.minLength(1), z.maxLength(255)), value: formFieldValue });

/** The field code of a zod issue. */
/**
 * The value at `path` in what was validated. zod 4 leaves `input` out of its issues unless asked, so
 * "missing" (→ `required`) is told from "wrong" by looking at the request itself.
 */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at = input;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

function fieldCodeOf(issue: z.core.$ZodIssue, input?: unknown): FieldCode {
  const missing = input !== undefined ? valueAt(input, issue.path) === undefined : issue.input === undefined;
  switch (issue.code) {
    case 'invalid_type':
      return missing ? 'required' : 'invalid_type';
    case 'too_small':
      if (issue.origin === 'string' && issue.minimum === 1) return 'required';
      return issue.origin === 'number' || issue.origin === 'bigint' || issue.origin === 'date' ? 'too_small' : 'too_short';
    case 'too_big':
      return issue.origin === 'number' || issue.origin === 'bigint' || issue.origin === 'date' ? 'too_large' : 'too_long';
    case 'invalid_format':
      return issue.format === 'email' ? 'invalid_email' : 'invalid_format';
    case 'invalid_value':
    case 'invalid_union':
      return missing ? 'required' : 'invalid_choice';
    case 'unrecognized_keys':
      return 'unknown_field';
    default:
      return 'invalid_value';
  }
}

/** Field path → error, from zod issues. Unknown keys get one entry per key. */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[], prefix = '', input?: unknown): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors[base ? `${base}.${key}` : key] = fieldError('unknown_field', 'Unknown field');
      continue;
    }
    const path = base || '_';
    // A record's key refused: say why (the key's own issue, e.g. "Set by the worker"), not "Invalid key in record".
    const said = issue.code === 'invalid_key' && issue.issues[0] ? issue.issues[0] : issue;
    if (!errors[path]) errors[path] = fieldError(fieldCodeOf(said === issue ? issue : { ...said, path: issue.path }, input), said.message);
  }
  return errors;
}

function validationError(issues: readonly z.core.$ZodIssue[], target: keyof ValidationTargets, input: unknown): ApiError {
  const tooMany = issues.find((i) => i.path.length === 0 && i.code === 'too_big' && i.origin === 'array');
  if (tooMany && tooMany.code === 'too_big') {
    return new ApiError('too_many_items', { detail: `At most ${String(tooMany.maximum)} items per request.` });
  }
  if (target === 'query') {
    // Name the query parameter itself (`include`, not `include.0`).
    const named = issues.map((i) => ({ ...i, path: i.path.slice(0, 1) }));
    return new ApiError('invalid_query', { errors: issuesToErrors(named, '', input) });
  }
  return new ApiError('validation_failed', { errors: issuesToErrors(issues, '', input) });
}

/**
 * zValidator with the shared hook.
 * @example app.post('/', validate('json', createSchema), (c) => c.json(c.req.valid('json')))
 */
export function validate<T extends z.core.$ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return describedAs(
    { kind: 'input', target, schema },
    zValidator(target, schema, (result) => {
      if (!result.success) throw validationError(result.error.issues, target, result.data);
    }),
  );
}
