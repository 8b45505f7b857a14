import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Effect, Either, Schema } from "effect"
import ExcelJS from "exceljs"
import { describe, expect, it } from "vitest"
import { DolsSource, Mapping, Pseudonymiser, WarehouseReader } from "../../src/index.js"
import { suite } from "../contract/SourcePluginSuite.js"
import { load, query, tempDir, testKey } from "../helpers.js"

const fixtures = fileURLToPath(new URL("../fixtures/dols/", import.meta.url))
const plugin = DolsSource.plugin

suite(plugin, {
  config: { files: ["."], laCode: "999" },
  baseDir: fixtures,
  // 2023-24: 13 rows, 3 quarantined (signed off before received, 31/02/2024, assessment status 5); 2024-25: 4 rows
  expect: { rowsRead: 17, rowsQuarantined: 3 },
  badConfig: { files: ["."], laCode: "99" },
})

const loadDols = (db: string, config: Record<string, unknown>, baseDir = fixtures) =>
  load(db, [plugin], { sources: [{ plugin: "dols", config }], baseDir })

const header =
  "Application Reference,Person Reference,LA Code,CQC Location Code,Date Application Received,Urgent Authorisation Included,Age Assessment Status,Mental Health Assessment Status,Mental Capacity Assessment Status,No Refusals Assessment Status,Eligibility Assessment Status,Best Interests Assessment Status,Date of Last Assessment,Application Sign-off Date,Application Status,Reason Not Granted,Authorisation Start Date,Authorisation End Date,Age,Gender"

