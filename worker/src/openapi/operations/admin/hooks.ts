import * as z from 'zod';
import { operations } from '../../types';
import { HookEventSchema, HookListMetaSchema, HookSchema, NewHookSchema, one } from './platform-schemas';

const shape =
  "Our addition, in the shape of BigCommerce's webhooks V3 (`/v3/hooks`), with Standard Webhooks signatures (BigCommerce signs nothing) and `failing_since` / `deactivated_reason`; `client_id` is always empty.";
const ours = 'Our addition: BigCommerce has no events history API.';
const hookList = z.object({ data: z.array(HookSchema), meta: HookListMetaSchema });
const eventList = z.object({ data: z.array(HookEventSchema), meta: HookListMetaSchema });

export default operations({
  'GET /v3/hooks': {
    summary: 'List webhooks',
    description: 'Filters `is_active`, `scope`, `destination`; `page`, `limit`. A read-only token sees header names with `********` values.',
    differs: shape,
    responses: { 200: { description: 'A page of hooks.', schema: hookList } },
  },
  'POST /v3/hooks': {
    summary: 'Create a webhook',
    description:
      '`destination` must be https (`http://localhost` / `127.0.0.1` only where `ENVIRONMENT` is local or test). **The signing secret is shown this once**; it is stored encrypted with `APP_SECRETS_KEY` (without it: 503 `unavailable`).',
    differs: shape,
    responses: { 200: { description: 'The hook with its signing secret.', schema: one(NewHookSchema) } },
    errors: ['unavailable'],
  },
  'GET /v3/hooks/{id}': {
    summary: 'Get a webhook',
    differs: shape,
    responses: { 200: { description: 'The hook.', schema: one(HookSchema) } },
    errors: ['hook_not_found'],
  },
  'PUT /v3/hooks/{id}': {
    summary: 'Update a webhook',
    description: 'Takes any of the POST fields; turning a hook on again forgets its failures; `headers: null` removes them.',
    differs: shape,
    responses: { 200: { description: 'The updated hook.', schema: one(HookSchema) } },
    errors: ['hook_not_found'],
  },
  'DELETE /v3/hooks/{id}': {
    summary: 'Delete a webhook',
    description: 'Answers the deleted hook, as BigCommerce does.',
    differs: shape,
    responses: { 200: { description: 'The deleted hook.', schema: one(HookSchema) } },
    errors: ['hook_not_found'],
  },
  'GET /v3/hooks/events': {
    summary: 'List webhook events',
    description: 'The events history, newest first, kept 30 days; filters `hook_id`, `status`, `scope`; `page`, `limit`.',
    tags: ['hooks'],
    differs: ours,
    responses: { 200: { description: 'A page of events.', schema: eventList } },
  },
  'GET /v3/hooks/{id}/events': {
    tags: ['hooks'],
    summary: "List a webhook's events",
    description: 'As `GET /v3/hooks/events`, for one hook.',
    differs: ours,
    responses: { 200: { description: 'A page of events.', schema: eventList } },
    errors: ['hook_not_found'],
  },
  'POST /v3/hooks/events/{id}/redeliver': {
    summary: 'Redeliver a webhook event',
    description: 'Sends a delivered or failed event again (the same `webhook-id`), after the answer.',
    tags: ['hooks'],
    differs: ours,
    responses: { 202: { description: 'The event, queued again.', schema: one(HookEventSchema) } },
    errors: ['webhook_event_not_found'],
  },
});
