/**
 * Survey measures scored by NHS England's rules, checked against hand computations on a small response file
 * (packages/etl/test/fixtures/survey/ascs-2024-25.csv: four valid respondents with weights 1.5, 0.5, 1, 1) and a
 * small weighted carers' survey written here (`sace`: the 2023-24 SACE, five carers).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Catalogue, Outcome, Period, Value } from "@asckit/core"
import {
  Pipeline,
  Progress,
  Pseudonymiser,
  SourceRegistry,
  SurveySource,
  Warehouse,
  WarehouseReader,
} from "@asckit/etl"
import { Effect, Either, Layer, Redacted } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { AscofReturn } from "../../src/index.js"
import * as Survey from "../../src/measures/survey/index.js"

const fixtures = fileURLToPath(new URL("../../../etl/test/fixtures/survey/", import.meta.url))
const dir = mkdtempSync(join(tmpdir(), "asckit-survey-measures-"))
const db = join(dir, "w.sqlite")
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * The 2023-24 SACE: five carers with weights. Answer codes (SACE questionnaire, ODS-2425 Contents): q4 overall
 * satisfaction 1 "extremely satisfied" … 7 "extremely dissatisfied"; q7–q12 quality-of-life items 1–3 (q11 social
 * contact: 1 "as much as I want"); q17 finding information 1 "very easy" … 4 "very difficult", 5 "never tried";
 * q19 involved in discussions 1 "always" … 4 "never", 5 "no discussions". Blank = not answered.
 */
const sace = [
  "SerialNo,Weight,Age,q4,q7,q8,q9,q10,q11,q12,q17,q19",
  "C1,2,60,1,1,1,1,1,1,1,1,1",
  "C2,1,70,2,2,2,2,2,2,2,5,2",
  "C3,1,55,4,3,3,3,3,3,3,3,5",
  "C4,0.5,80,7,1,2,3,1,2,,2,4",
  "C5,1.5,45,,1,1,2,2,1,1,4,3",
].join("\n")

beforeAll(async () => {
  writeFileSync(join(dir, "sace-2023-24.csv"), `${sace}\n`)
  await Effect.runPromise(
    Pipeline.run({
      sources: [
        {
          plugin: "survey",
          config: {
            survey: "ASCS",
            year: "2024-25",
            laCode: "999",
            files: [join(fixtures, "ascs-2024-25.csv")],
          },
        },
        {
          plugin: "survey",
          config: { survey: "SACE", year: "2023-24", laCode: "999", files: ["sace-2023-24.csv"] },
        },
      ],
      baseDir: dir,
    }).pipe(
      Effect.provide(
        Layer.mergeAll(
          Warehouse.layer({ path: db }),
          SourceRegistry.layerWith([SurveySource.plugin]),
          Pseudonymiser.layer(Redacted.make("survey-test-key-0123")),
          Progress.layerSilent,
        ),
      ),
    ),
  )
})

const compute = (code: string, year = "2024-25") =>
  Effect.runPromise(
    Effect.flatMap(WarehouseReader.WarehouseReader, (r) =>
      Survey.compute(r, { code, year, laCode: "999" }),
    ).pipe(Effect.provide(WarehouseReader.layer(db))),
  )

