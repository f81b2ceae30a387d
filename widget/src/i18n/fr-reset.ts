// Textes des vues « mot de passe oublié » (loaded only on French pages, with them).
import type { ResetCatalog } from './index';

const fr: ResetCatalog = {
  forgotTitle: 'Réinitialiser le mot de passe',
  forgotIntro: 'Saisissez votre e-mail : nous vous enverrons un lien pour choisir un nouveau mot de passe.',
  sendLink: 'Envoyer le lien',
  linkSent: 'Si un compte existe pour {email}, un lien est en route. Consultez votre boîte de réception.',
  backToSignIn: 'Retour à la connexion',
  newPassword: 'Nouveau mot de passe',
  setPassword: 'Enregistrer le mot de passe',
  resetDone: 'Votre mot de passe a été modifié. Vous pouvez vous connecter.',
  e_reset_token_invalid: 'Ce lien est invalide ou a expiré. Demandez-en un nouveau.',
  ruleLength: '8 à 128 caractères',
  f_password_too_short: 'Au moins 8 caractères',
  f_password_too_long: 'Au plus 128 caractères',
  e_password_reset_required: 'Pour votre sécurité, choisissez un nouveau mot de passe. Nous pouvons vous envoyer un lien.',
  f_password_too_common: 'Ce mot de passe est trop courant. Veuillez en choisir un autre.',
  f_password_is_email: 'N’utilisez pas votre e-mail comme mot de passe',
  f_invalid_or_expired: 'Ce code est invalide ou a expiré',
};
export default fr;
