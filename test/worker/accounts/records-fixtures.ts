// Fixtures for the records' domain-module tests (addresses, orders, subscribers, definitions): a real
// customer (signed up through the API) as the live-shopper middleware would put it on the context, an
// admin actor, and helpers to read an ApiError's code and field codes.
import { env } from 'cloudflare:test';
import { findLiveShopper } from '../../../worker/src/accounts/shoppers';
import type { Actor } from '../../../worker/src/db/timeline';
import type { LiveShopper } from '../../../worker/src/env';
import { ApiError } from '../../../worker/src/errors';
import { signUp } from '../../helpers/shopper';

export const staff: Actor = { type: 'staff', name: 'Domain test' };

/** A new customer as a LiveShopper (read the way the middleware reads it). */
export async function newShopper(over: Record<string, unknown> = {}): Promise<LiveShopper> {
  const { id } = await signUp(over);
  const row = await env.DB.prepare('SELECT token_version FROM customers WHERE id = ?1').bind(id).first<{ token_version: number }>();
  const shopper = await findLiveShopper(env.DB, id, row!.token_version);
  if (!shopper) throw new Error('the new customer is not live');
  return shopper;
}

/** The ApiError a promise rejects with (fails the test when it resolves or throws something else). */
export async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(
    () => new Error('expected an ApiError, but it resolved'),
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw err;
  return err;
}

/** field path → field code of an ApiError's field errors. */
export function fieldCodes(err: ApiError): Record<string, string> {
  return Object.fromEntries(Object.entries(err.options.errors ?? {}).map(([path, e]) => [path, e.code]));
}
