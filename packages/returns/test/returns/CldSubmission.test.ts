/**
 * The CLD submission from a warehouse loaded from LAS and ContrOCC reports (through the real plugins, raw
 * identifiers kept): the conformance suite, the file's shape, the identifiers rule, and a warehouse with known
 * faults whose every fault the validation report must find at its row and column.
 */
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { Cld, Period } from "@asckit/core"
import {
  ControccSource,
  Derive,
  LasSource,
  Pipeline,
  Progress,
  Pseudonymiser,
  SourceRegistry,
  Warehouse,
  WarehouseReader,
} from "@asckit/etl"
import { Cause, Effect, Exit, Layer, Option, Redacted, Schema } from "effect"
import ExcelJS from "exceljs"
import { beforeAll, describe, expect, it } from "vitest"
import { CldSubmission } from "../../src/index.js"
import { suite } from "../contract/ReturnPluginSuite.js"
import { tempDir } from "./helpers.js"

const dir = tempDir("asckit-cld-submission-")
const P = "01/04/2024,31/03/2025"
const period = Period.quarter(2024, 4)
const context = { laCode: "999", version: "test" }

const files: Record<string, string> = {
  people: `Period Start,Period End,Person ID,NHS Number,Client Type,Date of Birth,Date of Death,Gender,Ethnicity,Accommodation,Employment Status,GP Practice Code,Postcode,Primary Support Reason,Has Unpaid Carer,Funding Status
${P},P1,9434765919,Client,15/06/1940,,Female,White - British,Owner Occupier,Retired,Z99101,BL9 0EJ,Physical Support - Personal Care,Yes,Client Contribution
${P},P2,,Client,02/03/1958,,,Asian or Asian British - Pakistani,Council Tenant,Retired,Z99102,SB1 2AB,Memory and Cognition,No,Council Funded
${P},P3,9434765927,Client,01/01/1990,,Male,White - Irish,Supported Accommodation,,Z99103,SB2 3CD,Learning Disability,No,Council Funded
${P},P4,,Client,01/01/1935,01/06/2025,Female,White - British,Nursing Home,Retired,Z99104,SB3 4EF,Memory and Cognition,No,Client Contribution
`,
  carers: `Period Start,Period End,Carer Person ID,NHS Number,Date of Birth,Gender,Ethnicity,Accommodation,Employment Status,GP Practice Code,Postcode,Cared For Person ID 1,Cared For Person ID 2
${P},C1,9434765935,02/07/1961,Male,White - British,Owner Occupier,Paid Employment - Under 16 Hours,Z99110,SB4 2FG,P1,PX
`,
  requests: `Period Start,Period End,Request ID,Person ID,NHS Number,Client Type,Request Date,Decision Date,Route of Access,Outcome
${P},R1,P3,9434765927,Client,02/04/2024,09/04/2024,Community,
`,
  assessments: `Period Start,Period End,Assessment ID,Person ID,NHS Number,Client Type,Assessment Type,Start Date,Completed Date,Eligible Needs,Assessment Method,Outcome,Hours Caring Per Week,Adults Cared For
${P},A1,P1,9434765919,Client,Care Act Assessment,10/04/2024,20/04/2024,Eligible,Face to Face,Progress to Support Planning,,
${P},A2,P2,,Client,Care Act Assessment,01/06/2024,05/06/2024,Not Eligible,,NFA - Information and Advice,,
${P},A3,P1,9434765919,Client,Care Act Reassessment,01/03/2025,01/05/2025,Eligible,Telephone Assessment,Progress to Support Planning,,
${P},A4,C1,9434765935,Carer,Carer's Assessment,02/05/2024,10/05/2024,Eligible,Face to Face,Progress to Support Planning,35,1
`,
  reviews: `Period Start,Period End,Review ID,Person ID,NHS Number,Client Type,Review Reason,Start Date,Completed Date,Outcomes Met,Review Method,Outcome
${P},V1,P1,9434765919,Client,Scheduled Review,05/11/2024,10/11/2024,,Face to Face,No Change - Continue Current Support
${P},V2,P4,,Client,Scheduled Review,05/11/2024,10/11/2024,Fully Met,Face to Face,No Change - Continue Current Support
${P},V0,P1,9434765919,Client,Scheduled Review,05/11/2022,10/11/2022,Fully Met,Face to Face,No Change - Continue Current Support
`,
  controcc: `Period Start,Period End,Agreement ID,Client ID,NHS Number,Service Type,Service,Delivery Mechanism,CQC Location ID,Start Date,End Date,End Reason,Unit Cost,Cost Unit,Planned Units Per Week
2024-04-01,2025-03-31,S1,P1,9434765919,LT Residential Care,Residential Placement,Council Commissioned,1-123456789,2024-05-01,,,850.5,Per Week,1
2024-04-01,2025-03-31,S2,P9,,LT Community Support,Home Care,Council Commissioned,,2024-06-01,,,,,
2024-04-01,2025-03-31,S3,P2,,LT Community Support,Direct Payment,Direct Payment,,2024-06-01,,,,,
2024-04-01,2025-03-31,S4,C1,9434765935,Carer Support - Direct,Carer Sitting Service,Council Commissioned,,2024-07-01,2024-09-30,Service Completed,19.5,Per Hour,4
2024-04-01,2025-03-31,S5,P4,,LT Nursing Care,Nursing Placement,Council Commissioned,1-999,2023-01-01,,,1100,Per Week,1
`,
}

