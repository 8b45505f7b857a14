/**
 * The spreadsheet fixtures cover the built-in datasets' code tables (datasets.ts): every local value of every table
 * of every built-in dataset appears in a fixture and loads to its label — a value meaning "no value yet" (an open
 * complaint's `Open`) to null. Fixtures: `complaints/` and `all-codes/complaints.csv`, `carers-hub/`, `feedback/`,
 * `audits/`, `sars/`; each but the complaints coverage file has one value its mapping does not know (quarantined,
 * listed by `Mapping.unmapped`), UK and ISO dates, and a row with every optional value blank.
 */
import { readdirSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { Mapping, SpreadsheetSource, WarehouseReader } from "../../src/index.js"
import { load, query, tempDir } from "../helpers.js"
import { column, coverage, type Target } from "./coverage.js"

const fixtures = fileURLToPath(new URL("../fixtures/spreadsheet/", import.meta.url))
const plugin = SpreadsheetSource.plugin

/** The fixture files of each built-in dataset that has code tables. */
const filesOf: Record<string, ReadonlyArray<string>> = {
  complaints: ["complaints/", "all-codes/complaints.csv"],
  "carers-hub": ["carers-hub/"],
  feedback: ["feedback/"],
  audits: ["audits/"],
  sars: ["sars/"],
}

const NONE = SpreadsheetSource.NONE
const stored = (label: string) => (label === NONE ? null : label)
const snake = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)

/** Where a dataset's coded column is stored: its `local_record` field, or its key in `attributes`. */
const targetsOf = (m: SpreadsheetSource.DatasetMapping): Record<string, Target> =>
  Object.fromEntries(
    m.columns
      .filter((c) => c.codes !== undefined)
      .map((c): [string, Target] => [
        c.name,
        c.field !== undefined
          ? column("local_record", snake(c.field), stored)
          : {
              table: "local_record",
              read: (r) =>
                typeof r.attributes === "string"
                  ? ((JSON.parse(r.attributes) as Record<string, unknown>)[c.name] ?? null)
                  : null,
              stored,
            },
      ]),
  )

const paths = (entry: string) =>
  entry.endsWith("/")
    ? readdirSync(join(fixtures, entry))
        .filter((f) => f.endsWith(".csv"))
        .sort()
        .map((f) => join(fixtures, entry, f))
    : [join(fixtures, entry)]

describe("spreadsheet code coverage", () => {
  const dir = tempDir("asckit-sheet-coverage-")

  it("has fixtures for every built-in dataset with code tables", () => {
    const coded = Object.values(SpreadsheetSource.builtIn)
      .filter((m) => (m.codes ?? []).length > 0)
      .map((m) => m.dataset)
    expect(Object.keys(filesOf).sort()).toEqual(coded.sort())
  })

  for (const [name, files] of Object.entries(filesOf)) {
    it(`${name}: loads every value of every code table to its label`, async () => {
      const m = SpreadsheetSource.builtIn[name]!
      const spec = SpreadsheetSource.specOf(m)
      const layout = spec.layouts[0]!
      const db = join(dir, `${name}.sqlite`)
      const s = await load(db, [plugin], {
        sources: [{ plugin: "spreadsheet", config: { dataset: name, files, laCode: "999" } }],
        baseDir: fixtures,
      })
      expect(s.ok).toBe(true)
      const result = coverage({
        db,
        files: files.flatMap(paths).map((path) => ({ path, layout })),
        tables: spec.tables,
        targets: { [layout.name]: targetsOf(m) },
      })
      expect(result.untargeted).toEqual([])
      expect(result.mismatches).toEqual([])
      expect(result.uncovered).toEqual([])
      expect(Object.values(result.checked).reduce((a, b) => a + b, 0)).toBe(
        spec.tables.reduce((n, t) => n + Object.keys(t.map).length, 0),
      )
    })
  }

  it("quarantines the value each dataset's mapping does not know, and lists it", async () => {
    const db = join(dir, "unmapped.sqlite")
    await load(db, [plugin], {
      sources: ["carers-hub", "feedback", "audits", "sars"].map((dataset) => ({
        plugin: "spreadsheet",
        config: { dataset, files: filesOf[dataset], laCode: "999" },
      })),
      baseDir: fixtures,
    })
    const report = await Effect.runPromise(Mapping.unmapped().pipe(Effect.provide(WarehouseReader.layer(db))))
    expect(report.map((r) => [r.stream, r.column, r.value, r.table, r.rows])).toEqual([
      ["audits", "grade", "Excellent", "AuditGrade", 1],
      ["carers-hub", "ageBand", "Under 18", "CarerAgeBand", 1],
      ["feedback", "listenedTo", "Not sure", "ListenedTo", 1],
      ["sars", "category", "Unknown", "SarCategory", 1],
    ])
    expect(
      query(
        db,
        "select f.stream, q.row_number, q.column, q.error_code from etl_quarantine q join etl_file f on f.id = q.file_id order by f.id",
      ),
    ).toEqual([
      { stream: "carers-hub", row_number: 11, column: "ageBand", error_code: "unmapped-code" },
      { stream: "feedback", row_number: 11, column: "listenedTo", error_code: "unmapped-code" },
      { stream: "audits", row_number: 9, column: "grade", error_code: "unmapped-code" },
      { stream: "sars", row_number: 11, column: "category", error_code: "unmapped-code" },
    ])
    // a rating that is not a number is kept as blank, with a finding
    expect(query(db, "select stream, row_number, column, code, value from etl_finding")).toEqual([
      { stream: "feedback", row_number: 10, column: "rating", code: "invalid-number", value: "five" },
    ])
    // blank optional values are nulls; UK and ISO dates read alike
    const rec = (dataset: string, id: string) =>
      query(
        db,
        "select record_date, end_date, category, outcome, source, team, value, attributes from local_record where dataset = ? and record_id = ?",
        dataset,
        id,
      )
    expect(rec("feedback", "FB-008")).toEqual([
      {
        record_date: "2024-05-28",
        end_date: null,
        category: null,
        outcome: null,
        source: null,
        team: null,
        value: null,
        attributes: null,
      },
    ])
    expect(rec("feedback", "FB-001")).toEqual([
      expect.objectContaining({
        record_date: "2024-05-03",
        value: 5,
        attributes: '{"listenedTo":"Yes","easyToFindInformation":"Yes"}',
      }),
    ])
    expect(rec("audits", "AU-007")).toEqual([
      expect.objectContaining({ record_date: "2024-07-23", outcome: null, value: null, attributes: null }),
    ])
    expect(rec("audits", "AU-003")).toEqual([
      expect.objectContaining({
        outcome: "Requires improvement",
        value: 55,
        attributes: '{"strengthsBased":"Yes","mcaRecorded":"Not applicable","carerConsidered":"Yes"}',
      }),
    ])
    expect(rec("sars", "SAR-2024-07")).toEqual([
      expect.objectContaining({
        record_date: "2024-12-02",
        end_date: null,
        category: null,
        attributes: null,
      }),
    ])
    expect(rec("sars", "SAR-2023-01")).toEqual([
      expect.objectContaining({
        record_date: "2023-04-10",
        end_date: "2024-03-20",
        category: "One or more individuals died",
        attributes:
          '{"referralDate":"2023-02-15","individualsDied":1,"individualsSurvived":0,"abuseType":"Neglect and acts of omission"}',
      }),
    ])
  })
})
