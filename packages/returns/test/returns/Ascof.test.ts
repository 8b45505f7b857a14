/**
 * The ASCOF return on a small borough: hand-built CLD rows for LA 999 (loaded through the real CLD plugin), ONS-like
 * population, survey responses, and DHSC's real 2024-25 ASCOF tables (examples/data) for the comparators — the borough
 * compared as Bury (305), as the demo does.
 */
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Period, Value } from "@asckit/core"
import {
  AscofPublishedSource,
  Pipeline,
  Progress,
  Pseudonymiser,
  SourceRegistry,
  SurveySource,
  Warehouse,
  WarehouseReader,
} from "@asckit/etl"
import { Effect, Layer } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { AscofReturn, ReturnDocument as D } from "../../src/index.js"
import { build, suite } from "../contract/ReturnPluginSuite.js"
import {
  insertPopulation,
  loadWarehouse,
  person,
  read,
  stMax,
  tempDir,
  testKey,
} from "../measures/ascof-fixtures.js"
import { roundTrip } from "./helpers.js"

const ods = fileURLToPath(new URL("../../../../examples/data/ascof-2024-25.ods", import.meta.url))
const surveys = fileURLToPath(new URL("../../../etl/test/fixtures/survey/", import.meta.url))
const dir = tempDir("asckit-ascof-return-")
let db = ""

const residential = (who: ReturnType<typeof person>, start: string) => ({
  ...who,
  Event_Type: "Service",
  Event_Reference: `R-${start}`,
  Event_Start_Date: start,
  Event_Outcome: "Continuation of support or services",
  Service_Type: "Long term support: Residential care",
  Service_Component: "Long term residential care",
  Delivery_Mechanism: "CASSR commissioned support",
})

beforeAll(async () => {
  // Reablement: 4 of 5 new clients with no further request (the fifth starts long-term support 2 days after);
  // 3 admissions to care homes aged 65+.
  const fifth = person()
  const rows = [
    stMax(person(), "2024-05-01", "2024-06-10", "NFA: Support ended as planned"),
    stMax(person(), "2024-07-01", "2024-08-01", "NFA: Support ended as planned"),
    stMax(person(), "2024-09-01", "2024-10-01", "NFA: Information and advice or signposting"),
    stMax(person(), "2024-10-01", "2024-11-01", "NFA: Support ended as planned"),
    stMax(fifth, "2024-11-01", "2024-12-01", "Progress to support planning or services"),
    {
      ...fifth,
      Event_Type: "Service",
      Event_Reference: "LT-5",
      Event_Start_Date: "2024-12-03",
      Event_Outcome: "Continuation of support or services",
      Service_Type: "Long term support: Community",
      Service_Component: "Home support or domiciliary care",
      Delivery_Mechanism: "Direct payment",
    },
    residential(person(), "2024-06-01"),
    residential(person(), "2024-08-01"),
    residential(person(), "2025-01-10"),
  ]
  db = await loadWarehouse(dir, "borough", rows)
  await insertPopulation(db, "999", 2024, () => 1000)
  await Effect.runPromise(
    Effect.gen(function* () {
      yield* Pipeline.run({
        sources: [{ plugin: "ascof-published", config: { files: [ods] } }],
        baseDir: "/",
        workers: false,
      })
      yield* Pipeline.run({
        sources: [
          {
            plugin: "survey",
            config: { survey: "ASCS", year: "2024-25", laCode: "999", files: ["ascs-2024-25.csv"] },
          },
        ],
        baseDir: surveys,
      })
      // The carers' survey runs every other year: 2023-24 only. 1E (q4 "extremely or very satisfied", 1 or 2): 2 of 4.
      writeFileSync(join(dir, "sace-2023-24.csv"), "SerialNo,q4\nC1,1\nC2,2\nC3,4\nC4,6\n")
      yield* Pipeline.run({
        sources: [
          {
            plugin: "survey",
            config: { survey: "SACE", year: "2023-24", laCode: "999", files: ["sace-2023-24.csv"] },
          },
        ],
        baseDir: dir,
      })
    }).pipe(
      Effect.provide(
        Layer.mergeAll(
          Warehouse.layer({ path: db }),
          SourceRegistry.layerWith([AscofPublishedSource.plugin, SurveySource.plugin]),
          Pseudonymiser.layer(testKey),
          Progress.layerSilent,
        ),
      ),
    ),
  )
}, 120_000)

const options = {
  warehouse: () => db,
  config: { benchmarkAs: "305" },
  period: Period.unsafeParse("2024-25"),
  laCode: "999",
}

suite(AscofReturn.plugin, options)

