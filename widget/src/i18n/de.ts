// Deutsche Texte (loaded only on German pages, the log-in form).
import type { CoreCatalog } from './index';

const de: CoreCatalog = {
  email: 'E-Mail',
  password: 'Passwort',
  show: 'Passwort anzeigen',
  f_required: 'Dieses Feld ist erforderlich',
  invalid: 'Bitte prüfen Sie dieses Feld',
  f_invalid_email: 'Geben Sie eine gültige E-Mail-Adresse ein',
  network: 'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  e_rate_limited: 'Zu viele Versuche. Bitte warten Sie eine Minute.',
  failed: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
  e_validation_failed: 'Bitte korrigieren Sie die markierten Felder.',
  signIn: 'Anmelden',
  e_invalid_credentials: 'E-Mail oder Passwort ist nicht korrekt.',
  forgot: 'Passwort vergessen?',
  noAccount: 'Neu hier?',
  createAccount: 'Konto erstellen',
  signedInAs: 'Angemeldet als {name}',
  signOut: 'Abmelden',
};
export default de;
