// Response schemas of the admin customer resources (/v3/customers and its sub-resources), written from
// what the handlers send: routes/admin/customers.ts toCustomer, routes/admin/shapes.ts, accounts/attributes.ts,
// accounts/form-fields.ts, accounts/customer-activity.ts. Shared by their operation files; other admin
// files may import `CustomerSchema` and `AddressSchema` (keep those names). Build-time only (../../types.ts).
import * as z from 'zod';
import { addressFields, formFieldDefinitionFields } from '../shared-fields';
import { PaginationSchema } from '../../components';

/** A stored custom field value: text, a number, or the chosen options of a checkboxes field. */
export const FormFieldValueDataSchema = z
  .union([z.string(), z.number(), z.array(z.string())])
  .describe('Text, a number, or (checkboxes) the chosen options; "" for an emptied value.');

export const CustomerFormFieldValueSchema = z.object({ name: z.string(), value: FormFieldValueDataSchema, customer_id: z.int() }).meta({
  id: 'CustomerFormFieldValue',
  description: "BigCommerce's formFieldValue_Customer: a customer's value of one of the store's sign-up fields.",
});

export const AddressFormFieldValueSchema = z.object({ name: z.string(), value: FormFieldValueDataSchema, address_id: z.int() }).meta({
  id: 'AddressFormFieldValue',
  description: "BigCommerce's formFieldValue_Address: an address's value of one of the store's address fields.",
});

export const FormFieldValueSchema = z
  .union([CustomerFormFieldValueSchema, AddressFormFieldValueSchema])
  .meta({ id: 'FormFieldValue', description: 'A customer value (with `customer_id`) or an address value (with `address_id`).' });

export const AddressSchema = z
  .object({
    ...addressFields,
    form_fields: z
      .array(AddressFormFieldValueSchema)
      .optional()
      .describe('The address form field values; in `GET /v3/customers/addresses` only with `include=formfields`.'),
  })
  .meta({ id: 'Address', description: "BigCommerce's address_Full plus our `label`, `delivery_instructions` and default flags." });

export const AttributeSchema = z
  .object({
    id: z.int(),
    name: z.string(),
    type: z.enum(['string', 'number', 'date']).describe('Fixed at creation: stored values were checked against it.'),
    date_created: z.string(),
    date_modified: z.string(),
  })
  .meta({ id: 'Attribute', description: "A customer attribute definition (BigCommerce's attribute_Full)." });

export const AttributeValueSchema = z
  .object({
    id: z.int(),
    attribute_id: z.int(),
    attribute_value: z.string(),
    customer_id: z.int(),
    date_created: z.string(),
    date_modified: z.string(),
  })
  .meta({ id: 'AttributeValue', description: "A customer's value of an attribute (BigCommerce's attributeValue_Full)." });

export const CustomerSchema = z
  .object({
    id: z.int(),
    email: z.string(),
    first_name: z.string(),
    last_name: z.string(),
    company: z.string(),
    phone: z.string(),
    registration_ip_address: z.string(),
    notes: z.string(),
    tax_exempt_category: z.string(),
    customer_group_id: z.int().describe('0: in no group.'),
    date_created: z.string(),
    date_modified: z.string(),
    address_count: z.int(),
    attribute_count: z.int(),
    authentication: z.object({ force_password_reset: z.boolean() }),
    store_credit_amounts: z.array(z.object({ amount: z.number() })),
    accepts_product_review_abandoned_cart_emails: z.boolean(),
    email_verified: z.boolean().describe('Our addition: the customer proved they own the email (a mailed code, a reset link, a provider).'),
    origin_channel_id: z.int(),
    channel_ids: z.array(z.int()),
    addresses: z.array(AddressSchema).optional().describe('With `include=addresses` (and always after a create).'),
    attributes: z.array(AttributeValueSchema).optional().describe('With `include=attributes` (and always after a create).'),
    form_fields: z.array(CustomerFormFieldValueSchema).optional().describe('With `include=formfields` (and always after a create).'),
    shopper_profile_id: z.null().optional().describe("With `include=shopper_profile_id`: always null (BigCommerce's beta feature is not offered)."),
    segment_ids: z.array(z.string()).optional().describe("With `include=segment_ids`: always empty (BigCommerce's beta feature is not offered)."),
  })
  .meta({ id: 'Customer', description: "BigCommerce's customer_Full (never a password), plus `email_verified`, with the sub-resources asked for." });

export const FormFieldSchema = z
  .object({
    ...formFieldDefinitionFields,
    date_created: z.string(),
    date_modified: z.string(),
  })
  .meta({ id: 'FormField', description: "A definition of one of the store's sign-up or address fields (our addition)." });

/** `meta` of a paged list (routes/admin/paging.ts listMeta): `pagination` with page paging only. */
export const ListMetaSchema = z.object({
  pagination: PaginationSchema.optional().describe('With `page`/`limit` paging (absent with `after`/`before` cursors).'),
  cursor_pagination: z
    .object({
      count: z.int(),
      per_page: z.int(),
      start_cursor: z.string().describe('"" for an empty page.'),
      end_cursor: z.string().describe('"" for an empty page.'),
      links: z.object({ previous: z.string().optional(), next: z.string().optional() }),
    })
    .describe("Pass a link's `after` / `before` to page with cursors."),
});

/** `{data: [...], meta: pagination}` of a paged list. */
export const pagedList = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), meta: ListMetaSchema });

/** `{data: [...], meta: {}}` of a batch write. */
export const batchAnswer = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), meta: z.object({}) });
