import type { Locale } from './roles.js';

/** A text in both languages of Relais. */
export type Bilingual = { fr: string; en: string };

/**
 * The one catalogue of error codes the server answers (problem `code`) — fr and en text for
 * each. The web shows these; the server uses them for `detail` when the request's language is
 * known. `src/common/errors.test.ts` scans the server and fails on a code missing here.
 * `{{name}}` is filled from the problem's own fields (e.g. `retryAfterMinutes`).
 */
export const PROBLEM_TEXTS: Record<string, Bilingual> = {
  // Platform
  bad_request: { fr: 'La demande est incorrecte.', en: 'The request is not valid.' },
  validation_failed: {
    fr: 'Certains champs sont invalides : vérifiez le formulaire.',
    en: 'Some fields are invalid: check the form.',
  },
  malformed_json: { fr: 'La demande est mal formée.', en: 'The request is malformed.' },
  payload_too_large: {
    fr: 'Les données envoyées sont trop volumineuses.',
    en: 'What you sent is too large.',
  },
  unsupported_media_type: {
    fr: 'Ce type de contenu n’est pas accepté ici.',
    en: 'This kind of content is not accepted here.',
  },
  rate_limited: { fr: 'Trop de requêtes. Patientez un instant.', en: 'Too many requests. Wait a moment.' },
  route_not_found: { fr: 'Cette adresse n’existe pas.', en: 'This address does not exist.' },
  not_found: {
    fr: 'Élément introuvable, ou vous n’y avez pas accès.',
    en: 'Not found, or you have no access to it.',
  },
  forbidden: { fr: 'Vous n’avez pas le droit de faire cela.', en: 'You are not allowed to do this.' },
  conflict: {
    fr: 'Quelqu’un a modifié cet élément au même moment : rechargez la page et réessayez.',
    en: 'Someone changed this at the same moment: reload the page and try again.',
  },
  internal_error: {
    fr: 'Le serveur a rencontré une erreur. Réessayez dans un instant.',
    en: 'The server ran into an error. Try again in a moment.',
  },
  'csrf.invalid': {
    fr: 'Votre session de sécurité a expiré. Rechargez la page puis réessayez.',
    en: 'Your security session expired. Reload the page and try again.',
  },
  'file.too_large': { fr: 'Ce fichier est trop volumineux.', en: 'This file is too large.' },
  'file.type_not_allowed': {
    fr: 'Ce type de fichier n’est pas accepté.',
    en: 'This type of file is not accepted.',
  },
  'mail.send_failed': {
    fr: 'L’e-mail n’a pas pu être envoyé. Réessayez plus tard.',
    en: 'The e-mail could not be sent. Try again later.',
  },
  // Identity
  'auth.required': {
    fr: 'Votre session a expiré. Reconnectez-vous.',
    en: 'Your session has expired. Sign in again.',
  },
  'auth.invalid_credentials': { fr: 'E-mail ou mot de passe incorrect.', en: 'Wrong e-mail or password.' },
  'auth.invalid_token': {
    fr: 'Ce jeton d’accès n’est pas valide ou a été révoqué.',
    en: 'This access token is not valid or was revoked.',
  },
  'auth.locked': {
    fr: 'Trop de tentatives depuis cette connexion : la connexion est suspendue pendant {{retryAfterMinutes}} min.',
    en: 'Too many attempts from this connection: sign-in is paused for {{retryAfterMinutes}} min.',
  },
  'auth.wrong_password': {
    fr: 'Le mot de passe actuel est incorrect.',
    en: 'The current password is wrong.',
  },
  'auth.sso_only': {
    fr: 'Cette organisation se connecte par l’authentification unique : utilisez le bouton de connexion SSO.',
    en: 'This organisation signs in with single sign-on: use the single sign-on button.',
  },
  'sso.disabled': {
    fr: 'L’authentification unique n’est pas activée.',
    en: 'Single sign-on is not enabled.',
  },
  'sso.state_invalid': {
    fr: 'Cette connexion a expiré ou a déjà servi. Recommencez depuis la page de connexion.',
    en: 'This sign-in has expired or was already used. Start again from the sign-in page.',
  },
  'sso.provider_error': {
    fr: 'Le fournisseur d’identité a refusé ou interrompu la connexion.',
    en: 'The identity provider refused or interrupted the sign-in.',
  },
  'sso.provider_unreachable': {
    fr: 'Le fournisseur d’identité ne répond pas. Réessayez plus tard ou prévenez un administrateur.',
    en: 'The identity provider does not answer. Try again later or tell an administrator.',
  },
  'sso.token_invalid': {
    fr: 'La réponse du fournisseur d’identité n’est pas valide (jeton expiré ou destiné à une autre application).',
    en: 'The identity provider’s answer is not valid (token expired or meant for another application).',
  },
  'sso.email_unverified': {
    fr: 'Votre adresse e-mail n’est pas vérifiée chez le fournisseur d’identité : Relais ne peut pas vous reconnaître.',
    en: 'Your e-mail address is not verified at the identity provider: Relais cannot recognise you.',
  },
  'sso.no_account': {
    fr: 'Aucun compte Relais ne correspond à cette identité. Demandez une invitation à un administrateur.',
    en: 'No Relais account matches this identity. Ask an administrator for an invitation.',
  },
  'sso.user_inactive': {
    fr: 'Votre compte Relais est désactivé.',
    en: 'Your Relais account is deactivated.',
  },
  'invite.not_found': {
    fr: 'Cette invitation n’existe pas ou a expiré.',
    en: 'This invitation does not exist or has expired.',
  },
  'invite.used': {
    fr: 'Cette invitation a déjà servi : connectez-vous avec votre mot de passe.',
    en: 'This invitation was already used: sign in with your password.',
  },
  'setup.done': {
    fr: 'Relais est déjà configuré : connectez-vous.',
    en: 'Relais is already set up: sign in.',
  },
  'user.email_taken': {
    fr: 'Une personne utilise déjà cette adresse e-mail.',
    en: 'Someone already uses this e-mail address.',
  },
  'user.last_admin': {
    fr: 'Relais a besoin d’au moins un administrateur actif.',
    en: 'Relais needs at least one active administrator.',
  },
  'team.not_empty': {
    fr: 'Cette équipe a encore des membres ou des sous-équipes : déplacez-les d’abord.',
    en: 'This team still has members or sub-teams: move them first.',
  },
  'team.has_children': {
    fr: 'Déplacez d’abord ses sous-entités pour changer son niveau.',
    en: 'Move its sub-units first to change its level.',
  },
  'grant.exists': { fr: 'Ce partage existe déjà.', en: 'This is already shared with them.' },
  'grant.owner_only': {
    fr: 'Seul le propriétaire ou un administrateur peut gérer les partages.',
    en: 'Only the owner or an admin can manage sharing.',
  },
  // CRM
  'account.owner_only': {
    fr: 'Seul le propriétaire ou un administrateur peut faire cela sur ce compte.',
    en: 'Only the owner or an admin can do this to the account.',
  },
  'account.would_hide': {
    fr: 'Après ce changement, vous ne verriez plus ce compte : demandez à son propriétaire.',
    en: 'After this change you would no longer see the account: ask its owner.',
  },
  'account.merge_self': {
    fr: 'Choisissez un autre compte à fusionner.',
    en: 'Choose another account to merge.',
  },
  'contact.owner_only': {
    fr: 'Seul le propriétaire ou un administrateur peut faire cela sur ce contact.',
    en: 'Only the owner or an admin can do this to the contact.',
  },
  'contact.would_hide': {
    fr: 'Après ce changement, vous ne verriez plus ce contact : demandez à son propriétaire.',
    en: 'After this change you would no longer see the contact: ask its owner.',
  },
  'contact.already_erased': { fr: 'Ce contact a déjà été effacé.', en: 'This contact was already erased.' },
  'contact.erased': { fr: 'Ce contact a été effacé (RGPD).', en: 'This contact was erased (GDPR).' },
  'contact.no_email': {
    fr: 'Ce contact n’a pas d’adresse e-mail.',
    en: 'This contact has no e-mail address.',
  },
  'contact.no_email_consent': {
    fr: 'Ce contact n’a pas accepté de recevoir des e-mails.',
    en: 'This contact has not agreed to receive e-mails.',
  },
  'custom_field.exists': { fr: 'Un champ utilise déjà cette clé.', en: 'A field already uses this key.' },
  'document.owner_only': {
    fr: 'Seul l’auteur du dépôt ou un administrateur peut supprimer ce document.',
    en: 'Only who uploaded it or an admin can delete this document.',
  },
  'import.empty': { fr: 'Le fichier ne contient aucune ligne.', en: 'The file has no rows.' },
  'import.invalid_rows': {
    fr: 'Certaines lignes du fichier sont invalides : rien n’a été importé.',
    en: 'Some rows of the file are invalid: nothing was imported.',
  },
  'import.ndjson_required': {
    fr: 'Le fichier doit être au format JSON Lines (un élément par ligne).',
    en: 'The file must be JSON Lines (one item per line).',
  },
  'import.too_large': {
    fr: 'Ce fichier est trop volumineux pour un import.',
    en: 'This file is too large to import.',
  },
  'import.too_many_rows': {
    fr: 'Ce fichier a trop de lignes pour un import.',
    en: 'This file has too many rows to import.',
  },
  'offer.owner_only': {
    fr: 'Seul le propriétaire ou un responsable peut faire cela sur cette offre.',
    en: 'Only the owner or a manager can do this to the offer.',
  },
  'offer.closed': {
    fr: 'Cette offre est close : rouvrez-la pour la modifier.',
    en: 'This offer is closed: reopen it to change it.',
  },
  'activity.owner_only': {
    fr: 'Seul l’auteur peut faire cela sur cette activité.',
    en: 'Only the author can do this to the activity.',
  },
  'activity.already_done': { fr: 'Cette activité est déjà faite.', en: 'This activity is already done.' },
  'activity.follow_up_exists': {
    fr: 'Cette activité a déjà sa tâche de suivi.',
    en: 'This activity already has its follow-up task.',
  },
  'activity.not_a_task': {
    fr: 'Seule une tâche peut être cochée comme faite.',
    en: 'Only a task can be marked done.',
  },
  'activity.not_plannable': {
    fr: 'Seuls une visite ou un appel peuvent être planifiés.',
    en: 'Only a visit or a call can be planned.',
  },
  'product.reference_taken': {
    fr: 'Un produit porte déjà cette référence.',
    en: 'A product already has this reference.',
  },
  'stage.key_taken': { fr: 'Une étape utilise déjà cette clé.', en: 'A stage already uses this key.' },
  // Knowledge
  'knowledge.edit_forbidden': {
    fr: 'Vous ne pouvez pas modifier cette fiche.',
    en: 'You cannot edit this item.',
  },
  'knowledge.expert_only': {
    fr: 'Seul un expert ou un administrateur peut faire cela.',
    en: 'Only an expert or an admin can do this.',
  },
  'knowledge.invalid_transition': {
    fr: 'Cette fiche ne peut pas passer à ce statut depuis son statut actuel.',
    en: 'This item cannot move to that status from its current one.',
  },
  'knowledge.publish_forbidden': {
    fr: 'Vous ne pouvez pas publier cette fiche.',
    en: 'You cannot publish this item.',
  },
  'knowledge.second_expert_required': {
    fr: 'Vous avez écrit cette modification : un autre expert doit la valider.',
    en: 'You wrote this change: another expert must validate it.',
  },
  'knowledge.settings_admin_only': {
    fr: 'Seuls les administrateurs changent la relecture des connaissances.',
    en: 'Only admins change how knowledge is reviewed.',
  },
  'knowledge.validation_required': {
    fr: 'Cette fiche doit d’abord être validée par un expert.',
    en: 'An expert must validate this item first.',
  },
  'situation.expert_only': {
    fr: 'Seul un expert ou un administrateur peut gérer les situations.',
    en: 'Only an expert or an admin can manage situations.',
  },
  'situation.name_taken': {
    fr: 'Une situation porte déjà ce nom.',
    en: 'A situation already has this name.',
  },
  'suggestion.decided': {
    fr: 'Cette suggestion a déjà été traitée.',
    en: 'This suggestion was already decided.',
  },
  // Push
  'push.ack_required': {
    fr: 'Une alerte demande votre confirmation avant d’enregistrer.',
    en: 'An alert needs your acknowledgment before saving.',
  },
  'push.action_builtin': {
    fr: 'Cette action appartient à Relais et ne peut pas être modifiée.',
    en: 'This action belongs to Relais and cannot be changed.',
  },
  'push.rule_referenced': {
    fr: 'D’autres règles utilisent celle-ci : modifiez-les d’abord.',
    en: 'Other rules use this one: change them first.',
  },
  'push.rule_version': {
    fr: 'Cette règle a été modifiée entre-temps : rechargez-la.',
    en: 'This rule was changed in the meantime: reload it.',
  },
  'push.too_many_rules': {
    fr: 'Le nombre maximal de règles est atteint.',
    en: 'The maximum number of rules is reached.',
  },
  'broadcast.no_ack': {
    fr: 'Cette annonce ne demande pas de confirmation de lecture.',
    en: 'This broadcast asks for no acknowledgment.',
  },
};