describe("ASCS measures (weighted)", () => {
  it("1A: 32 − the sum of the eight answers, weighted mean (24, 14, 20 with weights 1.5, 0.5, 1 → 21.0)", async () => {
    const r = await compute("1A")
    expect(r).toMatchObject({ respondents: 3, weighted: true, status: "ok" })
    expect(r.value).toEqual(Value.available(21, undefined, 3))
  })

  it("1D from q1Comb (standard answers shifted, easy-read as is): 2.5 of 4 → 62.5%", async () => {
    expect((await compute("1D")).value).toEqual(Value.available(62.5, undefined, 4))
  })

  it("3A, 3C(1) (q13 from 2022-23, 'never tried' excluded), 4A, 5A(1)", async () => {
    expect(Value.toNumber((await compute("3A")).value)).toBe(83.3)
    expect((await compute("3C(1)")).value).toEqual(Value.available(83.3, undefined, 3))
    expect(Value.toNumber((await compute("4A")).value)).toBe(87.5)
    expect(Value.toNumber((await compute("5A(1)")).value)).toBe(62.5)
  })

  it("1B: utility-weighted quality of life minus the adjustment, LD and residential/nursing respondents excluded", async () => {
    // R1: 7.215 × 0.203 − 0.466 − (0.0473 + 0.5798) = 0.371545; R2: 0.629794 − 0.3853 = 0.244494
    // weighted: (1.5 × 0.371545 + 0.5 × 0.244494) / 2 = 0.33978 → 0.340
    const r = await compute("1B")
    expect(r.respondents).toBe(2)
    expect(r.value).toEqual(Value.available(0.34, undefined, 2))
    expect(r.weightedScore / r.weightTotal).toBeCloseTo(0.33978225, 8)
  })

  it("uses the 2020-21 question numbers before 2022-23", () => {
    const r = { answers: { q12: 2, q13: 5 }, weight: null, age: 70 }
    expect(Survey.score("3C(1)", "2021-22", "999", [r]).value).toEqual(Value.available(100, undefined, 1))
    expect(Survey.score("3C(1)", "2024-25", "999", [r]).value).toEqual(Value.available(0, undefined, 1))
    expect(Survey.ascsQuestion("q15a", "2024-25")).toBe("q16a")
    expect(Survey.ascsQuestion("q11", "2024-25")).toBe("q11")
  })

  it("says when it is unweighted, and suppresses fewer than 5 respondents when published", () => {
    const rs = [1, 1, 2, 3].map((a) => ({ answers: { q7a: a }, weight: null, age: 80 }))
    const r = Survey.score("4A", "2024-25", "999", rs)
    expect(r).toMatchObject({
      weighted: false,
      note: "unweighted: the loaded file carries no survey weights",
    })
    expect(r.value).toEqual(Value.available(50, undefined, 4))
    const measure = Either.getOrThrow(Catalogue.get("ASCOF-2023:4A"))
    expect(Outcome.publish(measure, r.value)._tag).toBe("Suppressed")
  })

  it("reports not available when no responses are loaded", async () => {
    expect((await compute("1C")).status).toBe("not-available")
  })
})

