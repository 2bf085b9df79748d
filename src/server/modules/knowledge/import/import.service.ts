import { z } from 'zod';
import type { Ctx } from '../../../platform/context.js';
import { AppError, validationError, type FieldError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { itemInputSchema } from '../items/items.schemas.js';
import { createItem } from '../items/items.service.js';
import { isAdmin } from '../items/items.policy.js';
import { cleanText } from '../../../platform/text.js';

/** One line of an import: the item fields, `body` in Markdown. */
const lineSchema = itemInputSchema
  .pick({
    type: true,
    title: true,
    body: true,
    problem: true,
    lang: true,
    tags: true,
    status: true,
    delivery: true,
    visibility: true,
    verifyIntervalDays: true,
  })
  .strict();

export const MAX_IMPORT_LINES = 20_000;

/**
 * KB import (item 8): validates every line first and reports each invalid one by number;
 * then creates all the items in the caller's single transaction — all or nothing.
 */
export async function importItems(
  ctx: Ctx,
  ndjson: string,
  onProgress?: (done: number, total: number) => void,
): Promise<string[]> {
  const lines = ndjson
    .split(/\r?\n/)
    .map((text, index) => ({ text: text.trim(), number: index + 1 }))
    .filter((line) => line.text !== '');
  if (lines.length === 0)
    throw validationError([{ field: 'body', message: 'The file has no items.', code: 'empty' }]);
  if (lines.length > MAX_IMPORT_LINES)
    throw new AppError(413, 'import.too_large', `At most ${MAX_IMPORT_LINES} items per import.`);
  const errors: FieldError[] = [];
  const parsed: z.infer<typeof lineSchema>[] = [];
  for (const line of lines) {
    let value: unknown;
    try {
      value = JSON.parse(line.text, (_key, inner) => (typeof inner === 'string' ? cleanText(inner) : inner));
    } catch {
      errors.push({ field: `line ${line.number}`, message: 'Not valid JSON.', code: 'invalid_json' });
      continue;
    }
    const result = lineSchema.safeParse(value);
    if (!result.success) {
      for (const issue of result.error.issues) {
        errors.push({
          field: `line ${line.number}${issue.path.length ? `.${issue.path.join('.')}` : ''}`,
          message: issue.message,
          code: issue.code,
        });
      }
      continue;
    }
    // Importing validated content is an admin's migration of a base reviewed elsewhere; anyone else's goes through review.
    if (result.data.status && !['draft', 'in_review'].includes(result.data.status) && !isAdmin(ctx)) {
      errors.push({
        field: `line ${line.number}.status`,
        message: 'Only admins import validated or published items; others import drafts for review.',
        code: 'forbidden_status',
      });
      continue;
    }
    parsed.push(result.data);
  }
  if (errors.length)
    throw validationError(
      errors.slice(0, 200),
      `${errors.length} problem(s) in the file; nothing was imported.`,
    );
  const ids: string[] = [];
  for (const [index, item] of parsed.entries()) {
    ids.push(
      await createItem(
        ctx,
        {
          audience: { teamIds: [], roles: [] },
          pushAt: null,
          ...item,
          productIds: [],
          accountIds: [],
          situationIds: [],
        },
        { emit: false, imported: true, fieldPrefix: `line ${lines[index].number}.` },
      ),
    );
    if (onProgress && ((index + 1) % 100 === 0 || index + 1 === parsed.length))
      onProgress(index + 1, parsed.length);
  }
  await emitEvent(ctx.tx, {
    type: 'knowledge.imported',
    payload: { count: ids.length },
    actorId: ctx.actor.userId,
  });
  return ids;
}
