/** Demo knowledge of Brémont Équipements Pro (professional kitchen equipment, French). */
export type DemoItem = {
  type: string;
  title: string;
  problem?: string;
  body: string;
  tags: string[];
  status?: string;
};

export const DEMO_SITUATIONS = [
  {
    name: 'Le client change de poste',
    description:
      "Notre interlocuteur quitte l'entreprise ou change de fonction : risque de perdre la relation, occasion d'ouvrir un nouveau compte.",
    signals: ['change de poste', 'quitte la société', 'nouveau poste', 'départ du directeur', 'remplacé par'],
    fieldSignals: ['contact.accountIds', 'contact.title'],
    advice:
      '1. Appeler le contact pour le féliciter et garder le lien.\n2. Identifier son successeur et planifier une visite de présentation.\n3. Proposer au nouvel employeur une démonstration.',
  },
  {
    name: 'Réclamation de livraison',
    description: 'Livraison en retard, incomplète ou endommagée.',
    signals: [
      'retard de livraison',
      'livraison en retard',
      'colis endommagé',
      'livraison incomplète',
      'pas été livré',
      'réclamation',
    ],
    fieldSignals: [],
    advice:
      'Accuser réception sous 24 h, ouvrir un litige transporteur, proposer un geste commercial si le retard dépasse 5 jours ouvrés.',
  },
  {
    name: 'Article de presse critique',
    description: 'Un article ou un avis en ligne met en cause notre service ou un produit.',
    signals: ['article de presse', 'presse', 'mauvais avis', 'journal', 'bad buzz'],
    fieldSignals: [],
    advice:
      'Ne pas commenter publiquement : transmettre à la communication, rassurer le client avec les faits et les engagements de service.',
  },
  {
    name: 'Panne pendant le service',
    description: 'Un équipement tombe en panne en plein service (four, lave-vaisselle, froid).',
    signals: ['panne', 'en panne', 'ne chauffe plus', 'ne démarre plus', 'code erreur'],
    fieldSignals: [],
    advice: "Proposer l'intervention express 4 h du contrat Sérénité et le prêt d'un appareil.",
  },
  {
    name: 'Ouverture d’un nouvel établissement',
    description: 'Le client ouvre un nouveau restaurant ou une nouvelle cuisine centrale.',
    signals: ['ouverture', 'nouvel établissement', 'nouveau restaurant', 'agrandissement', 'travaux'],
    fieldSignals: [],
    advice: "Proposer l'étude d'implantation gratuite et le financement en location évolutive.",
  },
  {
    name: 'Concurrent en embuscade',
    description: 'Le client a reçu une offre concurrente moins chère.',
    signals: ['concurrent', 'moins cher', 'offre concurrente', 'devis concurrent'],
    fieldSignals: [],
    advice: 'Rappeler le coût total de possession, la maintenance incluse et la disponibilité des pièces.',
  },
  {
    name: 'Contrôle d’hygiène à venir',
    description: 'Le client prépare une inspection sanitaire (DDPP) ou un audit HACCP.',
    signals: ['contrôle sanitaire', 'hygiène', 'haccp', 'inspection', 'ddpp'],
    fieldSignals: [],
    advice:
      'Envoyer la procédure de traçabilité des températures et proposer un contrôle préventif des chambres froides.',
  },
  {
    name: 'Renouvellement de contrat de maintenance',
    description: 'Le contrat de maintenance arrive à échéance dans les trois mois.',
    signals: ['fin de contrat', 'renouvellement', 'échéance du contrat'],
    fieldSignals: [],
    advice: 'Présenter le bilan des interventions et proposer le passage au niveau supérieur.',
  },
  {
    name: 'Difficultés de paiement',
    description: 'Retards de paiement ou demande d’échéancier.',
    signals: ['retard de paiement', 'impayé', 'échéancier', 'difficultés financières'],
    fieldSignals: [],
    advice: 'Alerter la comptabilité clients avant toute nouvelle commande ; proposer la location.',
  },
  {
    name: 'Changement de chef de cuisine',
    description: 'Le chef change : ses habitudes et ses marques préférées aussi.',
    signals: ['nouveau chef', 'changement de chef', 'chef de cuisine arrive'],
    fieldSignals: [],
    advice: 'Organiser une démonstration culinaire pour le nouveau chef dans les 30 jours.',
  },
  {
    name: 'Économies d’énergie',
    description: "Le client cherche à réduire sa facture d'énergie.",
    signals: ['énergie', 'facture électrique', 'consommation', 'économies'],
    fieldSignals: [],
    advice: 'Mettre en avant les fours à récupération de chaleur et les aides CEE.',
  },
  {
    name: 'Saison estivale',
    description: 'Pic d’activité saisonnier (terrasses, bord de mer).',
    signals: ['saison', 'été', 'terrasse', 'saisonnier'],
    fieldSignals: [],
    advice: 'Vérifier les équipements de froid avant le 1er juin ; proposer la location courte durée.',
  },
  {
    name: 'Rachat par un groupe',
    description: 'Le client est racheté par un groupe de restauration.',
    signals: ['racheté', 'rachat', 'groupe', 'fusion'],
    fieldSignals: ['account.segment'],
    advice: 'Identifier la centrale d’achat du groupe et les accords-cadres existants.',
  },
  {
    name: 'Demande de formation du personnel',
    description: 'Le personnel maîtrise mal un équipement.',
    signals: ['formation', 'personnel ne sait pas', 'mauvaise utilisation'],
    fieldSignals: [],
    advice: 'Proposer une session de prise en main sur site (2 h, offerte la première année).',
  },
  {
    name: 'Appel d’offres public',
    description: 'Le client (collectivité, hôpital, école) publie un appel d’offres.',
    signals: ['appel d’offres', "appel d'offres", 'marché public', 'dce'],
    fieldSignals: [],
    advice: 'Prévenir le service marchés publics ; réunir attestations et références.',
  },
  {
    name: 'Client mécontent du SAV',
    description: 'Insatisfaction sur les délais ou la qualité des interventions.',
    signals: ['sav', 'technicien', 'intervention', 'mécontent'],
    fieldSignals: [],
    advice: 'Appeler le client le jour même et escalader au responsable SAV régional.',
  },
  {
    name: 'Projet de rénovation de cuisine',
    description: 'Rénovation complète ou partielle de la cuisine.',
    signals: ['rénovation', 'refaire la cuisine', 'remplacement complet'],
    fieldSignals: [],
    advice: 'Proposer la reprise des anciens équipements et un planning d’installation hors service.',
  },
  {
    name: 'Hausse des prix annoncée',
    description: 'Une hausse de tarif va toucher le client.',
    signals: ['hausse de prix', 'augmentation des tarifs', 'nouveaux tarifs'],
    fieldSignals: [],
    advice: 'Annoncer la hausse en visite, avec les options de commande anticipée.',
  },
  {
    name: 'Départ chez un concurrent',
    description: 'Le client annonce qu’il passe à la concurrence.',
    signals: ['passer chez', 'résilier', 'résiliation', 'on arrête'],
    fieldSignals: [],
    advice: 'Rencontrer le décideur sous 48 h avec le responsable régional.',
  },
  {
    name: 'Litige sur facture',
    description: 'Le client conteste une facture.',
    signals: ['facture', 'erreur de facturation', 'avoir', 'contestation'],
    fieldSignals: [],
    advice: 'Vérifier le bon de livraison et le contrat, émettre un avoir si justifié sous 72 h.',
  },
];

