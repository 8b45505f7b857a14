/**
 * Reports written after a run: the rejected rows (file, row, column, code, message — never the raw values, which
 * stay in the warehouse's quarantine table), the data-quality findings by column and code, and the local codes no
 * mapping table maps (`Mapping.unmapped`: plugin, stream, column, value, table, rows), the list a team works
 * through to extend its mapping.
 *
 * @category output
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { type EtlError, Mapping, Pipeline, Warehouse, WarehouseReader } from "@asckit/etl"
import { Effect } from "effect"

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? "" : String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** Writes a CSV file (header + rows). */
export const writeCsv = (
  path: string,
  header: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<unknown>>,
) => writeFileSync(path, [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n")

/** Paths of the reports of a run, and the unmapped local codes it found (most rows first). */
export interface Written {
  readonly rejects?: string
  readonly findings?: string
  readonly unmapped?: string
  /** Every unmapped value of the run, most rows first (empty when there are none). */
  readonly unmappedValues: ReadonlyArray<Mapping.Unmapped>
}

/**
 * The unmapped values of a dry run, from the rejected rows the summary samples (up to 1,000 per file; the
 * warehouse keeps nothing from a dry run), grouped and counted as `Mapping.unmapped` does.
 */
const unmappedInSummary = (summary: Pipeline.RunSummary): ReadonlyArray<Mapping.Unmapped> => {
  const by = new Map<string, { -readonly [K in keyof Mapping.Unmapped]: Mapping.Unmapped[K] }>()
  for (const f of summary.files)
    for (const r of f.rejects) {
      if (r.code !== Mapping.unmappedCode) continue
      const { value, table } = Mapping.parseMessage(r.message)
      const k = JSON.stringify([f.plugin, r.stream, r.column, value, table])
      const u = by.get(k) ?? { plugin: f.plugin, stream: r.stream, column: r.column, value, table, rows: 0 }
      u.rows += 1
      by.set(k, u)
    }
  const key = (u: Mapping.Unmapped) => `${u.plugin}\u0000${u.stream}\u0000${u.column}\u0000${u.value}`
  return [...by.values()].sort((a, b) => b.rows - a.rows || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
}

/**
 * Writes `<run>-rejects.csv` (every quarantined row of the run; for a dry run, the first 1,000 per file),
 * `<run>-findings.csv` (findings counted by file, column and code) and `<run>-unmapped.csv` (the local codes no
 * mapping table maps: plugin, stream, column, value, mapping table, rows — most rows first; a value in a column
 * holding an identifier is never echoed). Files are written only when there is something to report.
 */
export const write = (
  summary: Pipeline.RunSummary,
  dir: string,
): Effect.Effect<Written, EtlError.WarehouseError, Warehouse.Warehouse> =>
  Effect.gen(function* () {
    const rejects = summary.dryRun
      ? summary.files.flatMap((f) => f.rejects)
      : yield* Pipeline.rejects(summary.runId)
    const findings = summary.dryRun
      ? []
      : yield* Effect.flatMap(Warehouse.Warehouse, (w) =>
          w.use(
            "read the findings",
            (_db, s) =>
              s
                .prepare(
                  `select f.path as path, x."column" as "column", x.code as code, count(*) as n, min(x.row_number) as first_row, min(x.message) as message
                   from etl_finding x join etl_file f on f.id = x.file_id
                   where x.run_id = ? group by f.path, x."column", x.code order by f.path, n desc`,
                )
                .all(summary.runId) as Array<{
                path: string
                column: string
                code: string
                n: number
                first_row: number
                message: string
              }>,
          ),
        )
    const unmappedValues = summary.dryRun
      ? unmappedInSummary(summary)
      : yield* Mapping.unmapped({ runId: summary.runId }).pipe(Effect.provide(WarehouseReader.fromWarehouse))
    if (rejects.length === 0 && findings.length === 0) return { unmappedValues }
    mkdirSync(dir, { recursive: true })
    const out: {
      rejects?: string
      findings?: string
      unmapped?: string
      unmappedValues: typeof unmappedValues
    } = { unmappedValues }
    if (rejects.length > 0) {
      out.rejects = join(dir, `${summary.runId}-rejects.csv`)
      writeCsv(
        out.rejects,
        ["file", "row", "column", "code", "message"],
        rejects.map((r) => [r.path, r.row, r.column, r.code, r.message]),
      )
    }
    if (findings.length > 0) {
      out.findings = join(dir, `${summary.runId}-findings.csv`)
      writeCsv(
        out.findings,
        ["file", "column", "code", "rows", "first row", "example message"],
        findings.map((f) => [f.path, f.column, f.code, f.n, f.first_row, f.message]),
      )
    }
    if (unmappedValues.length > 0) {
      out.unmapped = join(dir, `${summary.runId}-unmapped.csv`)
      writeCsv(
        out.unmapped,
        ["plugin", "stream", "column", "value", "mapping table", "rows"],
        unmappedValues.map((u) => [u.plugin, u.stream, u.column, u.value, u.table, u.rows]),
      )
    }
    return out
  })
