import { describe, expect, it } from 'vitest';
import type { Condition } from './conditions.js';
import { IntervalIndex } from './interval-index.js';
import { RuleIndex, type RuleRow } from './rule-index.js';

const actor = { role: 'rep' as const, memberTeamIds: [] as string[] };
const NOW = Date.parse('2026-06-01T12:00:00Z');

let sequence = 0;
function row(conditions: Condition, overrides: Partial<RuleRow> = {}): RuleRow {
  sequence += 1;
  return {
    id: `r${sequence}`,
    key: `rule-${sequence}`,
    name: `Rule ${sequence}`,
    action: 'transfer.create',
    conditions,
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
    ...overrides,
  };
}

function indexOf(rows: RuleRow[]): RuleIndex {
  const index = new RuleIndex(undefined as never);
  index.replace(rows);
  return index;
}

const fired = (index: RuleIndex, fields: Record<string, unknown>, action = 'transfer.create') =>
  index
    .match(action, fields, actor, NOW)
    .map((rule) => rule.key)
    .sort();

/** A few filler range rules on `field`, so the bucket holds enough of them to build a tree. */
const fillers = (field: string, count = 6) =>
  Array.from({ length: count }, (_, i) =>
    row({ field, op: 'between', value: [1_000_000 + i, 1_000_000 + i] }, { key: `filler-${field}-${i}` }),
  );

