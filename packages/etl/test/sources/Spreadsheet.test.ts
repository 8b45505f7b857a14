import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Effect, Either, Schema } from "effect"
import ExcelJS from "exceljs"
import { describe, expect, it } from "vitest"
import { Mapping, Pseudonymiser, SpreadsheetSource, WarehouseReader } from "../../src/index.js"
import { suite } from "../contract/SourcePluginSuite.js"
import { load, query, tempDir, testKey } from "../helpers.js"

const fixtures = fileURLToPath(new URL("../fixtures/spreadsheet/", import.meta.url))
const plugin = SpreadsheetSource.plugin

// a built-in dataset: 11 + 2 rows; quarantined: an unmapped outcome, a response before receipt, a blank date
suite(plugin, {
  config: { dataset: "complaints", files: ["complaints/"], laCode: "999" },
  baseDir: fixtures,
  expect: { rowsRead: 13, rowsQuarantined: 3 },
  badConfig: { dataset: "complaints", mappingFile: "x.json", files: ["complaints/"], laCode: "999" },
})

// a council's own mapping file: 4 rows, one with a risk type the mapping does not know
suite(plugin, {
  config: {
    mappingFile: "custom/mh-safeguarding.json",
    files: ["custom/mh-safeguarding.csv"],
    laCode: "999",
  },
  baseDir: fixtures,
  expect: { rowsRead: 4, rowsQuarantined: 1 },
  badConfig: { mappingFile: "custom/mh-safeguarding.json", files: [], laCode: "999" },
})

// months in several spellings, ids made from month, course and team: a bad month, a blank course, "many" people
suite(plugin, {
  config: { dataset: "training", files: ["training/"], laCode: "999" },
  baseDir: fixtures,
  expect: { rowsRead: 7, rowsQuarantined: 3 },
  badConfig: { dataset: "training-courses", files: ["training/"], laCode: "999" },
})

// feedback returns: every ListenedTo and EasyToFind label; a blank return, a rating of "five" (kept, a finding),
// and an answer the mapping does not know ("Not sure": quarantined)
suite(plugin, {
  config: { dataset: "feedback", files: ["feedback/"], laCode: "999" },
  baseDir: fixtures,
  expect: { rowsRead: 10, rowsQuarantined: 1 },
  badConfig: {
    dataset: "feedback",
    files: ["feedback/"],
    laCode: "999",
    mapping: { codes: { ListenedTo: { Maybe: "Sometimes" } } },
  },
})

// case-file audits: every grade and practice-check label; an audit not yet graded, a grade the mapping does not know
suite(plugin, {
  config: { dataset: "audits", files: ["audits/"], laCode: "999" },
  baseDir: fixtures,
  expect: { rowsRead: 8, rowsQuarantined: 1 },
  badConfig: { dataset: "audits", files: ["audits/"], laCode: "99" },
})

// Safeguarding Adults Reviews: every SG5a category label; open reviews, one with no category, one the mapping does not know
suite(plugin, {
  config: { dataset: "sars", files: ["sars/"], laCode: "999" },
  baseDir: fixtures,
  expect: { rowsRead: 10, rowsQuarantined: 1 },
  badConfig: { dataset: "sars", files: [], laCode: "999" },
})

// the carers' hub register: every age band label; a registration with nothing but its id and date, an age band
// the mapping does not know ("Under 18")
suite(plugin, {
  config: { dataset: "carers-hub", files: ["carers-hub/"], laCode: "999" },
  baseDir: fixtures,
  expect: { rowsRead: 10, rowsQuarantined: 1 },
  badConfig: {
    dataset: "carers-hub",
    mappingFile: "custom/mh-safeguarding.json",
    files: ["carers-hub/"],
    laCode: "999",
  },
})

const loadSheet = (db: string, config: Record<string, unknown>, baseDir = fixtures) =>
  load(db, [plugin], { sources: [{ plugin: "spreadsheet", config }], baseDir })

type Rec = Record<string, unknown>

