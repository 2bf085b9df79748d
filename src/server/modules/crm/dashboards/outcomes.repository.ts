import type { Queryable } from '../../../db/client.js';

export const TIME_ZONE = 'Europe/Paris';
const num = (value: unknown) => Number(value ?? 0);
/** Win rate in percent with one decimal, or null without a closed offer. */
export const winRate = (won: number, lost: number) =>
  won + lost === 0 ? null : Math.round((won / (won + lost)) * 1000) / 10;

export type Outcomes = {
  won: number;
  lost: number;
  winRate: number | null;
  wonAmount: number;
  openAmount: number;
  weightedAmount: number;
  openCount: number;
};
export const NO_OUTCOMES: Outcomes = {
  won: 0,
  lost: 0,
  winRate: null,
  wonAmount: 0,
  openAmount: 0,
  weightedAmount: 0,
  openCount: 0,
};

/** The sums the outcome functions (0160) return; numbers may come back null or as numeric. */
type OutcomeRow = {
  won: number | null;
  lost: number | null;
  won_amount: number | null;
  open_amount?: number | null;
  weighted_amount?: number | null;
  open_count?: number | null;
};

/**
 * Outcomes per offer owner (MGT-1): every offer counts, whatever its confidentiality, because
 * `crm_outcomes_by_owner` (0160) aggregates in the database for the people the caller may read —
 * themself, and the members of the teams they manage. Without `ownerId`: everyone in that scope.
 */
export async function outcomesByOwner(tx: Queryable, ownerId?: string): Promise<Map<string, Outcomes>> {
  const rows = await tx.query<OutcomeRow & { owner_id: string }>(`select * from crm_outcomes_by_owner($1)`, [
    ownerId ?? null,
  ]);
  return new Map(
    rows.map((row) => [
      row.owner_id,
      {
        won: num(row.won),
        lost: num(row.lost),
        winRate: winRate(num(row.won), num(row.lost)),
        wonAmount: num(row.won_amount),
        openAmount: num(row.open_amount),
        weightedAmount: Math.round(num(row.weighted_amount)),
        openCount: num(row.open_count),
      },
    ]),
  );
}

/** Won and lost per month over 12 months, for one owner or the caller's whole scope. */
export async function outcomesByMonth(tx: Queryable, ownerId?: string) {
  const rows = await tx.query<OutcomeRow & { month: string }>(`select * from crm_outcomes_by_month($1, $2)`, [
    ownerId ?? null,
    TIME_ZONE,
  ]);
  return rows.map((row) => ({
    month: row.month,
    won: num(row.won),
    lost: num(row.lost),
    winRate: winRate(num(row.won), num(row.lost)),
    wonAmount: num(row.won_amount),
  }));
}

/** Sums outcomes (a team's from its members'), the win rate recomputed from the sums. */
export function addOutcomes(list: Outcomes[]): Outcomes {
  const sum = list.reduce(
    (total, o) => ({
      ...total,
      won: total.won + o.won,
      lost: total.lost + o.lost,
      wonAmount: total.wonAmount + o.wonAmount,
      openAmount: total.openAmount + o.openAmount,
      weightedAmount: total.weightedAmount + o.weightedAmount,
      openCount: total.openCount + o.openCount,
    }),
    NO_OUTCOMES,
  );
  return {
    ...sum,
    wonAmount: Math.round(sum.wonAmount * 100) / 100,
    openAmount: Math.round(sum.openAmount * 100) / 100,
    winRate: winRate(sum.won, sum.lost),
  };
}

/** The people in the caller's outcome scope, with their team: who a manager's table lists. */
export async function peopleInScope(tx: Queryable) {
  return tx.query<{
    id: string;
    name: string;
    role: string;
    team_id: string | null;
    team_name: string | null;
  }>(
    `select u.id, trim(u.first_name || ' ' || u.last_name) as name, u.role, u.team_id, t.name as team_name
       from users u left join teams t on t.id = u.team_id
      where u.id in (select user_id from crm_outcome_scope()) and u.active
      order by u.last_name, u.first_name`,
  );
}

export const OUTCOME_FILTERS = {
  open: `s.outcome = 'open'`,
  won: `s.outcome = 'won' and o.closed_at > now() - interval '12 months'`,
  lost: `s.outcome = 'lost' and o.closed_at > now() - interval '12 months'`,
} as const;
export type OutcomeFilter = keyof typeof OUTCOME_FILTERS;

/** One page of an owner's offers in an outcome, as the caller sees them (row-level security applies). */
export async function visibleOffersOf(
  tx: Queryable,
  ownerId: string,
  outcome: OutcomeFilter,
  limit: number,
  offset: number,
) {
  const filter = `o.owner_id = $1 and ${OUTCOME_FILTERS[outcome]}`;
  const rows = await tx.query<{
    id: string;
    title: string;
    amount: number;
    closed_at: string | null;
    expected_close_date: string | null;
    stage: string;
    name_fr: string;
    name_en: string;
    account_name: string;
  }>(
    `select o.id, o.title, o.amount, o.closed_at, o.expected_close_date, s.key as stage, s.name_fr, s.name_en, a.name as account_name
       from offers o join offer_stages s on s.id = o.stage_id join accounts a on a.id = o.account_id
      where ${filter} order by coalesce(o.closed_at, o.updated_at) desc, o.id limit $2 offset $3`,
    [ownerId, limit, offset],
  );
  const [{ count }] = await tx.query<{ count: number }>(
    `select count(*)::int as count from offers o join offer_stages s on s.id = o.stage_id where ${filter}`,
    [ownerId],
  );
  return { rows, visible: count };
}