describe('interval index', () => {
  it('finds exactly the intervals that hold a value, ends included (random intervals against a plain scan)', () => {
    let seed = 3;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 100;
    const intervals = Array.from({ length: 300 }, (_, item) => {
      const a = Math.round(next());
      const b = Math.round(next());
      const kind = item % 10;
      if (kind === 0) return { min: -Infinity, max: a, item };
      if (kind === 1) return { min: a, max: Infinity, item };
      return { min: Math.min(a, b), max: Math.max(a, b), item };
    });
    const tree = new IntervalIndex(intervals);
    for (let value = -2; value <= 102; value += 0.5) {
      const found: number[] = [];
      tree.stab(value, (item) => found.push(item));
      const expected = intervals
        .filter((interval) => interval.min <= value && value <= interval.max)
        .map((interval) => interval.item);
      expect(found.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    }
  });

  it('finds nothing for NaN and leaves out intervals with min > max or a NaN end', () => {
    const tree = new IntervalIndex([
      { min: 0, max: 10, item: 'ok' },
      { min: 5, max: 1, item: 'reversed' },
      { min: Number.NaN, max: 10, item: 'nan' },
    ]);
    const found: string[] = [];
    tree.stab(Number.NaN, (item) => found.push(item));
    expect(found).toEqual([]);
    tree.stab(5, (item) => found.push(item));
    expect(found).toEqual(['ok']);
  });
});

describe('rule index: rules with a range', () => {
  it('a rule on amount between is found exactly when the amount is inside, both ends included', () => {
    const index = indexOf([
      row({ all: [{ field: 'amount', op: 'between', value: [100, 200] }] }, { key: 'range' }),
      ...fillers('amount'),
    ]);
    for (const [amount, fires] of [
      [99.99, false],
      [100, true],
      [150, true],
      [200, true],
      [200.01, false],
      ['150', true],
      ['', false],
      [null, false],
      [undefined, false],
      ['lots', false],
      [[150], false],
    ] as const)
      expect(fired(index, { amount }).includes('range'), `amount ${JSON.stringify(amount)}`).toBe(fires);
  });

  it('open ends stay open, half-open ranges reach infinity, and the rest of the rule still decides', () => {
    const index = indexOf([
      row({ field: 'amount', op: 'gt', value: 100 }, { key: 'gt' }),
      row({ field: 'amount', op: 'gte', value: 100 }, { key: 'gte' }),
      row({ all: [{ field: 'amount', op: 'lt', value: 100 }] }, { key: 'lt' }),
      row({ all: [{ field: 'amount', op: 'lte', value: 100 }] }, { key: 'lte' }),
      row(
        {
          all: [
            { field: 'amount', op: 'between', value: [0, 500] },
            { field: 'segment', op: 'neq', value: 'bank' },
          ],
        },
        { key: 'range-and-segment' },
      ),
      ...fillers('amount'),
    ]);
    expect(fired(index, { amount: 100, segment: 'shop' })).toEqual(['gte', 'lte', 'range-and-segment']);
    expect(fired(index, { amount: 100, segment: 'bank' })).toEqual(['gte', 'lte']);
    expect(fired(index, { amount: 1e300 })).toEqual(['gt', 'gte']);
    expect(fired(index, { amount: -1e300 })).toEqual(['lt', 'lte']);
  });

  it('date ranges: after, on or before and date_between include or exclude their days as before', () => {
    const index = indexOf([
      row({ all: [{ field: 'date', op: 'after', value: '2026-10-01' }] }, { key: 'after' }),
      row({ all: [{ field: 'date', op: 'on_or_before', value: '2026-10-01' }] }, { key: 'on-or-before' }),
      row({ all: [{ field: 'date', op: 'before', value: '2026-10-01' }] }, { key: 'before' }),
      row(
        { all: [{ field: 'date', op: 'date_between', value: ['2026-10-01', '2026-10-31'] }] },
        { key: 'october' },
      ),
      ...Array.from({ length: 4 }, (_, i) =>
        row({ field: 'date', op: 'on_or_after', value: `2030-0${i + 1}-01` }, { key: `late-${i}` }),
      ),
    ]);
    expect(fired(index, { date: '2026-09-30T23:59:59Z' })).toEqual(['before', 'on-or-before']);
    expect(fired(index, { date: '2026-10-01' })).toEqual(['october', 'on-or-before']);
    expect(fired(index, { date: '2026-10-01T23:59:59.999Z' })).toEqual(['october', 'on-or-before']);
    expect(fired(index, { date: '2026-10-02' })).toEqual(['after', 'october']);
    expect(fired(index, { date: '2026-10-31T23:59:59.999Z' })).toEqual(['after', 'october']);
    expect(fired(index, { date: '2026-11-01' })).toEqual(['after']);
    expect(fired(index, { date: 'not a date' })).toEqual([]);
  });

  it('unanchored rules of other kinds still fire next to range rules, and anchored rules find their range inside their bucket', () => {
    const index = indexOf([
      row({ field: 'segment', op: 'neq', value: 'bank' }, { key: 'neq' }),
      row({ field: 'tags', op: 'contains', value: 'vip' }, { key: 'contains' }),
      row({ not: { field: 'tags', op: 'contains', value: 'risk' } }, { key: 'not' }),
      row({ field: 'iban', op: 'exists', value: true }, { key: 'exists' }),
      row(
        {
          any: [
            { field: 'amount', op: 'gt', value: 1e6 },
            { field: 'segment', op: 'eq', value: 'shop' },
          ],
        },
        { key: 'any' },
      ),
      row({ all: [] }, { key: 'always' }),
      row(
        {
          all: [
            { field: 'country', op: 'eq', value: 'KY' },
            { field: 'amount', op: 'between', value: [1000, 2000] },
          ],
        },
        { key: 'ky-range' },
      ),
      ...Array.from({ length: 5 }, (_, i) =>
        row(
          {
            all: [
              { field: 'country', op: 'in', value: ['KY', 'ky', 'PA'] },
              { field: 'amount', op: 'gte', value: 10 ** (i + 4) },
            ],
          },
          { key: `ky-gte-${i}` },
        ),
      ),
      ...fillers('amount'),
    ]);
    expect(fired(index, { segment: 'shop', tags: ['VIP'], iban: 'x', country: 'ky', amount: 1500 })).toEqual([
      'always',
      'any',
      'contains',
      'exists',
      'ky-range',
      'neq',
      'not',
    ]);
    // A rule whose `in` names the same country twice is found once.
    expect(fired(index, { segment: 'bank', tags: ['risk'], country: 'KY', amount: 150_000 })).toEqual([
      'always',
      'ky-gte-0',
      'ky-gte-1',
    ]);
    expect(fired(index, { country: 'FR', amount: 1500 })).toEqual(['always', 'neq', 'not']);
  });

  it('fires the same rules as testing every rule one by one (generated rules and actions)', () => {
    let seed = 11;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)];
    const countries = ['fr', 'de', 'ky', 'pa', 'es'];
    const leaf = (): Condition =>
      pick<() => Condition>([
        () => ({ field: 'country', op: 'eq', value: pick(countries) }),
        () => ({ field: 'country', op: 'in', value: [pick(countries), pick(countries)] }),
        () => {
          const min = Math.round(rand() * 1000);
          return { field: 'amount', op: 'between', value: [min, min + Math.round(rand() * 500)] };
        },
        () => ({
          field: 'amount',
          op: pick(['gt', 'gte', 'lt', 'lte'] as const),
          value: Math.round(rand() * 1000),
        }),
        () => ({ field: 'date', op: 'after', value: `2026-0${1 + Math.floor(rand() * 9)}-01` }),
        () => ({ field: 'segment', op: 'eq', value: pick(['shop', 'bank']) }),
        () => ({ not: { field: 'segment', op: 'eq', value: 'bank' } }),
      ])();
    const rows = Array.from({ length: 400 }, () =>
      row({ all: Array.from({ length: 1 + Math.floor(rand() * 3) }, leaf) }),
    );
    const index = indexOf(rows);
    const all = rows.map((candidate) => index.find(candidate.id)!);
    for (let i = 0; i < 300; i += 1) {
      const fields = {
        country: pick([...countries, 'FR', undefined]),
        amount: pick([Math.round(rand() * 1600) - 100, String(Math.round(rand() * 1000)), undefined]),
        date: pick(['2026-05-01', '2026-09-01', undefined]),
        segment: pick(['shop', 'bank', undefined]),
      };
      const expected = all.filter((rule) => rule.test(fields)).map((rule) => rule.key);
      expect(fired(index, fields)).toEqual(expected.sort());
    }
  });
});

