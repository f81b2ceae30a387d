// Textes en français (loaded only on French pages, the log-in form).
import type { CoreCatalog } from './index';

const fr: CoreCatalog = {
  email: 'E-mail',
  password: 'Mot de passe',
  show: 'Afficher le mot de passe',
  f_required: 'Ce champ est obligatoire',
  invalid: 'Veuillez vérifier ce champ',
  f_invalid_email: 'Saisissez une adresse e-mail valide',
  network: 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
  e_rate_limited: 'Trop de tentatives. Veuillez patienter une minute.',
  failed: 'Une erreur est survenue. Veuillez réessayer.',
  e_validation_failed: 'Veuillez corriger les champs signalés.',
  signIn: 'Se connecter',
  e_invalid_credentials: 'L’e-mail ou le mot de passe est incorrect.',
  forgot: 'Mot de passe oublié ?',
  noAccount: 'Nouveau client ?',
  createAccount: 'Créer un compte',
  signedInAs: 'Connecté en tant que {name}',
  signOut: 'Se déconnecter',
};
export default fr;
