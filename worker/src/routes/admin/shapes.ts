// The admin API's nested form field values in BigCommerce's shapes (customers.v3.yml): a customer's carry
// its `customer_id` (formFieldValue_Customer), an address's its `address_id` (formFieldValue_Address), both
// required there. The storefront answers the same values without them (the shopper knows whose they are).
// Defines no routes.
import type { Address, FormFieldEntry } from '../../shared/api-types';

/** A customer's form field values as formFieldValue_Customer. */
export function customerFormFields(customerId: number, fields: readonly FormFieldEntry[]) {
  return fields.map(({ name, value }) => ({ name, value, customer_id: customerId }));
}

/** An address with its form field values as formFieldValue_Address. */
export function adminAddress(address: Address) {
  return { ...address, form_fields: address.form_fields.map(({ name, value }) => ({ name, value, address_id: address.id })) };
}
