import { Engine } from 'json-rules-engine';
import type { Condition } from '../../src/server/modules/push/rules/conditions.js';
import { RuleIndex, type RuleRow } from '../../src/server/modules/push/rules/rule-index.js';

/** A deterministic generator (mulberry32) so every run checks the same rules and actions. */
export function random(seed = 7) {
  let a = seed;
  const next = () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: T[]) => list[Math.floor(next() * list.length)],
  };
}

export const ACTIONS = Array.from({ length: 20 }, (_, i) => `app${i}.submit`);
const COUNTRIES = Array.from({ length: 200 }, (_, i) => `c${i}`);
const SEGMENTS = ['retail', 'hotel', 'school', 'hospital', 'bakery', 'bar', 'canteen', 'office'];
const TAGS = ['vip', 'export', 'new', 'risk', 'public', 'green', 'late', 'audit'];

/** 10,000 rules in the shapes experts write: an anchor (country eq/in) plus ranges, any/not, contains, dates. */
export function generateRules(count: number, seed = 7): RuleRow[] {
  const r = random(seed);
  return Array.from({ length: count }, (_, i) => {
    const parts: Condition[] = [];
    const shape = r.int(0, 9);
    if (shape < 7)
      parts.push(
        r.next() < 0.6
          ? { field: 'country', op: 'eq', value: r.pick(COUNTRIES) }
          : { field: 'country', op: 'in', value: [r.pick(COUNTRIES), r.pick(COUNTRIES), r.pick(COUNTRIES)] },
      );
    const min = r.int(0, 90_000);
    parts.push({ field: 'amount', op: 'between', value: [min, min + r.int(1000, 50_000)] });
    if (r.next() < 0.5)
      parts.push({
        any: [
          { field: 'segment', op: 'eq', value: r.pick(SEGMENTS) },
          { field: 'segment', op: 'eq', value: r.pick(SEGMENTS) },
        ],
      });
    if (r.next() < 0.3) parts.push({ not: { field: 'tags', op: 'contains', value: r.pick(TAGS) } });
    if (r.next() < 0.2) parts.push({ field: 'date', op: 'after', value: `2026-0${r.int(1, 9)}-01` });
    if (shape >= 7) parts.push({ field: 'currency', op: 'in', value: ['eur', 'usd'] });
    return {
      id: `r${i}`,
      key: `rule-${i}`,
      name: `Rule ${i}`,
      action: r.pick(ACTIONS),
      conditions: { all: parts },
      effective_from: null,
      effective_to: null,
      audience_team_ids: [],
      audience_roles: [],
      severity: 'warning',
      message_fr: 'm',
      message_en: 'm',
      knowledge_ids: [],
      enabled: true,
      version: 1,
    };
  });
}

export function sampleAction(r: ReturnType<typeof random>) {
  return {
    action: r.pick(ACTIONS),
    fields: {
      country: r.pick(COUNTRIES),
      amount: r.int(0, 150_000),
      segment: r.pick(SEGMENTS),
      currency: r.pick(['eur', 'usd', 'gbp']),
      tags: [r.pick(TAGS), r.pick(TAGS)],
      date: `2026-0${r.int(1, 9)}-15`,
    } as Record<string, unknown>,
  };
}

/** The same conditions as json-rules-engine rules (dates as epoch ms facts; strings already normalised). */
function toJre(node: Condition): any {
  if ('all' in node) return { all: node.all.map(toJre) };
  if ('any' in node) return { any: node.any.map(toJre) };
  if ('not' in node) return { not: toJre(node.not) };
  if ('rule' in node) throw new Error('not generated');
  const { field, op, value } = node;
  switch (op) {
    case 'eq':
      return { fact: field, operator: 'equal', value };
    case 'in':
      return { fact: field, operator: 'in', value };
    case 'between':
      return {
        all: [
          { fact: field, operator: 'greaterThanInclusive', value: (value as number[])[0] },
          { fact: field, operator: 'lessThanInclusive', value: (value as number[])[1] },
        ],
      };
    case 'contains':
      return { fact: field, operator: 'contains', value };
    case 'after':
      return { fact: `${field}Ms`, operator: 'greaterThan', value: Date.parse(value as string) + 86_399_999 };
    default:
      throw new Error(`no conversion for ${op}`);
  }
}

