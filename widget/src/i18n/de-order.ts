// Deutsche Texte der Bestelldetails (loaded only on German pages, with them).
import type { OrderCatalog } from './index';

const de: OrderCatalog = {
  sku: 'Art.-Nr.',
  qty: 'Menge',
  subtotal: 'Zwischensumme',
  shipping: 'Versand',
  tax: 'MwSt.',
  billingAddress: 'Rechnungsadresse',
  shippingAddress: 'Lieferadresse',
};
export default de;
