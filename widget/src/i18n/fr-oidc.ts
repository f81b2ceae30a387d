// Textes de la connexion avec un fournisseur OpenID Connect (loaded only on French pages, with oidc.ts).
import type { OidcCatalog } from './index';

const fr: OidcCatalog = {
  continueWith: 'Continuer avec {name}',
  or: 'ou',
  e_access_denied: 'La connexion a été annulée. Vous pouvez réessayer ou utiliser votre mot de passe.',
  e_invalid_state: 'La connexion a pris trop de temps ou a été interrompue. Veuillez réessayer.',
  oidcFailed: 'La connexion avec le fournisseur n’a pas abouti. Veuillez réessayer.',
  e_provider_unavailable: 'Ce mode de connexion n’est pas disponible pour le moment. Réessayez plus tard ou utilisez votre mot de passe.',
  e_email_required: 'Le fournisseur n’a pas transmis votre adresse e-mail, nécessaire à votre compte.',
  e_account_exists:
    'Un compte existe déjà avec cette adresse e-mail. Connectez-vous avec votre mot de passe, puis associez le fournisseur dans votre profil.',
  oidcResetRequired: 'Pour votre sécurité, choisissez d’abord un nouveau mot de passe (« Mot de passe oublié ? »).',
  e_identity_in_use: 'Ce compte du fournisseur est déjà associé à un autre compte client.',
  signInMethods: 'Modes de connexion',
  linkProvider: 'Associer {name}',
  unlink: 'Dissocier',
  unlinkProvider: 'Dissocier {name}',
  linkedTo: '{name} est maintenant associé à votre compte.',
  unlinked: '{name} n’est plus associé.',
  e_last_sign_in_method:
    'C’est votre seul moyen de connexion. Définissez d’abord un mot de passe (« Mot de passe oublié ? » sur la page de connexion) ou associez un autre fournisseur.',
  e_expired_state: 'La connexion a pris trop de temps ou a été interrompue. Veuillez réessayer.',
  e_invalid_code: 'La connexion a pris trop de temps ou a été interrompue. Veuillez réessayer.',
  e_provider_misconfigured: 'Ce mode de connexion n’est pas disponible pour le moment. Réessayez plus tard ou utilisez votre mot de passe.',
  e_unknown_provider: 'Ce mode de connexion n’est pas disponible pour le moment. Réessayez plus tard ou utilisez votre mot de passe.',
  e_provider_error: 'La connexion avec le fournisseur n’a pas abouti. Veuillez réessayer.',
  e_invalid_id_token: 'La connexion avec le fournisseur n’a pas abouti. Veuillez réessayer.',
  e_invalid_return_to: 'La connexion avec le fournisseur n’a pas abouti. Veuillez réessayer.',
  e_account_not_found: 'Le compte à associer n’existe plus.',
  e_identity_not_linked: 'Ce fournisseur n’est pas associé à votre compte.',
  e_reauthentication_required:
    'Pour votre sécurité, reconnectez-vous (ou saisissez votre mot de passe actuel) pour modifier vos moyens de connexion.',
};
export default fr;
