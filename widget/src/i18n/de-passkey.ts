// Deutsche Texte der Passkey-Ansichten (loaded only on German pages, with passkey.ts).
import type { PasskeyCatalog } from './index';

const de: PasskeyCatalog = {
  signedInAs: 'Angemeldet als {name}',
  passkeySignIn: 'Mit Passkey anmelden',
  passkeySignUp: 'Mit Passkey registrieren',
  passkeyFailed: 'Der Passkey hat nicht funktioniert oder wurde abgebrochen. Versuchen Sie es erneut oder verwenden Sie Ihr Passwort.',
  passkeyOffer:
    'Melden Sie sich nächstes Mal schneller an: Erstellen Sie einen Passkey und verwenden Sie Fingerabdruck, Gesicht oder Bildschirmsperre statt eines Passworts.',
  passkeyCreate: 'Passkey erstellen',
  notNow: 'Jetzt nicht',
  passkeys: 'Passkeys',
  passkeyIntro: 'Mit einem Passkey melden Sie sich per Fingerabdruck, Gesicht oder Bildschirmsperre an. Kein Passwort nötig.',
  passkeyAdd: 'Passkey hinzufügen',
  passkeyAdded: 'Ihr Passkey ist eingerichtet.',
  passkeyUnsupported: 'Dieser Browser kann keine Passkeys erstellen.',
  passkeyCreated: 'Erstellt am {date}',
  passkeyUsed: 'zuletzt verwendet am {date}',
  passkeyNeverUsed: 'noch nie verwendet',
  passkeySynced: 'synchronisiert',
  passkeyDevice: 'nur auf diesem Gerät',
  passkeyName: 'Name',
  rename: 'Umbenennen',
  renameNamed: '{name} umbenennen',
  remove: 'Entfernen',
  removeNamed: '{name} entfernen',
  passkeyRemoved: '{name} wurde entfernt.',
  passkeyLast:
    'Dieser Passkey ist Ihre einzige Anmeldemöglichkeit. Legen Sie zuerst ein Passwort fest („Passwort vergessen?“ bei der Anmeldung) oder fügen Sie einen weiteren Passkey hinzu.',
  e_reauthentication_required:
    'Melden Sie sich zu Ihrer Sicherheit erneut an (oder geben Sie Ihr aktuelles Passwort ein), um Ihre Anmeldemethoden zu ändern.',
  e_last_sign_in_method:
    'Das ist Ihre einzige Anmeldemöglichkeit. Legen Sie zuerst ein Passwort fest („Passwort vergessen?“ bei der Anmeldung) oder verknüpfen Sie einen anderen Anbieter.',
  e_passkey_invalid: 'Der Passkey konnte nicht geprüft werden. Bitte versuchen Sie es erneut.',
  e_passkey_challenge_invalid: 'Diese Passkey-Anfrage ist nicht mehr gültig. Bitte versuchen Sie es erneut.',
  e_passkey_challenge_expired: 'Diese Passkey-Anfrage hat zu lange gedauert. Bitte versuchen Sie es erneut.',
  e_passkey_other_browser: 'Diese Passkey-Anfrage wurde in einem anderen Browser gestartet. Bitte versuchen Sie es erneut.',
  e_passkey_origin_invalid: 'Dieser Passkey kann auf dieser Website nicht verwendet werden.',
  e_passkey_rp_id_invalid: 'Dieser Passkey wurde für eine andere Website erstellt.',
  e_passkey_user_verification_required:
    'Ihr Gerät hat nicht bestätigt, dass Sie es sind (Fingerabdruck, Gesicht oder PIN). Bitte versuchen Sie es erneut.',
  e_passkey_counter_regression: 'Dieser Passkey wurde abgelehnt, weil er kopiert worden sein könnte. Melden Sie sich anders an und ersetzen Sie ihn.',
  e_passkey_unknown: 'Dieser Passkey ist bei diesem Shop nicht registriert (vielleicht wurde er entfernt). Melden Sie sich anders an.',
  e_passkey_exists: 'Dieser Passkey ist bereits registriert.',
  e_passkey_not_found: 'Diesen Passkey gibt es nicht mehr.',
};
export default de;
