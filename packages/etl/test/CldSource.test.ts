import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Cld } from "@asckit/core"
import { Either } from "effect"
import ExcelJS from "exceljs"
import { describe, expect, it } from "vitest"
import { CldSource, Derive } from "../src/index.js"
import { decodeRow } from "../src/sources/cld/row.js"
import { assessment, nhs, request, review, service, writeCld } from "./cld-fixtures.js"
import { suite } from "./contract/SourcePluginSuite.js"
import { load, query, tempDir } from "./helpers.js"

const fixtures = fileURLToPath(new URL("./fixtures/cld/", import.meta.url))
const plugin = CldSource.plugin

suite(plugin, {
  config: { files: ["."] },
  baseDir: fixtures,
  expect: { rowsRead: 14, rowsQuarantined: 1 },
  badConfig: { files: [] },
})

const loadCld = (
  db: string,
  files: ReadonlyArray<string>,
  extra: { keepIdentifiers?: boolean; dryRun?: boolean } = {},
) =>
  load(db, [plugin], { sources: [{ plugin: "cld", config: { files } }], derivations: Derive.all, ...extra })

describe("CLD source", () => {
  const dir = tempDir("asckit-cld-")

  it("decodes a valid row of each event type", () => {
    for (const r of [request(), assessment(), service(), review()]) {
      const d = decodeRow(r)
      expect(Either.isRight(d), JSON.stringify(Either.isLeft(d) ? d.left : "")).toBe(true)
    }
  })

  it("accepts headers whatever their case, spaces or underscores, a BOM and UK dates", async () => {
    const db = join(dir, "aliases.sqlite")
    const path = join(dir, "aliases.csv")
    const header = Cld.fieldNames.map((n, i) =>
      i % 3 === 0 ? n.toUpperCase() : i % 3 === 1 ? n.replace(/_/g, " ") : n.toLowerCase(),
    )
    writeCld(path, [service({ Event_Start_Date: "01/05/2024", Date_of_Birth: "15/06/1940" })], header)
    writeFileSync(path, `\uFEFF${readFileSync(path, "utf8")}`)
    const s = await loadCld(db, [path])
    expect(s.files[0]).toMatchObject({ status: "loaded", rowsLoaded: 1, rowsQuarantined: 0 })
    expect(query(db, "select start_date from event")).toEqual([{ start_date: "2024-05-01" }])
    expect(query(db, "select birth_year, birth_month, postcode_district from person")).toEqual([
      { birth_year: 1940, birth_month: 6, postcode_district: "BL9" },
    ])
  })

  it("maps Release 1 labels to Release 2", async () => {
    const db = join(dir, "r1.sqlite")
    const path = join(dir, "r1.csv")
    writeCld(path, [
      service({
        Client_Type: "Service User",
        Service_Type: "Long Term Support: Nursing Care",
        Delivery_Mechanism: "CASSR Commissioned support",
        Primary_Support_Reason: "Support with Memory & Cognition",
      }),
    ])
    await loadCld(db, [path])
    expect(query(db, "select service_type, delivery_mechanism, client_type from event")).toEqual([
      {
        service_type: "Long term support: Nursing care",
        delivery_mechanism: "CASSR commissioned support",
        client_type: "Service user",
      },
    ])
    expect(query(db, "select primary_support_reason from person")).toEqual([
      { primary_support_reason: "Support with Memory and Cognition" },
    ])
  })

  it("quarantines invalid mandatory values and keeps invalid optional ones as findings", async () => {
    const db = join(dir, "codes.sqlite")
    const path = join(dir, "codes.csv")
    writeCld(path, [
      service({ Event_Type: "Visit" }), // row 2: mandatory, invalid
      service({ Service_Type: "Long term support: Space station" }), // row 3: mandatory for services
      service({ Delivery_Mechanism: "Barter" }), // row 4: applicable → finding, kept
      assessment({ Assessment_Type: "" }), // row 5: blank mandatory
      request({ Event_End_Date: "2024-03-01" }), // row 6: ends before it starts
      service({ Event_Start_Date: "2024-02-30" }), // row 7: impossible date
    ])
    const s = await loadCld(db, [path])
    expect(s.files[0]).toMatchObject({ rowsRead: 6, rowsLoaded: 1, rowsQuarantined: 5, findings: 1 })
    expect(
      query(db, "select row_number, column, error_code from etl_quarantine order by row_number"),
    ).toEqual([
      { row_number: 2, column: "Event_Type", error_code: "invalid-code" },
      { row_number: 3, column: "Service_Type", error_code: "invalid-code" },
      { row_number: 5, column: "Assessment_Type", error_code: "blank-mandatory" },
      { row_number: 6, column: "Event_End_Date", error_code: "end-before-start" },
      { row_number: 7, column: "Event_Start_Date", error_code: "invalid-date" },
    ])
    expect(query(db, "select row_number, column, code, value from etl_finding")).toEqual([
      { row_number: 4, column: "Delivery_Mechanism", code: "invalid-code", value: "Barter" },
    ])
    expect(query(db, "select delivery_mechanism from event")).toEqual([{ delivery_mechanism: null }])
  })

  it("derives the person id from the NHS number, else the LA person id, and rejects rows with neither", async () => {
    const db = join(dir, "ids.sqlite")
    const path = join(dir, "ids.csv")
    writeCld(path, [
      service({ NHS_Number: nhs("943476591"), LA_Person_Unique_Identifier: "X1" }),
      service({
        NHS_Number: nhs("943476591"),
        LA_Person_Unique_Identifier: "X1-OTHER",
        Event_Start_Date: "2024-06-01",
      }),
      service({ NHS_Number: "", LA_Person_Unique_Identifier: "X2" }),
      service({ NHS_Number: "1234567890", LA_Person_Unique_Identifier: "X3" }), // bad check digit: LA id used
      service({ NHS_Number: "", LA_Person_Unique_Identifier: "" }),
    ])
    const s = await loadCld(db, [path])
    expect(s.files[0]).toMatchObject({ rowsLoaded: 4, rowsQuarantined: 1, findings: 1 })
    const people = query<{
      person_id: string
      nhs_number_pseudo: string | null
      la_person_id_pseudo: string
    }>(
      db,
      "select distinct e.person_id, p.nhs_number_pseudo, p.la_person_id_pseudo from event e join person p using (la_code, person_id)",
    )
    // the two NHS rows are one person, keyed by the NHS number's pseudonym
    expect(new Set(people.map((p) => p.person_id)).size).toBe(3)
    const withNhs = people.filter((p) => p.nhs_number_pseudo !== null)
    expect(withNhs.every((p) => p.person_id === p.nhs_number_pseudo)).toBe(true)
    expect(query(db, "select column, error_code from etl_quarantine")).toEqual([
      { column: "NHS_Number", error_code: "missing-person-id" },
    ])
    expect(query(db, "select column, code, value from etl_finding")).toEqual([
      { column: "NHS_Number", code: "invalid-nhs-number", value: null },
    ])
  })

  it("deduplicates events across overlapping submissions, the latest submission winning", async () => {
    const db = join(dir, "dedup.sqlite")
    const q1 = join(dir, "q1.csv")
    const q2 = join(dir, "q2.csv")
    const sub1 = { Reporting_Period_Start_Date: "2023-07-01", Reporting_Period_End_Date: "2024-06-30" }
    const sub2 = { Reporting_Period_Start_Date: "2023-10-01", Reporting_Period_End_Date: "2024-09-30" }
    writeCld(q1, [
      service({ ...sub1 }),
      assessment({ ...sub1 }),
      service({
        ...sub1,
        Event_Reference: "GONE",
        Event_Start_Date: "2024-01-01",
        Service_Component: "Day support",
      }),
    ])
    writeCld(q2, [
      service({
        ...sub2,
        Event_End_Date: "2024-08-31",
        Event_Outcome: "NFA: Support ended for other reason",
      }),
      assessment({ ...sub2 }),
    ])
    const s = await loadCld(db, [q1, q2])
    expect(s.files.map((f) => [f.rowsRead, f.rowsLoaded, f.rowsDuplicate])).toEqual([
      [3, 3, 0],
      [2, 2, 0],
    ])
    expect(
      query(
        db,
        "select event_type, end_date, derived_end_date, submission_end from event order by event_type, start_date",
      ),
    ).toEqual([
      {
        event_type: "Assessment",
        end_date: "2024-04-20",
        derived_end_date: "2024-04-20",
        submission_end: "2024-09-30",
      },
      // open in Q1's file, missing from Q2's: cropped to the end of Q1's period (DHSC)
      { event_type: "Service", end_date: null, derived_end_date: "2024-06-30", submission_end: "2024-06-30" },
      {
        event_type: "Service",
        end_date: "2024-08-31",
        derived_end_date: "2024-08-31",
        submission_end: "2024-09-30",
      },
    ])
    // loading the older submission again (a copy with another name) changes nothing: its rows lose
    const copy = join(dir, "q1-copy.csv")
    writeFileSync(copy, readFileSync(q1, "utf8").replace("\r\n", "\r\n\r\n"))
    const again = await loadCld(db, [copy])
    expect(again.files[0]).toMatchObject({ rowsRead: 3, rowsLoaded: 1, rowsDuplicate: 2 })
  })

  it("marks an open assessment superseded once a later submission closes it (both versions kept)", async () => {
    const db = join(dir, "superseded.sqlite")
    const q1 = join(dir, "open.csv")
    const q2 = join(dir, "closed.csv")
    writeCld(q1, [
      assessment({ Reporting_Period_End_Date: "2024-06-30", Event_End_Date: "", Event_Outcome: "" }),
    ])
    writeCld(q2, [
      assessment({ Reporting_Period_Start_Date: "2023-10-01", Reporting_Period_End_Date: "2024-09-30" }),
    ])
    await loadCld(db, [q1, q2])
    expect(query(db, "select end_date, superseded from event order by end_date")).toEqual([
      { end_date: null, superseded: 1 },
      { end_date: "2024-04-20", superseded: 0 },
    ])
  })

  it("ends events at the date of death", async () => {
    const db = join(dir, "death.sqlite")
    const path = join(dir, "death.csv")
    writeCld(path, [
      service({ Date_of_Death: "2024-10-10", Event_End_Date: "2024-10-10" }),
      review({ Date_of_Death: "2024-10-10", Event_Start_Date: "2024-09-01", Event_End_Date: "2024-12-01" }),
    ])
    await loadCld(db, [path])
    expect(query(db, "select event_type, derived_end_date from event order by event_type")).toEqual([
      { event_type: "Review", derived_end_date: "2024-10-10" },
      { event_type: "Service", derived_end_date: "2024-10-10" },
    ])
  })

  it("stores no raw identifier anywhere in the warehouse unless asked to", async () => {
    const path = join(dir, "pii.csv")
    const number = nhs("485777345")
    writeCld(path, [
      service({ NHS_Number: number, LA_Person_Unique_Identifier: "SECRET-LA-ID" }),
      service({ NHS_Number: number, LA_Person_Unique_Identifier: "SECRET-LA-ID", Event_Type: "Visit" }), // quarantined
      service({
        Client_Type: "Unpaid carer",
        LA_Person_Unique_Identifier: "CARER-ID",
        NHS_Number: "",
        Service_Type: "Unpaid carer support: Direct to unpaid carer",
        Service_Component: "Unpaid carer respite",
        Adult_1_Linked_Person_ID: "SECRET-LA-ID",
      }),
    ])
    const db = join(dir, "pii.sqlite")
    await loadCld(db, [path])
    const bytes =
      readFileSync(db).toString("latin1") + readFileSync(`${db}-wal`, { flag: "a+" }).toString("latin1")
    for (const secret of [number, "SECRET-LA-ID", "CARER-ID", "BL9 0EJ", "1940-06-15"])
      expect(bytes).not.toContain(secret)
    expect(query(db, "select count(*) as n from carer_link")).toEqual([{ n: 1 }])
    // the carer link joins the cared-for person's LA id pseudonym
    expect(
      query(
        db,
        "select count(*) as n from carer_link c join person p on p.la_person_id_pseudo = c.cared_for_la_person_id_pseudo",
      ),
    ).toEqual([{ n: 1 }])

    const kept = join(dir, "pii-kept.sqlite")
    await loadCld(kept, [path], { keepIdentifiers: true })
    expect(
      query(kept, "select distinct nhs_number_raw from person where nhs_number_raw is not null"),
    ).toEqual([{ nhs_number_raw: number }])
  })

  it("reads XLSX submissions", async () => {
    const db = join(dir, "xlsx.sqlite")
    const path = join(dir, "cld.xlsx")
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet("CLD")
    ws.addRow([...Cld.fieldNames])
    const row = service({ NHS_Number: nhs("943476591") })
    ws.addRow(
      Cld.fieldNames.map((n) =>
        n === "Event_Start_Date"
          ? new Date(Date.UTC(2024, 4, 1))
          : n === "NHS_Number"
            ? Number(row[n])
            : (row[n] ?? null),
      ),
    )
    await wb.xlsx.writeFile(path)
    const s = await loadCld(db, [path])
    expect(s.files[0]).toMatchObject({ status: "loaded", rowsLoaded: 1 })
    expect(query(db, "select start_date from event")).toEqual([{ start_date: "2024-05-01" }])
  })
})
