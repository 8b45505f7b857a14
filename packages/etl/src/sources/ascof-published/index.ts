/**
 * The published-ASCOF source: DHSC's ASCOF data tables ("Measures from the Adult Social Care Outcomes Framework,
 * England", the `.ods` time series published with each year's statistics) into `benchmark_value`, so councils can
 * be compared with England, their region, their council type and each other, and asckit's own calculations can be
 * checked against the official figures.
 *
 * - Every `Table_*` sheet is read (`Table_2d(1)` → measure `2D(1)`, spelled as in `Catalogue.ascof2023`), from its
 *   header row ("Local authority code", …) down; the title block above it is skipped.
 * - Each (year, sub-group) of a sheet row is one value: one row of `benchmark_value` with framework `ASCOF`, the
 *   measure code, the financial year (`2024-25`), the geography (level council | region | council-type | england,
 *   and its code: CASSR code, region code, council-type code or `England`), the sub-group (`disaggregation`, Table
 *   6b's outstanding/good/other/not yet rated; empty for the measure itself), numerator, denominator, outcome, the
 *   marker when the outcome is `[c]`/`[x]`/`[z]`, and the margin of error. The decoding rules (survey respondents,
 *   SACE 2016-17 bracketed values, rounding) are in `row.ts`.
 * - Quarantine messages name the sheet and year; the column is the spreadsheet column and its header
 *   (`E: 2024 to 2025 - denominator`); the row is the spreadsheet row.
 * - Values merge by (framework, measure, year, geography, sub-group): a later file (a revised publication) replaces
 *   an earlier one's values.
 *
 * Configuration: `{ "files": ["ascof-2024-25.ods"], "tables"?: ["Table_2b", "Table_2c"] }` — files, folders (every
 * `.ods` inside) or `*` patterns, relative to the configuration file; `tables` limits the sheets read.
 *
 * @category sources
 */
import { basename, extname } from "node:path"
import { Effect, Either, Schema, Stream } from "effect"
import { SourceFileError } from "../../EtlError.js"
import * as Ods from "../../Ods.js"
import * as SourcePlugin from "../../SourcePlugin.js"
import * as SourceRegistry from "../../SourceRegistry.js"
import * as Tabular from "../../Tabular.js"
import { benchmarkValue } from "../../WarehouseSchema.js"
import { expandPaths } from "../cld/index.js"
import {
  type BenchmarkRow,
  BenchmarkRowSchema,
  isHeaderRow,
  measureOf,
  parseHeader,
  type RawValue,
  sheetCode,
  type TableHeader,
} from "./row.js"

/** The published-ASCOF source configuration. */
export const Config = Schema.Struct({
  /** Files, folders or `*` patterns, relative to the configuration file. */
  files: Schema.Array(Schema.String).pipe(Schema.minItems(1)),
  /** The table sheets to read (e.g. `Table_2b`); default: every `Table_*` sheet. */
  tables: Schema.optional(Schema.Array(Schema.String).pipe(Schema.minItems(1))),
})
/** The published-ASCOF source configuration. */
export type Config = typeof Config.Type

/** The published-values stream: one row per measure, year, geography and sub-group. */
export const values = SourcePlugin.stream<BenchmarkRow>({
  name: "values",
  description:
    "DHSC's published ASCOF values: numerator, denominator, outcome or marker, by geography and year",
  row: BenchmarkRowSchema,
  key: ["framework", "measureCode", "year", "geographyLevel", "geographyCode", "disaggregation"],
  mode: "merge",
  sink: {
    primary: {
      table: benchmarkValue,
      map: (r) => ({
        framework: r.framework,
        measureCode: r.measureCode,
        year: r.year,
        geographyLevel: r.geographyLevel,
        geographyCode: r.geographyCode,
        onsCode: r.onsCode,
        geographyName: r.geographyName,
        disaggregation: r.disaggregation,
        numerator: r.numerator,
        denominator: r.denominator,
        outcome: r.outcome,
        marker: r.marker,
        marginOfError: r.marginOfError,
        source: r.source,
      }),
    },
  },
})

