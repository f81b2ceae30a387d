// The shopper's address book (routes/storefront/addresses.ts).
import * as z from 'zod';
import { operations } from '../../types';
import { AddressSchema } from './schemas';

const one = z.object({ data: AddressSchema });

export default operations({
  'GET /storefront/customer/addresses': {
    summary: "The shopper's addresses",
    description: 'Every address (no paging): defaults first, then newest.',
    responses: { 200: { description: 'The address book.', schema: z.object({ data: z.array(AddressSchema) }) } },
  },

  'POST /storefront/customer/addresses': {
    summary: 'Add an address',
    description:
      'Checks the address (required fields, postal code and state for the country) and adds it. An address the shopper already has answers 200 with it (nothing new is stored).',
    responses: {
      201: { description: 'Added.', schema: one },
      200: { description: 'The same address was already in the book: that one.', schema: one },
    },
  },

  'PATCH /storefront/customer/addresses/{id}': {
    summary: 'Change an address',
    description: "Another shopper's address answers 404 like a missing one.",
    responses: { 200: { description: 'The address after the change.', schema: one } },
    errors: ['address_not_found', 'address_exists', 'not_found'],
  },

  'DELETE /storefront/customer/addresses/{id}': {
    summary: 'Remove an address',
    responses: { 204: { description: 'Removed.' } },
    errors: ['address_not_found', 'not_found'],
  },
});
