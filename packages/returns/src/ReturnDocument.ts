/**
 * A return as a pure document: sheets of tables (row and column headers, cells), notes, validation findings, and
 * for every cell the id of the query that produced it. Return plugins build documents; rendering (Excel, HTML, CSV)
 * and delivery are separate, so a document can be tested cell by cell and explained when DHSC queries a figure.
 *
 * @category models
 */
import { Rounding } from "@asckit/core"

/** How a cell is shown: whole numbers, fixed decimals, a percentage already ×100, text or a date. */
export type Format = "integer" | "decimal1" | "decimal3" | "percent1" | "percent0" | "text" | "date"

/**
 * A cell. `kind` says what publication does with it: `count` cells are suppressed below 5 and rounded to 5 in
 * publication mode; `measure` cells (rates, percentages) are published as they are (their counts are suppressed
 * with them when the plugin says so); `label`/`text` cells are never touched.
 */
export interface Cell {
  readonly value: number | string | null
  readonly kind: "count" | "measure" | "label" | "text"
  readonly format?: Format
  /** A published marker instead of a value: `[c]` suppressed, `[x]` not available, `[z]` not applicable. */
  readonly marker?: "[c]" | "[x]" | "[z]"
  /** The id of the query that produced the value (a key of `Document.queries`). */
  readonly query?: string
  /** A note for the reader (shown as a cell comment). */
  readonly note?: string
}

/** A row: its header cells (one per row-header column) and its value cells (one per column header). */
export interface Row {
  readonly header: ReadonlyArray<string>
  readonly cells: ReadonlyArray<Cell>
  /** A total or subtotal row (shown bold). */
  readonly total?: boolean
}

/** A table of a sheet, laid out like the statutory table it reproduces. */
export interface Table {
  readonly id: string
  readonly title: string
  /** Headers of the row-header columns (e.g. ["Primary support reason", "Age band"]). */
  readonly rowHeaders: ReadonlyArray<string>
  /** Column headers; several levels when columns are grouped (outer first). */
  readonly columnHeaders: ReadonlyArray<ReadonlyArray<string>>
  readonly rows: ReadonlyArray<Row>
  readonly notes?: ReadonlyArray<string>
}

/** A worksheet. */
export interface Sheet {
  /** Worksheet name (Excel allows at most 31 characters, no `[]:*?/\`). */
  readonly name: string
  readonly title: string
  readonly tables: ReadonlyArray<Table>
}

/** A validation finding: an `error` blocks final output; a `query` must be signed off. */
export interface Finding {
  readonly severity: "error" | "query"
  readonly rule: string
  readonly message: string
  readonly sheet?: string
  readonly table?: string
  /** The figures compared, side by side (e.g. this year and last year). */
  readonly figures?: ReadonlyArray<{ readonly label: string; readonly value: number | string | null }>
}

/** A query that produced cells: what it counts, for the reader and for audit. */
export interface Query {
  readonly description: string
  /** The SQL, when the figure came from the warehouse. */
  readonly sql?: string
}

/** A built return. */
export interface Document {
  readonly returnId: string
  readonly title: string
  /** The period as text (e.g. `2024-25`). */
  readonly period: string
  readonly sheets: ReadonlyArray<Sheet>
  readonly findings: ReadonlyArray<Finding>
  /** Key facts for the Notes sheet: period, sources and their sha256, run id, asckit version… */
  readonly notes: ReadonlyArray<{ readonly label: string; readonly value: string }>
  readonly queries: Readonly<Record<string, Query>>
  /** True once publication rules (suppression, rounding) have been applied. */
  readonly publication?: boolean
}

/** A count cell. */
export const count = (value: number | null, query?: string): Cell => ({
  value,
  kind: "count",
  format: "integer",
  ...(query === undefined ? {} : { query }),
})

/** A measure cell (a rate, a percentage, a score) with its format. */
export const measure = (
  value: number | null,
  format: Format,
  query?: string,
  marker?: Cell["marker"],
): Cell => ({
  value,
  kind: "measure",
  format,
  ...(query === undefined ? {} : { query }),
  ...(marker === undefined ? {} : { marker }),
})

/** A text cell. */
export const text = (value: string | null): Cell => ({ value, kind: "text", format: "text" })

/** A label cell (row or column names inside the body). */
export const label = (value: string): Cell => ({ value, kind: "label", format: "text" })

/** Findings of severity error. */
export const errors = (doc: Document): ReadonlyArray<Finding> =>
  doc.findings.filter((f) => f.severity === "error")

/**
 * The document with publication rules applied to its count cells (ODS-2425 and SAC conventions): a count below 5
 * becomes `[c]`, every other count is rounded to the nearest 5. Measures are left as computed: the plugin decides
 * (with `@asckit/core` `Outcome.publish`) whether a measure is suppressed with its counts.
 */
export const publish = (doc: Document): Document => ({
  ...doc,
  publication: true,
  sheets: doc.sheets.map((s) => ({
    ...s,
    tables: s.tables.map((t) => ({
      ...t,
      rows: t.rows.map((r) => ({
        ...r,
        cells: r.cells.map((c): Cell => {
          if (c.kind !== "count" || typeof c.value !== "number" || c.marker) return c
          if (c.value > 0 && c.value < 5) return { ...c, value: null, marker: "[c]" }
          return { ...c, value: Rounding.roundToNearest(c.value, 5) }
        }),
      })),
    })),
  })),
})

/** Every cell of a table with its row and column headers (for tests and checks). */
export const cells = (
  t: Table,
): ReadonlyArray<{
  readonly row: ReadonlyArray<string>
  readonly column: ReadonlyArray<string>
  readonly cell: Cell
}> =>
  t.rows.flatMap((r) =>
    r.cells.map((cell, i) => ({
      row: r.header,
      column: t.columnHeaders.map((level) => level[i] ?? ""),
      cell,
    })),
  )

/** The cell at a row header (joined with " / ") and a column header (innermost level), if any. */
export const at = (t: Table, row: string, column: string): Cell | undefined => {
  const r = t.rows.find((x) => x.header.join(" / ") === row)
  const inner = t.columnHeaders.at(-1) ?? []
  const i = inner.indexOf(column)
  return r && i >= 0 ? r.cells[i] : undefined
}
