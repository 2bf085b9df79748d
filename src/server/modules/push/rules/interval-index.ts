/** One closed interval `[min, max]` (either end may be infinite) and what it stands for. */
export type Interval<T> = { min: number; max: number; item: T };

type Node<T> = {
  center: number;
  /**
   * The intervals containing `center`, by `min` ascending and by `max` descending: their ends
   * in typed arrays and their items beside them, so a stab reads consecutive memory (a check
   * under load finds the tree out of the processor's caches).
   */
  mins: Float64Array;
  minItems: T[];
  maxs: Float64Array;
  maxItems: T[];
  left: Node<T> | null;
  right: Node<T> | null;
};

function build<T>(intervals: Interval<T>[]): Node<T> | null {
  if (intervals.length === 0) return null;
  const ends = intervals.flatMap((interval) => [interval.min, interval.max]).sort((a, b) => a - b);
  // The median end belongs to an interval, so every node keeps at least one: the tree is finite.
  const center = ends[ends.length >> 1];
  const here: Interval<T>[] = [];
  const below: Interval<T>[] = [];
  const above: Interval<T>[] = [];
  for (const interval of intervals) {
    if (interval.max < center) below.push(interval);
    else if (interval.min > center) above.push(interval);
    else here.push(interval);
  }
  const byMin = [...here].sort((a, b) => a.min - b.min);
  const byMax = [...here].sort((a, b) => b.max - a.max);
  return {
    center,
    mins: Float64Array.from(byMin, (interval) => interval.min),
    minItems: byMin.map((interval) => interval.item),
    maxs: Float64Array.from(byMax, (interval) => interval.max),
    maxItems: byMax.map((interval) => interval.item),
    left: build(below),
    right: build(above),
  };
}

/**
 * A static centred interval tree: which intervals contain a value, in O(log n + k) — a check
 * with thousands of rules on `amount between …` visits only the rules whose range holds the
 * amount instead of testing every one. Ends are included; NaN is in no interval.
 */
export class IntervalIndex<T> {
  private readonly root: Node<T> | null;

  /** Intervals with a NaN end or `min > max` contain nothing and are left out. */
  constructor(intervals: Interval<T>[]) {
    this.root = build(intervals.filter((interval) => interval.min <= interval.max));
  }

  /** Calls `visit` once for each interval that contains `value`. */
  stab(value: number, visit: (item: T) => void): void {
    if (Number.isNaN(value)) return;
    let node = this.root;
    while (node) {
      if (value < node.center) {
        // Every interval here reaches `center` > value: it holds value iff it starts at or before it.
        const { mins, minItems } = node;
        for (let index = 0; index < mins.length && mins[index] <= value; index += 1) visit(minItems[index]);
        node = node.left;
      } else if (value > node.center) {
        const { maxs, maxItems } = node;
        for (let index = 0; index < maxs.length && maxs[index] >= value; index += 1) visit(maxItems[index]);
        node = node.right;
      } else {
        for (const item of node.minItems) visit(item);
        return;
      }
    }
  }
}
