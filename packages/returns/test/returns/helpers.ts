/**
 * Test helpers for the statutory returns: a warehouse in a temp folder, CLD fixtures loaded through the real CLD
 * plugin, rows inserted directly into the safeguarding and DoLS tables (their source plugins are tested on their
 * own), building a return, and reading its workbook back.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Period } from "@asckit/core"
import {
  CldSource,
  Derive,
  Pipeline,
  Progress,
  Pseudonymiser,
  type SourcePlugin,
  SourceRegistry,
  Warehouse,
  WarehouseReader,
} from "@asckit/etl"
import { Effect, Layer, Redacted, Schema } from "effect"
import ExcelJS from "exceljs"
import { afterAll } from "vitest"
import { type Row, writeCld } from "../../../etl/test/cld-fixtures.js"
import { type ReturnDocument, type ReturnPlugin, WorkbookWriter } from "../../src/index.js"

/** A fresh temp folder, removed after the test file. */
export const tempDir = (prefix = "asckit-returns-"): string => {
  const d = mkdtempSync(join(tmpdir(), prefix))
  afterAll(() => rmSync(d, { recursive: true, force: true }))
  return d
}

/** The test pseudonymisation key. */
export const testKey = Redacted.make("returns-test-key-0123456789")

/** Loads CLD rows (written as CSV files, one per submission) through the real CLD plugin, with the derivations. */
export const loadCld = async (
  db: string,
  dir: string,
  files: ReadonlyArray<{ readonly name: string; readonly rows: ReadonlyArray<Row> }>,
): Promise<Pipeline.RunSummary> => {
  const paths = files.map((f) => {
    const path = join(dir, f.name)
    writeCld(path, f.rows)
    return path
  })
  return loadFiles(db, paths)
}

/** Loads CLD files already written. */
export const loadFiles = (db: string, paths: ReadonlyArray<string>): Promise<Pipeline.RunSummary> =>
  Effect.runPromise(
    Pipeline.run({
      sources: [{ plugin: "cld", config: { files: paths } }],
      baseDir: "/",
      derivations: Derive.all,
      workers: false,
    }).pipe(
      Effect.provide(
        Layer.mergeAll(
          Warehouse.layer({ path: db }),
          SourceRegistry.layerWith([CldSource.plugin]),
          Pseudonymiser.layer(testKey),
          Progress.layerSilent,
        ),
      ),
    ),
  )

/** Opens the warehouse (creating and migrating it) and runs `f` on its better-sqlite3 connection. */
export const withDb = <A>(db: string, f: (s: Warehouse.Service["sqlite"]) => A): A =>
  Effect.runSync(
    Effect.scoped(Effect.flatMap(Warehouse.make({ path: db }), (w) => w.use("test", (_d, s) => f(s)))),
  )

let fileSeq = 0

/**
 * Inserts rows into a fact table with their lineage (one `etl_file` row per call, plugin `fixture`, so the Notes
 * sheet lists it). Columns are the table's SQL column names.
 */
export const insert = (
  db: string,
  table: string,
  rows: ReadonlyArray<Record<string, string | number | null>>,
): void =>
  withDb(db, (s) => {
    fileSeq += 1
    const fileId = Number(
      s
        .prepare(
          "insert into etl_file (run_id, plugin, stream, path, size, sha256, status, rows_read, rows_loaded, started_at) values ('fixture-run', 'fixture', ?, ?, 0, ?, 'loaded', ?, ?, '2025-05-01T00:00:00Z')",
        )
        .run(table, `/fixtures/${table}-${fileSeq}.csv`, `${table}-sha-${fileSeq}`, rows.length, rows.length)
        .lastInsertRowid,
    )
    rows.forEach((r, i) => {
      const cols = Object.keys(r)
      const all = [...cols, "row_key", "run_id", "file_id", "row_number"]
      s.prepare(`insert into ${table} (${all.join(", ")}) values (${all.map(() => "?").join(", ")})`).run(
        ...cols.map((c) => r[c] ?? null),
        `${table}-${fileSeq}-${i}`,
        "fixture-run",
        fileId,
        i + 2,
      )
    })
  })

/** Builds a return from a warehouse file. */
export const build = <C>(
  plugin: ReturnPlugin.ReturnPlugin<C>,
  db: string,
  period: Period.Period,
  config: unknown = {},
  laCode = "999",
): Promise<ReturnDocument.Document> =>
  Effect.runPromise(
    plugin
      .build(Schema.decodeUnknownSync(plugin.config)(config), period, { laCode, version: "test" })
      .pipe(Effect.provide(WarehouseReader.layer(db))),
  )

/** Writes a document as a workbook and reads it back. */
export const roundTrip = async (doc: ReturnDocument.Document, path: string): Promise<ExcelJS.Workbook> => {
  await Effect.runPromise(WorkbookWriter.make.write(doc, path))
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  return wb
}

/**
 * The value in a worksheet at a row whose first cells hold `rowHeader` (joined with " / ") and the column whose
 * header row (the row above the table's first data row holding `columnHeader`) matches, searching below the table
 * title `tableTitle` (a prefix).
 */
export const sheetCell = (
  ws: ExcelJS.Worksheet,
  tableTitle: string,
  rowHeader: string,
  columnHeader: string,
  rowHeaderColumns = 1,
): unknown => {
  let titleRow = 0
  ws.eachRow((row, n) => {
    if (titleRow === 0 && String(row.getCell(1).value ?? "").startsWith(tableTitle)) titleRow = n
  })
  if (titleRow === 0) throw new Error(`no table "${tableTitle}" on ${ws.name}`)
  let headerRow = 0
  let column = 0
  for (let r = titleRow + 1; r < titleRow + 6 && column === 0; r++) {
    ws.getRow(r).eachCell((c, col) => {
      if (column === 0 && col > rowHeaderColumns && String(c.value ?? "") === columnHeader) {
        column = col
        headerRow = r
      }
    })
  }
  if (column === 0) throw new Error(`no column "${columnHeader}" in "${tableTitle}"`)
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r)
    const first = String(row.getCell(1).value ?? "")
    if (first === "" && r > headerRow + 1 && String(row.getCell(rowHeaderColumns + 1).value ?? "") === "")
      break
    const header = Array.from({ length: rowHeaderColumns }, (_, i) => String(row.getCell(i + 1).value ?? ""))
      .filter((h) => h !== "")
      .join(" / ")
    if (header === rowHeader) return row.getCell(column).value
  }
  throw new Error(`no row "${rowHeader}" in "${tableTitle}"`)
}

/** Loads sources (configuration entries, paths relative to `baseDir`) through the given source plugins. */
export const loadSources = (
  db: string,
  baseDir: string,
  sources: ReadonlyArray<Pipeline.SourceConfig>,
  plugins: ReadonlyArray<SourcePlugin.SourcePlugin>,
): Promise<Pipeline.RunSummary> =>
  Effect.runPromise(
    Pipeline.run({ sources, baseDir, derivations: Derive.all, workers: false }).pipe(
      Effect.provide(
        Layer.mergeAll(
          Warehouse.layer({ path: db }),
          SourceRegistry.layerWith(plugins),
          Pseudonymiser.layer(testKey),
          Progress.layerSilent,
        ),
      ),
    ),
  )
