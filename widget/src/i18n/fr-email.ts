// Textes français des vues à code (email-code.ts ; loaded only on French pages, with them).
import type { EmailCatalog } from './index';

const fr: EmailCatalog = {
  codeTitle: 'Confirmez votre e-mail',
  codeSent: 'Nous avons envoyé un code à 6 chiffres à {email}. Saisissez-le ci-dessous ou ouvrez le lien de l’e-mail.',
  code: 'Code',
  confirm: 'Confirmer',
  resend: 'Envoyer un nouveau code',
  resendWait: 'Vous pourrez demander un nouveau code dans une minute.',
  resent: 'Un nouveau code est en route.',
  later: 'Plus tard',
  emailVerified: 'Votre adresse e-mail est confirmée.',
  codeSignIn: 'Se connecter avec un code',
  codeIntro: 'Saisissez votre e-mail : nous vous enverrons un code pour vous connecter, sans mot de passe.',
  sendCode: 'Envoyer le code',
  backToSignIn: 'Retour à la connexion',
  changeEmail: 'Changer d’e-mail',
  newEmail: 'Nouvel e-mail',
  emailChanged: 'Votre adresse e-mail a été modifiée.',
  claimOne: 'Une commande antérieure a été passée avec votre e-mail sans compte. L’ajouter ?',
  claimMany: '{n} commandes antérieures ont été passées avec votre e-mail sans compte. Les ajouter ?',
  claim: 'Ajouter à mon compte',
  claimVerify: 'Confirmez d’abord que cet e-mail vous appartient : nous vous enverrons un code.',
  claimed: 'Commandes antérieures ajoutées : {n}.',
  subscriptionConfirmed: 'Votre abonnement est confirmé. Merci !',
  linkAsk: 'Se connecter en tant que {email} ?',
  linkNote: 'Vous avez ouvert un lien de connexion. Connectez-vous uniquement si vous avez demandé ce code vous-même.',
  linkCancel: 'Annuler',
  e_email_unverified: 'Veuillez d’abord confirmer votre e-mail : nous vous avons envoyé un code.',
  e_code_invalid: 'Ce code n’est pas valide ou a expiré. Consultez l’e-mail ou demandez un nouveau code.',
  e_subscription_token_invalid: 'Ce lien de confirmation est invalide ou a expiré. Veuillez vous réinscrire.',
  f_invalid_or_expired: 'Ce code est invalide ou a expiré',
  // Rare codes of the signed-in routes, here rather than in the account area's bundled texts: the first
  // eight say what the general text `failed` says (shown when these are not loaded); the widget no longer
  // uses claim codes (it confirms the email instead).
  e_malformed_json: 'Une erreur est survenue. Réessayez.',
  e_bad_request: 'Une erreur est survenue. Réessayez.',
  e_unsupported_media_type: 'Une erreur est survenue. Réessayez.',
  e_invalid_query: 'Une erreur est survenue. Réessayez.',
  e_method_not_allowed: 'Une erreur est survenue. Réessayez.',
  e_internal_error: 'Une erreur est survenue. Réessayez.',
  e_login_token_invalid: 'Une erreur est survenue. Réessayez.',
  e_login_token_claims_invalid: 'Une erreur est survenue. Réessayez.',
  e_claim_code_invalid: 'Ce code n’est pas valide. Demandez-en un nouveau s’il a expiré.',
};
export default fr;
