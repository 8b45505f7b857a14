/**
 * A small, fast, seeded pseudo-random generator (mulberry32) and the draws the borough model needs. Every
 * person gets their own stream, seeded from the borough seed and the person's index, so people can be simulated
 * one at a time, in any order, and always come out the same.
 */

/** Mixes a 32-bit integer (the murmur3 finaliser); used to derive independent seeds. */
export const mix32 = (x: number): number => {
  let a = x >>> 0
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b)
  a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35)
  return (a ^ (a >>> 16)) >>> 0
}

/** A seed for stream `index` of kind `salt` under borough seed `seed`. */
export const seedFor = (seed: number, index: number, salt = 0): number =>
  mix32(mix32(seed ^ 0x9e3779b9) + Math.imul(index + 1, 0x632be5ab) + Math.imul(salt + 1, 0x27d4eb2f))

/** A seeded random stream with the draws the simulation uses. */
export class Rng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** A uniform number in [0, 1) (mulberry32). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p
  }

  /** An integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1))
  }

  /** A uniform number in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo)
  }

  /** An exponential waiting time with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean
  }

  /** A normal draw (Box–Muller). */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next()
    const v = this.next()
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  /** One item of `items`, uniformly. */
  pick<T>(items: ReadonlyArray<T>): T {
    return items[Math.floor(this.next() * items.length)] as T
  }

  /** One value of a weighted table `[value, weight][]` (weights need not sum to 1). */
  weighted<T>(table: Weighted<T>): T {
    let total = 0
    for (const [, w] of table) total += w
    let r = this.next() * total
    for (const [v, w] of table) {
      r -= w
      if (r < 0) return v
    }
    return (table[table.length - 1] as readonly [T, number])[0]
  }
}

/** A weighted table of values. */
export type Weighted<T> = ReadonlyArray<readonly [T, number]>

/** Shares `total` in whole numbers by `weights` (largest remainder; ties to the earlier entry). */
export function apportion(total: number, weights: ReadonlyArray<number>): Array<number> {
  const sum = weights.reduce((a, w) => a + w, 0)
  const exact = weights.map((w) => (sum > 0 ? (total * w) / sum : 0))
  const out = exact.map(Math.floor)
  let left = total - out.reduce((a, n) => a + n, 0)
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i)
  for (const { i } of order) {
    if (left <= 0) break
    out[i] = (out[i] ?? 0) + 1
    left--
  }
  return out
}
