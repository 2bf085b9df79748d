/** Word lists for the demo company's customers (a professional kitchen & catering equipment distributor). */

export type DemoCity = { city: string; postalCode: string; region: 'A' | 'B' | 'C'; phonePrefix: string; streets: string[] };

export const DEMO_CITIES: DemoCity[] = [
  { city: 'Paris', postalCode: '75011', region: 'A', phonePrefix: '01', streets: ['rue Oberkampf', 'boulevard Voltaire', 'rue de la Roquette'] },
  { city: 'Paris', postalCode: '75008', region: 'A', phonePrefix: '01', streets: ['rue du Faubourg-Saint-Honoré', 'avenue de Friedland', 'rue de Miromesnil'] },
  { city: 'Boulogne-Billancourt', postalCode: '92100', region: 'A', phonePrefix: '01', streets: ['avenue Jean-Baptiste-Clément', 'rue de Silly', 'boulevard Jean-Jaurès'] },
  { city: 'Saint-Denis', postalCode: '93200', region: 'A', phonePrefix: '01', streets: ['rue de la République', 'avenue du Président-Wilson'] },
  { city: 'Versailles', postalCode: '78000', region: 'A', phonePrefix: '01', streets: ['rue de la Paroisse', 'avenue de Saint-Cloud'] },
  { city: 'Lille', postalCode: '59000', region: 'A', phonePrefix: '03', streets: ['rue Nationale', 'rue de Béthune', 'boulevard de la Liberté'] },
  { city: 'Roubaix', postalCode: '59100', region: 'A', phonePrefix: '03', streets: ['Grande Rue', 'boulevard de Paris'] },
  { city: 'Amiens', postalCode: '80000', region: 'A', phonePrefix: '03', streets: ['rue des Trois-Cailloux', 'boulevard d\'Alsace-Lorraine'] },
  { city: 'Arras', postalCode: '62000', region: 'A', phonePrefix: '03', streets: ['rue Ronville', 'place des Héros'] },
  { city: 'Nantes', postalCode: '44000', region: 'B', phonePrefix: '02', streets: ['rue Crébillon', 'quai de la Fosse', 'boulevard Guist\'hau'] },
  { city: 'Saint-Nazaire', postalCode: '44600', region: 'B', phonePrefix: '02', streets: ['avenue de la République', 'rue Jean-Jaurès'] },
  { city: 'Angers', postalCode: '49000', region: 'B', phonePrefix: '02', streets: ['rue Saint-Aubin', 'boulevard Foch'] },
  { city: 'Rennes', postalCode: '35000', region: 'B', phonePrefix: '02', streets: ['rue de Saint-Malo', 'boulevard de la Liberté', 'rue Le Bastard'] },
  { city: 'Brest', postalCode: '29200', region: 'B', phonePrefix: '02', streets: ['rue de Siam', 'rue Jean-Jaurès'] },
  { city: 'Vannes', postalCode: '56000', region: 'B', phonePrefix: '02', streets: ['rue du Mené', 'avenue Victor-Hugo'] },
  { city: 'Lyon', postalCode: '69002', region: 'C', phonePrefix: '04', streets: ['rue de la République', 'quai Saint-Antoine', 'rue Mercière'] },
  { city: 'Villeurbanne', postalCode: '69100', region: 'C', phonePrefix: '04', streets: ['cours Émile-Zola', 'avenue Henri-Barbusse'] },
  { city: 'Grenoble', postalCode: '38000', region: 'C', phonePrefix: '04', streets: ['cours Jean-Jaurès', 'rue Félix-Poulat'] },
  { city: 'Marseille', postalCode: '13001', region: 'C', phonePrefix: '04', streets: ['La Canebière', 'rue de Rome', 'quai du Port'] },
  { city: 'Aix-en-Provence', postalCode: '13100', region: 'C', phonePrefix: '04', streets: ['cours Mirabeau', 'rue d\'Italie'] },
  { city: 'Toulon', postalCode: '83000', region: 'C', phonePrefix: '04', streets: ['boulevard de Strasbourg', 'rue d\'Alger'] },
  { city: 'Avignon', postalCode: '84000', region: 'C', phonePrefix: '04', streets: ['rue de la République', 'rue Joseph-Vernet'] },
];

