// Newsletter consent: the shopper's, and guests' subscriptions (routes/storefront/consents.ts).
import * as z from 'zod';
import { operations } from '../../types';
import { ConsentSchema } from './schemas';

const consentsAnswer = z.object({ consents: z.array(ConsentSchema) });

export default operations({
  'GET /storefront/customer/consents': {
    summary: "The shopper's newsletter consents",
    description: 'None while the email is unverified.',
    responses: { 200: { description: 'The consents given.', schema: consentsAnswer } },
  },

  'PUT /storefront/customer/consents': {
    summary: "Set the shopper's newsletter consents",
    description: 'Replaces the list; an empty list unsubscribes (the subscriber record goes). Needs a verified email.',
    responses: { 200: { description: 'The consents now.', schema: consentsAnswer } },
    errors: ['email_unverified'],
  },

  'POST /storefront/subscribers': {
    summary: 'Subscribe a guest to the newsletter',
    description:
      'Always the same 202, whether or not the email is known. With double opt-in a confirmation link is mailed after the answer; the subscription exists once `POST /storefront/subscribers/confirm` takes its token. Limited per IP.',
    responses: { 202: { description: 'Accepted.', schema: z.object({ status: z.literal('confirmation_sent') }) } },
  },

  'POST /storefront/subscribers/confirm': {
    summary: "Confirm a guest's subscription",
    description: 'The token of the confirmation link makes the subscriber record. Limited per IP.',
    responses: { 200: { description: 'Subscribed.', schema: z.object({ status: z.literal('confirmed') }) } },
    errors: ['subscription_token_invalid'],
  },
});
