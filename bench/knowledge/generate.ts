import type { Queryable } from '../../src/server/db/client.js';

/** French sales vocabulary; earlier words are drawn more often (Zipf-like: index = n·u³). */
export const VOCABULARY = (
  'client livraison commande contrat remise prix devis facture maintenance intervention technicien garantie four froid chambre ' +
  'lave-vaisselle cuisine restaurant hôtel cantine collectivité réclamation retard panne délai rendez-vous visite relance offre ' +
  'négociation concurrent objection argument démonstration installation formation procédure sécurité hygiène température ' +
  'énergie consommation économie financement location leasing paiement échéance avoir litige transporteur colis réserve ' +
  'pièce détachée stock disponibilité catalogue tarif référence gamme option accessoire nettoyage entretien filtre joint ' +
  'condenseur compresseur thermostat sonde affichage erreur code réinitialisation diagnostic dépannage urgence astreinte ' +
  'service qualité satisfaction enquête fidélité parrainage salon événement campagne promotion saison été hiver ouverture ' +
  'fermeture travaux rénovation implantation plan étude budget subvention appel marché public dossier candidature ' +
  'référence attestation assurance responsabilité conformité norme certification audit contrôle inspection registre ' +
  'traçabilité étiquette allergène menu chef brigade plonge salle terrasse bar brasserie boulangerie pâtisserie traiteur ' +
  'hôpital école lycée entreprise groupe franchise réseau agence région secteur segment compte prospect opportunité ' +
  'pipeline prévision objectif quota commission prime classement challenge succès échec retour expérience bonne pratique ' +
  'conseil astuce méthode étape checklist modèle courrier courriel appel téléphone message rappel suivi historique'
).split(/\s+/);
export const RARE_WORDS = [
  'quokka',
  'zéphyrine',
  'ornithorynque',
  'xylophage',
  'cryogénie',
  'hydrolienne',
  'astrolabe',
  'périscope',
];
export const COMMON_WORDS = ['client', 'livraison', 'commande', 'contrat'];

/** Fills knowledge_items with `count` items in SQL (fast on both engines); rare words in ~15 items each. */
export async function generateItems(db: Queryable, count: number, ownerId: string, batch = 50_000) {
  await db.query(`alter table knowledge_items disable trigger knowledge_items_words`);
  for (let start = 0; start < count; start += batch) {
    const size = Math.min(batch, count - start);
    await db.query(
      `insert into knowledge_items (type, title, problem, body_md, html, lang, tags, status, visibility, owner_id, created_at, updated_at, useful_count, reuse_count)
       select (array['answer','procedure','product_sheet','objection','competitor_watch','win_story','training'])[1 + (g % 7)],
              t.title, t.problem, t.body || case when g % 6000 = 17 then ' ' || ($3::text[])[1 + (g / 6000) % cardinality($3::text[])] else '' end,
              '', 'fr', array[($2::text[])[1 + (g % 40)]], (array['published','published','published','validated','stale','draft'])[1 + (g % 6)],
              case when g % 50 = 0 then 'secret' else 'public' end, $4, now() - make_interval(days => g % 900), now(), g % 7, g % 5
         from generate_series($1::int, $1::int + $5::int - 1) g
         cross join lateral (
           select string_agg(case when i <= 5 then w end, ' ') as title,
                  string_agg(case when i between 6 and 17 then w end, ' ') as problem,
                  string_agg(case when i > 17 then w end, ' ') as body
             from (select i, ($2::text[])[1 + floor(cardinality($2::text[]) * power(random() + g * 0, 3))::int] as w from generate_series(1, 77) i) words
         ) t`,
      [start, VOCABULARY, RARE_WORDS, ownerId, size],
    );
  }
  await db.query(`alter table knowledge_items enable trigger knowledge_items_words`);
  await db.query(
    `insert into knowledge_words (word) select word from ts_stat($$select to_tsvector('simple', relais_unaccent(lower(title))) from knowledge_items$$) on conflict do nothing`,
  );
  await db.query(`select knowledge_refresh_stats()`);
  await db.query(`analyze knowledge_items`);
}