/** Sector → company name patterns ({n} = a family name, {c} = the city, {w} = a word) and buyer titles. */
export const DEMO_SECTORS: { sector: string; patterns: string[]; words: string[] }[] = [
  { sector: 'Restauration', patterns: ['Restaurant {w}', 'Brasserie {w}', 'Bistrot {n}', 'Le Comptoir de {c}', 'Table de {n}'], words: ['Le Galion', 'La Marmite', 'Les Halles', 'Le Zinc', 'La Fourchette d\'Or', 'Le Petit Marché', 'La Criée', 'L\'Écluse'] },
  { sector: 'Hôtellerie', patterns: ['Hôtel {w}', 'Grand Hôtel de {c}', 'Résidence {w}', 'Hôtel {n} & Spa'], words: ['du Parc', 'Les Tilleuls', 'Le Cerf d\'Or', 'de la Gare', 'Bellevue', 'des Remparts', 'Le Régent'] },
  { sector: 'Boulangerie-pâtisserie', patterns: ['Boulangerie {n}', 'Maison {n}', 'Pâtisserie {w}', 'Fournil de {c}'], words: ['des Arts', 'Saint-Honoré', 'Le Pain Doré', 'La Gerbe', 'Au Blé d\'Antan'] },
  { sector: 'Restauration collective', patterns: ['Cuisine centrale de {c}', 'Restaurant inter-entreprises {w}', 'Self {w}', 'Sodiral {c}'], words: ['Atlantique', 'Horizon', 'Les Platanes', 'Confluence', 'Rive Gauche'] },
  { sector: 'Santé', patterns: ['Clinique {w}', 'EHPAD {w}', 'Centre hospitalier de {c}', 'Résidence seniors {w}'], words: ['Saint-Joseph', 'Les Lilas', 'du Val Fleuri', 'Les Glycines', 'Pasteur', 'Sainte-Marie'] },
  { sector: 'Enseignement', patterns: ['Lycée hôtelier de {c}', 'Collège {w}', 'Campus {w}', 'École {w}'], words: ['Jean-Moulin', 'Victor-Hugo', 'Jules-Ferry', 'Marie-Curie', 'Condorcet'] },
  { sector: 'Agroalimentaire', patterns: ['Conserverie {n}', 'Salaisons {n}', '{n} Traiteur', 'Fromagerie {w}', 'Biscuiterie {w}'], words: ['de l\'Ouest', 'du Terroir', 'des Monts', 'Artisanale', 'La Fermière'] },
  { sector: 'Grande distribution', patterns: ['Hypermarché {w} {c}', 'Supermarché {n}', 'Carrefour Market {c}', 'Intermarché {c}'], words: ['Rives', 'Centre', 'Nord', 'Les Portes'] },
  { sector: 'Collectivités', patterns: ['Mairie de {c}', 'Communauté de communes {w}', 'Conseil départemental {w}', 'CCAS de {c}'], words: ['du Val', 'des Coteaux', 'Rives de Loire', 'Pays de Caux', 'Haute-Vallée'] },
  { sector: 'Industrie', patterns: ['{n} Industries', 'Ateliers {n}', 'Métallerie {n}', '{n} Inox'], words: ['Mécanique', 'Précision', 'Tôlerie'] },
  { sector: 'Distribution CHR', patterns: ['{n} Équipement', 'Froid {w}', 'Cuisines Pro {c}', '{n} Distribution'], words: ['Service', 'Plus', 'Atlantique', 'Méditerranée'] },
];

export const DEMO_LEGAL_SUFFIXES = ['', '', '', ' SARL', ' SAS', ' SA', ' & Fils', ' et Cie'];

