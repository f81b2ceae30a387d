// Fields both APIs answer alike, so the admin document (operations/admin/customer-schemas.ts) and the
// storefront's (operations/storefront/schemas.ts) describe them once: an address (each API adds its own
// form-field values) and a form field definition (the admin one adds its dates).
import * as z from 'zod';
import { FORM_FIELD_TYPES } from '../../shared/form-field-rules';

export const addressFields = {
  id: z.int(),
  customer_id: z.int(),
  first_name: z.string(),
  last_name: z.string(),
  company: z.string(),
  address1: z.string(),
  address2: z.string(),
  city: z.string(),
  state_or_province: z.string(),
  postal_code: z.string(),
  country: z.string().describe("The country's English name, from `country_code`."),
  country_code: z.string().describe('ISO 3166-1 alpha-2.'),
  phone: z.string(),
  address_type: z.enum(['residential', 'commercial']),
  label: z.string().describe('Our addition: the shopper\'s own name for it ("Home", "Office"); may be empty.'),
  delivery_instructions: z.string().describe('Our addition.'),
  is_default_shipping: z.boolean().describe('Our addition: at most one per customer.'),
  is_default_billing: z.boolean().describe('Our addition: at most one per customer.'),
};

export const formFieldDefinitionFields = {
  id: z.int(),
  name: z.string().describe('The key values are stored under (lowercase letters, digits, underscores).'),
  label: z.string(),
  type: z.enum(FORM_FIELD_TYPES),
  required: z.boolean(),
  options: z.array(z.string()).describe('The choices of checkboxes, radio and picklist fields (a checkbox may name its checked value).'),
  min: z.number().nullable().describe('number fields: the smallest value.'),
  max: z.number().nullable().describe('number fields: the largest value.'),
  max_length: z.int().nullable().describe('text, multiline and password fields: the longest value in characters.'),
  min_date: z.string().nullable().describe('date fields: the earliest day (YYYY-MM-DD).'),
  max_date: z.string().nullable().describe('date fields: the latest day (YYYY-MM-DD).'),
  default_value: z.string().nullable(),
  applies_to: z.enum(['customer', 'address']).describe('A sign-up (customer) field or an address field.'),
  sort_order: z.int(),
};
