// Response shapes the widget and the merchant console render, defined once where the worker builds
// them (dependency-free, type-only for the front ends).
import type { FormFieldValue } from './form-field-rules';

export interface FormFieldEntry {
  name: string;
  value: FormFieldValue;
}

/** An address as both APIs answer it: BigCommerce's address_Full plus label, instructions and defaults. */
export interface Address {
  id: number;
  customer_id: number;
  first_name: string;
  last_name: string;
  company: string;
  address1: string;
  address2: string;
  city: string;
  state_or_province: string;
  postal_code: string;
  country: string;
  country_code: string;
  phone: string;
  address_type: 'residential' | 'commercial';
  label: string;
  delivery_instructions: string;
  is_default_shipping: boolean;
  is_default_billing: boolean;
  form_fields: FormFieldEntry[];
}

/** An order as the shopper sees it (amounts as decimal strings in the currency's precision, e.g. "12.50"). */
export interface ShopperOrder {
  id: number;
  status: string;
  is_test: boolean;
  currency_code: string;
  subtotal: string;
  tax: string;
  shipping: string;
  total: string;
  item_count: number;
  billing_address: Record<string, string>;
  shipping_address: Record<string, string>;
  date_created: string;
}

/** An order as the admin API answers it: the shopper's view plus who placed it. */
export interface Order extends ShopperOrder {
  /** 0 for a guest order. */
  customer_id: number;
  is_guest: boolean;
  email: string;
  first_name: string;
  last_name: string;
  channel_id: number;
  date_modified: string;
}

export interface OrderItem {
  id: number;
  sku: string;
  name: string;
  quantity: number;
  price: string;
  total: string;
}
