import type { Queryable } from '../../../db/client.js';
import { toStage, type Stage, type StageRow } from './offers.repository.js';

export type StageInput = {
  key: string;
  nameFr: string;
  nameEn: string;
  probability: number;
  position: number;
  outcome: 'open' | 'won' | 'lost';
};

/** Adds a stage; null when its key is already taken. */
export async function insertStage(tx: Queryable, input: StageInput): Promise<Stage | null> {
  const rows = await tx.query<StageRow>(
    `insert into offer_stages (key, name_fr, name_en, probability, position, outcome) values ($1, $2, $3, $4, $5, $6) on conflict (key) do nothing returning *`,
    [input.key, input.nameFr, input.nameEn, input.probability, input.position, input.outcome],
  );
  return rows[0] ? toStage(rows[0]) : null;
}

/** Changes the given fields of a stage; null when there is no such stage. */
export async function updateStage(
  tx: Queryable,
  id: string,
  patch: Partial<Omit<StageInput, 'key'>>,
): Promise<Stage | null> {
  const rows = await tx.query<StageRow>(
    `update offer_stages set name_fr = coalesce($2, name_fr), name_en = coalesce($3, name_en), probability = coalesce($4, probability),
            position = coalesce($5, position), outcome = coalesce($6, outcome) where id = $1 returning *`,
    [
      id,
      patch.nameFr ?? null,
      patch.nameEn ?? null,
      patch.probability ?? null,
      patch.position ?? null,
      patch.outcome ?? null,
    ],
  );
  return rows[0] ? toStage(rows[0]) : null;
}
