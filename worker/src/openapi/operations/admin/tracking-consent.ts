import { operations } from '../../types';
import { TrackingConsentSchema } from './platform-schemas';

const spec = 'customers.v3.yml';

export default operations({
  'GET /v3/customers/{customerId}/consent': {
    summary: "Get a customer's tracking consent",
    description: 'Never declared → `{allow: ["essential"], deny: []}` without `updated_at`.',
    bigcommerce: { operation: 'getCustomerConsent', spec },
    differs: '`updated_at` is when the consent was last declared (BigCommerce answers the time of the call), absent until then.',
    responses: { 200: { description: 'The consent (no `data` envelope, as the spec has it).', schema: TrackingConsentSchema } },
    errors: ['customer_not_found'],
  },
  'PUT /v3/customers/{customerId}/consent': {
    summary: "Declare a customer's tracking consent",
    description:
      'Declares the whole choice: a category in neither list is undecided afterwards. `essential` is always allowed: denying it, or a category in both lists → 422.',
    bigcommerce: { operation: 'updateCustomerConsent', spec },
    differs: '`updated_at` is when the consent was last declared.',
    responses: { 200: { description: 'The consent as declared.', schema: TrackingConsentSchema } },
    errors: ['customer_not_found'],
  },
});
