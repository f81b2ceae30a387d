import { operations } from '../../types';
import { OidcProviderSchema, one } from './platform-schemas';

const ours = 'Our addition: BigCommerce has no OpenID Connect providers API.';

export default operations({
  'GET /v3/oidc-providers': {
    summary: 'List OpenID Connect providers',
    description: 'Every provider (no paging: a store has a handful).',
    differs: ours,
    responses: { 200: { description: 'The providers.', schema: one(OidcProviderSchema.array()) } },
  },
  'POST /v3/oidc-providers': {
    summary: 'Add an OpenID Connect provider',
    description:
      'The client secret is never sent to this API: set the worker secret `client_secret_env` names. `issuer` must be https (http only where `ENVIRONMENT` is local or test); a `slug` in use → 409 `name_taken`. The storefront sees the change at once.',
    differs: ours,
    responses: { 201: { description: 'The provider.', schema: one(OidcProviderSchema) } },
    errors: ['name_taken'],
  },
  'GET /v3/oidc-providers/{id}': {
    summary: 'Get an OpenID Connect provider',
    differs: ours,
    responses: { 200: { description: 'The provider.', schema: one(OidcProviderSchema) } },
    errors: ['provider_not_found'],
  },
  'PUT /v3/oidc-providers/{id}': {
    summary: 'Update an OpenID Connect provider',
    description:
      'Changes the fields the body names (not the `slug`). A new `issuer` is refused (409 `issuer_in_use`) while customers are linked under the current one: add the new issuer as another provider.',
    differs: ours,
    responses: { 200: { description: 'The updated provider.', schema: one(OidcProviderSchema) } },
    errors: ['provider_not_found', 'issuer_in_use'],
  },
  'DELETE /v3/oidc-providers/{id}': {
    summary: 'Delete an OpenID Connect provider',
    description: 'Also ends its sign-ins in flight; customer links stay (re-adding the slug with the same issuer brings them back).',
    differs: ours,
    responses: { 204: { description: 'Deleted.' } },
    errors: ['provider_not_found'],
  },
});