export const DEMO_ITEMS: DemoItem[] = [
  {
    type: 'answer',
    title: 'Retard de livraison d’un four mixte',
    problem: 'Le client attend son four mixte depuis deux semaines et son ouverture approche.',
    body: "## Solution\n\n1. Vérifier le suivi transporteur dans l'ERP (onglet *Expéditions*).\n2. Si le retard dépasse 5 jours ouvrés, proposer le **prêt d'un four de démonstration**.\n3. Confirmer par écrit une nouvelle date de livraison.\n\nGeste commercial possible : un an d'extension de garantie.",
    tags: ['livraison', 'four', 'réclamation'],
  },
  {
    type: 'answer',
    title: 'Lave-vaisselle : code erreur E12 en plein service',
    problem: 'Le lave-vaisselle à capot affiche E12 et ne démarre plus.',
    body: "E12 indique une **sonde de température de rinçage** défaillante.\n\n- Couper l'alimentation 30 secondes et relancer.\n- Si l'erreur persiste, passer en mode dégradé (cycle long).\n- Déclencher l'intervention express 4 h du contrat Sérénité.",
    tags: ['sav', 'lave-vaisselle', 'panne'],
  },
  {
    type: 'procedure',
    title: 'Procédure de déclaration d’un litige transporteur',
    body: "1. Noter les réserves sur le bon de livraison, précises et datées.\n2. Photographier les colis endommagés.\n3. Envoyer la lettre recommandée au transporteur sous 3 jours.\n4. Ouvrir le litige dans l'outil logistique avec les photos.",
    tags: ['livraison', 'litige', 'transport'],
  },
  {
    type: 'objection',
    title: 'Objection : « Votre four est plus cher que la concurrence »',
    body: "Ramener la discussion au **coût total de possession** : consommation d'énergie (-18 %), maintenance incluse trois ans, pièces disponibles en 24 h. Proposer un calcul sur 7 ans avec le simulateur.",
    tags: ['prix', 'four', 'concurrence'],
  },
  {
    type: 'competitor_watch',
    title: 'Veille : nouvelle gamme de fours d’un concurrent italien',
    body: "Le concurrent lance une gamme de fours mixtes à prix d'appel, sans maintenance incluse. Points faibles : délais de pièces détachées de 3 semaines, pas de technicien en région Grand Ouest.",
    tags: ['concurrence', 'four', 'veille'],
  },
  {
    type: 'win_story',
    title: 'Succès : cuisine centrale de la ville de Rennes',
    body: "Marché gagné grâce à l'étude d'implantation gratuite et à la démonstration sur site avec le chef. Clé : avoir impliqué le responsable maintenance dès le premier rendez-vous.",
    tags: ['succès', 'collectivité', 'appel d’offres'],
  },
  {
    type: 'product_sheet',
    title: 'Fiche produit : chambre froide modulaire CF-20',
    body: 'Chambre froide positive de 20 m³, panneaux de 80 mm, groupe logé. **Consommation** : 4,2 kWh/jour. Livraison et montage en 48 h.',
    tags: ['froid', 'chambre froide', 'fiche produit'],
  },
  {
    type: 'training',
    title: 'Formation : présenter le contrat de maintenance Sérénité',
    body: "Module de 20 minutes : les trois niveaux du contrat, les délais d'intervention, comment répondre à « je n'en ai pas besoin ».",
    tags: ['formation', 'maintenance', 'contrat'],
  },
  {
    type: 'procedure',
    title: 'Relevé des températures HACCP des chambres froides',
    body: 'Relever les températures deux fois par jour, consigner dans le registre, alerter au-delà de +4 °C. Le boîtier connecté envoie une alerte SMS automatiquement.',
    tags: ['haccp', 'hygiène', 'froid'],
  },
  {
    type: 'answer',
    title: 'Le client conteste une facture de maintenance',
    problem: 'Le client reçoit une facture de déplacement alors qu’il pensait être couvert par son contrat.',
    body: "Vérifier le niveau de contrat : le niveau *Essentiel* ne couvre pas les déplacements le week-end. Si l'intervention était due à une pièce sous garantie, émettre un **avoir** sous 72 h.",
    tags: ['facture', 'maintenance', 'litige'],
  },
  {
    type: 'answer',
    title: 'Chambre froide qui ne descend plus en température',
    problem: 'La chambre froide reste à +9 °C malgré le thermostat réglé à +3 °C.',
    body: 'Causes fréquentes : condenseur encrassé, joint de porte abîmé, porte mal fermée. Faire nettoyer le condenseur ; si le problème persiste, intervention du frigoriste sous 4 h.',
    tags: ['froid', 'panne', 'sav'],
  },
  {
    type: 'answer',
    title: 'Interlocuteur parti chez un autre restaurant',
    problem: 'Notre contact, directeur de la restauration, a quitté le client pour un concurrent.',
    body: "Le féliciter, garder le lien : il devient un prospect chez son nouvel employeur. Chez l'ancien client, demander qui reprend ses fonctions et planifier une visite.",
    tags: ['relation client', 'changement de poste'],
  },
  {
    type: 'procedure',
    title: 'Répondre à un article de presse négatif',
    body: "Ne jamais répondre publiquement. Transmettre l'article au service communication, préparer les faits (dates d'intervention, engagements tenus), appeler le client concerné.",
    tags: ['presse', 'communication', 'crise'],
  },
  {
    type: 'objection',
    title: 'Objection : « Je n’ai pas besoin de contrat de maintenance »',
    body: "Rappeler le coût moyen d'une panne en service (perte de chiffre d'affaires d'une soirée), les délais sans contrat (72 h) contre 4 h avec. Proposer l'essai d'un an à prix réduit.",
    tags: ['maintenance', 'contrat', 'objection'],
  },
  {
    type: 'answer',
    title: 'Delivery delay on a combi oven (export client)',
    problem: 'A Belgian client is waiting for a combi oven that has not been delivered.',
    body: 'Check the carrier tracking, offer a demo oven on loan if the delay exceeds five working days, and confirm the new delivery date in writing.',
    tags: ['delivery', 'oven', 'export'],
  },
];

