/**
 * A small seeded random source for the bulk of demo choices (ages, dates, which checks are
 * overdue): much faster than faker for the hundreds of thousands of national-scale rows,
 * and the same for the same seed. Faker still gives names and addresses.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 1;
  }

  /** Mulberry32. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Some of the items, in their order: each kept with the given probability, at least `min`. */
  some<T>(items: readonly T[], probability: number, min = 0): T[] {
    const kept = items.filter(() => this.chance(probability));
    while (kept.length < min) {
      const extra = this.pick(items);
      if (!kept.includes(extra)) kept.push(extra);
    }
    return kept;
  }

  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }
}
