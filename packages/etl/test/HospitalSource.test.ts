import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { CldSource, Derive, HospitalSource } from "../src/index.js"
import { nhs, service, writeCld } from "./cld-fixtures.js"
import { suite } from "./contract/SourcePluginSuite.js"
import { load, query, tempDir } from "./helpers.js"

const fixtures = fileURLToPath(new URL("./fixtures/hospital/", import.meta.url))
const plugin = HospitalSource.plugin

suite(plugin, {
  config: { files: ["."], laCode: "999" },
  baseDir: fixtures,
  expect: { rowsRead: 7, rowsQuarantined: 1 },
  badConfig: { files: ["x.csv"], laCode: "not a code!" },
})

const header =
  "NHS_Number,Episode_Id,Age_At_Discharge,Admission_Date,Discharge_Date,Admission_Method,Discharge_Method,Discharge_Destination,Treatment_Function_Code,Management_Type"

const write = (path: string, lines: ReadonlyArray<string>, head = header) =>
  writeFileSync(path, `${[head, ...lines].join("\r\n")}\r\n`)

/** Loads extracts, with `laCode` in the configuration (`null`: none). */
const loadHospital = (db: string, files: ReadonlyArray<string>, laCode: string | null = "999") =>
  load(db, [plugin], {
    sources: [{ plugin: "hospital", config: laCode === null ? { files } : { files, laCode } }],
  })

