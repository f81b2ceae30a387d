// Admin API scopes, named as BigCommerce names them. A family's modify scope also allows reads.

export const ADMIN_SCOPES = ['store_v2_customers', 'store_v2_customers_read_only', 'store_v2_orders', 'store_v2_orders_read_only'] as const;
export type AdminScope = (typeof ADMIN_SCOPES)[number];
export type ScopeFamily = 'customers' | 'orders';

export function allows(scopes: readonly string[], family: ScopeFamily, write: boolean): boolean {
  const modify = `store_v2_${family}`;
  return scopes.includes(modify) || (!write && scopes.includes(`${modify}_read_only`));
}
