// Deutsche Texte der Code-Ansichten (email-code.ts; loaded only on German pages, with them).
import type { EmailCatalog } from './index';

const de: EmailCatalog = {
  codeTitle: 'E-Mail-Adresse bestätigen',
  codeSent: 'Wir haben einen 6-stelligen Code an {email} gesendet. Geben Sie ihn unten ein oder öffnen Sie den Link in der E-Mail.',
  code: 'Code',
  confirm: 'Bestätigen',
  resend: 'Neuen Code senden',
  resendWait: 'Einen neuen Code können Sie nach einer Minute anfordern.',
  resent: 'Ein neuer Code ist unterwegs.',
  later: 'Später',
  emailVerified: 'Ihre E-Mail-Adresse ist bestätigt.',
  codeSignIn: 'Mit Code anmelden',
  codeIntro: 'Geben Sie Ihre E-Mail-Adresse ein. Wir senden Ihnen einen Code zum Anmelden, ganz ohne Passwort.',
  sendCode: 'Code senden',
  backToSignIn: 'Zurück zur Anmeldung',
  changeEmail: 'E-Mail-Adresse ändern',
  newEmail: 'Neue E-Mail-Adresse',
  emailChanged: 'Ihre E-Mail-Adresse wurde geändert.',
  claimOne: 'Eine frühere Bestellung wurde ohne Konto mit Ihrer E-Mail-Adresse aufgegeben. Hinzufügen?',
  claimMany: '{n} frühere Bestellungen wurden ohne Konto mit Ihrer E-Mail-Adresse aufgegeben. Hinzufügen?',
  claim: 'Zu meinem Konto hinzufügen',
  claimVerify: 'Bestätigen Sie zuerst, dass diese E-Mail-Adresse Ihnen gehört: Wir senden Ihnen einen Code.',
  claimed: 'Frühere Bestellungen hinzugefügt: {n}.',
  subscriptionConfirmed: 'Ihr Abonnement ist bestätigt. Vielen Dank!',
  linkAsk: 'Als {email} anmelden?',
  linkNote: 'Sie haben einen Anmeldelink geöffnet. Melden Sie sich nur an, wenn Sie diesen Code selbst angefordert haben.',
  linkCancel: 'Abbrechen',
  e_email_unverified: 'Bitte bestätigen Sie zuerst Ihre E-Mail-Adresse: Wir haben Ihnen einen Code gesendet.',
  e_code_invalid: 'Dieser Code ist ungültig oder abgelaufen. Sehen Sie in der E-Mail nach oder fordern Sie einen neuen Code an.',
  e_subscription_token_invalid: 'Dieser Bestätigungslink ist ungültig oder abgelaufen. Bitte melden Sie sich erneut an.',
  f_invalid_or_expired: 'Dieser Code ist ungültig oder abgelaufen',
  // Rare codes of the signed-in routes, here rather than in the account area's bundled texts: the first
  // eight say what the general text `failed` says (shown when these are not loaded); the widget no longer
  // uses claim codes (it confirms the email instead).
  e_malformed_json: 'Etwas ist schiefgelaufen. Bitte erneut versuchen.',
  e_bad_request: 'Etwas ist schiefgelaufen. Bitte erneut versuchen.',
  e_unsupported_media_type: 'Etwas ist schiefgelaufen. Bitte erneut versuchen.',
  e_invalid_query: 'Etwas ist schiefgelaufen. Bitte erneut versuchen.',
  e_method_not_allowed: 'Etwas ist schiefgelaufen. Bitte erneut versuchen.',
  e_internal_error: 'Etwas ist schiefgelaufen. Bitte erneut versuchen.',
  e_login_token_invalid: 'Etwas ist schiefgelaufen. Bitte erneut versuchen.',
  e_login_token_claims_invalid: 'Etwas ist schiefgelaufen. Bitte erneut versuchen.',
  e_claim_code_invalid: 'Dieser Code ist nicht gültig. Fordern Sie einen neuen an, falls er abgelaufen ist.',
};
export default de;
