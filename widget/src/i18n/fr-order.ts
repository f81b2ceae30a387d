// Textes français du détail d’une commande (loaded only on French pages, with it).
import type { OrderCatalog } from './index';

const fr: OrderCatalog = {
  sku: 'Réf.',
  qty: 'Qté',
  subtotal: 'Sous-total',
  shipping: 'Livraison',
  tax: 'TVA',
  billingAddress: 'Adresse de facturation',
  shippingAddress: 'Adresse de livraison',
};
export default fr;
