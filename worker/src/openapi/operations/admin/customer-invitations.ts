import * as z from 'zod';
import { operations } from '../../types';

export default operations({
  'POST /v3/customers/{id}/password-link': {
    summary: 'Mail a customer a link to set their password',
    description:
      'Mails the customer a link to the storefront\'s "set a new password" form, valid 7 days; completing it proves the mailbox, as a reset does. Limited per email like password resets (429).',
    differs: 'Our addition.',
    responses: {
      202: {
        description: 'The link is being mailed.',
        schema: z.object({
          data: z.object({ sent_to: z.string().describe("The customer's email."), expires_at: z.string().describe('When the link stops working.') }),
          meta: z.object({}),
        }),
      },
    },
    errors: ['customer_not_found', 'rate_limited'],
  },
});
