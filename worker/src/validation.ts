// The one validation hook: zod failures become the error shape with field paths ("1.email"),
// never a raw ZodError. A list longer than its limit is a 413 (BigCommerce answers 413 for batch size).
import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type * as z from 'zod';
import { ApiError } from './errors';

/** Field path → message, from zod issues. Unknown keys get one entry per key. */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[], prefix = ''): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors[base ? `${base}.${key}` : key] = 'Unknown field';
      continue;
    }
    const path = base || '_';
    if (!errors[path]) errors[path] = issue.message;
  }
  return errors;
}

export function validationError(issues: readonly z.core.$ZodIssue[], target: keyof ValidationTargets): ApiError {
  const tooMany = issues.find((i) => i.path.length === 0 && i.code === 'too_big' && i.origin === 'array');
  if (tooMany && tooMany.code === 'too_big') {
    return new ApiError(413, 'Too many items in one request', {
      detail: `At most ${String(tooMany.maximum)} items per request.`,
    });
  }
  if (target === 'query') {
    // Name the query parameter itself (`include`, not `include.0`).
    const named = issues.map((i) => ({ ...i, path: i.path.slice(0, 1) }) as z.core.$ZodIssue);
    return new ApiError(422, 'Invalid query parameters', { errors: issuesToErrors(named) });
  }
  return new ApiError(422, 'Invalid input', { errors: issuesToErrors(issues) });
}

/**
 * zValidator with the shared hook.
 * @example app.post('/', validate('json', createSchema), (c) => c.json(c.req.valid('json')))
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw validationError(result.error.issues, target);
  });
}