/** Variations used to build the full demo (~300 items) from realistic building blocks. */
export const EQUIPMENT = [
  'four mixte',
  'lave-vaisselle à capot',
  'chambre froide',
  'cellule de refroidissement',
  'friteuse',
  'plancha',
  'armoire réfrigérée',
  'machine à glaçons',
  'hotte aspirante',
  'sauteuse basculante',
  'salamandre',
  'piano de cuisson',
];
/** French articles agreeing with each equipment's gender (« la friteuse », « l'armoire », « du four »). */
const FEMININE = new Set([
  'chambre froide',
  'cellule de refroidissement',
  'friteuse',
  'plancha',
  'armoire réfrigérée',
  'machine à glaçons',
  'hotte aspirante',
  'sauteuse basculante',
  'salamandre',
]);
const vowel = (e: string) => /^[aeiouyéèêâ]/i.test(e); // « hotte » has an aspirated h: « la hotte »
export const fr = {
  le: (e: string) => (vowel(e) ? `l'${e}` : FEMININE.has(e) ? `la ${e}` : `le ${e}`),
  du: (e: string) => (vowel(e) ? `de l'${e}` : FEMININE.has(e) ? `de la ${e}` : `du ${e}`),
  un: (e: string) => (FEMININE.has(e) ? `une ${e}` : `un ${e}`),
  son: (e: string) => (FEMININE.has(e) && !vowel(e) ? `sa ${e}` : `son ${e}`),
  e: (e: string) => (FEMININE.has(e) ? 'e' : ''),
};
export const PROBLEMS = [
  {
    key: 'panne',
    title: (e: string) => `${cap(e)} en panne pendant le service`,
    problem: (e: string) =>
      `${cap(fr.le(e))} s'est arrêté${fr.e(e)} en plein coup de feu et le client menace d'annuler son contrat.`,
    solution: (e: string) =>
      `Déclencher l'intervention express 4 h, proposer le prêt d'${fr.un(e)} de démonstration et appeler le client le lendemain pour vérifier le bon fonctionnement.`,
    tags: ['panne', 'sav'],
  },
  {
    key: 'livraison',
    title: (e: string) => `Livraison ${fr.du(e)} en retard`,
    problem: (e: string) => `Le client attend ${fr.son(e)} depuis plus d'une semaine, l'ouverture approche.`,
    solution: () =>
      'Vérifier le suivi transporteur, confirmer une date par écrit, proposer un geste commercial (extension de garantie) au-delà de 5 jours ouvrés.',
    tags: ['livraison', 'réclamation'],
  },
  {
    key: 'bruit',
    title: (e: string) => `${cap(fr.le(e))} fait un bruit anormal`,
    problem: (e: string) => `Le personnel signale un bruit métallique sur ${fr.le(e)} depuis quelques jours.`,
    solution: () =>
      'Demander une vidéo au client, vérifier le ventilateur et les fixations ; planifier une visite préventive si le contrat le couvre.',
    tags: ['sav', 'maintenance'],
  },
  {
    key: 'consommation',
    title: (e: string) => `Consommation d'énergie élevée ${fr.du(e)}`,
    problem: (e: string) =>
      `Le client trouve sa facture d'électricité trop élevée depuis l'installation ${fr.du(e)}.`,
    solution: () =>
      'Contrôler les réglages (mode éco, préchauffage), vérifier les joints ; présenter les aides CEE pour un remplacement par un modèle basse consommation.',
    tags: ['énergie', 'économies'],
  },
  {
    key: 'formation',
    title: (e: string) => `Le personnel maîtrise mal ${fr.le(e)}`,
    problem: (e: string) =>
      `Les erreurs d'utilisation ${fr.du(e)} se multiplient après un changement d'équipe.`,
    solution: () =>
      'Organiser une prise en main sur site de deux heures et envoyer le guide de démarrage rapide.',
    tags: ['formation'],
  },
  {
    key: 'prix',
    title: (e: string) => `Objection prix sur ${fr.le(e)}`,
    problem: (e: string) =>
      `Le client juge notre ${e} ${FEMININE.has(e) ? 'trop chère' : 'trop cher'} face à une offre concurrente.`,
    solution: () =>
      'Présenter le coût total de possession sur 7 ans, la maintenance incluse et la disponibilité des pièces détachées en 24 h.',
    tags: ['prix', 'concurrence'],
  },
  {
    key: 'facture',
    title: (e: string) => `Facture contestée pour l'intervention sur ${fr.le(e)}`,
    problem: (e: string) =>
      `Le client conteste la facture de réparation ${fr.du(e)}, qu'il croyait couverte par la garantie.`,
    solution: () =>
      "Vérifier la date de mise en service et le niveau du contrat ; émettre un avoir sous 72 h si la garantie s'applique.",
    tags: ['facture', 'litige'],
  },
];
export const cap = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Synonym groups of the search (KB-3 item 4): the words of the demo items in both languages. */
export const DEMO_SYNONYMS: string[][] = [
  ['lave-vaisselle', 'dishwasher'],
  ['devis', 'quotation', 'offre', 'quote'],
  ['four', 'oven'],
  ['réfrigérateur', 'frigo', 'fridge', 'refrigerator'],
  ['panne', 'breakdown', 'failure'],
  ['livraison', 'delivery'],
  ['remboursement', 'refund'],
  ['chambre froide', 'cold room', 'walk-in cooler'],
  ['friteuse', 'fryer'],
  ['machine à glaçons', 'ice machine', 'ice maker'],
  ['hotte aspirante', 'extractor hood', 'range hood'],
  ['facture', 'invoice'],
  ['garantie', 'warranty'],
  ['litige', 'dispute'],
];
