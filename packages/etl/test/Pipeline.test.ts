import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { Effect, Schema, Stream } from "effect"
import ExcelJS from "exceljs"
import { describe, expect, it } from "vitest"
import { EtlError, Fields, Pipeline, SourcePlugin, Tabular, WarehouseSchema } from "../src/index.js"
import { layers, load, query, tempDir } from "./helpers.js"

/** A small plugin: a people register (CSV or XLSX) loading into the `person` table. */
const columns = ["Person_ID", "As_At", "Gender", "Birth_Year", "Ethnicity"] as const
const canonical = (h: string) =>
  columns.find((c) => c.toLowerCase() === h.toLowerCase().replace(/[\s-]+/g, "_"))
const Row = Schema.Struct({
  Person_ID: Fields.required(Fields.text, "a person id"),
  As_At: Fields.required(Fields.date, "a date"),
  Gender: Fields.required(
    Fields.code(
      "Gender",
      (s) => ({ m: "Male", male: "Male", f: "Female", female: "Female" })[s.toLowerCase()],
    ),
  ),
  Birth_Year: Fields.integer,
  Ethnicity: Fields.lenient(
    Fields.code("Ethnicity", (s) => (["White", "Asian", "Black"].includes(s) ? s : undefined)),
  ),
})
type Row = typeof Row.Type

const makePlugin = (
  mode: SourcePlugin.WriteMode,
  failAfter?: number,
  key: ReadonlyArray<keyof Row & string> = ["Person_ID", "As_At"],
): SourcePlugin.SourcePlugin<{ files: ReadonlyArray<string> }> =>
  SourcePlugin.make({
    id: `people-${mode}${failAfter ? "-failing" : ""}`,
    description: "A people register (test plugin)",
    config: Schema.Struct({ files: Schema.Array(Schema.String) }),
    streams: [
      SourcePlugin.stream<Row>({
        name: "people",
        description: "people",
        row: Row,
        key,
        mode,
        precedence: "As_At",
        identifiers: ["Person_ID"],
        identifierColumns: ["Person_ID"],
        sink: {
          primary: {
            table: WarehouseSchema.person,
            map: (r) => ({
              laCode: "999",
              personId: r.Person_ID,
              asAt: r.As_At,
              gender: r.Gender,
              birthYear: r.Birth_Year,
              ethnicity: r.Ethnicity,
            }),
          },
        },
      }),
    ],
    inputs: (config) => Effect.succeed(config.files.map((path) => ({ stream: "people", path }))),
    extract: (_config, input) =>
      Stream.unwrap(
        Effect.map(Tabular.probe(input.path), (p) => {
          const rows = Tabular.table(p, { canonical, required: ["Person_ID", "As_At", "Gender"] })
          return failAfter === undefined
            ? rows
            : Stream.concat(
                Stream.take(rows, failAfter),
                Stream.fail(
                  new EtlError.SourceFileError({
                    path: input.path,
                    problem: "malformed",
                    message: "disk went away",
                  }),
                ),
              )
        }),
      ),
  })

const append = makePlugin("append")
/** One row per person: the snapshot with the latest As_At wins. */
const merge = makePlugin("merge", undefined, ["Person_ID"])
const replace = makePlugin("replace")

const csv = (dir: string, name: string, lines: ReadonlyArray<string>, encoding: BufferEncoding = "utf8") => {
  const path = join(dir, name)
  writeFileSync(path, Buffer.from(lines.join("\r\n") + "\r\n", encoding))
  return path
}

