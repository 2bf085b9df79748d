import type { Ctx } from '../../../platform/context.js';
import { notFound } from '../../../platform/errors.js';
import { decodeCursor, toPage } from '../../../platform/list-query.js';
import {
  addOutcomes,
  NO_OUTCOMES,
  outcomesByMonth,
  outcomesByOwner,
  peopleInScope,
  visibleOffersOf,
  type OutcomeFilter,
} from './outcomes.repository.js';

/**
 * A rep's offers behind one of their outcomes (open, or won/lost over 12 months): those the
 * manager may see, and how many others the figures count.
 */
export async function repOffers(
  ctx: Ctx,
  userId: string,
  query: { outcome: OutcomeFilter; limit: number; cursor?: string },
) {
  const { outcome, limit, cursor } = query;
  const person = (await peopleInScope(ctx.tx)).find(
    (candidate) => candidate.id === userId && candidate.id !== ctx.actor.userId,
  );
  if (!person) throw notFound('rep');
  const offset = decodeCursor(cursor);
  const totals = (await outcomesByOwner(ctx.tx, userId)).get(userId) ?? NO_OUTCOMES;
  const counted = outcome === 'open' ? totals.openCount : totals[outcome];
  const { rows, visible } = await visibleOffersOf(ctx.tx, userId, outcome, limit + 1, offset);
  const items = rows.map((row) => ({
    id: row.id,
    title: row.title,
    accountName: row.account_name,
    amount: Number(row.amount),
    stage: row.stage,
    stageName: ctx.locale === 'en' ? row.name_en : row.name_fr,
    closedAt: row.closed_at,
    expectedCloseDate: row.expected_close_date,
  }));
  return {
    ...toPage(items, { limit }, offset, visible),
    hidden: Math.max(0, counted - visible),
    repName: person.name,
  };
}

/** Outcomes per team and per rep of the teams the manager sees (MGT-1). */
export async function teamDashboard(ctx: Ctx) {
  const people = await peopleInScope(ctx.tx);
  const outcomes = await outcomesByOwner(ctx.tx);
  const of = (userId: string) => outcomes.get(userId) ?? NO_OUTCOMES;
  // Reps are the sellers of my teams; I am not one of my own reps (my figures are on my dashboard).
  const reps = people
    .filter((person) => person.role === 'rep' && person.id !== ctx.actor.userId)
    .map((person) => ({ userId: person.id, name: person.name, teamName: person.team_name, ...of(person.id) }))
    .sort((a, b) => b.wonAmount - a.wonAmount || a.name.localeCompare(b.name));
  // A team's outcomes are its members' (reps and team leads alike).
  const byTeam = new Map<string, { teamId: string; teamName: string; members: string[] }>();
  for (const person of people) {
    if (!person.team_id) continue;
    const team = byTeam.get(person.team_id) ?? {
      teamId: person.team_id,
      teamName: person.team_name ?? '',
      members: [],
    };
    team.members.push(person.id);
    byTeam.set(person.team_id, team);
  }
  const teams = [...byTeam.values()]
    .map((team) => ({ teamId: team.teamId, teamName: team.teamName, ...addOutcomes(team.members.map(of)) }))
    .filter((team) => team.openCount + team.won + team.lost > 0)
    .sort((a, b) => b.openAmount - a.openAmount || a.teamName.localeCompare(b.teamName));
  return { teams, reps, winRateByMonth: await outcomesByMonth(ctx.tx) };
}
