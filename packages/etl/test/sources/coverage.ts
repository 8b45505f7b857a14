/**
 * Code-table coverage of a plugin's fixtures: every local value of every default code table must appear in a
 * fixture cell of a column using that table, in a row that loads, and load to the table's national label.
 *
 * `coverage` reads the fixture CSVs itself (headers resolved through the plugin's layout, as the plugin does), then
 * looks each coded cell's row up in the warehouse by lineage (`file_id`, `row_number`) and compares what was stored
 * with what the code table says. A coded column of a layout the test does not know how to read is reported too,
 * so a new coded column or a new code table value cannot go unchecked.
 */
import { readFileSync } from "node:fs"
import { Mapping } from "../../src/index.js"
import { query } from "../helpers.js"

/** Parses CSV text (quoted fields, doubled quotes, CRLF) into rows of cells. */
export const parseCsv = (text: string): Array<Array<string>> => {
  const rows: Array<Array<string>> = []
  let row: Array<string> = []
  let cell = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ",") {
      row.push(cell)
      cell = ""
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ""
    } else cell += ch
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

/** A finding recorded on a fixture row. */
export interface RowFinding {
  readonly column: string | null
  readonly code: string
  readonly message: string
}

/** How to read the stored value of a loaded fixture row's coded column. */
export interface Target {
  /** The fact table the row loads into (found by lineage: `file_id`, `row_number`). */
  readonly table: string
  /** The stored value, from the row's record and the findings recorded on the row. */
  readonly read: (record: Readonly<Record<string, unknown>>, findings: ReadonlyArray<RowFinding>) => unknown
  /** What the warehouse stores for a national label (default: the label itself). */
  readonly stored?: (label: string) => unknown
}

/** The value of column `col` of fact table `table`. */
export const column = (table: string, col: string, stored?: (label: string) => unknown): Target => ({
  table,
  read: (r) => r[col],
  ...(stored === undefined ? {} : { stored }),
})

export interface CoverageInput {
  readonly db: string
  /** The fixture CSVs loaded into `db`, each with the layout it was read with. */
  readonly files: ReadonlyArray<{ readonly path: string; readonly layout: Mapping.Layout }>
  readonly tables: ReadonlyArray<Mapping.CodeTable>
  /** Per layout and coded column: how to read what was stored. */
  readonly targets: Readonly<Record<string, Readonly<Record<string, Target>>>>
}

export interface Mismatch {
  readonly file: string
  readonly row: number
  readonly column: string
  readonly value: string
  readonly expected: unknown
  readonly stored: unknown
}

export interface CoverageResult {
  /** `<table>: <local value>` for every default local value no loaded fixture row holds. */
  readonly uncovered: ReadonlyArray<string>
  /** Loaded cells whose stored value is not the table's national label. */
  readonly mismatches: ReadonlyArray<Mismatch>
  /** `<layout>.<column>` coded columns present in a fixture that the test has no target for. */
  readonly untargeted: ReadonlyArray<string>
  /** How many local values were checked, per table. */
  readonly checked: Readonly<Record<string, number>>
}

/** Checks the fixtures loaded into `db` against the default code tables (see the module docs). */
export const coverage = (input: CoverageInput): CoverageResult => {
  const tables = new Map(input.tables.map((t) => [t.name, t]))
  const covered = new Map(input.tables.map((t) => [t.name, new Set<string>()]))
  const mismatches: Array<Mismatch> = []
  const untargeted = new Set<string>()
  for (const file of input.files) {
    const fileId = query<{ id: number }>(
      input.db,
      "select id from etl_file where path = ? and status = 'loaded' order by id desc limit 1",
      file.path,
    )[0]?.id
    if (fileId === undefined) throw new Error(`${file.path} was not loaded`)
    const byTable = new Map<string, Map<number, Record<string, unknown>>>()
    const recordOf = (table: string, row: number) => {
      let records = byTable.get(table)
      if (records === undefined) {
        records = new Map(
          query<Record<string, unknown>>(input.db, `select * from ${table} where file_id = ?`, fileId).map(
            (r) => [r.row_number as number, r],
          ),
        )
        byTable.set(table, records)
      }
      return records.get(row)
    }
    const findings = query<RowFinding & { row_number: number }>(
      input.db,
      "select row_number, column, code, message from etl_finding where file_id = ?",
      fileId,
    )
    const [header = [], ...rows] = parseCsv(readFileSync(file.path, "utf8"))
    const compiled = Mapping.compileLayout(file.layout)
    const codesOf = new Map(file.layout.columns.flatMap((c) => (c.codes ? [[c.name, c.codes]] : [])))
    header.forEach((h, index) => {
      const name = compiled.canonical(h)
      const tableName = name === undefined ? undefined : codesOf.get(name)
      if (name === undefined || tableName === undefined) return
      const table = tables.get(tableName)
      if (table === undefined) throw new Error(`no code table ${tableName}`)
      const target = input.targets[file.layout.name]?.[name]
      if (target === undefined) {
        untargeted.add(`${file.layout.name}.${name}`)
        return
      }
      const keys = new Map(Object.keys(table.map).map((k) => [Mapping.localKey(k), k]))
      rows.forEach((cells, i) => {
        const raw = (cells[index] ?? "").trim()
        const local = raw === "" ? undefined : keys.get(Mapping.localKey(raw))
        if (local === undefined) return
        const rowNumber = i + 2
        const record = recordOf(target.table, rowNumber)
        if (record === undefined) return // not loaded (quarantined)
        const stored = target.read(
          record,
          findings.filter((f) => f.row_number === rowNumber),
        )
        const label = table.list.normalise(table.map[local]!) ?? table.map[local]!
        const expected = target.stored === undefined ? label : target.stored(label)
        if (stored === expected) covered.get(table.name)!.add(local)
        else mismatches.push({ file: file.path, row: rowNumber, column: name, value: raw, expected, stored })
      })
    })
  }
  return {
    uncovered: input.tables.flatMap((t) =>
      Object.keys(t.map)
        .filter((k) => !covered.get(t.name)!.has(k))
        .map((k) => `${t.name}: ${k}`),
    ),
    mismatches,
    untargeted: [...untargeted],
    checked: Object.fromEntries([...covered].map(([t, s]) => [t, s.size])),
  }
}