/** Field error codes (`errors[].code`): shown under the field they name. */
export const FIELD_TEXTS: Record<string, Bilingual> = {
  // Zod schema checks; `minimum`/`maximum` come with the error when the schema has them.
  too_small: { fr: 'Trop court : au moins {{minimum}}.', en: 'Too short: at least {{minimum}}.' },
  too_big: { fr: 'Trop long : au plus {{maximum}}.', en: 'Too long: at most {{maximum}}.' },
  invalid_type: { fr: 'Valeur manquante ou du mauvais type.', en: 'Missing, or a value of the wrong type.' },
  invalid_format: { fr: 'Format invalide.', en: 'Invalid format.' },
  invalid_value: { fr: 'Valeur non acceptée.', en: 'Value not accepted.' },
  invalid_union: { fr: 'Valeur non acceptée.', en: 'Value not accepted.' },
  invalid_key: { fr: 'Clé non acceptée.', en: 'Key not accepted.' },
  invalid_element: { fr: 'Un élément de la liste est invalide.', en: 'An element of the list is invalid.' },
  not_multiple_of: {
    fr: 'Valeur non acceptée (pas le bon multiple).',
    en: 'Value not accepted (not the right multiple).',
  },
  unrecognized_keys: { fr: 'Champ inconnu.', en: 'Unknown field.' },
  custom: { fr: 'Valeur invalide.', en: 'Invalid value.' },
  // Relais checks
  required: { fr: 'Obligatoire.', en: 'Required.' },
  taken: { fr: 'Déjà utilisé.', en: 'Already used.' },
  duplicate: { fr: 'En double.', en: 'Listed twice.' },
  empty: { fr: 'Vide.', en: 'Empty.' },
  unknown: { fr: 'Inconnu, ou vous n’y avez pas accès.', en: 'Unknown, or you have no access to it.' },
  unknown_account: {
    fr: 'Compte inconnu, ou vous n’y avez pas accès.',
    en: 'Unknown account, or you have no access to it.',
  },
  unknown_user: { fr: 'Personne inconnue ou désactivée.', en: 'Unknown or deactivated person.' },
  unknown_team: { fr: 'Équipe inconnue.', en: 'Unknown team.' },
  unknown_field: { fr: 'Ce champ personnalisé n’existe pas.', en: 'No such custom field.' },
  unknown_column: { fr: 'Le fichier n’a pas cette colonne.', en: 'The file has no such column.' },
  unknown_reference: {
    fr: 'Élément inconnu, ou vous n’y avez pas accès.',
    en: 'Unknown, or you have no access to it.',
  },
  unknown_knowledge: {
    fr: 'Fiche inconnue, ou vous n’y avez pas accès.',
    en: 'Unknown item, or you have no access to it.',
  },
  unknown_link: {
    fr: 'Le lien mène à un élément qui n’existe pas.',
    en: 'The link leads to something that does not exist.',
  },
  unknown_rule: { fr: 'Règle inconnue.', en: 'Unknown rule.' },
  unknown_action: { fr: 'Action inconnue.', en: 'Unknown action.' },
  unknown_type: { fr: 'Type inconnu.', en: 'Unknown type.' },
  invalid_email: { fr: 'Adresse e-mail invalide.', en: 'Invalid e-mail address.' },
  invalid_phone: { fr: 'Numéro de téléphone invalide.', en: 'Invalid phone number.' },
  invalid_siren: { fr: 'SIREN invalide (9 chiffres).', en: 'Invalid SIREN (9 digits).' },
  invalid_siret: { fr: 'SIRET invalide (14 chiffres).', en: 'Invalid SIRET (14 digits).' },
  invalid_date: {
    fr: 'Date invalide (AAAA-MM-JJ ou JJ/MM/AAAA).',
    en: 'Invalid date (YYYY-MM-DD or DD/MM/YYYY).',
  },
  date_range: {
    fr: 'La date de début est après la date de fin.',
    en: 'The start date is after the end date.',
  },
  invalid_boolean: { fr: 'Attendu : oui ou non.', en: 'Expected: yes or no.' },
  invalid_choice: { fr: 'Choisissez une valeur de la liste.', en: 'Choose a value from the list.' },
  invalid_json: { fr: 'JSON invalide.', en: 'Invalid JSON.' },
  invalid_cursor: {
    fr: 'Position de page inconnue : rechargez la liste.',
    en: 'Unknown page position: reload the list.',
  },
  invalid_sort: { fr: 'Ce tri n’est pas possible.', en: 'This sort is not available.' },
  invalid_stage: {
    fr: 'Choisissez une étape ouverte ; clôturez l’offre ensuite.',
    en: 'Choose an open stage; close the offer afterwards.',
  },
  invalid_parent: {
    fr: 'Rattachement impossible à ce niveau (nation → région → équipe).',
    en: 'Cannot be attached at this level (nation → region → team).',
  },
  invalid_mapping: { fr: 'Correspondance des colonnes invalide.', en: 'Invalid column mapping.' },
  invalid_vcard: { fr: 'Fichier vCard illisible.', en: 'Unreadable vCard file.' },
  unsupported_version: {
    fr: 'Version de vCard non prise en charge (3.0 ou 4.0).',
    en: 'Unsupported vCard version (3.0 or 4.0).',
  },
  malformed: { fr: 'Adresse invalide.', en: 'Invalid address.' },
  malformed_row: { fr: 'Ligne illisible.', en: 'Unreadable row.' },
  sso_discovery_failed: {
    fr: 'Relais n’a pas pu lire la configuration OpenID de cet émetteur (/.well-known/openid-configuration).',
    en: 'Relais could not read the OpenID configuration of this issuer (/.well-known/openid-configuration).',
  },
  sso_needs_enabled: {
    fr: 'Activez d’abord l’authentification unique.',
    en: 'Enable single sign-on first.',
  },
  not_https: { fr: 'L’adresse doit commencer par https://.', en: 'The address must start with https://.' },
  not_public_host: {
    fr: 'L’adresse doit mener à un serveur public.',
    en: 'The address must lead to a public server.',
  },
  unresolvable: { fr: 'Ce serveur est introuvable.', en: 'This server cannot be found.' },
  cycle: { fr: 'Cela formerait une boucle.', en: 'This would make a loop.' },
  mismatch: { fr: 'Cette règle surveille une autre action.', en: 'This rule watches another action.' },
  exactly_one: { fr: 'Indiquez exactement un des deux.', en: 'Give exactly one of the two.' },
  same_account: { fr: 'Choisissez un autre compte.', en: 'Choose another account.' },
  account_mismatch: {
    fr: 'Cette offre appartient à un autre compte.',
    en: 'This offer belongs to another account.',
  },
  no_account: {
    fr: 'Ce contact n’est lié à aucun compte concerné.',
    en: 'This contact is not linked to the account.',
  },
  no_email: { fr: 'Pas d’adresse e-mail.', en: 'No e-mail address.' },
  no_consent: { fr: 'Pas de consentement aux e-mails.', en: 'No e-mail consent.' },
  no_team: {
    fr: 'Vous n’appartenez à aucune équipe : demandez à un administrateur.',
    en: 'You belong to no team: ask an admin.',
  },
  outside_your_teams: {
    fr: 'Vous ne pouvez diffuser qu’à vos propres équipes ; toute l’entreprise relève de l’administrateur.',
    en: 'You broadcast to your own teams only; the whole company is the admin’s.',
  },
  not_allowed: { fr: 'Non autorisé pour ce type de champ.', en: 'Not allowed for this type of field.' },
  forbidden_status: {
    fr: 'Seuls les administrateurs importent des fiches validées ou publiées ; les autres importent des brouillons à relire.',
    en: 'Only admins import validated or published items; others import drafts for review.',
  },
  before_start: { fr: 'La fin doit venir après le début.', en: 'The end must come after the start.' },
  past: { fr: 'Cette date est passée.', en: 'This date is in the past.' },
  without_ack: {
    fr: 'Une échéance demande une confirmation de lecture.',
    en: 'A due date needs an acknowledgment.',
  },
  empty_season: {
    fr: 'La saison doit couvrir au moins deux jours différents.',
    en: 'The season must span two different days.',
  },
  too_many: { fr: 'Un seul fichier à la fois.', en: 'One file at a time.' },
  too_long: { fr: 'Trop long.', en: 'Too long.' },
  too_deep: { fr: 'Données trop imbriquées.', en: 'Data nested too deeply.' },
  unchanged: { fr: 'Cette suggestion ne change rien.', en: 'This suggestion changes nothing.' },
  server_error: {
    fr: 'L’import s’est arrêté sur une erreur du serveur.',
    en: 'The import stopped on a server error.',
  },
  wrong_password: { fr: 'Le mot de passe actuel est incorrect.', en: 'The current password is wrong.' },
};

function fill(text: string, values: Record<string, unknown>): string | undefined {
  let missing = false;
  const filled = text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined || value === null || value === '') missing = true;
    return String(value ?? '');
  });
  return missing ? undefined : filled;
}

/**
 * The text of a problem code in `locale`, its `{{values}}` filled; undefined for an unknown
 * code or when a value the text needs is missing (the caller keeps its own words then).
 */
export function problemText(
  code: string,
  locale: Locale,
  values: Record<string, unknown> = {},
): string | undefined {
  const text = PROBLEM_TEXTS[code]?.[locale];
  return text === undefined ? undefined : fill(text, values);
}

/** The text of a field error code in `locale` (a limit-less "too short" falls back to a plain one). */
export function fieldErrorText(
  code: string,
  locale: Locale,
  values: Record<string, unknown> = {},
): string | undefined {
  const text = FIELD_TEXTS[code]?.[locale];
  if (text === undefined) return undefined;
  return (
    fill(text, values) ??
    (code === 'too_small'
      ? locale === 'fr'
        ? 'Trop court.'
        : 'Too short.'
      : code === 'too_big'
        ? locale === 'fr'
          ? 'Trop long.'
          : 'Too long.'
        : undefined)
  );
}
