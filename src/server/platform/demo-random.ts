/** A seeded generator so the demo company is the same on every machine (mulberry32). */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (probability: number) => next() < probability,
    /** Picks `count` distinct items. */
    sample: <T>(items: readonly T[], count: number): T[] => {
      const copy = [...items];
      const chosen: T[] = [];
      while (chosen.length < count && copy.length > 0)
        chosen.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
      return chosen;
    },
  };
}
export type Random = ReturnType<typeof createRandom>;