describe("DoLS source", () => {
  const dir = tempDir("asckit-dols-")

  it("loads the national return: statuses, codes, derived status, and one row per application across returns", async () => {
    const db = join(dir, "fixtures.sqlite")
    const s = await loadDols(db, { files: ["."], laCode: "999" })
    expect(s.ok).toBe(true)
    expect(
      s.files.map((f) => [f.path.split("/").pop(), f.rowsRead, f.rowsLoaded, f.rowsQuarantined]),
    ).toEqual([
      ["dols-2023-24.csv", 13, 10, 3],
      ["dols-2024-25.csv", 4, 4, 0],
    ])
    // 10 applications from 2023-24, of which 2 are repeated in 2024-25, plus 2 new ones
    expect(query(db, "select count(*) as n from dols_application")).toEqual([{ n: 12 }])
    const rows = query<Record<string, unknown>>(
      db,
      `select received_date, managing_authority_cqc, urgent, age_assessment, mental_health_assessment,
              mental_capacity_assessment, no_refusals_assessment, eligibility_assessment, best_interests_assessment,
              last_assessment_date, signed_off_date, status, status_source, not_granted_reason,
              authorisation_start, authorisation_end, age_band, gender
       from dols_application order by received_date, managing_authority_cqc`,
    )
    const on = (date: string) => rows.filter((r) => r.received_date === date)
    expect(on("2023-05-10")).toEqual([
      {
        received_date: "2023-05-10",
        managing_authority_cqc: "1-9990000002",
        urgent: 0,
        age_assessment: 1,
        mental_health_assessment: 1,
        mental_capacity_assessment: 2,
        no_refusals_assessment: 1,
        eligibility_assessment: 1,
        best_interests_assessment: 0,
        last_assessment_date: "2023-09-01",
        signed_off_date: "2023-09-04",
        status: "not-granted",
        status_source: "Not granted",
        not_granted_reason: "Mental capacity requirement not met",
        authorisation_start: null,
        authorisation_end: null,
        age_band: "75-84",
        gender: "Male",
      },
    ])
    const pick = (date: string, ...cols: Array<string>) =>
      on(date).map((r) => Object.fromEntries(cols.map((c) => [c, r[c]])))
    // equivalent assessments (3), withdrawn, status worked out from the dates
    expect(pick("2023-07-07", "age_assessment", "mental_health_assessment", "status")).toEqual([
      { age_assessment: 3, mental_health_assessment: 3, status: "granted" },
    ])
    expect(pick("2023-08-01", "status", "not_granted_reason")).toEqual([
      { status: "withdrawn", not_granted_reason: "Application withdrawn" },
    ])
    expect(pick("2023-09-12", "status", "status_source")).toEqual([
      { status: "granted", status_source: null },
    ])
    // local codes mapped: Y, Met, Authorised, F
    expect(
      pick("2023-10-05", "urgent", "best_interests_assessment", "status", "status_source", "gender"),
    ).toEqual([
      {
        urgent: 1,
        best_interests_assessment: 1,
        status: "granted",
        status_source: "Authorised",
        gender: "Female",
      },
    ])
    // the open hospital application of 2023-24 was granted in the 2024-25 return (UK dates, other headers)
    expect(
      pick("2023-11-20", "status", "signed_off_date", "authorisation_end", "urgent", "age_band"),
    ).toEqual([
      {
        status: "granted",
        signed_off_date: "2023-12-12",
        authorisation_end: "2024-01-08",
        urgent: 0,
        age_band: "75-84",
      },
    ])
    expect(
      pick("2024-05-15", "urgent", "age_assessment", "status", "not_granted_reason", "age_band"),
    ).toEqual([
      {
        urgent: 1,
        age_assessment: 0,
        status: "not-granted",
        not_granted_reason: "Change in circumstances",
        age_band: "65-74",
      },
    ])
    expect(pick("2024-04-01", "status", "status_source", "age_band")).toEqual([
      { status: "open", status_source: "In progress", age_band: "85+" },
    ])
  })

  it("quarantines bad rows by file, row and column, and keeps questionable ones as findings", async () => {
    const db = join(dir, "quality.sqlite")
    await loadDols(db, { files: ["dols-2023-24.csv"] })
    expect(
      query(db, "select row_number, column, error_code from etl_quarantine order by row_number, column"),
    ).toEqual([
      { row_number: 10, column: "Date_Signed_Off", error_code: "end-before-start" },
      { row_number: 11, column: "Date_Application_Received", error_code: "invalid-date" },
      { row_number: 12, column: "Mental_Capacity_Assessment", error_code: "unmapped-code" },
    ])
    expect(query(db, "select message from etl_quarantine where row_number = 12")).toEqual([
      {
        message:
          '"5" has no mapping in the AssessmentStatus code table (DoLS assessment status labels): add it to mapping.codes.AssessmentStatus in the configuration, or to the codes file',
      },
    ])
    expect(
      query(db, "select row_number, column, code, value from etl_finding order by row_number, column"),
    ).toEqual([
      { row_number: 13, column: "Person_Reference", code: "blank-mandatory", value: null },
      { row_number: 14, column: "Age", code: "invalid-age", value: "17" },
      {
        row_number: 14,
        column: "Authorisation_End_Date",
        code: "authorisation-too-long",
        value: "2025-06-30",
      },
    ])
    // the application without a person reference is kept, keyed on its (pseudonymised) application reference
    expect(
      query(db, "select person_id, age_band from dols_application where received_date = '2024-02-14'"),
    ).toEqual([{ person_id: null, age_band: "65-74" }])
  })

  it("lists unmapped values with their row counts, so the team can extend the mapping", async () => {
    const path = join(dir, "unmapped.csv")
    const base = readFileSync(join(fixtures, "dols-2023-24.csv"), "utf8").split("\n").slice(1, 5)
    const lines = base.map((l) => l.replace(",Granted,", ",AUTH,").replace(",Not granted,", ",REF,"))
    writeFileSync(path, [header, ...lines].join("\n"))
    const db = join(dir, "unmapped.sqlite")
    const s = await loadDols(db, { files: [path] })
    expect(s.files[0]).toMatchObject({ rowsRead: 4, rowsLoaded: 1, rowsQuarantined: 3 })
    const report = await Effect.runPromise(
      Mapping.unmapped({ runId: s.runId }).pipe(Effect.provide(WarehouseReader.layer(db))),
    )
    expect(report).toEqual([
      {
        plugin: "dols",
        stream: "applications",
        column: "Application_Status",
        value: "REF",
        table: "ApplicationStatus",
        rows: 2,
      },
      {
        plugin: "dols",
        stream: "applications",
        column: "Application_Status",
        value: "AUTH",
        table: "ApplicationStatus",
        rows: 1,
      },
    ])
    // extending the mapping in the configuration loads them (a new copy of the file: the same bytes are skipped)
    const again = join(dir, "unmapped-fixed.csv")
    writeFileSync(again, `${readFileSync(path, "utf8")}\n`)
    const fixed = await loadDols(db, {
      files: [again],
      mapping: { codes: { ApplicationStatus: { AUTH: "Granted", REF: "Not granted" } } },
    })
    expect(fixed.files[0]).toMatchObject({ rowsRead: 4, rowsQuarantined: 0 })
    expect(query(db, "select status_source, status from dols_application order by received_date")).toEqual([
      { status_source: "AUTH", status: "granted" },
      { status_source: "REF", status: "not-granted" },
      { status_source: "REF", status: "not-granted" },
      { status_source: "Not yet signed off", status: "open" },
    ])
  })

  it("reads a council's own headers and codes through the mapping (configuration and codes file)", async () => {
    const path = join(dir, "own.csv")
    writeFileSync(
      path,
      [
        "Client No,Home,Referral Date,Urgent?,Outcome,Decision Date,DoLS From,DoLS To,Why Not",
        "A77,1-9990000001,2024-06-01,U,AUTH,2024-06-20,2024-06-20,2025-06-18,",
        "A78,1-9990000002,2024-06-02,S,NFA,2024-07-01,,,RIP",
      ].join("\n"),
    )
    const codes = join(dir, "codes.json")
    writeFileSync(
      codes,
      JSON.stringify({ NotGrantedReason: { RIP: "Person died" }, Urgent: { U: "1", S: "0" } }),
    )
    const db = join(dir, "own.sqlite")
    const s = await loadDols(
      db,
      {
        files: [path],
        laCode: "999",
        mapping: {
          columns: {
            applications: {
              Person_Reference: "Client No",
              CQC_Location_Code: "Home",
              Date_Application_Received: "Referral Date",
              Urgent_Authorisation: "Urgent?",
              Application_Status: "Outcome",
              Date_Signed_Off: "Decision Date",
              Authorisation_Start_Date: "DoLS From",
              Authorisation_End_Date: "DoLS To",
              Reason_Not_Granted: "Why Not",
            },
          },
          codes: { ApplicationStatus: { AUTH: "Granted", NFA: "Not granted" } },
          codesFile: "codes.json",
        },
      },
      dir,
    )
    expect(s.files[0]).toMatchObject({ status: "loaded", rowsLoaded: 2, rowsQuarantined: 0 })
    expect(
      query(
        db,
        "select la_code, urgent, status, not_granted_reason from dols_application order by received_date",
      ),
    ).toEqual([
      { la_code: "999", urgent: 1, status: "granted", not_granted_reason: null },
      { la_code: "999", urgent: 0, status: "not-granted", not_granted_reason: "Person died" },
    ])
  })

  it("fails a file whose columns do not fit, naming the missing and unrecognised columns", async () => {
    const path = join(dir, "wrong.csv")
    writeFileSync(path, "Ref,Client,When\nX1,A1,2024-01-01\n")
    const s = await loadDols(join(dir, "wrong.sqlite"), { files: [path], laCode: "999" })
    expect(s.ok).toBe(false)
    expect(s.files[0]!.status).toBe("failed")
    const message = s.files[0]!.message ?? ""
    expect(message).toContain(`${path}, row 1`)
    expect(message).toContain('missing columns "Person_Reference"')
    expect(message).toContain('"Date_Application_Received"')
    expect(message).toContain('not in the layout: "Ref", "Client", "When"')
  })

  it("rejects a mapping that does not fit the plugin (unknown column, label not on the list)", () => {
    const bad = Schema.decodeUnknownEither(plugin.config)({
      files: ["x.csv"],
      mapping: {
        columns: { applications: { Person_Ref: "Client" } },
        codes: { ApplicationStatus: { AUTH: "Approved by BIA" } },
      },
    })
    expect(Either.isLeft(bad)).toBe(true)
    const text = Either.isLeft(bad) ? String(bad.left) : ""
    expect(text).toContain('no column "Person_Ref"')
    expect(text).toContain('"Approved by BIA", which is not a DoLS application status label')
  })

  it("stores no person or application reference in clear, and its person id joins CLD's LA person id pseudonym", async () => {
    const db = join(dir, "pii.sqlite")
    await loadDols(db, { files: ["."], laCode: "999" })
    const bytes =
      readFileSync(db).toString("latin1") + readFileSync(`${db}-wal`, { flag: "a+" }).toString("latin1")
    for (const secret of ["1000101", "99910001012411", "1000110", "99910001122411"])
      expect(bytes).not.toContain(secret)
    const pseudo = Pseudonymiser.make(testKey)
    expect(
      query(
        db,
        "select count(*) as n from dols_application where person_id = ?",
        pseudo.pseudonymise("999:1000101"),
      ),
    ).toEqual([{ n: 2 }])
  })

  it("reads XLSX returns with date cells", async () => {
    const path = join(dir, "dols.xlsx")
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet("DoLS")
    ws.addRow(header.split(","))
    ws.addRow([
      "99920001012411",
      "2000101",
      999,
      "1-9990000001",
      new Date(Date.UTC(2024, 4, 1)),
      1,
      1,
      1,
      1,
      1,
      1,
      1,
      new Date(Date.UTC(2024, 4, 20)),
      new Date(Date.UTC(2024, 4, 21)),
      "Granted",
      null,
      new Date(Date.UTC(2024, 4, 21)),
      new Date(Date.UTC(2025, 4, 19)),
      90,
      "Male",
    ])
    await wb.xlsx.writeFile(path)
    const db = join(dir, "xlsx.sqlite")
    const s = await loadDols(db, { files: [path] })
    expect(s.files[0]).toMatchObject({ status: "loaded", rowsLoaded: 1 })
    expect(query(db, "select received_date, authorisation_end, age_band from dols_application")).toEqual([
      { received_date: "2024-05-01", authorisation_end: "2025-05-19", age_band: "85+" },
    ])
  })
})
