/** French demo content for the sales half: a professional-equipment catalogue and visit reports. */

export const PRODUCT_FAMILIES = [
  { prefix: 'CUI', category: 'Cuisson', price: [900, 14000], items: ['Four mixte 6 niveaux GN 1/1', 'Four mixte 10 niveaux GN 1/1', 'Piano de cuisson 6 feux vifs', 'Friteuse électrique 2 × 10 L', 'Sauteuse basculante 80 L', 'Grill plancha chrome dur', 'Salamandre à plafond mobile', 'Four à pizza deux chambres'] },
  { prefix: 'FRO', category: 'Froid', price: [700, 12000], items: ['Armoire réfrigérée positive 700 L', 'Armoire négative 1 400 L', 'Cellule de refroidissement 5 niveaux', 'Table réfrigérée 3 portes', 'Chambre froide modulaire 6 m³', 'Machine à glaçons 45 kg/24 h', 'Vitrine réfrigérée à pâtisserie'] },
  { prefix: 'LAV', category: 'Laverie', price: [1500, 22000], items: ['Lave-vaisselle à capot', 'Lave-verres frontal 40 × 40', 'Lave-batterie grande capacité', 'Adoucisseur automatique 12 L', 'Tunnel de lavage à avancement', 'Table de prélavage inox'] },
  { prefix: 'PRE', category: 'Préparation', price: [250, 6500], items: ['Coupe-légumes 550 kg/h', 'Batteur mélangeur 20 L', 'Trancheur à jambon 300 mm', 'Cutter mélangeur 5,5 L', 'Pétrin à spirale 40 kg', 'Mixeur plongeant 500 mm', 'Éplucheuse à pommes de terre 10 kg'] },
  { prefix: 'INX', category: 'Mobilier inox', price: [180, 4200], items: ['Table de travail adossée 1 800 mm', 'Plonge deux bacs avec égouttoir', 'Hotte murale à filtres 2 400 mm', 'Étagère murale perforée', 'Chariot de service 3 plateaux', 'Meuble bas neutre à portes'] },
  { prefix: 'CAF', category: 'Café & bar', price: [400, 9800], items: ['Machine à café 2 groupes', 'Moulin à café doseur', 'Fontaine à eau filtrée gazeuse', 'Presse-agrumes automatique', 'Blender bar professionnel', 'Arrière-bar réfrigéré 3 portes'] },
] as const;

export const PRODUCT_BLURBS = [
  'Construction **inox AISI 304**, nettoyage facilité et longévité éprouvée en cuisine collective.',
  'Commandes électroniques simples, **programmes mémorisables** et diagnostic intégré.',
  'Consommation réduite grâce à une **isolation renforcée** ; éligible aux certificats d\'économie d\'énergie.',
  'Garantie pièces et main-d\'œuvre **2 ans**, extension possible à 5 ans avec le contrat de maintenance.',
  'Livraison, installation et **mise en service** par nos techniciens agréés.',
];

export const VISIT_OBJECTIVES = [
  'Présenter la nouvelle gamme et qualifier le besoin de renouvellement',
  'Faire le point sur l\'installation du matériel livré le mois dernier',
  'Relancer le devis en attente et lever les dernières objections',
  'Rencontrer le nouveau chef de cuisine et comprendre ses priorités',
  'Préparer le budget d\'investissement de l\'année prochaine',
  'Démontrer le four mixte en conditions réelles',
  'Négocier les conditions de paiement et le calendrier de livraison',
  'Comprendre l\'insatisfaction remontée sur le service après-vente',
];
export const VISIT_OUTCOMES = [
  'Client très intéressé, demande un chiffrage détaillé pour deux équipements.',
  'Le matériel donne satisfaction ; une extension est envisagée au printemps.',
  'Le prix reste le point bloquant face au concurrent ; marge de manœuvre à valider.',
  'Bon contact avec le chef, qui souhaite une démonstration avec son équipe.',
  'Budget validé par la direction, décision attendue sous quinze jours.',
  'Démonstration réussie, l\'équipe a apprécié la simplicité des programmes.',
  'Accord de principe obtenu, reste la signature du bon de commande.',
  'Problème de SAV résolu sur place, le client est rassuré.',
  'Projet repoussé à l\'an prochain faute de budget.',
];
export const VISIT_NEXT_STEPS = [
  'Envoyer le devis révisé avant vendredi',
  'Planifier une démonstration sur site',
  'Transmettre la fiche technique et le plan d\'implantation',
  'Rappeler le directeur pour valider le financement',
  'Organiser la visite du technicien pour le relevé',
  'Préparer une proposition de contrat de maintenance',
  'Relancer dans un mois',
];
export const CALL_SUBJECTS = ['Appel de suivi', 'Relance devis', 'Question sur la livraison', 'Prise de rendez-vous', 'Point budget', 'Appel SAV'];
export const EMAIL_SUBJECTS = ['Envoi de la documentation', 'Devis révisé', 'Confirmation de rendez-vous', 'Conditions de maintenance', 'Remerciements après visite'];
export const NOTE_SUBJECTS = ['Changement d\'interlocuteur', 'Info concurrent', 'Projet de rénovation', 'Contexte budgétaire'];
export const TASK_SUBJECTS = ['Envoyer le devis', 'Rappeler le client', 'Préparer la démonstration', 'Vérifier la livraison', 'Relancer le bon de commande', 'Mettre à jour le plan d\'implantation'];
export const OFFER_TITLES = ['Rénovation cuisine', 'Équipement laverie', 'Renouvellement froid', 'Extension de la ligne de cuisson', 'Équipement du bar', 'Ouverture nouveau site', 'Mise aux normes', 'Remplacement matériel'];
export const LOST_REASONS = ['Prix trop élevé', 'Délai de livraison', 'Projet abandonné', 'Relation historique du concurrent', 'Budget réduit'];
export const COMPETITORS = ['Froid Service Pro', 'Cuisines Collectives SA', 'Equip\'Resto', 'Inox Distribution', 'Aucun'];
export const WON_REASONS = ['Qualité de la démonstration', 'Service après-vente de proximité', 'Meilleur rapport qualité/prix', 'Délai de livraison'];