const fileError = (path: string, sheet: string, row: number | undefined, column: string, message: string) =>
  new SourceFileError({
    path,
    problem: "malformed",
    message: `${path}, sheet ${sheet}${row === undefined ? "" : `, row ${row}`}: ${message}.`,
    ...(row === undefined ? {} : { row }),
    column,
  })

const tableSheet = (name: string, tables: ReadonlyArray<string> | undefined) =>
  sheetCode(name) !== undefined && (tables === undefined || tables.includes(name))

/** The published values of one file, in sheet and row order (throws `SourceFileError` for a bad table layout). */
async function* publishedRows(path: string, config: Config): AsyncGenerator<Array<SourcePlugin.SourceRow>> {
  const file = basename(path)
  /** The table sheets of the file that were selected, and whether each had its header. */
  const selected = new Map<string, boolean>()
  let sheet: string | undefined
  let header: TableHeader | undefined
  let code = ""
  let known = true
  const batches = Ods.odsSheets(path, {
    select: (n) => tableSheet(n, config.tables),
    onSheet: (n) => {
      if (tableSheet(n, config.tables)) selected.set(n, false)
    },
  })
  /** The current sheet's values by key (geography, year, sub-group), in sheet order: see `ordered`. */
  let buffered = new Map<string, Array<Candidate>>()
  for await (const batch of batches) {
    if (batch.sheet !== sheet) {
      if (buffered.size > 0) yield ordered(buffered)
      buffered = new Map()
      sheet = batch.sheet
      header = undefined
      code = sheetCode(sheet) ?? ""
      const m = measureOf(code)
      known = m !== undefined
      if (m !== undefined) code = m.code
    }
    for (const rec of batch.records) {
      if (header === undefined) {
        if (!isHeaderRow(rec.cells)) continue
        const parsed = parseHeader(rec.row, rec.cells, code, Tabular.columnLetter)
        if (Either.isLeft(parsed))
          throw fileError(path, sheet, rec.row, parsed.left.column, parsed.left.message)
        header = parsed.right
        selected.set(sheet, true)
        continue
      }
      if (rec.cells.every((c) => c.trim() === "")) continue
      for (const v of valuesOf(file, sheet, code, known, header, rec)) {
        const list = buffered.get(v.key)
        if (list === undefined) buffered.set(v.key, [v])
        else list.push(v)
      }
    }
  }
  if (buffered.size > 0) yield ordered(buffered)
  for (const [name, hasHeader] of selected) {
    if (!hasHeader) {
      throw fileError(
        path,
        name,
        undefined,
        "Local authority code",
        `no header row: a table sheet has a row starting "Local authority code" above its data`,
      )
    }
  }
  for (const t of config.tables ?? []) {
    if (!selected.has(t)) {
      throw new SourceFileError({
        path,
        problem: "malformed",
        message: `${path}: the configuration asks for sheet ${t}, which is not a table sheet of this file.`,
        column: t,
      })
    }
  }
  if (selected.size === 0) {
    throw new SourceFileError({
      path,
      problem: "wrong-format",
      message: `${path}: no Table_* sheets: this is not one of DHSC's ASCOF data tables.`,
    })
  }
}

/** A value read from a sheet, with what decides between two rows of the same council (see `ordered`). */
interface Candidate {
  readonly key: string
  readonly notApplicable: boolean
  readonly row: SourcePlugin.SourceRow
}

/**
 * A sheet's values in the order they are loaded. Rows sharing a key are one CASSR code listed twice — DHSC lists
 * 809 as "Dorset County" (E10000009, to 2018-19) and "Dorset" (E06000059, from 2019-20), each `[z]` in the other's
 * years. For each year the value that is not `[z]` goes first, so it is the one loaded (within a file the first row
 * of a key wins) and the other is reported as a duplicate; when both have values (Dorset 2024-25: the same
 * figures), the later row — the successor council — goes first. Otherwise the sheet's order is kept.
 */
