// Mutating requests with a body must be JSON. Refusing other types (415) also closes the CSRF route of
// "simple" cross-site form posts, which can only send form or text/plain bodies.
import { createMiddleware } from 'hono/factory';
import { ApiError } from '../errors';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

export const jsonOnly = createMiddleware(async (c, next) => {
  if (BODY_METHODS.has(c.req.method)) {
    const type = c.req.header('Content-Type') ?? '';
    const length = c.req.header('Content-Length');
    const hasBody = type !== '' || (length !== undefined && length !== '0');
    if (hasBody && !/^application\/json\s*(;|$)/i.test(type)) {
      throw new ApiError('unsupported_media_type');
    }
  }
  await next();
});
