import type { Ctx } from '../../../platform/context.js';
import { writeAudit } from '../../../platform/audit.js';
import { notFound, validationError, type FieldError } from '../../../platform/errors.js';
import { foldTerm, groupValues, termWords } from './synonym-terms.js';
import { deleteGroup, findGroup, findGroups, insertGroup, updateGroup } from './synonyms.repository.js';
import type { SynonymGroupBody } from './synonyms.schemas.js';

/**
 * Synonyms of the knowledge search (KB-3 item 4): experts keep groups of equivalent terms in
 * French and English; the search looks them up at query time (search/synonyms.ts), so a group
 * changes results at once, without reindexing. Changes are audited like other shared settings.
 */

/** Every group (one page is small: a few hundred groups at most), or those with a term containing `q`. */
export async function listSynonymGroups(ctx: Ctx, q?: string) {
  const folded = q ? foldTerm(q) : '';
  return findGroups(ctx.tx, folded || null);
}

/** A term with no word that counts (only stop words or signs) never matches, and each term once. */
function checkTerms(terms: string[]) {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  terms.forEach((term, index) => {
    const words = termWords(term);
    if (words.length === 0) {
      errors.push({ field: `terms.${index}`, code: 'empty', message: 'This term has no searchable word.' });
      return;
    }
    const key = words.join(' ');
    if (seen.has(key))
      errors.push({ field: `terms.${index}`, code: 'duplicate', message: 'This term is listed twice.' });
    seen.add(key);
  });
  if (errors.length) throw validationError(errors);
}

export async function createSynonymGroup(ctx: Ctx, body: SynonymGroupBody) {
  checkTerms(body.terms);
  const values = groupValues(body.terms);
  const id = await insertGroup(ctx.tx, { ...values, userId: ctx.actor.userId });
  await audit(ctx, 'knowledge.synonyms_created', id, { terms: values.terms });
  return (await findGroup(ctx.tx, id))!;
}

export async function updateSynonymGroup(ctx: Ctx, id: string, body: SynonymGroupBody) {
  const before = await findGroup(ctx.tx, id);
  if (!before) throw notFound('synonym group');
  checkTerms(body.terms);
  const values = groupValues(body.terms);
  if (!(await updateGroup(ctx.tx, id, { ...values, userId: ctx.actor.userId })))
    throw notFound('synonym group');
  await audit(ctx, 'knowledge.synonyms_updated', id, { from: before.terms, to: values.terms });
  return (await findGroup(ctx.tx, id))!;
}

export async function deleteSynonymGroup(ctx: Ctx, id: string) {
  const before = await findGroup(ctx.tx, id);
  if (!before || !(await deleteGroup(ctx.tx, id))) throw notFound('synonym group');
  await audit(ctx, 'knowledge.synonyms_deleted', id, { terms: before.terms });
}

const audit = (ctx: Ctx, action: string, id: string, details: Record<string, unknown>) =>
  writeAudit(ctx.tx, {
    actorId: ctx.actor.userId,
    action,
    targetType: 'knowledge_synonyms',
    targetId: id,
    ip: ctx.ip,
    details,
  });
