/**
 * Published figures reproduced with the catalogue's own measure definitions (DHSC ASCOF 2024-25 data tables and
 * NHS England publications, as recorded in shared/reference/domain.md §7).
 */
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Benchmark, Catalogue, Outcome, Period, Value } from "../src/index.js"

const m = (id: string) => Either.getOrThrow(Catalogue.get(id))

describe("published figures", () => {
  it("Bury 2B 2024-25: 29 / 117,653 per 100,000 → 24.6 (rounded once, not 24.65 → 24.7)", () => {
    expect(Outcome.computePublished(m("ASCOF-2023:2B"), { numerator: 29, denominator: 117_653 })).toEqual(
      Value.available(24.6, 29, 117_653),
    )
  })

  it("Bury 2C 2024-25: 312 / 36,500 per 100,000 → 854.8", () => {
    expect(Outcome.computePublished(m("ASCOF-2023:2C"), { numerator: 312, denominator: 36_500 })).toEqual(
      Value.available(854.8, 312, 36_500),
    )
  })

  it("England MSP 2020-21: 47,915 / (47,915 + 18,770 + 3,690) → 68.1% fully achieved, 94.8% fully or partly", () => {
    const fully = Outcome.compute(m("SAC:MSP-FULLY-ACHIEVED"), {
      numerator: 47_915,
      denominator: 47_915 + 18_770 + 3_690,
    })
    expect(Value.toNumber(fully)).toBe(68.1)
    const any = Outcome.compute(m("SAC:MSP-ACHIEVED"), {
      numerator: 47_915 + 18_770,
      denominator: 47_915 + 18_770 + 3_690,
    })
    expect(Value.toNumber(any)).toBe(94.8)
  })

  it("North West 2C 2024-25 from rounded published counts: 9,785 / 1,456,180 → 672.0", () => {
    expect(
      Value.toNumber(Outcome.compute(m("ASCOF-2023:2C"), { numerator: 9_785, denominator: 1_456_180 })),
    ).toBe(672.0)
  })

  it("SAC conversion rates 2023-24: (176,560 + 15,530) / 615,530 → 31%, s42 only → 29%", () => {
    const nhse = Outcome.compute(m("SAC:CONVERSION-RATE"), {
      numerator: 176_560 + 15_530,
      denominator: 615_530,
    })
    const s42 = Outcome.compute(m("SAC:CONVERSION-RATE-S42"), { numerator: 176_560, denominator: 615_530 })
    // 31.2% and 28.7% at 1 dp; NHS England's SAC tables show conversion rates as whole numbers.
    expect([Value.toNumber(nhse), Value.toNumber(s42)]).toEqual([31, 29])
  })

  it("ranks Greater Manchester's 2024-25 2C, lower is better: Trafford 1st, Bury 9th, Salford 10th", () => {
    const gm: Array<[string, number]> = [
      ["Bolton", 662.8],
      ["Bury", 854.8],
      ["Manchester", 564.5],
      ["Oldham", 669.8],
      ["Rochdale", 808.9],
      ["Salford", 904.1],
      ["Stockport", 676.1],
      ["Tameside", 685.3],
      ["Trafford", 531.6],
      ["Wigan", 604.6],
    ]
    const ranked = Benchmark.rank(
      m("ASCOF-2023:2C"),
      gm.map(([key, v]) => ({ key, value: Value.available(v) })),
    )
    const rankOf = (k: string) => ranked.find((r) => r.key === k)
    expect(rankOf("Trafford")).toMatchObject({ rank: 1, of: 10, quartile: 1 })
    expect(rankOf("Bury")).toMatchObject({ rank: 9, quartile: 4 })
    expect(rankOf("Salford")).toMatchObject({ rank: 10, quartile: 4 })
  })

  it("does not compare Bury's 2C across the SALT → CLD break (662.2 in 2023-24, 854.8 in 2024-25)", () => {
    const d = Benchmark.direction(m("ASCOF-2023:2C"), Value.available(854.8), Value.available(662.2), {
      current: Period.unsafeParse("2024-25"),
      previous: Period.unsafeParse("2023-24"),
    })
    expect(d.direction).toBe("not-comparable")
  })

  it("reads Bury's 1D trend as improving (63.8 → 64.3, higher is better)", () => {
    expect(
      Benchmark.direction(m("ASCOF-2023:1D"), Value.available(64.3), Value.available(63.8)).direction,
    ).toBe("improving")
  })
})
