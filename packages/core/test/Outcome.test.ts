import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { Measure, Outcome, Rounding, Value } from "../src/index.js"

const base = {
  framework: "ASCOF",
  frameworkVersion: "2023",
  objective: { code: "2", name: "Independence" },
  frequency: "annual",
  source: [{ id: "CLD" }],
  numerator: "n",
  denominator: "d",
} as const
const rate = Measure.make({
  ...base,
  id: "TEST-1:RATE",
  code: "RATE",
  title: "A rate per 100,000",
  shortTitle: "Rate",
  unit: "rate-per-100k",
  decimals: 1,
  polarity: "lower-is-better",
  suppression: {
    rule: "numerator-or-denominator",
    threshold: 5,
    roundCountsTo: 5,
    roundCountsAt: "aggregate",
  },
})
const pct = Measure.make({
  ...base,
  id: "TEST-1:PCT",
  code: "PCT",
  title: "A proportion",
  shortTitle: "Proportion",
  unit: "percent",
  decimals: 1,
  polarity: "higher-is-better",
  suppression: { rule: "numerator-or-denominator", threshold: 5, roundCountsTo: 5, roundCountsAt: "all" },
})
const score = Measure.make({
  ...base,
  id: "TEST-1:SCORE",
  code: "SCORE",
  title: "A score",
  shortTitle: "Score",
  unit: "score",
  decimals: 3,
  polarity: "higher-is-better",
  suppression: { rule: "respondents", threshold: 5 },
})

describe("Rounding", () => {
  it("rounds half away from zero, once, from the unrounded ratio", () => {
    expect(Rounding.roundRatio(29, 117_653, 100_000, 1)).toBe(24.6) // Bury 2B 2024-25: 24.648…
    expect(Rounding.roundRatio(312, 36_500, 100_000, 1)).toBe(854.8) // Bury 2C 2024-25: 854.79…
    expect(Rounding.roundRatio(1, 8, 100, 1)).toBe(12.5)
    expect(Rounding.roundRatio(1, 16, 100, 1)).toBe(6.3) // 6.25 → 6.3 (half away from zero, not to even)
    expect(Rounding.roundRatio(-1, 16, 100, 1)).toBe(-6.3)
    expect(Rounding.roundRatio(5, 0, 100, 1)).toBeUndefined()
    expect(Rounding.roundHalfAwayFromZero(1.005, 2)).toBe(1.01) // Math.round(1.005 * 100) / 100 gives 1
    expect(Rounding.roundHalfAwayFromZero(2.5, 0)).toBe(3)
    expect(Rounding.roundHalfAwayFromZero(-2.5, 0)).toBe(-3)
    expect(Rounding.roundHalfAwayFromZero(0.1 + 0.2, 1)).toBe(0.3)
  })

  it("rounds counts to the nearest 5", () => {
    expect([0, 2, 3, 7, 8, 12.5, 117_653, 36_500].map((n) => Rounding.roundToNearest(n))).toEqual([
      0, 0, 5, 5, 10, 15, 117_655, 36_500,
    ])
  })

  it("matches exact rational rounding for whole-number ratios (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 50_000_000 }),
        fc.constantFrom(1, 100, 100_000),
        fc.integer({ min: 0, max: 3 }),
        (n, d, m, dp) => {
          // Reference: exact half-away-from-zero rounding of n*m/d in integer arithmetic, independently written.
          const scaled = BigInt(n) * BigInt(m) * 10n ** BigInt(dp)
          const q = scaled / BigInt(d)
          const r = scaled % BigInt(d)
          const ref = Number(2n * r >= BigInt(d) ? q + 1n : q) / 10 ** dp
          expect(Rounding.roundRatio(n, d, m, dp)).toBe(ref)
        },
      ),
    )
  })
})

describe("Outcome", () => {
  it("computes and publishes a council figure", () => {
    const v = Outcome.computePublished(rate, { numerator: 29, denominator: 117_653 })
    expect(v).toEqual(Value.available(24.6, 29, 117_653))
  })

  it("suppresses both counts and the outcome when either count is below 5", () => {
    expect(Outcome.computePublished(rate, { numerator: 4, denominator: 2_000 })._tag).toBe("Suppressed")
    expect(Outcome.computePublished(pct, { numerator: 3, denominator: 4 })._tag).toBe("Suppressed")
    expect(Outcome.computePublished(rate, { numerator: 5, denominator: 2_000 })._tag).toBe("Available")
    expect(Outcome.computePublished(score, { numerator: 1.9, denominator: 4 })._tag).toBe("Suppressed")
  })

  it("rounds aggregate counts to 5 only after computing the outcome from exact sums", () => {
    // Three councils; the outcome uses the exact sums 34 / 65 = 52.3%, the published counts are 35 and 65.
    const parts = [
      { numerator: 3, denominator: 6 },
      { numerator: 13, denominator: 27 },
      { numerator: 18, denominator: 32 },
    ]
    const exact = Outcome.aggregate(pct, parts)
    expect(exact).toEqual(Value.available(52.3, 34, 65))
    expect(Outcome.publish(pct, exact, "aggregate")).toEqual(Value.available(52.3, 35, 65))
    // A suppressed council still counts in the aggregate.
    expect(Outcome.computePublished(pct, parts[0]!)._tag).toBe("Suppressed")
  })

  it("reproduces England's 2024-25 2B and 2C from the published national counts", () => {
    expect(Outcome.compute(rate, { numerator: 6_035, denominator: 35_455_995 })).toMatchObject({
      value: 17.0,
    })
    expect(Outcome.compute(rate, { numerator: 65_060, denominator: 10_981_090 })).toMatchObject({
      value: 592.5,
    })
  })

  it("marks an impossible proportion [z] at council level but keeps its counts (4B, note 16)", () => {
    const v = Outcome.computePublished(pct, { numerator: 390, denominator: 330 })
    expect(v).toEqual(
      Value.notApplicable("the numerator exceeds the denominator (a data-quality problem)", 390, 330),
    )
    expect(Value.marker(v)).toBe("[z]")
    expect(
      Outcome.publish(pct, Outcome.compute(pct, { numerator: 390, denominator: 330 }), "aggregate")._tag,
    ).toBe("Available")
  })

  it("gives [x] for a zero denominator", () => {
    expect(Outcome.compute(pct, { numerator: 0, denominator: 0 })._tag).toBe("NotAvailable")
  })
})

describe("Value", () => {
  it("reads published cells and markers", () => {
    expect(Value.fromCell("[c]")).toEqual(Value.suppressed())
    expect(Value.fromCell("[x]")).toEqual(Value.notAvailable())
    expect(Value.fromCell("[z]")).toEqual(Value.notApplicable())
    expect(Value.fromCell("1,456,180")).toEqual(Value.available(1_456_180))
    expect(Value.fromCell(77.099999999999994)).toEqual(Value.available(77.1))
    expect(Value.fromCell("n/a")).toBeUndefined()
    expect(Value.format(Value.available(854.8), 1)).toBe("854.8")
    expect(Value.format(Value.available(1810), 0)).toBe("1,810")
    expect(Value.format(Value.suppressed(), 1)).toBe("[c]")
  })
})
