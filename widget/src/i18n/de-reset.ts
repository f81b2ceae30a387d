// Deutsche Texte der Passwort-Zurücksetzen-Ansichten (loaded only on German pages, with them).
import type { ResetCatalog } from './index';

const de: ResetCatalog = {
  forgotTitle: 'Passwort zurücksetzen',
  forgotIntro: 'Geben Sie Ihre E-Mail-Adresse ein. Wir senden Ihnen einen Link für ein neues Passwort.',
  sendLink: 'Link senden',
  linkSent: 'Falls ein Konto für {email} existiert, ist ein Link unterwegs. Sehen Sie in Ihrem Posteingang nach.',
  backToSignIn: 'Zurück zur Anmeldung',
  newPassword: 'Neues Passwort',
  setPassword: 'Neues Passwort speichern',
  resetDone: 'Ihr Passwort wurde geändert. Sie können sich jetzt anmelden.',
  e_reset_token_invalid: 'Dieser Link ist ungültig oder abgelaufen. Bitte fordern Sie einen neuen an.',
  ruleLength: '8 bis 128 Zeichen',
  f_password_too_short: 'Mindestens 8 Zeichen',
  f_password_too_long: 'Höchstens 128 Zeichen',
  e_password_reset_required: 'Bitte wählen Sie zu Ihrer Sicherheit ein neues Passwort. Wir senden Ihnen einen Link.',
  f_password_too_common: 'Dieses Passwort ist zu verbreitet. Bitte wählen Sie ein anderes.',
  f_password_is_email: 'Verwenden Sie nicht Ihre E-Mail-Adresse als Passwort',
  f_invalid_or_expired: 'Dieser Code ist ungültig oder abgelaufen',
};
export default de;
