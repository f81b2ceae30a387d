// Deutsche Texte (loaded only on German pages, the log-in form).
import type { CoreCatalog } from './index';

const de: CoreCatalog = {
  email: 'E-Mail',
  password: 'Passwort',
  show: 'Passwort anzeigen',
  required: 'Dieses Feld ist erforderlich',
  invalid: 'Bitte prüfen Sie dieses Feld',
  invalidEmail: 'Geben Sie eine gültige E-Mail-Adresse ein',
  network: 'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  rateLimited: 'Zu viele Versuche. Bitte warten Sie eine Minute.',
  failed: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
  fixFields: 'Bitte korrigieren Sie die markierten Felder.',
  signIn: 'Anmelden',
  badCredentials: 'E-Mail oder Passwort ist nicht korrekt.',
  forgot: 'Passwort vergessen?',
  noAccount: 'Neu hier?',
  createAccount: 'Konto erstellen',
  signedInAs: 'Angemeldet als {name}',
  signOut: 'Abmelden',
};
export default de;
