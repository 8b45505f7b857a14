/**
 * Building statutory-style tables from grouped counts: fixed row and column lists (every row and column is shown,
 * zeros included, as the statutory tables show them), total rows and columns, rows SALT has but CLD cannot produce
 * (`[x]` with a note), and an accessor for the figures (for validation and year-on-year checks).
 *
 * @category returns
 */
import * as D from "../../ReturnDocument.js"

/** A column: a stable key and its header, one label per header level (outer first). */
export interface Column {
  readonly key: string
  readonly header: ReadonlyArray<string>
}

/** A row: a stable key, its header cells, and (for rows CLD cannot produce) why its cells are `[x]`. */
export interface Row {
  readonly key: string
  readonly header: ReadonlyArray<string>
  readonly notAvailable?: string | undefined
}

/** The key of a cell in a counts map. */
export const cellKey = (row: string, column: string): string => `${row}\u0000${column}`

/** Grouped counts keyed by `cellKey`, from query rows (several rows for one cell are added up). */
export const tally = <A>(
  rows: ReadonlyArray<A>,
  row: (a: A) => string,
  column: (a: A) => string,
  n: (a: A) => number,
): Map<string, number> => {
  const m = new Map<string, number>()
  for (const a of rows) {
    const k = cellKey(row(a), column(a))
    m.set(k, (m.get(k) ?? 0) + Number(n(a)))
  }
  return m
}

/** What a grid table needs. */
export interface Spec {
  readonly id: string
  readonly title: string
  readonly rowHeaders: ReadonlyArray<string>
  readonly rows: ReadonlyArray<Row>
  readonly columns: ReadonlyArray<Column>
  readonly counts: ReadonlyMap<string, number>
  /** The query id every figure of the table comes from. */
  readonly query: string
  /** Add a total row with this header (one label per row-header column). */
  readonly totalRow?: ReadonlyArray<string>
  /** Add a total column. */
  readonly totalColumn?: boolean
  readonly notes?: ReadonlyArray<string>
}

/** A built table and its figures. */
export interface Grid {
  readonly table: D.Table
  /** The count in a cell: `total` as a row or column key reads the totals; 0 for an empty cell. */
  readonly get: (row: string, column: string) => number
  /** The sum over every available row of a column (the total row's value). */
  readonly columnTotal: (column: string) => number
  /** The grand total. */
  readonly total: number
}

/** The key of total rows and columns. */
export const TOTAL = "total"

/** Builds a table with every row and column, zeros included, and optional totals. */
export const build = (spec: Spec): Grid => {
  const available = spec.rows.filter((r) => r.notAvailable === undefined)
  const raw = (row: string, column: string) => spec.counts.get(cellKey(row, column)) ?? 0
  const rowTotal = (row: string) => spec.columns.reduce((n, c) => n + raw(row, c.key), 0)
  const columnTotal = (column: string) =>
    column === TOTAL
      ? available.reduce((n, r) => n + rowTotal(r.key), 0)
      : available.reduce((n, r) => n + raw(r.key, column), 0)
  const get = (row: string, column: string) =>
    row === TOTAL ? columnTotal(column) : column === TOTAL ? rowTotal(row) : raw(row, column)
  const levels = Math.max(1, ...spec.columns.map((c) => c.header.length))
  const columns: ReadonlyArray<Column> = spec.totalColumn
    ? [...spec.columns, { key: TOTAL, header: Array.from({ length: levels }, () => "Total") }]
    : spec.columns
  const columnHeaders = Array.from({ length: levels }, (_, level) =>
    columns.map((c) => c.header[level] ?? c.header.at(-1) ?? ""),
  )
  const rows: Array<D.Row> = spec.rows.map((r) => ({
    header: r.header,
    cells: columns.map(
      (c): D.Cell =>
        r.notAvailable === undefined
          ? D.count(get(r.key, c.key), spec.query)
          : {
              value: null,
              kind: "count",
              format: "integer",
              marker: "[x]",
              query: spec.query,
              note: r.notAvailable,
            },
    ),
  }))
  if (spec.totalRow) {
    rows.push({
      header: spec.totalRow,
      total: true,
      cells: columns.map((c) => D.count(columnTotal(c.key), spec.query)),
    })
  }
  const table: D.Table = {
    id: spec.id,
    title: spec.title,
    rowHeaders: spec.rowHeaders,
    columnHeaders,
    rows,
    ...(spec.notes === undefined ? {} : { notes: spec.notes }),
  }
  return { table, get, columnTotal, total: columnTotal(TOTAL) }
}
