// Textes en français (loaded only on French pages, the log-in form).
import type { CoreCatalog } from './index';

const fr: CoreCatalog = {
  email: 'E-mail',
  password: 'Mot de passe',
  show: 'Voir le mot de passe',
  f_required: 'Champ obligatoire',
  invalid: 'Vérifiez ce champ',
  f_invalid_email: 'Adresse e-mail invalide',
  network: 'Serveur injoignable. Vérifiez votre connexion.',
  e_rate_limited: 'Trop de tentatives. Patientez une minute.',
  failed: 'Une erreur est survenue. Réessayez.',
  e_validation_failed: 'Corrigez les champs signalés.',
  signIn: 'Se connecter',
  e_invalid_credentials: 'E-mail ou mot de passe incorrect.',
  forgot: 'Mot de passe oublié ?',
  emailCode: 'Code par e-mail',
  noAccount: 'Nouveau ?',
  createAccount: 'Créer un compte',
  signOut: 'Se déconnecter',
};
export default fr;
