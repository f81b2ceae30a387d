// Names for the storefront API's shapes the elements pass around. Every one is derived from the worker's
// route types (through the typed client, type-only) or its shared types, never re-declared here, so a
// route whose response changes breaks the typecheck of the elements that read it.
import type { Data, StorefrontClient } from './api';

export type { FormFieldValue } from '../../worker/src/shared/form-field-rules';
export type { FormFieldEntry } from '../../worker/src/shared/api-types';

type Customers = StorefrontClient['customer'];

/** The signed-in shopper (GET /storefront/customer). */
export type Customer = Data<Customers['$get']>['customer'];
/** The tokens of a new or refreshed session (the refresh also answers the profile: `customer`). */
export type SessionTokens = Omit<Data<StorefrontClient['session']['refresh']['$post']>, 'customer'>;
/** The store's custom field definitions (GET /storefront/form-fields). */
export type FormFields = Data<StorefrontClient['form-fields']['$get']>;
export type FormFieldDefinition = FormFields['customer'][number];
export type Address = Data<Customers['addresses']['$get']>['data'][number];
/** A page of the order history. */
export type OrderPage = Data<Customers['orders']['$get']>;
/** An order in the history list (the detail adds its items). */
export type Order = OrderPage['data'][number];
export type OrderDetail = Data<Customers['orders'][':id']['$get']>['data'];
export type OrderItem = OrderDetail['items'][number];
/** An order status, as the order history filters by it. */
export type OrderStatus = NonNullable<Parameters<Customers['orders']['$get']>[0]['query']['status']>;
/**
 * What issue 12 adds to the profile (`email_verified`, `pending_email` while an email change waits for its
 * code). Optional until the worker's route types carry them; then Customer has them and this can go.
 */
export type EmailState = { email_verified?: boolean; pending_email?: string | null };
export type Consent = Data<Customers['consents']['$get']>['consents'][number];
