import type { PreparedFields, RangeAnchor } from './conditions.js';
import { IntervalIndex, type Interval } from './interval-index.js';

type RangeGroup<T> = { field: string; kind: RangeAnchor['kind']; tree: IntervalIndex<T> };

/**
 * The rules a check reaches through one anchor value (or through none): those with a range on
 * a number or date field (`amount between …`, `date after …`) sit in an interval tree per
 * field, so a check tests only the rules whose range holds the value; the others are tested
 * one by one. A visited rule's range holds (its open ends aside): the rule tests the rest.
 */
export class RuleBucket<T> {
  private readonly scan: T[] = [];
  private groups: RangeGroup<T>[] = [];
  private pending: Map<string, { range: RangeAnchor; intervals: Interval<T>[] }> | null = new Map();

  add(item: T, range: RangeAnchor | null): void {
    if (!this.pending) throw new Error('This bucket is sealed.');
    if (!range) return void this.scan.push(item);
    const key = `${range.kind}:${range.field}`;
    const group = this.pending.get(key);
    const interval = { min: range.min, max: range.max, item };
    if (group) group.intervals.push(interval);
    else this.pending.set(key, { range, intervals: [interval] });
  }

  /** Builds the trees once every rule is added. */
  seal(): this {
    // Every rule with a range goes through its tree (the rule may leave that range unchecked).
    for (const { range, intervals } of this.pending?.values() ?? [])
      this.groups.push({ field: range.field, kind: range.kind, tree: new IntervalIndex(intervals) });
    this.pending = null;
    return this;
  }

  /** Calls `visit` for every rule that may hold for `fields` (each once). */
  visit(fields: PreparedFields, visit: (item: T) => void): void {
    for (const item of this.scan) visit(item);
    // A value that is no number (or no date) is in no range: those rules cannot hold.
    for (const { field, kind, tree } of this.groups)
      tree.stab(kind === 'number' ? fields.number(field) : fields.time(field), visit);
  }
}
