/**
 * A return as a pure document: sheets of tables (row and column headers, cells), notes, validation findings, and
 * for every cell the id of the query that produced it. Return plugins build documents; rendering (Excel, HTML, CSV)
 * and delivery are separate, so a document can be tested cell by cell and explained when DHSC queries a figure.
 *
 * @category models
 */
import { type Outcome, Rounding, Value } from "@asckit/core"

/** How a cell is shown: whole numbers, fixed decimals, a percentage already ×100, text or a date. */
export type Format = "integer" | "decimal1" | "decimal3" | "percent1" | "percent0" | "text" | "date"

/**
 * What a measure cell was computed from, for publication: its exact counts (a numerator and, for a ratio, a
 * denominator, as `@asckit/core` `Outcome.Counts`), or `"public"` for a figure that is already public and holds no
 * small number of people (a population estimate, a value DHSC has published), which publication keeps as it is.
 */
export type Basis = Outcome.Counts | "public"

/**
 * A cell. `kind` says what publication does with it (`publish`): `count` cells are suppressed below 5 and rounded
 * to 5; `measure` cells (rates, percentages, means) are suppressed when their `basis` has a numerator or denominator
 * below 5, and suppressed outright when they have no basis; `label`/`text` cells are never touched.
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
  /** For a measure: the counts it was computed from, which decide whether publication may show it. */
  readonly basis?: Basis
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

/** The cell with the counts behind its measure (see `Basis`). */
export const withBasis = (cell: Cell, basis: Basis): Cell => ({ ...cell, basis })

/**
 * A measure cell from a `@asckit/core` value: its number with the numerator and denominator behind it as the
 * basis, or its marker (`[c]`, `[x]`, `[z]`).
 */
export const fromValue = (v: Value.Value, format: Format, query?: string): Cell =>
  v._tag === "Available"
    ? {
        ...measure(v.value, format, query),
        basis: {
          numerator: v.numerator ?? v.value,
          ...(v.denominator === undefined ? {} : { denominator: v.denominator }),
        },
      }
    : measure(null, format, query, Value.marker(v) ?? "[x]")

/** A text cell. */
export const text = (value: string | null): Cell => ({ value, kind: "text", format: "text" })

/** A label cell (row or column names inside the body). */
export const label = (value: string): Cell => ({ value, kind: "label", format: "text" })

/** Findings of severity error. */
export const errors = (doc: Document): ReadonlyArray<Finding> =>
  doc.findings.filter((f) => f.severity === "error")

/** The publication threshold: a count, numerator or denominator below it is not published. */
export const threshold = 5

/** Why a measure cell was suppressed, as the cell's note in publication. */
const suppressedNote = {
  small: `Suppressed: computed from a count below ${threshold}.`,
  unknown: "Suppressed: the return gives no counts for this figure, so publication cannot check them.",
} as const

/**
 * A cell as published (ODS-2425 and SAC conventions, `@asckit/core` `Outcome.publish`):
 *
 * - a `count` below 5 (but not zero) becomes `[c]`; every other count is rounded to the nearest 5;
 * - a `measure` is `[c]` when its basis has a numerator or a denominator below 5 — zero included, the
 *   numerator-or-denominator rule of `Outcome.publish` — and otherwise keeps the value computed from the exact
 *   counts (counts are rounded after measures are computed, never before); a measure with a `"public"` basis is kept;
 * - a `measure` holding a number without a basis is `[c]`: publication cannot tell whether it reveals a small number
 *   (a 3-of-4 rate would), so it withholds it; plugins attach the basis (`withBasis`, `fromValue`) to publish it;
 * - markers, blanks, labels and text are kept.
 */
export const publishCell = (c: Cell): Cell => {
  if (c.marker !== undefined || typeof c.value !== "number") return c
  if (c.kind === "count") {
    if (c.value > 0 && c.value < threshold) return { ...c, value: null, marker: "[c]" }
    return { ...c, value: Rounding.roundToNearest(c.value, 5) }
  }
  if (c.kind !== "measure" || c.basis === "public") return c
  const below = (x: number | undefined) => x !== undefined && x < threshold
  if (c.basis !== undefined && !below(c.basis.numerator) && !below(c.basis.denominator)) return c
  return {
    ...c,
    value: null,
    marker: "[c]",
    note: c.basis === undefined ? suppressedNote.unknown : suppressedNote.small,
  }
}

/** A source file's row count in a Notes value (`…, 4 rows loaded)`), which can be a small number of people. */
const ROWS_LOADED = /, [\d,]+ rows? loaded\)/g

/**
 * The document with publication rules applied to every cell (`publishCell`), and the row counts of source files
 * taken out of its notes. Its findings are kept (for the person building it), but they quote exact figures:
 * `WorkbookWriter` leaves the Validation sheet out of a publication.
 */
export const publish = (doc: Document): Document => ({
  ...doc,
  publication: true,
  notes: doc.notes.map((n) => ({ ...n, value: n.value.replace(ROWS_LOADED, ")") })),
  sheets: doc.sheets.map((s) => ({
    ...s,
    tables: s.tables.map((t) => ({
      ...t,
      rows: t.rows.map((r) => ({ ...r, cells: r.cells.map(publishCell) })),
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
