/** French demo content for the sales half: a professional-equipment catalogue and visit reports. */

/**
 * The demo catalogue with list prices (€ excl. VAT) that follow the products' sizes and capacities:
 * the 10-level combi oven costs more than the 6-level one, the 1,400 L cabinet more than the 700 L.
 */
export const PRODUCT_FAMILIES = [
  {
    prefix: 'CUI',
    category: 'Cuisson',
    items: [
      { name: 'Four mixte 6 niveaux GN 1/1', price: 9800 },
      { name: 'Four mixte 10 niveaux GN 1/1', price: 13900 },
      { name: 'Piano de cuisson 6 feux vifs', price: 6400 },
      { name: 'Friteuse électrique 2 × 10 L', price: 2350 },
      { name: 'Sauteuse basculante 80 L', price: 8900 },
      { name: 'Grill plancha chrome dur', price: 2900 },
      { name: 'Salamandre à plafond mobile', price: 1650 },
      { name: 'Four à pizza deux chambres', price: 4200 },
    ],
  },
  {
    prefix: 'FRO',
    category: 'Froid',
    items: [
      { name: 'Armoire réfrigérée positive 700 L', price: 2450 },
      { name: 'Armoire négative 1 400 L', price: 4600 },
      { name: 'Cellule de refroidissement 5 niveaux', price: 6900 },
      { name: 'Table réfrigérée 3 portes', price: 2700 },
      { name: 'Chambre froide modulaire 6 m³', price: 9800 },
      { name: 'Machine à glaçons 45 kg/24 h', price: 2100 },
      { name: 'Vitrine réfrigérée à pâtisserie', price: 3900 },
    ],
  },
  {
    prefix: 'LAV',
    category: 'Laverie',
    items: [
      { name: 'Lave-vaisselle à capot', price: 5900 },
      { name: 'Lave-verres frontal 40 × 40', price: 2300 },
      { name: 'Lave-batterie grande capacité', price: 9400 },
      { name: 'Adoucisseur automatique 12 L', price: 780 },
      { name: 'Tunnel de lavage à avancement', price: 21500 },
      { name: 'Table de prélavage inox', price: 1150 },
    ],
  },
  {
    prefix: 'PRE',
    category: 'Préparation',
    items: [
      { name: 'Coupe-légumes 550 kg/h', price: 1850 },
      { name: 'Batteur mélangeur 20 L', price: 3200 },
      { name: 'Trancheur à jambon 300 mm', price: 1450 },
      { name: 'Cutter mélangeur 5,5 L', price: 1980 },
      { name: 'Pétrin à spirale 40 kg', price: 4900 },
      { name: 'Mixeur plongeant 500 mm', price: 690 },
      { name: 'Éplucheuse à pommes de terre 10 kg', price: 2600 },
    ],
  },
  {
    prefix: 'INX',
    category: 'Mobilier inox',
    items: [
      { name: 'Table de travail adossée 1 800 mm', price: 740 },
      { name: 'Plonge deux bacs avec égouttoir', price: 1180 },
      { name: 'Hotte murale à filtres 2 400 mm', price: 2850 },
      { name: 'Étagère murale perforée', price: 190 },
      { name: 'Chariot de service 3 plateaux', price: 320 },
      { name: 'Meuble bas neutre à portes', price: 980 },
    ],
  },
  {
    prefix: 'CAF',
    category: 'Café & bar',
    items: [
      { name: 'Machine à café 2 groupes', price: 7900 },
      { name: 'Moulin à café doseur', price: 1100 },
      { name: 'Fontaine à eau filtrée gazeuse', price: 2450 },
      { name: 'Presse-agrumes automatique', price: 1350 },
      { name: 'Blender bar professionnel', price: 480 },
      { name: 'Arrière-bar réfrigéré 3 portes', price: 3400 },
    ],
  },
] as const;

