// The storefront API's data shapes as the widget sees them. Profile and session shapes come from the
// worker's route types through hono/client; these cover what the elements render.
import type { FormFieldDefinition, FormFieldValue } from '../../worker/src/shared/form-field-rules';

export type { FormFieldDefinition, FormFieldValue };
export type { Address, FormFieldEntry } from '../../worker/src/shared/api-types';
import type { FormFieldEntry, OrderItem as SharedOrderItem, ShopperOrder } from '../../worker/src/shared/api-types';

/** The signed-in shopper (GET /storefront/customer). */
export interface Customer {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  company: string;
  phone: string;
  customer_group_id: number;
  has_password: boolean;
  date_created: string;
  date_modified: string;
  form_fields: FormFieldEntry[];
}

/** An order in the history list (the detail adds its items). */
export type Order = ShopperOrder;
export type OrderItem = Omit<SharedOrderItem, 'id'>;

export interface OrderDetail extends Order {
  items: OrderItem[];
}

export interface OrderPage {
  data: Order[];
  meta: { pagination: { total: number; count: number; per_page: number; current_page: number; total_pages: number } };
  summary: { count: number; totals: { currency_code: string; total_spent: string; average_order_value: string }[] };
}

export type Consent = 'marketing_newsletter' | 'abandoned_cart';

export interface FormFields {
  customer: FormFieldDefinition[];
  address: FormFieldDefinition[];
}

export interface SessionTokens {
  access_token: string;
  token_type: string;
  expires_in: number;
}

/** The error shape of every failed API call. */
export interface Problem {
  status: number;
  title: string;
  type?: string;
  detail?: string;
  errors?: Record<string, string>;
  /** A machine-readable reason, e.g. the OpenID Connect routes' `identity_in_use`. */
  code?: string;
}
