/**
 * Reports written after a run: the rejected rows (file, row, column, code, message — never the raw values, which
 * stay in the warehouse's quarantine table) and the data-quality findings by column and code.
 *
 * @category output
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { type EtlError, Pipeline, Warehouse } from "@asckit/etl"
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

/** Paths of the reports of a run. */
export interface Written {
  readonly rejects?: string
  readonly findings?: string
}

/**
 * Writes `<run>-rejects.csv` (every quarantined row of the run; for a dry run, the first 1,000 per file) and
 * `<run>-findings.csv` (findings counted by file, column and code). Files are written only when there is
 * something to report.
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
    if (rejects.length === 0 && findings.length === 0) return {}
    mkdirSync(dir, { recursive: true })
    const out: { rejects?: string; findings?: string } = {}
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
    return out
  })
