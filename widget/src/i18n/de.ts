// Deutsche Texte (loaded only on German pages, the log-in form).
import type { CoreCatalog } from './index';

const de: CoreCatalog = {
  email: 'E-Mail',
  password: 'Passwort',
  show: 'Passwort anzeigen',
  f_required: 'Pflichtfeld',
  invalid: 'Bitte Feld prüfen',
  f_invalid_email: 'Ungültige E-Mail-Adresse',
  network: 'Server nicht erreichbar. Prüfen Sie Ihre Verbindung.',
  e_rate_limited: 'Zu viele Versuche. Bitte eine Minute warten.',
  failed: 'Etwas ist schiefgelaufen. Bitte erneut versuchen.',
  e_validation_failed: 'Bitte markierte Felder korrigieren.',
  signIn: 'Anmelden',
  e_invalid_credentials: 'E-Mail oder Passwort falsch.',
  forgot: 'Passwort vergessen?',
  emailCode: 'Code per E-Mail',
  noAccount: 'Neu hier?',
  createAccount: 'Konto erstellen',
  signOut: 'Abmelden',
};
export default de;
