// Textes français du formulaire d’adresse (loaded only on French pages, with it).
import type { AddressCatalog } from './index';

const fr: AddressCatalog = {
  editAddress: 'Modifier l’adresse',
  address1: 'Adresse',
  address2: 'Appartement, étage, etc.',
  city: 'Ville',
  state: 'Région / province',
  postalCode: 'Code postal',
  country: 'Pays',
  label: 'Nom de cette adresse',
  labelHint: 'Par exemple « Maison » ou « Bureau »',
  addressType: 'Type d’adresse',
  deliveryInstructions: 'Instructions de livraison',
};
export default fr;
