import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Benchmark, Measure, Period, Value } from "../src/index.js"

const make = (polarity: Measure.Polarity, decimals = 1) =>
  Measure.make({
    id: `TEST-1:${polarity}-${decimals}`,
    framework: "ASCOF",
    frameworkVersion: "2023",
    code: "T",
    title: "Test",
    shortTitle: "Test",
    objective: { code: "1", name: "Test" },
    unit: "percent",
    decimals,
    polarity,
    frequency: "annual",
    source: [{ id: "CLD" }],
    numerator: "n",
    denominator: "d",
    seriesBreaks: [{ fromYear: "2024-25", reason: "SALT to CLD" }],
    suppression: { rule: "numerator-or-denominator", threshold: 5 },
  })
const higher = make("higher-is-better")
const lower = make("lower-is-better")
const neutral = make("no-judgement")
const v = Value.available

describe("direction of travel", () => {
  it("reads polarity", () => {
    expect(Benchmark.direction(higher, v(80), v(75)).direction).toBe("improving")
    expect(Benchmark.direction(lower, v(80), v(75)).direction).toBe("worsening")
    expect(Benchmark.direction(lower, v(70), v(75))).toEqual({ direction: "improving", change: -5 })
    expect(Benchmark.direction(neutral, v(80), v(75)).direction).toBe("increasing")
    expect(Benchmark.direction(neutral, v(70), v(75)).direction).toBe("decreasing")
  })

  it("calls a change within the published precision no change, and honours a tolerance", () => {
    expect(Benchmark.direction(higher, v(80.04), v(79.96)).direction).toBe("no-change") // both 80.0
    expect(Benchmark.direction(higher, v(80.06), v(79.96)).direction).toBe("improving") // 80.1 vs 80.0
    expect(Benchmark.direction(higher, v(81), v(80), { tolerance: { absolute: 1 } }).direction).toBe(
      "no-change",
    )
    expect(Benchmark.direction(higher, v(81), v(80), { tolerance: { relative: 0.02 } }).direction).toBe(
      "no-change",
    )
    expect(Benchmark.direction(higher, v(81.2), v(80), { tolerance: { relative: 0.01 } }).direction).toBe(
      "improving",
    )
  })

  it("does not compare across a series break or with a marker", () => {
    const d = Benchmark.direction(higher, v(80), v(70), {
      current: Period.unsafeParse("2024-25"),
      previous: Period.unsafeParse("2023-24"),
    })
    expect(d.direction).toBe("not-comparable")
    expect(d.reason).toContain("series break from 2024-25")
    expect(
      Benchmark.direction(higher, v(80), v(70), {
        current: Period.unsafeParse("2025-26"),
        previous: Period.unsafeParse("2024-25"),
      }).direction,
    ).toBe("improving")
    expect(Benchmark.direction(higher, Value.suppressed(), v(70))).toEqual({
      direction: "not-comparable",
      reason: "the latest value is [c]",
    })
  })
})

describe("RAG", () => {
  it("compares with a target by polarity", () => {
    expect(Benchmark.rag(higher, v(80), 80)).toBe("green")
    expect(Benchmark.rag(higher, v(77), 80)).toBe("amber") // within 5% of 80 = 4
    expect(Benchmark.rag(higher, v(75), 80)).toBe("red")
    expect(Benchmark.rag(lower, v(600), 650)).toBe("green")
    expect(Benchmark.rag(lower, v(660), 650, { amber: { absolute: 20 } })).toBe("amber")
    expect(Benchmark.rag(lower, v(700), 650, { amber: { absolute: 20 } })).toBe("red")
    expect(Benchmark.rag(neutral, v(1), 2)).toBe("none")
    expect(Benchmark.rag(higher, Value.suppressed(), 2)).toBe("none")
  })
})

