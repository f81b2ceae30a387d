// Shapes of the admin API responses the console reads, derived from the worker's admin route types
// (type-only imports: nothing of the worker reaches the console bundle), so a route whose response
// changes breaks the typecheck of the views that read it. `Reply<typeof route, path, method>` is a
// route's success body. Declared here only what the routes do not type: a customer (the customers
// route answers JSON records whose fields depend on `include=`).
import type { ExtractSchema } from 'hono/types';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type activity from '../../../worker/src/routes/admin/customer-activity';
import type addresses from '../../../worker/src/routes/admin/addresses';
import type groups from '../../../worker/src/routes/admin/customer-groups';
import type formFields from '../../../worker/src/routes/admin/form-fields';
import type orders from '../../../worker/src/routes/admin/orders';
import type subscribers from '../../../worker/src/routes/admin/subscribers';

type SuccessOutput<E> = E extends { output: infer O; status: infer S } ? ([S & SuccessStatusCode] extends [never] ? never : O) : never;
/** The success body of an admin route: `Reply<typeof orders, '/:id', '$get'>` (paths as in the route file). */
export type Reply<App, P extends keyof ExtractSchema<App>, M extends keyof ExtractSchema<App>[P]> = SuccessOutput<ExtractSchema<App>[P][M]>;

export type OverviewList = Reply<typeof activity, '/overview', '$get'>;
export type OverviewRow = OverviewList['data'][number];
export type Pagination = OverviewList['meta']['pagination'];
export type Timeline = Reply<typeof activity, '/:id/timeline', '$get'>;
export type TimelineEvent = Timeline['data'][number];
export type OrderSummaryReply = Reply<typeof activity, '/:id/order-summary', '$get'>;
export type OrderSummary = OrderSummaryReply['data'];
export type OrderList = Reply<typeof orders, '/', '$get'>;
/** An admin order; `items` only where the API was asked for them. */
export type Order = OrderList['data'][number];
export type OrderReply = Reply<typeof orders, '/:id', '$get'>;
export type AddressList = Reply<typeof addresses, '/', '$get'>;
/** An address as the list answers it (with `form_fields` when asked for: `include=formfields`). */
export type Address = AddressList['data'][number];
export type AddressesCreated = Reply<typeof addresses, '/', '$post'>;
export type GroupList = Reply<typeof groups, '/', '$get'>;
export type Group = GroupList[number];
export type GroupCreated = Reply<typeof groups, '/', '$post'>;
export type GroupUpdated = Reply<typeof groups, '/:id{[0-9]+}', '$put'>;
export type SubscriberList = Reply<typeof subscribers, '/', '$get'>;
export type Subscriber = SubscriberList['data'][number];
export type FormFieldList = Reply<typeof formFields, '/', '$get'>;
export type FormField = FormFieldList['data'][number];
export type FormFieldsCreated = Reply<typeof formFields, '/', '$post'>;

/** A list of customers (the routes type their records as JSON; see Customer). */
export interface ListResponse<T> {
  data: T[];
  meta: { pagination?: Pagination };
}

export interface Customer {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  company: string;
  phone: string;
  notes: string;
  customer_group_id: number;
  date_created: string;
  date_modified: string;
  address_count: number;
  addresses?: Address[];
}

export { FORM_FIELD_TYPES as FIELD_TYPES } from '../../../worker/src/shared/form-field-rules';
import type { FormFieldType as FieldType } from '../../../worker/src/shared/form-field-rules';
export type { FieldType };
export const CHOICE_TYPES: readonly FieldType[] = ['checkboxes', 'radio', 'picklist'];