const ordered = (buffered: ReadonlyMap<string, ReadonlyArray<Candidate>>): Array<SourcePlugin.SourceRow> => {
  const out: Array<SourcePlugin.SourceRow> = []
  for (const list of buffered.values()) {
    if (list.length === 1) out.push(list[0]!.row)
    else {
      const rank = (c: Candidate) => (c.notApplicable ? 0 : 1)
      const sorted = list
        .map((c, i) => ({ c, i }))
        .sort((a, b) => rank(b.c) - rank(a.c) || b.i - a.i)
        .map((x) => x.c.row)
      out.push(...sorted)
    }
  }
  return out
}

/** The values of one sheet row: one per value group (year and sub-group). */
const valuesOf = (
  file: string,
  sheet: string,
  code: string,
  known: boolean,
  h: TableHeader,
  rec: Tabular.RawRecord,
): Array<Candidate> => {
  const cell = (i: number) => rec.cells[i] ?? ""
  const geographyCode = cell(h.code).trim()
  const noCode = geographyCode === "" || /^\[[cxz]\]$/i.test(geographyCode)
  return h.groups.map((g) => {
    const value = (f: keyof typeof g.columns) => {
      const c = g.columns[f]
      return c === undefined ? undefined : cell(c.index)
    }
    const values: RawValue = {
      file,
      sheet,
      measureCode: code,
      year: g.year,
      disaggregation: g.disaggregation,
      geographyCode,
      geographyName: cell(h.name),
      onsCode: cell(h.ons),
      numerator: value("numerator"),
      numeratorColumn: g.columns.numerator?.label,
      denominator: value("denominator"),
      denominatorColumn: g.columns.denominator?.label,
      outcome: value("outcome"),
      outcomeColumn: g.columns.outcome?.label,
      respondents: value("respondents"),
      respondentsColumn: g.columns.respondents?.label,
      marginOfError: value("marginOfError"),
      marginOfErrorColumn: g.columns.marginOfError?.label,
    }
    const issues: Array<SourcePlugin.RowIssue> = []
    if (!known) {
      issues.push({
        code: "unknown-measure",
        message: `${sheet}: measure ${code} is not in asckit's ASCOF 2023 catalogue (@asckit/core Catalogue.ascof2023), so its values are not loaded`,
      })
    }
    if (noCode) {
      issues.push({
        column: `${Tabular.columnLetter(h.code)}: Local authority code`,
        code: "no-geography",
        message: `${sheet}: the local authority code is ${geographyCode === "" ? "blank" : geographyCode} for "${cell(h.name).trim()}", which is not a council, region, council type or England (a combined area?), so the row is not loaded`,
      })
    }
    const raw = values as unknown as SourcePlugin.RawRow
    return {
      key: `${geographyCode.toUpperCase()}\u0000${g.year}\u0000${g.disaggregation}`,
      notApplicable: /^\[z\]$/i.test((values.outcome ?? "").trim()),
      row: issues.length > 0 ? { row: rec.row, values: raw, issues } : { row: rec.row, values: raw },
    }
  })
}

/** The published-ASCOF source plugin. */
export const plugin = SourcePlugin.make<Config>({
  id: "ascof-published",
  description:
    "DHSC's published ASCOF data tables (.ods time series): England, regions, council types, councils",
  config: Config,
  streams: [values],
  worker: { module: import.meta.url, export: "plugin" },
  inputs: (config, context) =>
    Effect.map(expandPaths(config.files, context.baseDir, new Set([".ods"])), (paths) =>
      paths.map((path) => ({ stream: "values", path })),
    ),
  extract: (config, input) =>
    extname(input.path).toLowerCase() !== ".ods"
      ? Stream.fail(
          new SourceFileError({
            path: input.path,
            problem: "wrong-format",
            message: `${input.path}: the ASCOF data tables are read from DHSC's .ods file; this is not an .ods file.`,
          }),
        )
      : Stream.suspend(() =>
          Stream.fromAsyncIterable(publishedRows(input.path, config), (e) =>
            e instanceof SourceFileError ? e : Ods.readError(input.path, e),
          ),
        ).pipe(Stream.flattenIterables),
})

/** Registers the published-ASCOF source. */
export const layer = SourceRegistry.register(plugin)
