// Deutsche Texte des Adressformulars (loaded only on German pages, with it).
import type { AddressCatalog } from './index';

const de: AddressCatalog = {
  editAddress: 'Adresse bearbeiten',
  address1: 'Straße und Hausnummer',
  address2: 'Adresszusatz',
  city: 'Ort',
  state: 'Bundesland / Region',
  postalCode: 'Postleitzahl',
  country: 'Land',
  label: 'Name dieser Adresse',
  labelHint: 'Zum Beispiel „Zuhause“ oder „Büro“',
  addressType: 'Adressart',
  deliveryInstructions: 'Lieferhinweise',
};
export default de;