export const DEMO_SEGMENTS = [
  { segment: 'TPE', sizes: ['micro'] as const, weight: 3 },
  { segment: 'PME', sizes: ['small', 'medium'] as const, weight: 5 },
  { segment: 'ETI', sizes: ['medium', 'large'] as const, weight: 2 },
  { segment: 'Grands comptes', sizes: ['large'] as const, weight: 1 },
  { segment: 'Collectivités', sizes: ['medium', 'large'] as const, weight: 1 },
];

export const DEMO_TAGS = ['fidèle', 'à relancer', 'salon 2024', 'cuisine neuve', 'renouvellement parc', 'appel d\'offres', 'contrat maintenance', 'froid', 'cuisson', 'laverie', 'bio', 'multi-sites', 'référencement'];

/** [masculine, feminine] job titles. */
export const DEMO_CONTACT_TITLES: [string, string][] = [
  ['Gérant', 'Gérante'], ['Directeur général', 'Directrice générale'], ['Chef de cuisine', 'Cheffe de cuisine'], ['Responsable des achats', 'Responsable des achats'],
  ['Acheteur', 'Acheteuse'], ['Directeur technique', 'Directrice technique'], ['Responsable maintenance', 'Responsable maintenance'],
  ['Directeur administratif et financier', 'Directrice administrative et financière'], ['Économe', 'Économe'], ['Responsable restauration', 'Responsable restauration'],
  ['Second de cuisine', 'Seconde de cuisine'], ["Directeur d'exploitation", "Directrice d'exploitation"], ['Responsable des services généraux', 'Responsable des services généraux'],
  ['Chargé de projets travaux', 'Chargée de projets travaux'], ['Intendant', 'Intendante'],
];

export const DEMO_FEMALE_FIRST_NAMES = new Set(['Camille', 'Sophie', 'Claire', 'Élodie', 'Aurélie', 'Isabelle', 'Nathalie', 'Céline', 'Amélie', 'Manon', 'Hélène', 'Chloé', 'Margaux', 'Léa', 'Inès', 'Anaïs', 'Pauline', 'Fatima', 'Sarah', 'Lucie', 'Agnès', 'Sylvie', 'Valérie', 'Emma', 'Juliette', 'Corinne', 'Gaëlle', 'Maëlle', 'Brigitte']);

export const DEMO_CONTACT_ROLES = ['Décideur', 'Prescripteur', 'Utilisateur', 'Acheteur', 'Comptabilité', null];

export const DEMO_CONSENT_SOURCES = ['Salon EquipHotel 2024', 'Formulaire site web', 'Rendez-vous client', 'Carte de visite', 'Salon Sirha 2025', 'Import CRM précédent'];

export const DEMO_FIRST_NAMES = ['Camille', 'Julien', 'Sophie', 'Thomas', 'Claire', 'Nicolas', 'Élodie', 'Mathieu', 'Aurélie', 'Sébastien', 'Isabelle', 'Antoine', 'Nathalie', 'François', 'Céline', 'Guillaume', 'Amélie', 'Laurent', 'Manon', 'Benoît', 'Hélène', 'Romain', 'Chloé', 'Olivier', 'Margaux', 'Pierre', 'Léa', 'Jérôme', 'Inès', 'Vincent', 'Anaïs', 'Grégoire', 'Pauline', 'Yannick', 'Karim', 'Fatima', 'Mehdi', 'Sarah', 'Hugo', 'Lucie', 'Bruno', 'Agnès', 'Didier', 'Sylvie', 'Patrick', 'Valérie', 'Stéphane', 'Emma', 'Louis', 'Juliette', 'Thierry', 'Corinne', 'Arnaud', 'Gaëlle', 'Loïc', 'Maëlle', 'Yves', 'Brigitte'];
export const DEMO_LAST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Sanchez', 'Le Gall', 'Le Goff', 'Kerbrat', 'Quéré', 'Lemaire', 'Deschamps', 'Caron', 'Vasseur', 'Brunet', 'Benoît', 'Colin', 'Marchand', 'Aubert', 'Rey', 'Arnaud', 'Giraud', 'Chauvin', 'Boyer', 'Meunier'];