describe('rule index: every operator, nested and referenced, against one-by-one testing', () => {
  it('fires the same rules as the conditions compiled one by one, whatever the shape', () => {
    let seed = 29;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
    const texts = ['Fr', 'de', ' KY ', 'pa', 'vip', 'Export', 'green'];
    const dates = ['2026-02-01', '2026-05-31', '2026-06-01', '2026-09-15'];
    const number = () => Math.round(rand() * 1000);
    const leaf = (): Condition =>
      pick<() => Condition>([
        () => ({ field: 'country', op: pick(['eq', 'neq'] as const), value: pick(texts) }),
        () => ({ field: 'country', op: pick(['in', 'nin'] as const), value: [pick(texts), pick(texts)] }),
        () => ({ field: 'tags', op: pick(['contains', 'not_contains'] as const), value: pick(texts) }),
        () => ({
          field: 'note',
          op: pick(['contains', 'not_contains'] as const),
          value: pick(['ex', 'vip', 'Gr']),
        }),
        () => ({ field: 'tags', op: 'eq', value: pick(texts) }),
        () => ({ field: 'tags', op: 'in', value: [pick(texts)] }),
        () => ({ field: 'amount', op: pick(['gt', 'gte', 'lt', 'lte'] as const), value: number() }),
        () => {
          const min = number();
          return { field: 'amount', op: 'between', value: [min, min + number()] };
        },
        () => ({
          field: 'date',
          op: pick(['before', 'after', 'on_or_before', 'on_or_after'] as const),
          value: pick(dates),
        }),
        () => ({ field: 'date', op: 'date_between', value: [dates[0], pick(dates.slice(1))] }),
        () => ({
          field: 'segment',
          op: 'changed',
          value: pick([undefined, { to: 'bank' }, { from: 'shop' }]),
        }),
        () => ({ field: 'segment', op: 'exists', value: pick([true, false]) }),
      ])();
    const tree = (depth: number): Condition => {
      if (depth === 0 || rand() < 0.4) return leaf();
      const children = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => tree(depth - 1));
      return pick<() => Condition>([
        () => ({ all: children }),
        () => ({ any: children }),
        () => ({ not: children[0] }),
      ])();
    };
    const shared = row({ field: 'amount', op: 'gte', value: 500 }, { key: 'shared', action: 'other.action' });
    const rows = [
      shared,
      ...Array.from({ length: 600 }, () =>
        row(
          rand() < 0.1 ? { all: [tree(1), { rule: 'shared' }] } : { all: [tree(0), tree(3)] },
          rand() < 0.1
            ? pick([
                { audience_roles: ['manager'] },
                { effective_from: '2026-07-01T00:00:00Z' },
                { effective_to: '2026-05-01T00:00:00Z' },
              ])
            : {},
        ),
      ),
    ];
    const index = indexOf(rows);
    const candidates = rows.slice(1).map((candidate) => index.find(candidate.id)!);
    for (let i = 0; i < 400; i += 1) {
      const fields = {
        country: pick([...texts, 'fr', undefined, null, '']),
        tags: pick([[pick(texts), pick(texts)], [], ['vip'], undefined, 'vip']),
        note: pick(['An export deal', 'GREEN light', '', undefined]),
        amount: pick([number() - 100, String(number()), '', undefined]),
        date: pick([...dates, '2026-06-01T10:00:00Z', 'soon', undefined]),
        segment: pick(['shop', 'bank', undefined]),
        changes: pick([
          { segment: { from: 'shop', to: 'bank' } },
          { segment: { from: 'bank', to: 'shop' } },
          undefined,
        ]),
      };
      const expected = candidates
        .filter(
          (rule) =>
            NOW >= rule.from &&
            NOW < rule.to &&
            (!rule.roles || rule.roles.has(actor.role)) &&
            rule.test(fields),
        )
        .map((rule) => rule.key);
      expect(fired(index, fields), JSON.stringify(fields)).toEqual(expected.sort());
    }
  });
});
