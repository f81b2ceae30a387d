// Deutsche Texte (loaded only on German pages: sign-up and account forms).
import type { FormsCatalog } from './index';

const de: FormsCatalog = {
  firstName: 'Vorname',
  lastName: 'Nachname',
  phone: 'Telefon',
  company: 'Firma',
  save: 'Speichern',
  cancel: 'Abbrechen',
  delete: 'Löschen',
  edit: 'Bearbeiten',
  retry: 'Erneut versuchen',
  choose: 'Bitte wählen…',
  newPassword: 'Neues Passwort',
  signUp: 'Konto erstellen',
  haveAccount: 'Sie haben schon ein Konto?',
  newsletterOptIn: 'Neuigkeiten und Angebote per E-Mail erhalten',
  passwordRules: 'Ihr Passwort',
  ruleLength: '8 bis 128 Zeichen',
  ruleNotEmail: 'Nicht Ihre E-Mail-Adresse',
  met: 'erfüllt',
  notMet: 'noch nicht erfüllt',
  tooShort: 'Mindestens 8 Zeichen',
  tooLong: 'Höchstens 128 Zeichen',
  isEmail: 'Verwenden Sie nicht Ihre E-Mail-Adresse als Passwort',
  emailTaken: 'Für diese E-Mail-Adresse gibt es bereits ein Konto.',
  optional: 'optional',
  commonPassword: 'Dieses Passwort ist zu verbreitet. Bitte wählen Sie ein anderes.',
};
export default de;
