import type { Database, Queryable } from '../../../db/client.js';
import type { AppDeps } from '../../../platform/context.js';
import { createRandom } from '../../../platform/demo-random.js';
import type { DemoOptions } from '../../../platform/module.js';
import {
  cap,
  DEMO_ITEMS,
  DEMO_SITUATIONS,
  DEMO_SYNONYMS,
  EQUIPMENT,
  fr,
  PROBLEMS,
  type DemoItem,
} from './demo-data.js';
import { detectLanguage } from '../search/lang.js';
import { renderMarkdown } from '../markdown/markdown.js';
import { refreshSearchStats } from '../search/search.repository.js';
import { groupValues } from '../synonyms/synonym-terms.js';
import { insertGroup } from '../synonyms/synonyms.repository.js';
import { activeUsers, insertDemoItemRow, insertDemoSituation, linkDemoKnowledge } from './demo.repository.js';

const SECTORS = [
  { label: 'restauration traditionnelle', extra: 'Le restaurant sert 120 couverts par soir.' },
  { label: 'restauration collective', extra: 'La cuisine centrale livre 2 000 repas par jour aux écoles.' },
  { label: 'hôtellerie', extra: "L'hôtel assure petit-déjeuner et room service sept jours sur sept." },
];

function fullItems(): DemoItem[] {
  const items: DemoItem[] = [];
  for (const equipment of EQUIPMENT) {
    for (const problem of PROBLEMS) {
      for (const sector of SECTORS) {
        items.push({
          type: problem.key === 'prix' ? 'objection' : 'answer',
          title: `${problem.title(equipment)} (${sector.label})`,
          problem: `${problem.problem(equipment)} ${sector.extra}`,
          body: `## Réponse\n\n${problem.solution(equipment)}\n\n> Astuce terrain : noter la réponse dans le compte rendu de visite pour que l'équipe en profite.`,
          tags: [...problem.tags, equipment.split(' ')[0]],
        });
      }
    }
    items.push({
      type: 'product_sheet',
      title: `Fiche produit : ${equipment}`,
      body: `Caractéristiques, consommation et options ${fr.du(equipment)}. Garantie deux ans pièces et main-d'œuvre, maintenance Sérénité disponible.`,
      tags: ['fiche produit', equipment.split(' ')[0]],
    });
    items.push({
      type: 'training',
      title: `Prise en main ${fr.du(equipment)}`,
      body: `Module de 15 minutes : mise en route, nettoyage quotidien et erreurs fréquentes ${fr.du(equipment)}.`,
      tags: ['formation', equipment.split(' ')[0]],
    });
  }
  return items;
}

async function insertDemoItem(
  tx: Queryable,
  item: DemoItem & { visibility?: string },
  owner: { id: string; team_id: string | null },
  status: string,
  ageDays: number,
) {
  const lang = detectLanguage(`${item.title} ${item.problem ?? ''} ${item.body}`);
  const published = ['published', 'stale'].includes(status);
  return insertDemoItemRow(tx, {
    item,
    html: renderMarkdown(item.body),
    lang,
    status,
    ownerId: owner.id,
    teamId: owner.team_id,
    ageDays,
    published,
  });
}

/** Demo knowledge: `small` (~20 items, 5 situations, one secret item each for expert and rep), `full` (~300 items, 20 situations). */
export async function seedKnowledgeDemo(db: Database, _deps: AppDeps, options: DemoOptions) {
  const random = createRandom(2024);
  await db.transaction(async (tx) => {
    const users = await activeUsers(tx);
    const byEmail = new Map(users.map((u) => [u.email, u]));
    const expert = byEmail.get('expert@relais.demo') ?? users[0];
    const rep = byEmail.get('rep@relais.demo') ?? users[0];
    const authors = users.filter((u) => u.role !== 'admin');
    const situations =
      options.size === 'small'
        ? [DEMO_SITUATIONS[0], DEMO_SITUATIONS[1], DEMO_SITUATIONS[2], DEMO_SITUATIONS[3], DEMO_SITUATIONS[6]]
        : DEMO_SITUATIONS;
    const situationIds: { id: string; signals: string[]; name: string }[] = [];
    for (const s of situations) {
      const id = await insertDemoSituation(tx, { ...s, adviceHtml: renderMarkdown(s.advice) }, expert.id);
      situationIds.push({ id, signals: s.signals, name: s.name });
    }
    const items =
      options.size === 'small'
        ? [...DEMO_ITEMS, ...fullItems().filter((_, i) => i % 50 === 0)]
        : [...DEMO_ITEMS, ...fullItems()];
    const created: { id: string; item: DemoItem }[] = [];
    for (const [index, item] of items.entries()) {
      const owner = index < DEMO_ITEMS.length ? expert : random.pick(authors);
      const status =
        index < DEMO_ITEMS.length
          ? 'published'
          : random.pick([
              'published',
              'published',
              'published',
              'published',
              'validated',
              'stale',
              'in_review',
              'draft',
            ]);
      created.push({ id: await insertDemoItem(tx, item, owner, status, random.int(5, 400)), item });
    }
    await insertDemoItem(
      tx,
      {
        type: 'procedure',
        title: 'Conditions tarifaires confidentielles grands comptes',
        body: 'Remise maximale de **22 %** accordée aux groupes nationaux, validée par la direction commerciale. Ne pas diffuser.',
        tags: ['prix', 'grands comptes', 'confidentiel'],
        visibility: 'secret',
      },
      expert,
      'published',
      20,
    );
    await insertDemoItem(
      tx,
      {
        type: 'win_story',
        title: 'Notes personnelles : négociation brasserie du Port',
        body: 'Le gérant est sensible aux délais de livraison plus qu’au prix. Brouillon à compléter après la prochaine visite.',
        tags: ['négociation', 'brasserie'],
        visibility: 'secret',
      },
      rep,
      'draft',
      3,
    );
    // Link situations to the items that speak about them.
    for (const situation of situationIds) {
      const words = situation.signals.map((s) => s.toLowerCase());
      const linked = created
        .filter(({ item }) =>
          words.some((w) =>
            `${item.title} ${item.problem ?? ''} ${item.body} ${item.tags.join(' ')}`
              .toLowerCase()
              .includes(w),
          ),
        )
        .slice(0, 6);
      for (const [position, { id }] of linked.entries()) {
        await linkDemoKnowledge(tx, situation.id, id, position);
      }
    }
    for (const terms of DEMO_SYNONYMS) await insertGroup(tx, { ...groupValues(terms), userId: expert.id });
    await refreshSearchStats(tx);
  });
  options.log?.(`knowledge: ${options.size} demo loaded`);
}