export function buildEngines(rules: RuleRow[]): Map<string, Engine> {
  const engines = new Map<string, Engine>();
  for (const rule of rules) {
    let engine = engines.get(rule.action);
    if (!engine) engines.set(rule.action, (engine = new Engine([], { allowUndefinedFacts: true })));
    engine.addRule({
      name: rule.id,
      conditions: toJre(rule.conditions),
      event: { type: 'alert', params: { ruleId: rule.id } },
    });
  }
  return engines;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** In-process check: Relais' compiled index vs json-rules-engine on the same 10,000 rules. */
export async function benchRules(count = 10_000): Promise<void> {
  const rules = generateRules(count);
  const index = new RuleIndex(undefined as any);
  let started = performance.now();
  index.replace(rules);
  const compileMs = performance.now() - started;
  started = performance.now();
  const engines = buildEngines(rules);
  const jreBuildMs = performance.now() - started;
  const actor = { role: 'rep' as const, memberTeamIds: [] as string[] };
  const now = Date.now();
  const r = random(99);
  const samples = Array.from({ length: 20_000 }, () => sampleAction(r));

  // Agreement first: both must fire the same rules.
  let agree = 0;
  let fired = 0;
  const checkAgreement = 300;
  for (const sample of samples.slice(0, checkAgreement)) {
    const ours = index
      .match(sample.action, sample.fields, actor, now)
      .map((rule) => rule.id)
      .sort();
    const facts = { ...sample.fields, dateMs: Date.parse(sample.fields.date as string) };
    const theirs = (await engines.get(sample.action)!.run(facts)).events
      .map((event: any) => event.params.ruleId)
      .sort();
    fired += ours.length;
    if (JSON.stringify(ours) === JSON.stringify(theirs)) agree += 1;
  }

  for (const sample of samples.slice(0, 2000)) index.match(sample.action, sample.fields, actor, now); // warm-up
  const ourTimes: number[] = [];
  for (const sample of samples) {
    const t0 = process.hrtime.bigint();
    index.match(sample.action, sample.fields, actor, now);
    ourTimes.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  const jreTimes: number[] = [];
  for (const sample of samples.slice(0, 400)) {
    const facts = { ...sample.fields, dateMs: Date.parse(sample.fields.date as string) };
    const t0 = process.hrtime.bigint();
    await engines.get(sample.action)!.run(facts);
    jreTimes.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  ourTimes.sort((a, b) => a - b);
  jreTimes.sort((a, b) => a - b);
  const ours = { p50: percentile(ourTimes, 50), p99: percentile(ourTimes, 99) };
  const theirs = { p50: percentile(jreTimes, 50), p99: percentile(jreTimes, 99) };
  console.log(
    `rules: ${count} active over ${ACTIONS.length} actions (~${Math.round(count / ACTIONS.length)} per action); compiled in ${compileMs.toFixed(0)} ms (json-rules-engine setup ${jreBuildMs.toFixed(0)} ms)`,
  );
  console.log(
    `agreement: ${agree}/${checkAgreement} sample actions fire the same rules in both (${fired} alerts in total)`,
  );
  console.log(
    `in-process check  Relais index      median ${ours.p50.toFixed(1)} µs   p99 ${ours.p99.toFixed(1)} µs   (${ourTimes.length} checks)`,
  );
  console.log(
    `                  json-rules-engine median ${theirs.p50.toFixed(1)} µs   p99 ${theirs.p99.toFixed(1)} µs   (${jreTimes.length} checks)`,
  );
  console.log(
    `speed-up: ${(theirs.p50 / ours.p50).toFixed(0)}× at the median, ${(theirs.p99 / ours.p99).toFixed(0)}× at p99 (target ≥ 100×, p99 ≤ 1,000 µs)`,
  );
}
