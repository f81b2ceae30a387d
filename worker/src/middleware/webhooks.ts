// After the response, hands the webhook events this request committed to the queue
// (accounts/webhooks.ts). Registered right after d1Session: every request has its own D1 session, so
// the events found are this request's (db/webhook-sink.ts). A request that changed
// nothing, or a store without hooks, does no work here.
import { createMiddleware } from 'hono/factory';
import { takeEmittedEvents } from '../db/webhook-sink';
import type { AppEnv } from '../env';
import { afterResponse } from './request-context';

export const webhookDispatch = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  const ids = takeEmittedEvents(c.env.DB);
  if (ids.length)
    await afterResponse(
      c,
      import('../accounts/webhooks').then((m) => m.sendEvents(c.env, ids)),
    );
});
