/**
 * Survey measures scored by NHS England's rules, checked against hand computations on a small response file
 * (packages/etl/test/fixtures/survey/ascs-2024-25.csv: four valid respondents with weights 1.5, 0.5, 1, 1).
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Catalogue, Outcome, Value } from "@asckit/core"
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
import * as Survey from "../../src/measures/survey/index.js"

const fixtures = fileURLToPath(new URL("../../../etl/test/fixtures/survey/", import.meta.url))
const dir = mkdtempSync(join(tmpdir(), "asckit-survey-measures-"))
const db = join(dir, "w.sqlite")
afterAll(() => rmSync(dir, { recursive: true, force: true }))

beforeAll(async () => {
  await Effect.runPromise(
    Pipeline.run({
      sources: [
        {
          plugin: "survey",
          config: { survey: "ASCS", year: "2024-25", laCode: "999", files: ["ascs-2024-25.csv"] },
        },
      ],
      baseDir: fixtures,
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
})
