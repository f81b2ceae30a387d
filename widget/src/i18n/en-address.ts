// English messages of the address form of <account-addresses> (bundled with it, address-form.ts, loaded
// on demand): what only the form shows. Texts the address card shows too stay in en-account.ts.
export default {
  editAddress: 'Edit address',
  address1: 'Street address',
  address2: 'Apartment, suite, etc.',
  city: 'City',
  state: 'State / province',
  postalCode: 'Postal code',
  country: 'Country',
  label: 'Name for this address',
  labelHint: 'For example “Home” or “Office”',
  addressType: 'Address type',
  deliveryInstructions: 'Delivery instructions',
};
