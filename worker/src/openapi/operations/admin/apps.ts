import { operations } from '../../types';
import { AppSchema, NewAppSchema, one, page } from './platform-schemas';

const ours =
  "Our addition: BigCommerce creates API accounts in its control panel. An app's client id and secret sign shoppers in (Customer Login SSO) and read the signed-in shopper (Current Customer) as BigCommerce's do.";

export default operations({
  'GET /v3/apps': {
    summary: 'List apps',
    description: 'Oldest first, revoked ones too (with `revoked_at`); never the secret.',
    differs: ours,
    responses: { 200: { description: 'A page of apps.', schema: page(AppSchema) } },
  },
  'POST /v3/apps': {
    summary: 'Create an app',
    description:
      '**The client secret is shown once, in this answer only** (`Cache-Control: no-store`). It is stored AES-256-GCM encrypted with `APP_SECRETS_KEY`; without that key the worker answers 503 `unavailable`.',
    differs: ours,
    responses: { 201: { description: 'The app with its client secret.', schema: one(NewAppSchema) } },
    errors: ['unavailable'],
  },
  'GET /v3/apps/{id}': {
    summary: 'Get an app',
    differs: ours,
    responses: { 200: { description: 'The app (never its secret).', schema: one(AppSchema) } },
    errors: ['app_not_found'],
  },
  'DELETE /v3/apps/{id}': {
    summary: 'Revoke an app',
    description:
      'The app stays listed with `revoked_at`; its SSO tokens and current-customer requests fail from then on. Revoking twice is harmless.',
    differs: ours,
    responses: { 204: { description: 'Revoked.' } },
    errors: ['app_not_found'],
  },
});
