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
  resetInvalid: 'Ce lien est invalide ou a expiré. Demandez-en un nouveau.',
  ruleLength: '8 à 128 caractères',
  tooShort: 'Au moins 8 caractères',
  tooLong: 'Au plus 128 caractères',
  resetRequired: 'Pour votre sécurité, choisissez un nouveau mot de passe. Nous pouvons vous envoyer un lien.',
  commonPassword: 'Ce mot de passe est trop courant. Veuillez en choisir un autre.',
};
export default fr;
