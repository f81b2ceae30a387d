// Textes en français (loaded only on French pages: sign-up and account forms).
import type { FormsCatalog } from './index';

const fr: FormsCatalog = {
  firstName: 'Prénom',
  lastName: 'Nom',
  phone: 'Téléphone',
  company: 'Société',
  save: 'Enregistrer',
  cancel: 'Annuler',
  delete: 'Supprimer',
  edit: 'Modifier',
  retry: 'Réessayer',
  choose: 'Choisir…',
  newPassword: 'Nouveau mot de passe',
  signUp: 'Créer le compte',
  haveAccount: 'Vous avez déjà un compte ?',
  newsletterOptIn: 'Recevoir les nouveautés et offres par e-mail',
  passwordRules: 'Votre mot de passe',
  ruleLength: '8 à 128 caractères',
  ruleNotEmail: 'Différent de votre e-mail',
  met: 'respecté',
  notMet: 'pas encore',
  tooShort: 'Au moins 8 caractères',
  tooLong: 'Au plus 128 caractères',
  isEmail: 'N’utilisez pas votre e-mail comme mot de passe',
  emailTaken: 'Un compte existe déjà avec cet e-mail.',
  optional: 'facultatif',
  commonPassword: 'Ce mot de passe est trop courant. Veuillez en choisir un autre.',
};
export default fr;