const load = (db: string, keepIdentifiers: boolean) => {
  const paths = Object.fromEntries(
    Object.entries(files).map(([name, text]) => {
      const path = join(dir, `${name}.csv`)
      writeFileSync(path, text)
      return [name, path]
    }),
  )
  const { controcc, ...las } = paths
  return Effect.runPromise(
    Pipeline.run({
      sources: [
        {
          plugin: "las",
          config: { laCode: "999", files: Object.fromEntries(Object.entries(las).map(([k, v]) => [k, [v]])) },
        },
        { plugin: "controcc", config: { laCode: "999", files: [controcc] } },
      ],
      baseDir: dir,
      derivations: Derive.all,
      keepIdentifiers,
      workers: false,
    }).pipe(
      Effect.provide(
        Layer.mergeAll(
          Warehouse.layer({ path: db }),
          SourceRegistry.layerWith([LasSource.plugin, ControccSource.plugin]),
          Pseudonymiser.layer(Redacted.make("cld-submission-test-key")),
          Progress.layerSilent,
        ),
      ),
    ),
  )
}

const db = join(dir, "warehouse.sqlite")
const pseudonymsOnly = join(dir, "pseudonyms.sqlite")

const submission = (path = db, p: Period.Period = period) =>
  Effect.runPromiseExit(
    CldSubmission.submission(Schema.decodeUnknownSync(CldSubmission.Config)({}), p, context).pipe(
      Effect.provide(WarehouseReader.layer(path)),
    ),
  )

let built: CldSubmission.Submission

beforeAll(async () => {
  const s = await load(db, true)
  expect(s.ok).toBe(true)
  await load(pseudonymsOnly, false)
  const exit = await submission()
  if (Exit.isFailure(exit)) throw Cause.squash(exit.cause)
  built = exit.value
})

suite(CldSubmission.plugin, { warehouse: () => db, config: {}, period, laCode: "999" })

const col = (name: Cld.FieldName) => Cld.fieldNames.indexOf(name)
const rowOf = (reference: string) => built.rows.findIndex((r) => r[col("Event_Reference")] === reference) + 2
const cell = (reference: string, name: Cld.FieldName) => built.rows[rowOf(reference) - 2]?.[col(name)]

