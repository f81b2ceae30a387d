// English messages of an order's detail in <account-orders> (bundled with it, order-detail.ts, loaded on
// demand): items, amounts and the order's addresses.
export default {
  sku: 'SKU',
  qty: 'Qty',
  subtotal: 'Subtotal',
  shipping: 'Shipping',
  tax: 'Tax',
  billingAddress: 'Billing address',
  shippingAddress: 'Shipping address',
};
