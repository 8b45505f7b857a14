/**
 * The DoLS fixtures cover the default code tables: `fixtures/dols/all-codes/` holds every local value of every table
 * (spec.ts) — assessment statuses, application statuses, reasons not granted, urgent, age bands, gender — with edge
 * cases: UK and ISO dates, an application with no reference, status or optional value (its status worked out from
 * the dates), and a status no table maps (quarantined, listed by `Mapping.unmapped`).
 */
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { DolsSource, Mapping, WarehouseReader } from "../../src/index.js"
import { suite } from "../contract/SourcePluginSuite.js"
import { load, query, tempDir } from "../helpers.js"
import { column, coverage, type Target } from "./coverage.js"

const fixtures = fileURLToPath(new URL("../fixtures/dols/all-codes/", import.meta.url))
const plugin = DolsSource.plugin

// 29 applications; one quarantined: a status no table maps
suite(plugin, {
  config: { files: ["."], laCode: "999" },
  baseDir: fixtures,
  expect: { rowsRead: 29, rowsQuarantined: 1 },
  badConfig: { files: ["."], laCode: "999", mapping: { codes: { Urgent: { Maybe: "2" } } } },
})

const dols = (col: string, stored?: (label: string) => unknown) => column("dols_application", col, stored)
const statusCode: Record<string, string> = {
  Granted: "granted",
  "Not granted": "not-granted",
  Withdrawn: "withdrawn",
  "Not yet signed off": "open",
}
const assessment = dols
const targets: Record<string, Record<string, Target>> = {
  applications: {
    Urgent_Authorisation: dols("urgent", (label) => (label === "1" ? 1 : 0)),
    Age_Assessment: assessment("age_assessment", Number),
    Mental_Health_Assessment: assessment("mental_health_assessment", Number),
    Mental_Capacity_Assessment: assessment("mental_capacity_assessment", Number),
    No_Refusals_Assessment: assessment("no_refusals_assessment", Number),
    Eligibility_Assessment: assessment("eligibility_assessment", Number),
    Best_Interests_Assessment: assessment("best_interests_assessment", Number),
    Application_Status: dols("status", (label) => statusCode[label]),
    Reason_Not_Granted: dols("not_granted_reason"),
    Age_Band: dols("age_band"),
    Gender: dols("gender"),
  },
}

describe("DoLS code coverage", () => {
  const dir = tempDir("asckit-dols-coverage-")
  const db = join(dir, "coverage.sqlite")

  it("loads every value of every default code table to its national value", async () => {
    const s = await load(db, [plugin], {
      sources: [{ plugin: "dols", config: { files: ["."], laCode: "999" } }],
      baseDir: fixtures,
    })
    expect(s.files[0]).toMatchObject({ rowsRead: 29, rowsLoaded: 28, rowsQuarantined: 1, findings: 0 })
    for (const c of DolsSource.spec.layouts[0]!.columns.filter((x) => x.codes !== undefined))
      expect(targets.applications?.[c.name], c.name).toBeDefined()
    const result = coverage({
      db,
      files: [{ path: join(fixtures, "dols-coverage.csv"), layout: DolsSource.spec.layouts[0]! }],
      tables: DolsSource.spec.tables,
      targets,
    })
    expect(result.untargeted).toEqual([])
    expect(result.mismatches).toEqual([])
    expect(result.uncovered).toEqual([])
    expect(Object.values(result.checked).reduce((a, b) => a + b, 0)).toBe(68)
  })

  it("quarantines the unmapped status, lists it, and works out a blank status from the dates", async () => {
    expect(query(db, "select row_number, column, error_code from etl_quarantine")).toEqual([
      { row_number: 30, column: "Application_Status", error_code: "unmapped-code" },
    ])
    const report = await Effect.runPromise(Mapping.unmapped().pipe(Effect.provide(WarehouseReader.layer(db))))
    expect(report).toEqual([
      {
        plugin: "dols",
        stream: "applications",
        column: "Application_Status",
        value: "Sent to Court of Protection",
        table: "ApplicationStatus",
        rows: 1,
      },
    ])
    expect(
      query(
        db,
        "select received_date, managing_authority_cqc, urgent, age_assessment, signed_off_date, status, status_source, not_granted_reason, age_band, gender from dols_application where row_number = 29",
      ),
    ).toEqual([
      {
        received_date: "2025-02-03",
        managing_authority_cqc: null,
        urgent: null,
        age_assessment: null,
        signed_off_date: null,
        status: "open",
        status_source: null,
        not_granted_reason: null,
        age_band: "75-84",
        gender: null,
      },
    ])
    // UK and ISO dates read alike
    expect(
      query(
        db,
        "select received_date, signed_off_date, authorisation_end from dols_application where row_number in (2, 3) order by row_number",
      ),
    ).toEqual([
      { received_date: "2024-01-02", signed_off_date: "2024-01-22", authorisation_end: "2025-01-21" },
      { received_date: "2024-02-02", signed_off_date: "2024-02-22", authorisation_end: "2025-02-21" },
    ])
    expect(
      query(db, "select status, count(*) as n from dols_application group by status order by status"),
    ).toEqual([
      { status: "granted", n: 3 },
      { status: "not-granted", n: 17 },
      { status: "open", n: 7 },
      { status: "withdrawn", n: 1 },
    ])
  })
})
