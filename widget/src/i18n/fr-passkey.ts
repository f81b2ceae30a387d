// Textes des vues des clés d’accès (loaded only on French pages, with passkey.ts).
import type { PasskeyCatalog } from './index';

const fr: PasskeyCatalog = {
  signedInAs: 'Connecté en tant que {name}',
  passkeySignIn: 'Se connecter avec une clé d’accès',
  passkeySignUp: 'S’inscrire avec une clé d’accès',
  passkeyFailed: 'La clé d’accès n’a pas fonctionné ou a été annulée. Réessayez ou utilisez votre mot de passe.',
  passkeyOffer:
    'Connectez-vous plus vite la prochaine fois : créez une clé d’accès et utilisez votre empreinte, votre visage ou le verrouillage de l’écran au lieu d’un mot de passe.',
  passkeyCreate: 'Créer une clé d’accès',
  notNow: 'Plus tard',
  passkeys: 'Clés d’accès',
  passkeyIntro: 'Une clé d’accès vous connecte avec votre empreinte, votre visage ou le verrouillage de l’écran. Sans mot de passe.',
  passkeyAdd: 'Ajouter une clé d’accès',
  passkeyAdded: 'Votre clé d’accès est prête.',
  passkeyUnsupported: 'Ce navigateur ne peut pas créer de clés d’accès.',
  passkeyCreated: 'Créée le {date}',
  passkeyUsed: 'dernière utilisation le {date}',
  passkeyNeverUsed: 'jamais utilisée',
  passkeySynced: 'synchronisée',
  passkeyDevice: 'sur cet appareil uniquement',
  passkeyName: 'Nom',
  rename: 'Renommer',
  renameNamed: 'Renommer {name}',
  remove: 'Supprimer',
  removeNamed: 'Supprimer {name}',
  passkeyRemoved: '{name} a été supprimée.',
  passkeyLast:
    'Cette clé d’accès est votre seul moyen de connexion. Définissez d’abord un mot de passe (« Mot de passe oublié ? » sur la page de connexion) ou ajoutez une autre clé d’accès.',
  e_reauthentication_required:
    'Pour votre sécurité, reconnectez-vous (ou saisissez votre mot de passe actuel) pour modifier vos moyens de connexion.',
  e_last_sign_in_method:
    'C’est votre seul moyen de connexion. Définissez d’abord un mot de passe (« Mot de passe oublié ? » sur la page de connexion) ou associez un autre fournisseur.',
  e_passkey_invalid: 'La clé d’accès n’a pas pu être vérifiée. Veuillez réessayer.',
  e_passkey_challenge_invalid: 'Cette demande de clé d’accès n’est plus valable. Veuillez réessayer.',
  e_passkey_challenge_expired: 'Cette demande de clé d’accès a pris trop de temps. Veuillez réessayer.',
  e_passkey_other_browser: 'Cette demande de clé d’accès a été lancée dans un autre navigateur. Veuillez réessayer.',
  e_passkey_origin_invalid: 'Cette clé d’accès ne peut pas être utilisée sur ce site.',
  e_passkey_rp_id_invalid: 'Cette clé d’accès a été créée pour un autre site.',
  e_passkey_user_verification_required: 'Votre appareil n’a pas confirmé que c’est bien vous (empreinte, visage ou code). Veuillez réessayer.',
  e_passkey_counter_regression: 'Cette clé d’accès a été refusée car elle a peut-être été copiée. Connectez-vous autrement et remplacez-la.',
  e_passkey_unknown: 'Cette clé d’accès n’est pas enregistrée dans cette boutique (elle a peut-être été supprimée). Connectez-vous autrement.',
  e_passkey_exists: 'Cette clé d’accès est déjà enregistrée.',
  e_passkey_not_found: 'Cette clé d’accès n’existe plus.',
};
export default fr;
