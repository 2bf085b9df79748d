import type { Ctx } from '../../../platform/context.js';
import { conflict, notFound } from '../../../platform/errors.js';
import type { Stage } from './offers.repository.js';
import { insertStage, updateStage, type StageInput } from './stages.repository.js';

/** Adds a stage to the board; its key must be new. */
export async function createStage(ctx: Ctx, input: StageInput): Promise<Stage> {
  const stage = await insertStage(ctx.tx, input);
  if (!stage)
    throw conflict('stage.key_taken', 'A stage already has this key.', [
      { field: 'key', message: 'Already used.', code: 'taken' },
    ]);
  return stage;
}

export async function patchStage(
  ctx: Ctx,
  id: string,
  patch: Partial<Omit<StageInput, 'key'>>,
): Promise<Stage> {
  const stage = await updateStage(ctx.tx, id, patch);
  if (!stage) throw notFound('stage');
  return stage;
}
