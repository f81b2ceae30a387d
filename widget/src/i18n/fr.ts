// Textes en français (loaded only on French pages, the log-in form).
import type { CoreCatalog } from './index';

const fr: CoreCatalog = {
  email: 'E-mail',
  password: 'Mot de passe',
  show: 'Afficher le mot de passe',
  required: 'Ce champ est obligatoire',
  invalid: 'Veuillez vérifier ce champ',
  invalidEmail: 'Saisissez une adresse e-mail valide',
  network: 'Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.',
  rateLimited: 'Trop de tentatives. Veuillez patienter une minute.',
  failed: 'Une erreur est survenue. Veuillez réessayer.',
  fixFields: 'Veuillez corriger les champs signalés.',
  signIn: 'Se connecter',
  badCredentials: 'L’e-mail ou le mot de passe est incorrect.',
  forgot: 'Mot de passe oublié ?',
  noAccount: 'Nouveau client ?',
  createAccount: 'Créer un compte',
  signedInAs: 'Connecté en tant que {name}',
  signOut: 'Se déconnecter',
};
export default fr;
