import type { Queryable } from '../../../db/client.js';
import { TIME_ZONE } from './outcomes.repository.js';

/** Today's date where the company works (YYYY-MM-DD). */
export async function localToday(tx: Queryable): Promise<string> {
  const [{ today }] = await tx.query<{ today: string }>(
    `select to_char(now() at time zone '${TIME_ZONE}', 'YYYY-MM-DD') as today`,
  );
  return today;
}

export type StageTotalRow = {
  key: string;
  name_fr: string;
  name_en: string;
  probability: number | string;
  count: number;
  amount: number | string;
};

/** Per open stage, in board order, the count and sum of a user's offers. */
export async function findOpenStageTotals(tx: Queryable, userId: string): Promise<StageTotalRow[]> {
  return tx.query<StageTotalRow>(
    `select s.key, s.name_fr, s.name_en, s.probability, count(o.id)::int as count, coalesce(sum(o.amount), 0) as amount
       from offer_stages s left join offers o on o.stage_id = s.id and o.owner_id = $1
      where s.outcome = 'open' group by s.id order by s.position`,
    [userId],
  );
}
