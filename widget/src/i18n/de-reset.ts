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
  resetInvalid: 'Dieser Link ist ungültig oder abgelaufen. Bitte fordern Sie einen neuen an.',
  ruleLength: '8 bis 128 Zeichen',
  tooShort: 'Mindestens 8 Zeichen',
  tooLong: 'Höchstens 128 Zeichen',
  resetRequired: 'Bitte wählen Sie zu Ihrer Sicherheit ein neues Passwort. Wir senden Ihnen einen Link.',
  commonPassword: 'Dieses Passwort ist zu verbreitet. Bitte wählen Sie ein anderes.',
};
export default de;
