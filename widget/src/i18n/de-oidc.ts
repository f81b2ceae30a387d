// Deutsche Texte der Anmeldung über einen OpenID-Connect-Anbieter (loaded only on German pages, with oidc.ts).
import type { OidcCatalog } from './index';

const de: OidcCatalog = {
  continueWith: 'Weiter mit {name}',
  or: 'oder',
  e_access_denied: 'Die Anmeldung wurde abgebrochen. Sie können es erneut versuchen oder Ihr Passwort verwenden.',
  e_invalid_state: 'Die Anmeldung hat zu lange gedauert oder wurde unterbrochen. Bitte versuchen Sie es erneut.',
  oidcFailed: 'Die Anmeldung über den Anbieter hat nicht funktioniert. Bitte versuchen Sie es erneut.',
  e_provider_unavailable: 'Diese Anmeldeart ist gerade nicht verfügbar. Bitte versuchen Sie es später erneut oder verwenden Sie Ihr Passwort.',
  e_email_required: 'Der Anbieter hat Ihre E-Mail-Adresse nicht übermittelt, die Ihr Konto benötigt.',
  e_account_exists:
    'Für diese E-Mail-Adresse gibt es bereits ein Konto. Melden Sie sich mit Ihrem Passwort an und verknüpfen Sie den Anbieter dann in Ihrem Profil.',
  oidcResetRequired: 'Bitte wählen Sie zu Ihrer Sicherheit zuerst ein neues Passwort („Passwort vergessen?“).',
  e_identity_in_use: 'Dieses Konto beim Anbieter ist bereits mit einem anderen Kundenkonto verknüpft.',
  signInMethods: 'Anmeldemöglichkeiten',
  linkProvider: '{name} verknüpfen',
  unlink: 'Trennen',
  unlinkProvider: '{name} trennen',
  linkedTo: '{name} ist jetzt mit Ihrem Konto verknüpft.',
  unlinked: '{name} ist nicht mehr verknüpft.',
  e_last_sign_in_method:
    'Das ist Ihre einzige Anmeldemöglichkeit. Legen Sie zuerst ein Passwort fest („Passwort vergessen?“ bei der Anmeldung) oder verknüpfen Sie einen anderen Anbieter.',
  e_expired_state: 'Die Anmeldung hat zu lange gedauert oder wurde unterbrochen. Bitte versuchen Sie es erneut.',
  e_invalid_code: 'Die Anmeldung hat zu lange gedauert oder wurde unterbrochen. Bitte versuchen Sie es erneut.',
  e_provider_misconfigured: 'Diese Anmeldeart ist gerade nicht verfügbar. Bitte versuchen Sie es später erneut oder verwenden Sie Ihr Passwort.',
  e_unknown_provider: 'Diese Anmeldeart ist gerade nicht verfügbar. Bitte versuchen Sie es später erneut oder verwenden Sie Ihr Passwort.',
  e_provider_error: 'Die Anmeldung über den Anbieter hat nicht funktioniert. Bitte versuchen Sie es erneut.',
  e_invalid_id_token: 'Die Anmeldung über den Anbieter hat nicht funktioniert. Bitte versuchen Sie es erneut.',
  e_invalid_return_to: 'Die Anmeldung über den Anbieter hat nicht funktioniert. Bitte versuchen Sie es erneut.',
  e_account_not_found: 'Das zu verknüpfende Konto gibt es nicht mehr.',
  e_identity_not_linked: 'Dieser Anbieter ist nicht mit Ihrem Konto verknüpft.',
  e_reauthentication_required:
    'Melden Sie sich zu Ihrer Sicherheit erneut an (oder geben Sie Ihr aktuelles Passwort ein), um Ihre Anmeldemethoden zu ändern.',
};
export default de;
