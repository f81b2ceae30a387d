// GET /storefront/form-fields (routes/storefront/form-fields.ts).
import * as z from 'zod';
import { operations } from '../../types';
import { FormFieldDefinitionSchema } from './schemas';

export default operations({
  'GET /storefront/form-fields': {
    summary: "The store's form fields and sign-up options",
    description:
      'The sign-up and address form fields the widget renders, and whether sign-up may leave out the password. Cached for a minute per storefront.',
    auth: 'public',
    responses: {
      200: {
        description: 'The definitions.',
        schema: z.object({
          customer: z.array(FormFieldDefinitionSchema),
          address: z.array(FormFieldDefinitionSchema),
          sign_up: z.object({
            passkey: z.boolean().describe("Sign-up may leave out the password (then a passkey; the storefront's `passkey_signup` setting)."),
          }),
        }),
      },
    },
  },
});
