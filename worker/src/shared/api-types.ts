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