describe("ranking", () => {
  it("gives competition ranks, best first by polarity, ties sharing the best rank", () => {
    const entries = [
      { key: "a", value: v(80) },
      { key: "b", value: v(90) },
      { key: "c", value: v(80.02) }, // publishes as 80.0: ties with a
      { key: "d", value: Value.suppressed() },
      { key: "e", value: v(70) },
    ]
    const hi = Benchmark.rank(higher, entries)
    expect(hi.map((r) => [r.key, r.rank, r.of, r.quartile])).toEqual([
      ["a", 2, 4, 2],
      ["b", 1, 4, 1],
      ["c", 2, 4, 2],
      ["d", undefined, 4, undefined],
      ["e", 4, 4, 4],
    ])
    const lo = Benchmark.rank(lower, entries)
    expect(lo.map((r) => r.rank)).toEqual([2, 4, 2, undefined, 1])
  })

  const entriesArb = fc.array(
    fc.oneof(
      { weight: 5, arbitrary: fc.integer({ min: 0, max: 50 }).map((n) => Value.available(n / 2)) },
      { weight: 1, arbitrary: fc.constant(Value.suppressed() as Value.Value) },
    ),
    { maxLength: 40 },
  )

  it("keeps the ranking invariants (property)", () => {
    fc.assert(
      fc.property(entriesArb, fc.constantFrom(higher, lower), (values, m) => {
        const ranked = Benchmark.rank(
          m,
          values.map((value, i) => ({ key: i, value })),
        )
        const withRank = ranked.filter((r) => r.rank !== undefined)
        const n = values.filter((x) => x._tag === "Available").length
        expect(withRank.length).toBe(n)
        for (const r of ranked) {
          expect(r.of).toBe(n)
          if (r.value._tag !== "Available") expect(r.rank).toBeUndefined()
        }
        if (n > 0) expect(Math.min(...withRank.map((r) => r.rank!))).toBe(1)
        const better = (a: number, b: number) => (m.polarity === "higher-is-better" ? a > b : a < b)
        for (const a of withRank) {
          const av = Value.toNumber(a.value)!
          // rank = 1 + number of strictly better values
          const strictlyBetter = withRank.filter((b) => better(Value.toNumber(b.value)!, av)).length
          expect(a.rank).toBe(strictlyBetter + 1)
          expect(a.quartile).toBe(Benchmark.quartile(a.rank!, n))
          for (const b of withRank) {
            const bv = Value.toNumber(b.value)!
            if (av === bv) expect(a.rank).toBe(b.rank)
            if (better(av, bv)) expect(a.rank!).toBeLessThan(b.rank!)
          }
        }
      }),
    )
  })

  it("ranks are independent of input order (property)", () => {
    fc.assert(
      fc.property(entriesArb, fc.integer(), (values, seed) => {
        const entries = values.map((value, i) => ({ key: i, value }))
        const shuffled = [...entries].sort(
          (a, b) => ((a.key * 7919 + seed) % 13) - ((b.key * 7919 + seed) % 13),
        )
        const byKey = (rs: ReadonlyArray<Benchmark.Ranked<number>>) =>
          new Map(rs.map((r) => [r.key, r.rank] as const))
        expect(byKey(Benchmark.rank(higher, shuffled))).toEqual(byKey(Benchmark.rank(higher, entries)))
      }),
    )
  })

  it("spreads quartiles evenly", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((r) => Benchmark.quartile(r, 8))).toEqual([1, 1, 2, 2, 3, 3, 4, 4])
    expect(Benchmark.quartile(16, 16)).toBe(4)
    expect(Benchmark.quartile(1, 1)).toBe(1)
  })
})

describe("series", () => {
  it("returns the last N points chronologically for a sparkline", () => {
    const series = ["2022-23", "2024-25", "2020-21", "2023-24", "2021-22"].map((p, i) => ({
      period: Period.unsafeParse(p),
      value: i === 1 ? Value.suppressed() : v(i),
    }))
    expect(Benchmark.lastN(series, 3).map((p) => Period.format(p.period))).toEqual([
      "2022-23",
      "2023-24",
      "2024-25",
    ])
    expect(Period.format(Benchmark.latest(series)!.period)).toBe("2023-24")
  })
})
