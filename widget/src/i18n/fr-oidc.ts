// Textes de la connexion avec un fournisseur OpenID Connect (loaded only on French pages, with oidc.ts).
import type { OidcCatalog } from './index';

const fr: OidcCatalog = {
  continueWith: 'Continuer avec {name}',
  or: 'ou',
  oidcCancelled: 'La connexion a été annulée. Vous pouvez réessayer ou utiliser votre mot de passe.',
  oidcRetry: 'La connexion a pris trop de temps ou a été interrompue. Veuillez réessayer.',
  oidcFailed: 'La connexion avec le fournisseur n’a pas abouti. Veuillez réessayer.',
  oidcUnavailable: 'Ce mode de connexion n’est pas disponible pour le moment. Réessayez plus tard ou utilisez votre mot de passe.',
  oidcEmail: 'Le fournisseur n’a pas transmis votre adresse e-mail, nécessaire à votre compte.',
  oidcAccountExists: 'Un compte existe déjà avec cette adresse e-mail. Connectez-vous avec votre mot de passe, puis associez le fournisseur dans votre profil.',
  oidcResetRequired: 'Pour votre sécurité, choisissez d’abord un nouveau mot de passe (« Mot de passe oublié ? »).',
  oidcInUse: 'Ce compte du fournisseur est déjà associé à un autre compte client.',
  signInMethods: 'Modes de connexion',
  linkProvider: 'Associer {name}',
  unlink: 'Dissocier',
  unlinkProvider: 'Dissocier {name}',
  linkedTo: '{name} est maintenant associé à votre compte.',
  unlinked: '{name} n’est plus associé.',
  lastMethod: 'C’est votre seul moyen de connexion. Définissez d’abord un mot de passe (« Mot de passe oublié ? » sur la page de connexion) ou associez un autre fournisseur.',
};
export default fr;