describe("the CLD submission", () => {
  it("holds the events in scope for the rolling 12 months, as at its end, with the real identifiers", () => {
    expect(built.header).toEqual(Cld.fieldNames)
    expect(built.quarter).toBe("2024-25 Q4")
    expect([built.periodStart, built.periodEnd]).toEqual(["2024-04-01", "2025-03-31"])
    // V0 ended before the period: out of scope; S5 (open since 2023) is in
    expect(built.rows.map((r) => r[col("Event_Reference")]).sort()).toEqual(
      ["A1", "A2", "A3", "A4", "R1", "S1", "S2", "S3", "S4", "S5", "V1", "V2"].sort(),
    )
    expect(cell("A1", "NHS_Number")).toBe("9434765919")
    expect(cell("A1", "LA_Person_Unique_Identifier")).toBe("P1")
    expect(cell("A1", "Date_of_Birth")).toBe("1940-06-15") // kept in full by a load that keeps identifiers
    expect(cell("A1", "Postcode")).toBe("BL9 0EJ")
    expect(cell("A1", "Reporting_Period_End_Date")).toBe("2025-03-31")
    // ended after the period end: written open
    expect([
      cell("A3", "Event_End_Date"),
      cell("A3", "Event_Outcome"),
      cell("A3", "Eligible_Needs_Identified"),
    ]).toEqual(["", "", ""])
    // died after the period end: not written
    expect(cell("V2", "Date_of_Death")).toBe("")
    // a carer's ContrOCC service takes their caring details from their assessment; links by LA person id
    expect([cell("S4", "Total_Hrs_Caring_per_week"), cell("S4", "No_of_adults_being_cared_for")]).toEqual([
      "35",
      "1",
    ])
    expect([cell("S4", "Adult_1_Linked_Person_ID"), cell("S4", "Adult_2_Linked_Person_ID")]).toEqual([
      "P1",
      "",
    ])
    expect(built.byType).toEqual({ Request: 1, Assessment: 4, Service: 5, Review: 2 })
    expect(built.people).toBe(6)
  })

  it("finds every fault of the warehouse at its row and column", () => {
    const found = built.issues.map((i) => `${i.row} ${i.column} ${i.severity} ${i.rule}`).sort()
    const expected = [
      // a ContrOCC service for a client missing from the person details report: no identifiers at all
      `${rowOf("S2")} NHS_Number error missing-person-id`,
      // a blank mandatory gender, on each of P2's rows
      `${rowOf("A2")} Gender warning blank-mandatory`,
      `${rowOf("S3")} Gender warning blank-mandatory`,
      // an assessment without its method
      `${rowOf("A2")} Method_of_Assessment warning blank-mandatory`,
      // a request that ended without an outcome
      `${rowOf("R1")} Event_Outcome warning blank-mandatory`,
      // learning disability support at 34 without an employment status
      `${rowOf("R1")} Employment_Status warning employment-status-required`,
      // a completed planned review without its outcomes
      `${rowOf("V1")} Review_Outcomes_Achieved warning review-outcomes-required`,
      // a direct payment without its costs
      `${rowOf("S3")} Unit_Cost warning cost-required`,
      `${rowOf("S3")} Cost_Frequency_Unit_Type warning cost-required`,
      `${rowOf("S3")} Planned_units_per_week warning cost-required`,
      // the carer cares for someone the warehouse does not hold: on each of the carer's rows
      `${rowOf("A4")} Adult_1_Linked_Person_ID warning linked-person-unknown`,
      `${rowOf("S4")} Adult_1_Linked_Person_ID warning linked-person-unknown`,
    ].sort()
    expect(found).toEqual(expected)
    expect(JSON.stringify(built.issues)).not.toMatch(/9434765|P1|BL9 0EJ/)
  })

  it("writes the CSV and the validation report: rows by row and column, a summary by field, no identifiers", async () => {
    const csv = join(dir, "out", "submission.csv")
    const xlsx = join(dir, "out", "report.xlsx")
    const w = await Effect.runPromise(
      CldSubmission.write(Schema.decodeUnknownSync(CldSubmission.Config)({}), period, context, {
        csv,
        report: xlsx,
      }).pipe(Effect.provide(WarehouseReader.layer(db))),
    )
    expect(w).toMatchObject({ rows: 12, errors: 1, warnings: 11 })
    const text = readFileSync(csv, "utf8")
    const lines = text.split("\r\n")
    expect(lines[0]).toBe(Cld.fieldNames.join(","))
    expect(lines).toHaveLength(14) // header, 12 rows, and the final line end
    expect(text).toBe(CldSubmission.toCsv(built))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(xlsx)
    const rows = wb.getWorksheet("Rows")
    const values: Array<string> = []
    rows?.eachRow((r) => values.push((r.values as Array<unknown>).slice(1).join("|")))
    expect(values).toContain(
      `${rowOf("S2")}|NHS_Number|missing-person-id|error|the row has neither an NHS number nor an LA person id, so it cannot be linked to a person`,
    )
    const summary = wb.getWorksheet("Summary")
    const all: Array<string> = []
    summary?.eachRow((r) => all.push((r.values as Array<unknown>).slice(1).join("|")))
    expect(all).toContain("Gender|0|2|warning: blank-mandatory × 2")
    const everything: Array<string> = []
    for (const ws of wb.worksheets) ws.eachRow((r) => everything.push(JSON.stringify(r.values)))
    expect(everything.join("\n")).not.toMatch(/9434765919|"P1"|BL9 0EJ/)
  })

  it("needs raw identifiers: built from a pseudonymised warehouse it says how to get them", async () => {
    const exit = await submission(pseudonymsOnly)
    expect(Exit.isFailure(exit)).toBe(true)
    const e = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.failureOption(exit.cause)) : undefined
    expect(e).toMatchObject({ _tag: "ReturnBuildError", returnId: "cld-submission" })
    expect((e as { message: string }).message).toMatch(
      /pseudonymised identifiers only.*keepIdentifiers: true/,
    )
  })

  it("is for a quarter, and for a period the warehouse holds", async () => {
    const year = await submission(db, Period.financialYear(2024))
    expect(Exit.isFailure(year) && String(Cause.squash(year.cause))).toMatch(/for a quarter/)
    const empty = await submission(db, Period.quarter(2020, 1))
    expect(Exit.isFailure(empty) && String(Cause.squash(empty.cause))).toMatch(/has no events/)
  })
})