describe("hospital-discharge source", () => {
  const dir = tempDir("asckit-hospital-")
  const a = nhs("943476591")
  const b = nhs("943476592")

  it("decodes a valid row, and rejects an impossible one with the reasons", () => {
    const ok = HospitalSource.decodeRow({
      LA_Code: "305",
      NHS_Number: a,
      Episode_Id: "E1",
      Admission_Date: "2024-05-02",
      Discharge_Date: "2024-05-09",
      Management_Type: "Non-elective",
    })
    expect(Either.isRight(ok) && ok.right).toMatchObject({
      laCode: "305",
      managementType: "NE",
      ageAtDischarge: null,
    })
    const bad = HospitalSource.decodeRow({ LA_Code: "305", NHS_Number: "123", Admission_Date: "2024-05-02" })
    expect(Either.isLeft(bad) && bad.left.map((i) => i.path[0])).toEqual([
      "NHS_Number",
      "Episode_Id",
      "Discharge_Date",
    ])
  })

  it("reads SUS header names, UK dates and spaced NHS numbers (the fixtures), storing no identifier in clear", async () => {
    const db = join(dir, "fixtures.sqlite")
    const s = await loadHospital(db, [join(fixtures, "discharges-2024-25.csv")])
    expect(s.files[0]).toMatchObject({
      status: "loaded",
      rowsRead: 7,
      rowsLoaded: 6,
      rowsQuarantined: 1,
      findings: 1,
    })
    const rows = query<Record<string, unknown>>(
      db,
      "select la_code, age_at_discharge, admission_date, discharge_date, admission_method, management_type from hospital_episode order by admission_date",
    )
    expect(rows[2]).toEqual({
      la_code: "999",
      age_at_discharge: 90,
      admission_date: "2024-07-02",
      discharge_date: "2024-07-11",
      admission_method: "21",
      management_type: "NE",
    })
    expect(rows.map((r) => r.management_type)).toEqual(["EM", "EL", "NE", "EM", "EM", "EM"])
    expect(rows.map((r) => r.age_at_discharge)).toEqual([81, 77, 90, 68, null, 81])
    // The quarantined row names its row and column; the finding keeps the invalid value (not an identifier).
    expect(query(db, "select row_number, column, error_code from etl_quarantine")).toEqual([
      { row_number: 6, column: "Discharge_Date", error_code: "invalid-date" },
    ])
    expect(query(db, "select row_number, column, code, value from etl_finding")).toEqual([
      { row_number: 7, column: "Age_At_Discharge", code: "out-of-range", value: "150" },
    ])
    // No NHS number or episode id is stored anywhere: the warehouse file does not contain them.
    const bytes = readFileSync(db).toString("latin1")
    for (const secret of ["9434765919", "9434765927", "SP0001", "SP0003"]) expect(bytes).not.toContain(secret)
  })

  it("links a discharge to the person CLD knows by the same NHS number", async () => {
    const db = join(dir, "link.sqlite")
    const cld = join(dir, "cld.csv")
    writeCld(cld, [
      service({ NHS_Number: a, LA_Person_Unique_Identifier: "P1" }),
      service({ NHS_Number: b, LA_Person_Unique_Identifier: "P2" }),
    ])
    const sus = join(dir, "link.csv")
    write(sus, [`${a},S1,80,2024-05-02,2024-05-09,21,1,19,300,EM`])
    await load(db, [CldSource.plugin, plugin], {
      sources: [
        { plugin: "cld", config: { files: [cld] } },
        { plugin: "hospital", config: { files: [sus], laCode: "999" } },
      ],
      derivations: Derive.all,
    })
    const linked = query<{ n: number }>(
      db,
      "select count(*) as n from hospital_episode h join event e on e.la_code = h.la_code and e.person_id = h.person_id",
    )
    expect(linked).toEqual([{ n: 1 }])
    expect(query(db, "select count(distinct person_id) as n from event")).toEqual([{ n: 2 }])
  })

  it("quarantines rows that cannot be used, naming row and column and never echoing an identifier", async () => {
    const db = join(dir, "bad.sqlite")
    const path = join(dir, "bad.csv")
    write(path, [
      `1234567890,E1,80,2024-05-02,2024-05-09,21,1,19,300,EM`, // row 2: bad check digit
      `${a},,80,2024-05-02,2024-05-09,21,1,19,300,EM`, // row 3: no episode id
      `${a},E3,80,2024-05-09,2024-05-02,21,1,19,300,EM`, // row 4: discharged before admitted
      `${a},E4,80,2024-05-02,,21,1,19,300,EM`, // row 5: no discharge
      `${a},E5,eighty,2024-05-02,2024-05-09,ZZZ,7x,1,30,Urgent`, // row 6: kept, five findings
      `${a},E5,80,2024-05-02,2024-05-09,21,1,19,300,EM`, // row 7: same spell again in the same file
    ])
    const s = await loadHospital(db, [path])
    expect(s.files[0]).toMatchObject({
      rowsRead: 6,
      rowsLoaded: 1,
      rowsQuarantined: 4,
      rowsDuplicate: 1,
      findings: 6,
    })
    expect(
      query(db, "select row_number, column, error_code, message from etl_quarantine order by row_number"),
    ).toEqual([
      {
        row_number: 2,
        column: "NHS_Number",
        error_code: "invalid-nhs-number",
        message: "is not valid (the value is not shown: it is a personal identifier)",
      },
      {
        row_number: 3,
        column: "Episode_Id",
        error_code: "blank-mandatory",
        message: expect.stringContaining("blank"),
      },
      {
        row_number: 4,
        column: "Discharge_Date",
        error_code: "end-before-start",
        message: "the discharge (2024-05-02) is before the admission (2024-05-09)",
      },
      {
        row_number: 5,
        column: "Discharge_Date",
        error_code: "blank-mandatory",
        message: expect.stringContaining("blank"),
      },
      { row_number: 7, column: null, error_code: "duplicate", message: expect.stringContaining("duplicate") },
    ])
    expect(query(db, "select column, code, value from etl_finding order by column")).toEqual([
      { column: "Admission_Method", code: "invalid-code", value: "ZZZ" },
      { column: "Age_At_Discharge", code: "invalid-number", value: "eighty" },
      { column: "Discharge_Destination", code: "invalid-code", value: "1" },
      { column: "Discharge_Method", code: "invalid-code", value: "7x" },
      { column: "Management_Type", code: "invalid-code", value: "Urgent" },
      { column: "Treatment_Function_Code", code: "invalid-code", value: "30" },
    ])
    const raw = query<{ raw_json: string | null }>(db, "select raw_json from etl_quarantine").map(
      (r) => r.raw_json ?? "",
    )
    expect(raw.join("\n")).not.toContain(a)
    expect(raw.join("\n")).not.toContain("1234567890")
  })

  it("fails a file without a required column, naming it, and loads nothing from it", async () => {
    const db = join(dir, "missing.sqlite")
    const path = join(dir, "missing.csv")
    write(path, [`${a},E1,80,2024-05-02`], "NHS_Number,Episode_Id,Age_At_Discharge,Admission_Date")
    const s = await loadHospital(db, [path])
    expect(s.ok).toBe(false)
    expect(s.files[0]).toMatchObject({ status: "failed" })
    expect(s.files[0]?.message).toContain("Discharge_Date")
    expect(query(db, "select count(*) as n from hospital_episode")).toEqual([{ n: 0 }])
  })

  it("takes the LA code from the file, or from the configuration when the file has none", async () => {
    const withColumn = join(dir, "la-column.csv")
    write(withColumn, [`305,${a},E1,80,2024-05-02,2024-05-09,21,1,19,300,EM`], `LA_Code,${header}`)
    const db1 = join(dir, "la1.sqlite")
    await loadHospital(db1, [withColumn], null)
    expect(query(db1, "select la_code from hospital_episode")).toEqual([{ la_code: "305" }])
    const noColumn = join(dir, "la-none.csv")
    write(noColumn, [`${a},E1,80,2024-05-02,2024-05-09,21,1,19,300,EM`])
    const db2 = join(dir, "la2.sqlite")
    const s = await loadHospital(db2, [noColumn], null)
    expect(s.files[0]?.status).toBe("failed")
    expect(s.files[0]?.message).toContain("LA_Code")
  })

  it("replaces a spell with the later extract's version", async () => {
    const db = join(dir, "merge.sqlite")
    const first = join(dir, "first.csv")
    const second = join(dir, "second.csv")
    write(first, [`${a},E1,80,2024-05-02,2024-05-09,21,1,19,300,EM`])
    write(second, [
      `${a},E1,80,2024-05-02,2024-05-12,21,1,19,300,EM`,
      `${b},E2,70,2024-06-01,2024-06-03,21,1,19,300,EM`,
    ])
    await loadHospital(db, [first])
    await loadHospital(db, [second])
    expect(query(db, "select discharge_date from hospital_episode order by discharge_date")).toEqual([
      { discharge_date: "2024-05-12" },
      { discharge_date: "2024-06-03" },
    ])
  })
})