export const PRODUCT_BLURBS = [
  'Construction **inox AISI 304**, nettoyage facilité et longévité éprouvée en cuisine collective.',
  'Commandes électroniques simples, **programmes mémorisables** et diagnostic intégré.',
  "Consommation réduite grâce à une **isolation renforcée** ; éligible aux certificats d'économie d'énergie.",
  "Garantie pièces et main-d'œuvre **2 ans**, extension possible à 5 ans avec le contrat de maintenance.",
  'Livraison, installation et **mise en service** par nos techniciens agréés.',
];

export const VISIT_OBJECTIVES = [
  'Présenter la nouvelle gamme et qualifier le besoin de renouvellement',
  "Faire le point sur l'installation du matériel livré le mois dernier",
  'Relancer le devis en attente et lever les dernières objections',
  'Rencontrer le nouveau chef de cuisine et comprendre ses priorités',
  "Préparer le budget d'investissement de l'année prochaine",
  'Démontrer le four mixte en conditions réelles',
  'Négocier les conditions de paiement et le calendrier de livraison',
  "Comprendre l'insatisfaction remontée sur le service après-vente",
];
export const VISIT_OUTCOMES = [
  'Client très intéressé, demande un chiffrage détaillé pour deux équipements.',
  'Le matériel donne satisfaction ; une extension est envisagée au printemps.',
  'Le prix reste le point bloquant face au concurrent ; marge de manœuvre à valider.',
  'Bon contact avec le chef, qui souhaite une démonstration avec son équipe.',
  'Budget validé par la direction, décision attendue sous quinze jours.',
  "Démonstration réussie, l'équipe a apprécié la simplicité des programmes.",
  'Accord de principe obtenu, reste la signature du bon de commande.',
  'Problème de SAV résolu sur place, le client est rassuré.',
  "Projet repoussé à l'an prochain faute de budget.",
];
export const VISIT_NEXT_STEPS = [
  'Envoyer le devis révisé avant vendredi',
  'Planifier une démonstration sur site',
  "Transmettre la fiche technique et le plan d'implantation",
  'Rappeler le directeur pour valider le financement',
  'Organiser la visite du technicien pour le relevé',
  'Préparer une proposition de contrat de maintenance',
  'Relancer dans un mois',
];
export const CALL_SUBJECTS = [
  'Appel de suivi',
  'Relance devis',
  'Question sur la livraison',
  'Prise de rendez-vous',
  'Point budget',
  'Appel SAV',
];
export const EMAIL_SUBJECTS = [
  'Envoi de la documentation',
  'Devis révisé',
  'Confirmation de rendez-vous',
  'Conditions de maintenance',
  'Remerciements après visite',
];
export const NOTE_SUBJECTS = [
  "Changement d'interlocuteur",
  'Info concurrent',
  'Projet de rénovation',
  'Contexte budgétaire',
];
export const TASK_SUBJECTS = [
  'Envoyer le devis',
  'Rappeler le client',
  'Préparer la démonstration',
  'Vérifier la livraison',
  'Relancer le bon de commande',
  "Mettre à jour le plan d'implantation",
];
export const OFFER_TITLES = [
  'Rénovation cuisine',
  'Équipement laverie',
  'Renouvellement froid',
  'Extension de la ligne de cuisson',
  'Équipement du bar',
  'Ouverture nouveau site',
  'Mise aux normes',
  'Remplacement matériel',
];
export const LOST_REASONS = [
  'Prix trop élevé',
  'Délai de livraison',
  'Projet abandonné',
  'Relation historique du concurrent',
  'Budget réduit',
];
export const COMPETITORS = [
  'Froid Service Pro',
  'Cuisines Collectives SA',
  "Equip'Resto",
  'Inox Distribution',
  'Aucun',
];
export const WON_REASONS = [
  'Qualité de la démonstration',
  'Service après-vente de proximité',
  'Meilleur rapport qualité/prix',
  'Délai de livraison',
];