describe("Pipeline", () => {
  const dir = tempDir()

  it("loads good rows, quarantines bad ones with file, row and column, and reconciles", async () => {
    const db = join(dir, "a.sqlite")
    const file = csv(dir, "people.csv", [
      "Person_ID,As_At,Gender,Birth_Year,Ethnicity",
      "A1,2024-03-31,M,1950,White",
      "A2,31/03/2024,female,1948,Martian", // invalid optional → finding, row kept
      "A3,2024-02-30,F,1950,White", // impossible date → quarantined
      ",2024-03-31,X,19x0,White", // three bad fields, all reported
      "A5,2024-03-31", // truncated
      "",
      '"A7","2024-03-31","F","1960","Black"',
      "A1,2024-03-31,M,1950,White", // duplicate of row 2
    ])
    const s = await load(db, [append], { sources: [{ plugin: append.id, config: { files: [file] } }] })
    expect(s.ok).toBe(true)
    const f = s.files[0]!
    expect(f).toMatchObject({
      status: "loaded",
      rowsRead: 7,
      rowsLoaded: 3,
      rowsQuarantined: 3,
      rowsDuplicate: 1,
      findings: 1,
    })
    expect(f.rowsRead).toBe(f.rowsLoaded + f.rowsQuarantined + f.rowsDuplicate)
    const q = query<{
      row_number: number
      column: string | null
      error_code: string
      message: string
      raw_json: string
    }>(
      db,
      "select row_number, column, error_code, message, raw_json from etl_quarantine order by row_number, id",
    )
    expect(q.map((r) => [r.row_number, r.column, r.error_code])).toEqual([
      [4, "As_At", "invalid-date"],
      [5, "Person_ID", "blank-mandatory"],
      [5, "Gender", "invalid-code"],
      [5, "Birth_Year", "invalid-number"],
      [6, "Gender", "truncated-row"],
      [9, null, "duplicate"], // reported with its row, not quarantined
    ])
    expect(q[0]!.message).toContain('"2024-02-30" is not a real calendar date')
    // identifiers in the quarantined raw row are pseudonymised
    expect(q[0]!.raw_json).not.toContain('"A3"')
    expect(JSON.parse(q[0]!.raw_json).Person_ID).toMatch(/^pseudonym:/)
    const findings = query<{ row_number: number; column: string; value: string }>(
      db,
      "select * from etl_finding",
    )
    expect(findings).toMatchObject([{ row_number: 3, column: "Ethnicity", value: "Martian" }])
    // loaded rows are pseudonymised and carry lineage
    const people = query<{ person_id: string; ethnicity: string | null; row_number: number; as_at: string }>(
      db,
      "select person_id, ethnicity, row_number, as_at from person order by row_number",
    )
    expect(people.map((p) => [p.row_number, p.ethnicity, p.as_at])).toEqual([
      [2, "White", "2024-03-31"],
      [3, null, "2024-03-31"],
      [8, "Black", "2024-03-31"],
    ])
    for (const p of people) expect(p.person_id).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(JSON.stringify(people)).not.toMatch(/"A[0-9]"/)
  })

  it("skips a file already loaded and changes nothing on a re-run", async () => {
    const db = join(dir, "b.sqlite")
    const file = csv(dir, "b.csv", ["Person_ID,As_At,Gender", "B1,2024-03-31,M", "B2,2024-03-31,bad"])
    const cfg = { sources: [{ plugin: append.id, config: { files: [file] } }] }
    await load(db, [append], cfg)
    const snapshot = () =>
      query(db, "select * from person order by row_key").concat(
        query(db, "select * from etl_quarantine order by id"),
      )
    const before = snapshot()
    const again = await load(db, [append], cfg)
    expect(again.files[0]).toMatchObject({ status: "skipped", rowsRead: 0 })
    expect(again.files[0]!.message).toContain("already loaded")
    expect(snapshot()).toEqual(before)
  })

  it("writes nothing in a dry run but reports what would happen", async () => {
    const db = join(dir, "c.sqlite")
    const file = csv(dir, "c.csv", ["Person_ID,As_At,Gender", "C1,2024-03-31,M", "C2,2024-03-31,bad"])
    const s = await load(db, [append], {
      sources: [{ plugin: append.id, config: { files: [file] } }],
      dryRun: true,
    })
    expect(s.files[0]).toMatchObject({ status: "validated", rowsRead: 2, rowsLoaded: 1, rowsQuarantined: 1 })
    expect(s.files[0]!.rejects).toMatchObject([{ row: 3, column: "Gender", code: "invalid-code" }])
    expect(query(db, "select * from person")).toEqual([])
    expect(query(db, "select * from etl_file")).toEqual([])
    expect(query(db, "select * from etl_run")).toEqual([])
  })

  it("leaves nothing behind when a file fails midway", async () => {
    const db = join(dir, "d.sqlite")
    const lines = ["Person_ID,As_At,Gender"]
    for (let i = 0; i < 5000; i++) lines.push(`D${i},2024-03-31,M`)
    const file = csv(dir, "d.csv", lines)
    const failing = makePlugin("append", 3000)
    const s = await load(db, [failing], {
      sources: [{ plugin: failing.id, config: { files: [file] } }],
      batchSize: 500,
    })
    expect(s.ok).toBe(false)
    expect(s.files[0]).toMatchObject({ status: "failed", message: "disk went away" })
    expect(query(db, "select count(*) as n from person")).toEqual([{ n: 0 }])
    expect(query(db, "select count(*) as n from etl_quarantine")).toEqual([{ n: 0 }])
    expect(query(db, "select status, message from etl_file")).toEqual([
      { status: "failed", message: "disk went away" },
    ])
    // and the same file loads cleanly afterwards with a working reader
    const ok = await load(db, [append], { sources: [{ plugin: append.id, config: { files: [file] } }] })
    expect(ok.files[0]).toMatchObject({ status: "loaded", rowsLoaded: 5000 })
  })

  it("merges by key: the higher precedence wins, then the later file; the losers are duplicates", async () => {
    const db = join(dir, "e.sqlite")
    const head = "Person_ID,As_At,Gender,Birth_Year"
    const f1 = csv(dir, "e1.csv", [
      head,
      "E1,2024-03-31,M,1950",
      "E1,2024-06-30,M,1950",
      "E2,2024-06-30,F,1940",
    ])
    const f2 = csv(dir, "e2.csv", [head, "E1,2024-06-30,M,1951"]) // a corrected resubmission of the same snapshot
    const f3 = csv(dir, "e3.csv", [head, "E1,2024-03-31,M,1949", "E2,2024-09-30,F,1940"]) // one older, one newer
    const s = await load(db, [merge], { sources: [{ plugin: merge.id, config: { files: [f1, f2, f3] } }] })
    // Counts are what each file contributed when it was loaded.
    expect(s.files.map((f) => [f.rowsRead, f.rowsLoaded, f.rowsDuplicate])).toEqual([
      [3, 2, 1], // E1's 03-31 row lost to its 06-30 row in the same file
      [1, 1, 0], // equal precedence: the later file wins
      [2, 1, 1], // the older E1 snapshot is a duplicate; E2's newer one wins
    ])
    expect(query(db, "select as_at, birth_year, gender from person order by gender desc")).toEqual([
      { as_at: "2024-06-30", birth_year: 1951, gender: "Male" },
      { as_at: "2024-09-30", birth_year: 1940, gender: "Female" },
    ])
  })

  it("replaces what earlier files of the stream loaded", async () => {
    const db = join(dir, "r.sqlite")
    const head = "Person_ID,As_At,Gender"
    const f1 = csv(dir, "r1.csv", [head, "R1,2024-03-31,M", "R2,2024-03-31,F"])
    const f2 = csv(dir, "r2.csv", [head, "R3,2024-06-30,M"])
    await load(db, [replace], { sources: [{ plugin: replace.id, config: { files: [f1] } }] })
    expect(query(db, "select count(*) as n from person")).toEqual([{ n: 2 }])
    await load(db, [replace], { sources: [{ plugin: replace.id, config: { files: [f2] } }] })
    expect(query(db, "select as_at from person")).toEqual([{ as_at: "2024-06-30" }])
  })

  it("fails a file for bad headers, with the file, row and column named, and goes on with the next", async () => {
    const db = join(dir, "f.sqlite")
    const dup = csv(dir, "dup.csv", ["Person_ID,As_At,gender,GENDER", "F1,2024-03-31,M,M"])
    const missing = csv(dir, "missing.csv", ["Person_ID,Sex", "F1,M"])
    const empty = join(dir, "empty.csv")
    writeFileSync(empty, "")
    const binary = join(dir, "binary.csv")
    writeFileSync(binary, Buffer.from([0x00, 0x01, 0x02, 0xff, 0x00, 0x41]))
    const good = csv(dir, "good.csv", ["Person_ID,As_At,Gender", "F9,2024-03-31,F"])
    const nowhere = join(dir, "nowhere.csv")
    const s = await load(db, [append], {
      sources: [{ plugin: append.id, config: { files: [dup, missing, empty, binary, nowhere, good] } }],
    })
    expect(s.ok).toBe(false)
    const by = Object.fromEntries(s.files.map((f) => [f.path.split("/").pop(), f]))
    expect(by["dup.csv"]!.error).toMatchObject({ problem: "duplicate-header", row: 1, column: "Gender" })
    expect(by["dup.csv"]!.message).toContain('columns C ("gender") and D ("GENDER") are both Gender')
    expect(by["missing.csv"]!.error).toMatchObject({ problem: "missing-columns", row: 1 })
    expect(by["missing.csv"]!.message).toContain(
      "missing required columns As_At, Gender. Columns not recognised: Sex",
    )
    expect(by["empty.csv"]!.error).toMatchObject({ problem: "empty" })
    expect(by["binary.csv"]!.error).toMatchObject({ problem: "binary" })
    expect(by["nowhere.csv"]!.error).toMatchObject({ problem: "missing" })
    expect(by["good.csv"]).toMatchObject({ status: "loaded", rowsLoaded: 1 })
    expect(query(db, "select count(*) as n from person")).toEqual([{ n: 1 }])
  })

  it("reads a UTF-8 BOM, Windows-1252 text, quoted newlines and row numbers as a spreadsheet shows them", async () => {
    const db = join(dir, "g.sqlite")
    const bom = join(dir, "bom.csv")
    writeFileSync(bom, "\uFEFFPerson_ID,As_At,Gender\r\nG1,2024-03-31,M\r\n")
    const cp1252 = join(dir, "cp1252.csv")
    // "Zoë" in Windows-1252 (0xEB), with a quoted field holding a newline on row 2
    writeFileSync(
      cp1252,
      Buffer.concat([
        Buffer.from('Person_ID,As_At,Gender\n"G2\nsecond line",2024-03-31,F\nZo'),
        Buffer.from([0xeb]),
        Buffer.from(",2024-03-31,bad\n"),
      ]),
    )
    const s = await load(db, [append], { sources: [{ plugin: append.id, config: { files: [bom, cp1252] } }] })
    expect(s.files.map((f) => [f.rowsLoaded, f.rowsQuarantined])).toEqual([
      [1, 0],
      [1, 1],
    ])
    const q = query<{ row_number: number; raw_json: string }>(
      db,
      "select row_number, raw_json from etl_quarantine",
    )
    expect(q[0]!.row_number).toBe(3) // the quoted newline does not start a new row
    expect((await Effect.runPromise(Tabular.probe(cp1252))).encoding).toBe("windows-1252")
  })

  it("reads XLSX workbooks (dates, numbers, the named sheet) and fails clearly on a corrupt one", async () => {
    const db = join(dir, "h.sqlite")
    const path = join(dir, "people.xlsx")
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet("Notes").addRow(["this sheet is not data"])
    const ws = wb.addWorksheet("People")
    ws.addRow(["Person ID", "As At", "Gender", "Birth Year"])
    ws.addRow(["H1", new Date(Date.UTC(2024, 2, 31)), "M", 1950])
    ws.addRow([1234567890, "2024-03-31", "F", 1951])
    ws.addRow(["H3", "not a date", "F", 1952])
    await wb.xlsx.writeFile(path)
    const sheetPlugin = {
      ...append,
      id: "people-xlsx",
      extract: (_c: { files: ReadonlyArray<string> }, input: SourcePlugin.Input) =>
        Stream.unwrap(
          Effect.map(Tabular.probe(input.path), (p) =>
            Tabular.table(p, { canonical, required: ["Person_ID"], sheet: "People" }),
          ),
        ),
    } as SourcePlugin.SourcePlugin
    const s = await load(db, [sheetPlugin], {
      sources: [{ plugin: "people-xlsx", config: { files: [path] } }],
    })
    expect(s.files[0]).toMatchObject({ status: "loaded", rowsRead: 3, rowsLoaded: 2, rowsQuarantined: 1 })
    expect(query(db, "select row_number, column from etl_quarantine")).toEqual([
      { row_number: 4, column: "As_At" },
    ])

    const corrupt = join(dir, "corrupt.xlsx")
    const bytes = await import("node:fs").then((fs) => fs.readFileSync(path))
    writeFileSync(corrupt, bytes.subarray(0, Math.floor(bytes.length / 2)))
    const bad = await load(db, [sheetPlugin], {
      sources: [{ plugin: "people-xlsx", config: { files: [corrupt] } }],
    })
    expect(bad.files[0]).toMatchObject({ status: "failed" })
    expect(bad.files[0]!.message).toContain("corrupt.xlsx")
  })

  it("rejects an invalid plugin configuration before loading anything", async () => {
    const db = join(dir, "i.sqlite")
    const r = await Effect.runPromise(
      Effect.flip(
        Effect.promise(() =>
          load(db, [append], { sources: [{ plugin: append.id, config: { files: "x.csv" } }] }),
        ).pipe(
          Effect.flatMap(() => Effect.fail("loaded" as const)),
          Effect.catchAllDefect((e) => Effect.succeed(e)),
        ),
      ),
    ).catch((e) => e)
    expect(String(r)).toContain("the configuration is not valid")
    const unknown = await load(db, [append], { sources: [{ plugin: "nope", config: {} }] }).catch((e) => e)
    expect(String(unknown)).toContain('No source plugin "nope"')
  })

  it("marks the run failed, not running, when a warehouse error stops it", async () => {
    const db = join(dir, "j.sqlite")
    const file = csv(dir, "j.csv", ["Person_ID,As_At,Gender", "J1,2024-03-31,M"])
    const broken: Pipeline.Derivation = {
      name: "broken",
      tables: ["person"],
      run: () => {
        throw new Error("database or disk is full")
      },
    }
    const err = await load(db, [append], {
      sources: [{ plugin: append.id, config: { files: [file] } }],
      derivations: [broken],
    }).catch((e) => e)
    expect(String(err)).toContain("database or disk is full")
    const [run] = query<{ status: string; finished_at: string | null; summary_json: string }>(
      db,
      "select status, finished_at, summary_json from etl_run",
    )
    expect(run).toMatchObject({ status: "failed", finished_at: expect.any(String) })
    expect(JSON.parse(run!.summary_json).error).toContain("database or disk is full")
    // the file itself committed before the failure, and a later run is recorded normally
    expect(query(db, "select status from etl_file")).toEqual([{ status: "loaded" }])
    const again = await load(db, [append], { sources: [{ plugin: append.id, config: { files: [file] } }] })
    expect(again.ok).toBe(true)
    expect(query(db, "select status from etl_run order by started_at, id")).toEqual([
      { status: "failed" },
      { status: "succeeded" },
    ])
  })

  it("marks the run failed when it dies or is interrupted", async () => {
    const dying = SourcePlugin.make({
      ...append,
      id: "people-dying",
      inputs: () => Effect.die(new Error("bug")),
    })
    const db = join(dir, "k.sqlite")
    const err = await load(db, [dying], { sources: [{ plugin: dying.id, config: { files: [] } }] }).catch(
      (e) => e,
    )
    expect(String(err)).toContain("bug")
    expect(query(db, "select status from etl_run")).toEqual([{ status: "failed" }])

    const hanging = SourcePlugin.make({ ...append, id: "people-hanging", inputs: () => Effect.never })
    const db2 = join(dir, "l.sqlite")
    await Effect.runPromise(
      Pipeline.run({ sources: [{ plugin: hanging.id, config: { files: [] } }], baseDir: dir }).pipe(
        Effect.provide(layers(db2, [hanging])),
        Effect.timeout("200 millis"),
        Effect.ignore,
      ),
    )
    expect(
      query<{ status: string; summary_json: string }>(db2, "select status, summary_json from etl_run"),
    ).toEqual([{ status: "failed", summary_json: JSON.stringify({ error: "interrupted" }) }])
  })
})
