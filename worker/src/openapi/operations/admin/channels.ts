import { operations } from '../../types';
import { ChannelSchema, one, page } from './platform-schemas';

const shape =
  "Our addition, in the shape of BigCommerce's Channels V3 (no `config_meta` or `icon_url`; every channel is a `storefront`), plus `storefront_origins`.";

export default operations({
  'GET /v3/channels': {
    summary: 'List channels',
    description:
      'Filters `id:in`, `status:in`, `type:in`, `platform:in`, `available` (`true`: the channels whose origins are trusted, `active` or `prelaunch`), the `date_created` / `date_modified` ranges; `page` + `limit` or `after` / `before` cursors.',
    differs: shape,
    responses: { 200: { description: 'A page of channels.', schema: page(ChannelSchema) } },
  },
  'POST /v3/channels': {
    summary: 'Create a channel',
    description:
      '`storefront_origins`: exact origins (`https://host[:port]`, lowercase, no path or trailing slash; `http://` only for localhost and 127.0.0.1; ≤ 20; each in one channel); bad items → 422 keyed `storefront_origins.<index>`. Applies to the next request of this worker instance, to others within 30 seconds.',
    differs: shape,
    responses: { 200: { description: 'The created channel.', schema: one(ChannelSchema) } },
  },
  'GET /v3/channels/{id}': {
    summary: 'Get a channel',
    differs: shape,
    responses: { 200: { description: 'The channel.', schema: one(ChannelSchema) } },
    errors: ['channel_not_found'],
  },
  'PUT /v3/channels/{id}': {
    summary: 'Update a channel',
    description:
      'Changes the fields the body names. There is no DELETE (as in BigCommerce): set `status` to `inactive` or `archived`, which also takes its origins off the allow-list.',
    differs: shape,
    responses: { 200: { description: 'The updated channel.', schema: one(ChannelSchema) } },
    errors: ['channel_not_found'],
  },
});