describe("SACE measures", () => {
  it("1C: six items scored 2/1/0, summed (0–12)", () => {
    const r = { answers: { q7: 1, q8: 1, q9: 2, q10: 1, q11: 3, q12: 2 }, weight: null, age: 60 }
    expect(Survey.score("1C", "2023-24", "999", [r]).value).toEqual(Value.available(8, undefined, 1))
  })

  it("1C from the loaded file: a carer missing an item is left out; weighted mean", async () => {
    // C1 12 (w 2), C2 6 (w 1), C3 0 (w 1), C5 2+2+1+1+2+2 = 10 (w 1.5); C4 has no q12.
    // (24 + 6 + 0 + 15) / 5.5 = 8.18 → 8.2
    const r = await compute("1C", "2023-24")
    expect(r).toMatchObject({ respondents: 4, weighted: true, status: "ok" })
    expect(r.weightedScore / r.weightTotal).toBeCloseTo(45 / 5.5, 10)
    expect(r.value).toEqual(Value.available(8.2, undefined, 4))
  })

  it("1E: q4 'extremely or very satisfied' (1, 2) of the seven answers, weighted", async () => {
    // C1 yes (w 2), C2 yes (w 1), C3 no (w 1), C4 no (w 0.5); C5 did not answer. 3 / 4.5 = 66.67% → 66.7
    const r = await compute("1E", "2023-24")
    expect(r).toMatchObject({ respondents: 4, weightedScore: 3, weightTotal: 4.5, weighted: true })
    expect(r.value).toEqual(Value.available(66.7, undefined, 4))
  })

  it("3B: q19 'always or usually involved' (1, 2), 5 'no discussions' left out, weighted", async () => {
    // C1 yes (w 2), C2 yes (w 1), C4 never (w 0.5), C5 sometimes (w 1.5); C3 had no discussions. 3 / 5 = 60.0
    const r = await compute("3B", "2023-24")
    expect(r).toMatchObject({ respondents: 4, weightedScore: 3, weightTotal: 5 })
    expect(r.value).toEqual(Value.available(60, undefined, 4))
  })

  it("3C(2): q17 'very or fairly easy' (1, 2), 5 'never tried' left out, weighted", async () => {
    // C1 very easy (w 2), C4 fairly easy (w 0.5), C3 fairly difficult (w 1), C5 very difficult (w 1.5); C2 never
    // tried. 2.5 / 5 = 50.0
    const r = await compute("3C(2)", "2023-24")
    expect(r).toMatchObject({ respondents: 4, weightedScore: 2.5, weightTotal: 5 })
    expect(r.value).toEqual(Value.available(50, undefined, 4))
  })

  it("5A(2): q11 'as much social contact as I want' (1) of the three answers, weighted", async () => {
    // C1 (w 2) and C5 (w 1.5) yes; C2 (w 1), C3 (w 1), C4 (w 0.5) no. 3.5 / 6 = 58.33% → 58.3
    const r = await compute("5A(2)", "2023-24")
    expect(r).toMatchObject({ respondents: 5, weightedScore: 3.5, weightTotal: 6 })
    expect(r.value).toEqual(Value.available(58.3, undefined, 5))
  })

  it("leaves out answers outside each question's codes; unweighted without weights", () => {
    const rs = [
      { q4: 2, q11: 1, q17: 2, q19: 1 },
      { q4: 3, q11: 3, q17: 4, q19: 4 },
      { q4: 8, q11: 4, q17: 0, q19: 6 }, // no such answer codes: left out of every measure
      { q4: 1, q11: 1, q17: 5, q19: 5 }, // never tried / no discussions: left out of 3C(2) and 3B
    ].map((answers) => ({ answers, weight: null, age: 50 }))
    const at = (code: string) => Survey.score(code, "2023-24", "999", rs)
    expect(at("1E")).toMatchObject({
      respondents: 3,
      weighted: false,
      value: Value.available(66.7, undefined, 3),
    })
    expect(at("5A(2)").value).toEqual(Value.available(66.7, undefined, 3))
    expect(at("3C(2)").value).toEqual(Value.available(50, undefined, 2))
    expect(at("3B").value).toEqual(Value.available(50, undefined, 2))
    expect(at("3B").note).toBe("unweighted: the loaded file carries no survey weights")
  })
})

describe("survey measures over a rolling 12 months (the ASCOF return's survey provider)", () => {
  const provide = (period: Period.Period) =>
    Effect.runPromise(
      Effect.flatMap(WarehouseReader.WarehouseReader, (r) =>
        AscofReturn.surveyProvider.compute(r, period, "999"),
      ).pipe(
        Effect.map((rs) => new Map(rs.map((m) => [m.code, m]))),
        Effect.provide(WarehouseReader.layer(db)),
      ),
    )

  it("12 months to 2024-25 Q3: the ASCS of its financial year, the latest SACE (2023-24), each said", async () => {
    const rs = await provide(Period.rolling12(Period.quarter(2024, 3)))
    expect(rs.get("1D")).toMatchObject({ status: "ok", period: "12 months to 2024-25 Q3", respondents: 4 })
    expect(Value.toNumber(rs.get("1D")!.value)).toBe(62.5)
    expect(rs.get("1D")!.note).toMatch(/^from the 2024-25 ASCS; /)
    expect(Value.toNumber(rs.get("1E")!.value)).toBe(66.7)
    expect(rs.get("1E")!.note).toMatch(/^from the 2023-24 SACE; /)
  })

  it("12 months to 2025-26 Q1: the latest ASCS of its year or the one before (2024-25); no SACE that recent", async () => {
    const rs = await provide(Period.rolling12(Period.quarter(2025, 1)))
    expect(Value.toNumber(rs.get("1A")!.value)).toBe(21)
    expect(rs.get("1A")!.note).toMatch(/^from the 2024-25 ASCS; /)
    // 2025-26 and 2024-25 have no SACE: the 2023-24 one is not carried this far.
    expect(rs.get("1E")!.status).toBe("not-available")
  })
})