describe("the ASCOF return", () => {
  const summary = async () => (await build(AscofReturn.plugin, options)).sheets[0]!.tables[0]!

  it("computes the borough's measures by the official method", async () => {
    const t = await summary()
    expect(D.at(t, "2A", "Outcome")?.value).toBe(80) // 4 / 5
    expect(D.at(t, "2A", "Numerator")?.value).toBe(4)
    // 3 admissions aged 65+ / 26,000 (26 single years × 1,000) × 100,000 = 11.5
    expect(D.at(t, "2C", "Outcome")?.value).toBe(11.5)
    expect(D.at(t, "2C", "Published as")?.value).toBe("[c] (a count below 5)")
    expect(D.at(t, "1D", "Outcome")?.value).toBe(62.5) // the survey fixture, weighted
  })

  it("carries the latest carers' survey into a year without one (biennial), but never an earlier ASCS", async () => {
    const results = await Effect.runPromise(
      Effect.flatMap(WarehouseReader.WarehouseReader, (r) =>
        Effect.all([
          AscofReturn.collect(r, Period.unsafeParse("2024-25"), "999"),
          AscofReturn.collect(r, Period.unsafeParse("2025-26"), "999"),
        ]),
      ).pipe(Effect.provide(WarehouseReader.layer(db))),
    )
    const [y2425, y2526] = results.map((rs) => new Map(rs.map((m) => [m.code, m])))
    expect(Value.toNumber(y2425!.get("1E")!.value)).toBe(50)
    expect(y2425!.get("1E")!.note).toMatch(/^from the 2023-24 SACE; /)
    expect(Value.toNumber(y2425!.get("1D")!.value)).toBe(62.5) // the 2024-25 ASCS itself
    // 2025-26: the 2024-25 SACE would be two years back (none carried); the ASCS is annual (none carried).
    expect(y2526!.get("1E")!.status).toBe("not-available")
    expect(y2526!.get("1D")!.status).toBe("not-available")
  })

  it("sets it beside England, the North West and Greater Manchester as DHSC published them", async () => {
    const t = await summary()
    expect(D.at(t, "2C", "England")?.value).toBe(592.5)
    expect(D.at(t, "2C", "North West")?.value).toBe(672)
    // Greater Manchester: Σ of its ten councils' published 2C numerators / denominators (examples/data ODS, Table_2c:
    // 347 + 312 + 311 + 265 + 312 + 334 + 414 + 289 + 226 + 402 = 3,212 over 471,432 people 65+) = 681.3
    expect(D.at(t, "2C", "Greater Manchester")?.value).toBe(681.3)
    expect(D.at(t, "1D", "Greater Manchester")?.marker).toBe("[x]") // DHSC publishes no survey counts
  })

  it("ranks it within GM, the North West and England in Bury's place, best first by polarity", async () => {
    const t = await summary()
    // 11.5 admissions per 100,000 is far below every GM council's 2C (lower is better): first of 10
    expect(D.at(t, "2C", "Rank: Greater Manchester")?.value).toBe("1 of 10")
    expect(D.at(t, "2C", "Rank: North West")?.value).toMatch(/^1 of 2[34]$/)
    // 1D 62.5 in Bury's place among GM's other published 1D 2024-25 values (Salford 67.8, Bolton 65.7, Wigan 65.4,
    // Rochdale 63.1, Stockport 62.6, then 62.5; Oldham 61.8, Tameside 61.0, Manchester 60.9, Trafford 58.1): 6th
    expect(D.at(t, "1D", "Rank: Greater Manchester")?.value).toBe("6 of 10")
  })

  it("writes the gov.uk long format", async () => {
    const results = await read(db, (r) => AscofReturn.collect(r, Period.unsafeParse("2024-25"), "999"))
    const csv = AscofReturn.govUkCsv(results, "999")
    const lines = csv.trim().split("\r\n")
    expect(lines[0]).toBe(
      "Geographical code,Geographical description,Geographical level,ONS code,ASCOF measure code,Disaggregation level,Measure type,Measure value",
    )
    // It is the published form: 4 reablement successes, 3 admissions and 4 respondents are all below 5.
    for (const code of ["2A", "2C", "1D"]) {
      for (const type of ["Numerator", "Denominator", "Outcome"]) {
        expect(lines).toContain(`999,999,Local authority,,${code},Total,${type},[c]`)
      }
    }
    const bury = AscofReturn.govUkCsv(
      [
        {
          ...results.find((r) => r.code === "2C")!,
          numerator: 312,
          denominator: 36_500,
          value: Value.available(854.8, 312, 36_500),
        },
        {
          ...results.find((r) => r.code === "1D")!,
          respondents: 343,
          denominator: 343,
          value: Value.available(64.3, undefined, 343),
        },
      ],
      "305",
    )
    expect(bury.trim().split("\r\n").slice(1)).toEqual([
      "305,Bury,Local authority,E08000002,2C,Total,Numerator,312",
      "305,Bury,Local authority,E08000002,2C,Total,Denominator,36500",
      "305,Bury,Local authority,E08000002,2C,Total,Outcome,854.8",
      "305,Bury,Local authority,E08000002,1D,Total,Number of respondents,345", // 343 respondents, published rounded to 5
      "305,Bury,Local authority,E08000002,1D,Total,Outcome,64.3",
    ])
  })

  it("writes the workbook with the measures' number formats, frozen headers and fitted widths", async () => {
    const doc = await build(AscofReturn.plugin, options)
    const wb = await roundTrip(doc, join(dir, "ascof-2024-25.xlsx"))
    const ws = wb.getWorksheet("Summary")!
    // The table's header row ("Code", "Measure", …) and the rows by code.
    let headerRow = 0
    const rowOf = new Map<string, number>()
    ws.eachRow((row, n) => {
      const first = row.getCell(1).value
      if (first === "Code" && headerRow === 0) headerRow = n
      else if (headerRow > 0 && typeof first === "string") rowOf.set(first, n)
    })
    expect(headerRow).toBeGreaterThan(2)
    const columnOf = (name: string) => {
      let col = 0
      ws.getRow(headerRow).eachCell((c, i) => {
        if (c.value === name) col = i
      })
      expect(col, name).toBeGreaterThan(0)
      return col
    }
    const outcome = columnOf("Outcome")
    const cell = (code: string, col: number) => ws.getRow(rowOf.get(code)!).getCell(col)
    // 2A: a percentage to 1 dp, stored as the number 80 and shown as "80.0%" (not Excel's ×100 percent format).
    expect(cell("2A", outcome).value).toBe(80)
    expect(cell("2A", outcome).numFmt).toBe('0.0"%"')
    // 1B: a score to 3 dp (ODS-2425 Table_1b), 0.340 on the survey fixture.
    expect(D.at(doc.sheets[0]!.tables[0]!, "1B", "Outcome")).toMatchObject({
      value: 0.34,
      format: "decimal3",
    })
    expect(cell("1B", outcome).value).toBe(0.34)
    expect(cell("1B", outcome).numFmt).toBe("0.000")
    // 2C: a rate per 100,000 to 1 dp; the counts as whole numbers with thousands separators.
    expect(cell("2C", outcome).value).toBe(11.5)
    expect(cell("2C", outcome).numFmt).toBe("#,##0.0")
    expect(cell("2C", columnOf("Denominator")).value).toBe(26_000)
    expect(cell("2C", columnOf("Denominator")).numFmt).toBe("#,##0")
    // The Summary's one table: frozen below its header row and right of the Code column; so is each objective's.
    expect(ws.views[0]).toMatchObject({ state: "frozen", xSplit: 1, ySplit: headerRow })
    expect(wb.getWorksheet("Objective 2")!.views[0]).toMatchObject({ state: "frozen", xSplit: 1 })
    // Widths fitted to the contents (at least 8 characters, at most 60): the names far wider than Excel's default;
    // every column written with its width (none left to Excel's 8.43); the sheet's title, subtitle and notes, which
    // run across the sheet, do not widen the Code column.
    const DEFAULT_WIDTH = 8.43
    expect(ws.getColumn(columnOf("Measure")).width).toBeGreaterThan(30)
    expect(ws.getColumn(columnOf("Polarity")).width).toBeGreaterThan(DEFAULT_WIDTH)
    expect(ws.getColumn(columnOf("Denominator")).width).toBeGreaterThan(DEFAULT_WIDTH)
    expect(ws.getColumn(columnOf("Code")).width).toBeLessThan(15)
    ws.getRow(headerRow).eachCell((c, i) => {
      expect(ws.getColumn(i).width, String(c.value)).toBeGreaterThanOrEqual(8)
    })
  })

  it("publishes only what DHSC's rules allow: small counts and the rates on them [c], counts rounded to 5, published comparators kept", async () => {
    const t = D.publish(await build(AscofReturn.plugin, options)).sheets[0]!.tables[0]!
    // 2C: 3 admissions → the numerator and the rate [c]; the population denominator rounded to 5 (26,000).
    expect(D.at(t, "2C", "Numerator")?.marker).toBe("[c]")
    expect(D.at(t, "2C", "Outcome")).toMatchObject({ value: null, marker: "[c]" })
    expect(D.at(t, "2C", "Denominator")?.value).toBe(26_000)
    // 2A: 4 of 5 → [c], as DHSC's rule for the measure says.
    expect(D.at(t, "2A", "Outcome")?.marker).toBe("[c]")
    // DHSC's published England and Greater Manchester values stay as published.
    const exact = await summary()
    for (const col of ["England", "Greater Manchester"]) {
      const published = D.at(exact, "2C", col)
      expect(published?.value, col).toBeTypeOf("number")
      expect(D.at(t, "2C", col)?.value, col).toBe(published?.value)
    }
    // Every outcome: published as computed exactly where the measure's own rule (the "Published as" column) says so.
    for (const row of exact.rows) {
      const code = row.header[0]!
      const asComputed = D.at(exact, code, "Published as")?.value === "as computed"
      const value = D.at(exact, code, "Outcome")?.value
      expect(D.at(t, code, "Outcome")?.value ?? null, code).toBe(asComputed ? value : null)
    }
  })
})
