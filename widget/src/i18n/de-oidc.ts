// Deutsche Texte der Anmeldung über einen OpenID-Connect-Anbieter (loaded only on German pages, with oidc.ts).
import type { OidcCatalog } from './index';

const de: OidcCatalog = {
  continueWith: 'Weiter mit {name}',
  or: 'oder',
  oidcCancelled: 'Die Anmeldung wurde abgebrochen. Sie können es erneut versuchen oder Ihr Passwort verwenden.',
  oidcRetry: 'Die Anmeldung hat zu lange gedauert oder wurde unterbrochen. Bitte versuchen Sie es erneut.',
  oidcFailed: 'Die Anmeldung über den Anbieter hat nicht funktioniert. Bitte versuchen Sie es erneut.',
  oidcUnavailable: 'Diese Anmeldeart ist gerade nicht verfügbar. Bitte versuchen Sie es später erneut oder verwenden Sie Ihr Passwort.',
  oidcEmail: 'Der Anbieter hat Ihre E-Mail-Adresse nicht übermittelt, die Ihr Konto benötigt.',
  oidcAccountExists: 'Für diese E-Mail-Adresse gibt es bereits ein Konto. Melden Sie sich mit Ihrem Passwort an und verknüpfen Sie den Anbieter dann in Ihrem Profil.',
  oidcResetRequired: 'Bitte wählen Sie zu Ihrer Sicherheit zuerst ein neues Passwort („Passwort vergessen?“).',
  oidcInUse: 'Dieses Konto beim Anbieter ist bereits mit einem anderen Kundenkonto verknüpft.',
  signInMethods: 'Anmeldemöglichkeiten',
  linkProvider: '{name} verknüpfen',
  unlink: 'Trennen',
  unlinkProvider: '{name} trennen',
  linkedTo: '{name} ist jetzt mit Ihrem Konto verknüpft.',
  unlinked: '{name} ist nicht mehr verknüpft.',
  lastMethod: 'Das ist Ihre einzige Anmeldemöglichkeit. Legen Sie zuerst ein Passwort fest („Passwort vergessen?“ bei der Anmeldung) oder verknüpfen Sie einen anderen Anbieter.',
};
export default de;
