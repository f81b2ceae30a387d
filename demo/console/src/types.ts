// Shapes of the admin API, inferred from the worker's admin app (`AdminApp`, type-only imports: nothing
// of the worker reaches the console bundle). `Endpoint<'GET', '/v3/orders/:id'>` is a route as the
// worker declares it (paths as mounted, `:id{[0-9]+}` written `:id`); api.ts takes its request types
// from it and answers its success body, `Reply<…>`, so a route whose response changes breaks the
// typecheck of the views that read it. Nothing here is declared by hand.
import type { ExtractSchema } from 'hono/types';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { AdminApp } from '../../../worker/src/routes/admin';

/** `/v2/customer_groups/:id{[0-9]+}` → `/v2/customer_groups/:id`. */
type WithoutPatterns<P> = P extends `${infer A}{${string}}${infer B}` ? `${A}${WithoutPatterns<B>}` : P;
type Routes = { [P in keyof ExtractSchema<AdminApp> as WithoutPatterns<P>]: ExtractSchema<AdminApp>[P] };

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type MethodKey<M extends Method> = `$${Lowercase<M>}`;
/** The admin API's paths that answer `M`. */
export type PathFor<M extends Method> = { [P in keyof Routes]: MethodKey<M> extends keyof Routes[P] ? P : never }[keyof Routes];
/** One route: `{ input, output, status }` as the worker's handlers declare them. */
export type Endpoint<M extends Method, P extends PathFor<M>> = Routes[P][MethodKey<M> & keyof Routes[P]];

type SuccessOutput<E> = E extends { output: infer O; status: infer S } ? ([S & SuccessStatusCode] extends [never] ? never : O) : never;
/** The success body of a route: `Reply<'GET', '/v3/orders/:id'>`. */
export type Reply<M extends Method, P extends PathFor<M>> = SuccessOutput<Endpoint<M, P>>;

export type OverviewList = Reply<'GET', '/v3/customers/overview'>;
export type OverviewRow = OverviewList['data'][number];
export type Pagination = OverviewList['meta']['pagination'];
export type Timeline = Reply<'GET', '/v3/customers/:id/timeline'>;
export type TimelineEvent = Timeline['data'][number];
export type OrderSummary = Reply<'GET', '/v3/customers/:id/order-summary'>['data'];
/** An admin order; `items` only where the API was asked for them. */
export type Order = Reply<'GET', '/v3/orders'>['data'][number];
/** One order as GET /v3/orders/{id} answers it (with its items). */
export type OrderWithItems = Reply<'GET', '/v3/orders/:id'>['data'];
/** An address as the list answers it (with `form_fields` when asked for: `include=formfields`). */
export type Address = Reply<'GET', '/v3/customers/addresses'>['data'][number];
export type Group = Reply<'GET', '/v2/customer_groups'>[number];
export type Subscriber = Reply<'GET', '/v3/customers/subscribers'>['data'][number];
export type FormField = Reply<'GET', '/v3/customers/form-fields'>['data'][number];
/** A customer as /v3/customers answers it; `addresses`, `attributes`, `form_fields` only with `include=`. */
export type Customer = Reply<'GET', '/v3/customers'>['data'][number];
/** The fields of a customer update (one item of PUT /v3/customers, without its id). */
export type CustomerChanges = Omit<Endpoint<'PUT', '/v3/customers'>['input']['json'][number], 'id'>;
/** A new address (one item of POST /v3/customers/addresses) and the fields of an address update. */
export type NewAddress = Endpoint<'POST', '/v3/customers/addresses'>['input']['json'][number];
export type AddressChanges = Omit<Endpoint<'PUT', '/v3/customers/addresses'>['input']['json'][number], 'id'>;
/** One new customer (an item of POST /v3/customers): with addresses, custom field values and how they sign in. */
export type NewCustomer = Endpoint<'POST', '/v3/customers'>['input']['json'][number];
/** A custom field value as the admin API takes it (`{name, value}`). */
export type FormFieldEntry = NonNullable<NewCustomer['form_fields']>[number];
/** A storefront channel (/v3/channels) with our `storefront_origins`. */
export type Channel = Reply<'GET', '/v3/channels'>['data'][number];
/** The store-wide customer settings (GET /v3/customers/settings) and a change to them (PUT). */
export type CustomerSettings = Reply<'GET', '/v3/customers/settings'>['data'];
export type CustomerSettingsChanges = Endpoint<'PUT', '/v3/customers/settings'>['input']['json'];
/** A channel's own customer settings (null: the store's value applies) and a change to them. */
export type ChannelSettings = Reply<'GET', '/v3/customers/settings/channels/:channel_id'>['data'];
export type ChannelSettingsChanges = Endpoint<'PUT', '/v3/customers/settings/channels/:channel_id'>['input']['json'];
/** A customer's metafield (GET /v3/customers/{id}/metafields; every field: the console never asks for `include_fields`). */
export type Metafield = Required<Reply<'GET', '/v3/customers/:customerId/metafields'>['data'][number]>;
export type PermissionSet = Endpoint<'POST', '/v3/customers/:customerId/metafields'>['input']['json']['permission_set'];

export { FORM_FIELD_TYPES as FIELD_TYPES } from '../../../worker/src/shared/form-field-rules';
import type { FormFieldType as FieldType } from '../../../worker/src/shared/form-field-rules';
export type { FieldType };
export const CHOICE_TYPES: readonly FieldType[] = ['checkboxes', 'radio', 'picklist'];