describe("spreadsheet source", () => {
  const dir = tempDir("asckit-sheet-")

  it("loads a complaints log: local labels mapped, open complaints without an outcome, later exports merged", async () => {
    const db = join(dir, "complaints.sqlite")
    const s = await loadSheet(db, { dataset: "complaints", files: ["complaints/"], laCode: "999" })
    expect(
      s.files.map((f) => [
        f.stream,
        f.rowsRead,
        f.rowsLoaded,
        f.rowsQuarantined,
        f.rowsDuplicate,
        f.findings,
      ]),
    ).toEqual([
      ["complaints", 11, 7, 3, 1, 1],
      ["complaints", 2, 2, 0, 0, 0],
    ])
    const rows = query<Rec>(
      db,
      "select record_id, record_date, end_date, category, outcome, source, team, value, attributes from local_record where dataset = 'complaints' order by record_id",
    )
    expect(rows).toEqual([
      {
        record_id: "C24-0001",
        record_date: "2024-04-02",
        end_date: "2024-04-26",
        category: "Quality of care",
        outcome: "Upheld",
        source: "Service user",
        team: "Locality North",
        value: 1,
        attributes: '{"stage":"Stage 1"}',
      },
      expect.objectContaining({ record_id: "C24-0002", outcome: "Partly upheld" }),
      expect.objectContaining({
        record_id: "C24-0003",
        outcome: "Not upheld",
        attributes: '{"stage":"Stage 2"}',
      }),
      expect.objectContaining({ record_id: "C24-0004", outcome: "Withdrawn" }),
      // open in May's export, answered in June's (other headers, ISO dates)
      expect.objectContaining({ record_id: "C24-0005", end_date: "2024-05-28", outcome: "Partly upheld" }),
      // an invalid optional date is kept as blank, with a finding
      expect.objectContaining({ record_id: "C24-0009", end_date: null, outcome: "Not upheld" }),
      expect.objectContaining({ record_id: "C24-0010", attributes: '{"stage":"Ombudsman"}' }),
      expect.objectContaining({ record_id: "C24-0011", end_date: null, outcome: null }),
    ])
    expect(
      query(db, "select row_number, column, error_code from etl_quarantine order by file_id, row_number"),
    ).toEqual([
      { row_number: 7, column: "outcome", error_code: "unmapped-code" },
      { row_number: 8, column: "respondedDate", error_code: "end-before-start" },
      { row_number: 9, column: "receivedDate", error_code: "blank-mandatory" },
      { row_number: 12, column: null, error_code: "duplicate" },
    ])
    expect(query(db, "select row_number, column, code, value from etl_finding")).toEqual([
      { row_number: 10, column: "respondedDate", code: "invalid-date", value: "next week" },
    ])
    // person ids are pseudonymised as <LA>:<id> (joins CLD's LA person id pseudonym); none stored in clear
    const pseudo = Pseudonymiser.make(testKey)
    expect(
      query(db, "select record_id from local_record where person_id = ?", pseudo.pseudonymise("999:1000201")),
    ).toEqual([{ record_id: "C24-0001" }])
    expect(query(db, "select person_id from local_record where record_id = 'C24-0010'")).toEqual([
      { person_id: null },
    ])
    const bytes =
      readFileSync(db).toString("latin1") + readFileSync(`${db}-wal`, { flag: "a+" }).toString("latin1")
    for (const secret of ["1000201", "1000206", "1000208"]) expect(bytes).not.toContain(secret)
  })

  it("lists unmapped values with row counts, and loads them once the configuration maps them", async () => {
    const db = join(dir, "unmapped.sqlite")
    const path = join(dir, "complaints.csv")
    const text = readFileSync(join(fixtures, "complaints/complaints-2024-05.csv"), "utf8")
    writeFileSync(
      path,
      text.replace(",Withdrawn", ",Resolved informally").replace(",Not Upheld", ",No case to answer"),
    )
    const s = await loadSheet(db, { dataset: "complaints", files: [path], laCode: "999" })
    const report = await Effect.runPromise(
      Mapping.unmapped({ runId: s.runId }).pipe(Effect.provide(WarehouseReader.layer(db))),
    )
    expect(report.map((r) => [r.column, r.value, r.table, r.rows])).toEqual([
      ["outcome", "Resolved informally", "ComplaintOutcome", 2],
      ["outcome", "No case to answer", "ComplaintOutcome", 1],
    ])
    const fixed = join(dir, "complaints-again.csv")
    writeFileSync(fixed, `${readFileSync(path, "utf8")}\n`)
    const again = await loadSheet(db, {
      dataset: "complaints",
      files: [fixed],
      laCode: "999",
      mapping: {
        codes: {
          ComplaintOutcome: { "Resolved informally": "Withdrawn", "No case to answer": "Not upheld" },
        },
      },
    })
    expect(again.files[0]).toMatchObject({ rowsQuarantined: 2 }) // the response before receipt and the blank date
    expect(
      query(
        db,
        "select outcome from local_record where record_id in ('C24-0003', 'C24-0004', 'C24-0006') order by record_id",
      ),
    ).toEqual([{ outcome: "Not upheld" }, { outcome: "Withdrawn" }, { outcome: "Withdrawn" }])
  })

  it("loads two datasets kept as two sheets of one workbook", async () => {
    const path = join(dir, "log.xlsx")
    const wb = new ExcelJS.Workbook()
    const c = wb.addWorksheet("Complaints")
    c.addRow(["Ref", "Client ID", "Date Received", "Date Responded", "Outcome", "Team"])
    c.addRow([
      "C1",
      "1000301",
      new Date(Date.UTC(2024, 6, 1)),
      new Date(Date.UTC(2024, 6, 20)),
      "Upheld",
      "Locality North",
    ])
    const k = wb.addWorksheet("Compliments")
    k.addRow(["Ref", "Date Received", "From", "About", "Team"])
    k.addRow(["K1", new Date(Date.UTC(2024, 6, 2)), "Family member", "Staff member", "Locality South"])
    k.addRow(["K2", new Date(Date.UTC(2024, 6, 3)), "Professional", "Team", "Reablement Service"])
    await wb.xlsx.writeFile(path)
    const db = join(dir, "workbook.sqlite")
    const s = await load(db, [plugin], {
      baseDir: dir,
      sources: [
        {
          plugin: "spreadsheet",
          config: { dataset: "complaints", files: ["log.xlsx"], laCode: "999", sheet: "Complaints" },
        },
        {
          plugin: "spreadsheet",
          config: { dataset: "compliments", files: ["log.xlsx"], laCode: "999", sheet: "Compliments" },
        },
      ],
    })
    expect(s.files.map((f) => [f.stream, f.status, f.rowsLoaded])).toEqual([
      ["complaints", "loaded", 1],
      ["compliments", "loaded", 2],
    ])
    expect(
      query(db, "select dataset, count(*) as n from local_record group by dataset order by dataset"),
    ).toEqual([
      { dataset: "complaints", n: 1 },
      { dataset: "compliments", n: 2 },
    ])
  })

  it("reads a council's own mapping file: codes, (none), attributes, identifiers", async () => {
    const db = join(dir, "custom.sqlite")
    const s = await loadSheet(db, {
      mappingFile: "custom/mh-safeguarding.json",
      files: ["custom/mh-safeguarding.csv"],
      laCode: "999",
    })
    expect(s.files[0]).toMatchObject({ stream: "custom", rowsLoaded: 3, rowsQuarantined: 1, findings: 1 })
    expect(
      query(
        db,
        "select dataset, record_id, end_date, category, outcome, team, attributes from local_record order by record_id",
      ),
    ).toEqual([
      {
        dataset: "mh-safeguarding",
        record_id: "MH-001",
        end_date: "2024-06-10",
        category: "Self-neglect",
        outcome: "Section 42 enquiry",
        team: "Early Intervention",
        attributes: '{"section42":"Yes","daysOpen":7}',
      },
      {
        dataset: "mh-safeguarding",
        record_id: "MH-002",
        end_date: null,
        category: "Financial or material abuse",
        outcome: null,
        team: "Community MH Team North",
        attributes: null,
      },
      {
        dataset: "mh-safeguarding",
        record_id: "MH-004",
        end_date: "2024-06-12",
        category: "Physical abuse",
        outcome: "Other enquiry",
        team: "Home Treatment",
        attributes: '{"section42":"No"}',
      },
    ])
    expect(query(db, "select row_number, column, error_code from etl_quarantine")).toEqual([
      { row_number: 4, column: "riskType", error_code: "unmapped-code" },
    ])
    expect(query(db, "select row_number, column, code, value from etl_finding")).toEqual([
      { row_number: 5, column: "daysOpen", code: "invalid-number", value: "1.5" },
    ])
    // the quarantine holds the row with its person id pseudonymised, not in clear
    const raw = query<{ raw_json: string }>(db, "select raw_json from etl_quarantine")[0]!.raw_json
    expect(raw).not.toContain("R100003")
    expect(JSON.parse(raw)).toMatchObject({
      _personRef: expect.stringMatching(/^pseudonym:/),
      riskType: "XYZ",
    })
  })

  it("pseudonymises record ids that identify a person (the carers' hub id)", async () => {
    const path = join(dir, "carers.csv")
    writeFileSync(
      path,
      [
        "Hub ID,ASC ID,Registered,Closed,Age Band,Caring For,Referred By,Hours Caring Per Week,Support Provided",
        "CH55501,,2024-05-01,,45 to 64,Dementia,GP,35,Information and advice",
        "CH55502,1000400,2024-05-03,2024-09-30,75+,Frailty or older age,Adult social care,100,Short break grant",
      ].join("\n"),
    )
    const db = join(dir, "carers.sqlite")
    const s = await loadSheet(db, { dataset: "carers-hub", files: [path], laCode: "999" })
    expect(s.files[0]).toMatchObject({ rowsLoaded: 2, rowsQuarantined: 0 })
    const pseudo = Pseudonymiser.make(testKey)
    expect(
      query(
        db,
        "select record_id, category, source, outcome, attributes from local_record order by record_date",
      ),
    ).toEqual([
      {
        record_id: pseudo.pseudonymise("CH55501"),
        category: "Dementia",
        source: "GP",
        outcome: "Information and advice",
        attributes: '{"ageBand":"45-64","hoursPerWeek":35}',
      },
      {
        record_id: pseudo.pseudonymise("CH55502"),
        category: "Frailty or older age",
        source: "Adult social care",
        outcome: "Short break grant",
        attributes: '{"ageBand":"75+","hoursPerWeek":100}',
      },
    ])
  })

  it("reads months in the spellings teams use and makes ids from month, course and team", async () => {
    const db = join(dir, "training.sqlite")
    await loadSheet(db, { dataset: "training", files: ["training/"], laCode: "999" })
    expect(
      query(
        db,
        "select record_id, record_date, category, team, source, value from local_record order by record_date, team",
      ),
    ).toEqual([
      {
        record_id: "2024-01-01|Progression model|Locality North",
        record_date: "2024-01-01",
        category: "Progression model",
        team: "Locality North",
        source: "In-house",
        value: 4,
      },
      expect.objectContaining({ record_date: "2024-01-01", team: "Locality South", value: 3 }),
      expect.objectContaining({ record_date: "2024-02-01", category: "Strengths-based practice", value: 2 }),
      expect.objectContaining({
        record_date: "2024-09-01",
        category: "Mental Capacity Act and DoLS",
        value: 5,
      }),
    ])
    expect(
      query(db, "select row_number, column, error_code from etl_quarantine order by row_number"),
    ).toEqual([
      { row_number: 6, column: "month", error_code: "invalid-date" },
      { row_number: 7, column: "course", error_code: "blank-mandatory" },
      { row_number: 8, column: "trained", error_code: "invalid-number" },
    ])
    for (const [s, m] of [
      ["2024-05", "2024-05-01"],
      ["2024-05-17", "2024-05-01"],
      ["05/2024", "2024-05-01"],
      ["17/05/2024", "2024-05-01"],
      ["May 2024", "2024-05-01"],
      ["September 2024", "2024-09-01"],
      ["Sep-24", "2024-09-01"],
    ] as const)
      expect(SpreadsheetSource.parseMonth(s), s).toBe(m)
    for (const s of ["2024-13", "Ma 2024", "2024", "next month"])
      expect(SpreadsheetSource.parseMonth(s), s).toBeUndefined()
  })

  it("fails a file whose columns do not fit the dataset, naming what is missing and what is not recognised", async () => {
    const path = join(dir, "wrong.csv")
    writeFileSync(path, "Ref,Received On,Who\nC1,2024-01-01,Family\n")
    const s = await loadSheet(join(dir, "wrong.sqlite"), {
      dataset: "complaints",
      files: [path],
      laCode: "999",
    })
    expect(s.files[0]!.status).toBe("failed")
    const m = s.files[0]!.message ?? ""
    expect(m).toContain(`${path}, row 1: the columns do not match the complaints log layout`)
    expect(m).toContain('missing column "receivedDate" (headers looked for: "receivedDate", "Date Received"')
    expect(m).toContain('not in the layout: "Received On", "Who"')
    expect(m).toContain('mapping.columns.complaints = { "receivedDate": "<the header in the file>" }')
  })

  it("rejects configurations and mapping files that do not fit, saying why", async () => {
    const reject = (c: unknown) => {
      const r = Schema.decodeUnknownEither(plugin.config)(c)
      return Either.isLeft(r) ? String(r.left) : ""
    }
    expect(reject({ dataset: "falls", files: ["x.csv"], laCode: "999" })).toContain(
      'no built-in dataset "falls"',
    )
    expect(reject({ files: ["x.csv"], laCode: "999" })).toContain("give either dataset")
    expect(
      reject({
        dataset: "complaints",
        files: ["x.csv"],
        laCode: "999",
        mapping: { codes: { ComplaintOutcome: { Yes: "Partly" } } },
      }),
    ).toContain('"Partly", which is not a complaints ComplaintOutcome label')

    const file = join(dir, "bad-mapping.json")
    writeFileSync(
      file,
      JSON.stringify({
        dataset: "falls",
        title: "falls log",
        columns: [
          { name: "ref", field: "recordId" },
          { name: "when", field: "recordDate", type: "number" },
          { name: "client", field: "personId", type: "date" },
          { name: "kind", codes: "FallKind" },
        ],
      }),
    )
    const config = Schema.decodeUnknownSync(plugin.config)({
      mappingFile: file,
      files: ["x.csv"],
      laCode: "999",
    })
    const r = await Effect.runPromise(Effect.either(plugin.inputs(config, { baseDir: dir })))
    expect(Either.isLeft(r)).toBe(true)
    const message = Either.isLeft(r) ? r.left.message : ""
    expect(message).toContain(`${file}: not a valid dataset mapping`)
    expect(message).toContain('"when" feeds recordDate, so its type must be date or month')
    expect(message).toContain('"client" holds an identifier, so it must be plain text')
    expect(message).toContain('"kind" uses code table "FallKind", which is not in codes')
  })

  it("ships built-in mappings that are valid dataset mapping files", () => {
    for (const m of Object.values(SpreadsheetSource.builtIn)) {
      const json = JSON.parse(JSON.stringify(m))
      expect(
        Either.isRight(Schema.decodeUnknownEither(SpreadsheetSource.DatasetMapping)(json)),
        m.dataset,
      ).toBe(true)
    }
    expect(Object.keys(SpreadsheetSource.builtIn)).toEqual([
      "complaints",
      "compliments",
      "carers-hub",
      "feedback",
      "audits",
      "training",
      "sars",
    ])
  })
})
