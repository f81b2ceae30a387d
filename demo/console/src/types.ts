// Shapes of the admin API responses the console reads (see README "Admin API" and worker/src/routes/admin).

export interface ErrorBody {
  status: number;
  title: string;
  type: string;
  detail?: string;
  errors?: Record<string, string>;
}

export interface Pagination {
  total: number;
  count: number;
  per_page: number;
  current_page: number;
  total_pages: number;
}

export interface ListResponse<T> {
  data: T[];
  meta: { pagination?: Pagination };
}

export interface OverviewRow {
  kind: 'customer' | 'guest_order';
  registered: boolean;
  customer_id: number | null;
  order_id: number | null;
  email: string;
  first_name: string;
  last_name: string;
  last_order_date: string | null;
  order_count: number;
  has_test_order: boolean;
}

import type { Address, Order as SharedOrder, OrderItem } from '../../../worker/src/shared/api-types';

export type { Address };

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

/** An admin order; `items` only where the API was asked for them. */
export type Order = SharedOrder & { items?: OrderItem[] };

export interface OrderSummary {
  customer_id: number;
  order_count: number;
  totals: { currency_code: string; order_count: number; total_spent: string; average_order_value: string }[];
  last_orders: Order[];
}

export interface TimelineEvent {
  id: number;
  type: string;
  detail: Record<string, unknown>;
  actor: { type: 'shopper' | 'staff' | 'system'; name: string };
  date_created: string;
}

export interface Group {
  id: number;
  name: string;
  is_default: boolean;
  is_group_for_guests: boolean;
  date_created: string;
}

export interface Subscriber {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  source: string;
  order_id: number | null;
  channel_id: number;
  consents: string[];
  date_created: string;
}

export const FIELD_TYPES = ['text', 'multiline', 'number', 'date', 'checkbox', 'checkboxes', 'radio', 'picklist', 'password'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const CHOICE_TYPES: readonly FieldType[] = ['checkboxes', 'radio', 'picklist'];

export interface FormField {
  id: number;
  name: string;
  label: string;
  type: FieldType;
  required: boolean;
  options: string[];
  applies_to: 'customer' | 'address';
  sort_order: number;
  min: number | null;
  max: number | null;
  max_length: number | null;
}
