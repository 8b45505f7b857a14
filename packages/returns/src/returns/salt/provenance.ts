/**
 * What a return's Notes sheet says about where its figures came from: the period, the source files that
 * contributed rows to the tables it read (with their sha256, from `etl_file`), the latest ETL run, the council and
 * the asckit version.
 *
 * @category returns
 */
import { Period } from "@asckit/core"
import type { EtlError, WarehouseReader } from "@asckit/etl"
import { type SQL, sql } from "drizzle-orm"
import { Effect } from "effect"

/** A Notes-sheet line. */
export interface Note {
  readonly label: string
  readonly value: string
}

/** A fact table read by a return, and the rows of it that belong to the return (a `where` condition). */
export interface Source {
  readonly table: string
  readonly where: SQL
}

/** The rows of a fact table belonging to a council. */
export const ofCouncil = (table: string, la: string): Source => ({ table, where: sql`la_code = ${la}` })

/**
 * The Notes lines: period, council, each source file that contributed rows (plugin/stream, file, sha256, rows
 * loaded), the latest ETL run and the asckit version. Read from the warehouse; nothing time-dependent is added, so
 * building a return twice gives the same notes.
 */
export const notes = (
  reader: WarehouseReader.Service,
  args: {
    readonly period: Period.Period
    readonly la: string
    readonly version: string
    readonly sources: ReadonlyArray<Source>
  },
): Effect.Effect<ReadonlyArray<Note>, EtlError.WarehouseError> =>
  Effect.gen(function* () {
    const ids = sql.join(
      args.sources.map((s) => sql`select distinct file_id from ${sql.identifier(s.table)} where ${s.where}`),
      sql` union `,
    )
    const files = yield* reader.all<{
      plugin: string
      stream: string
      path: string
      sha256: string
      rows_loaded: number
    }>(
      "list the source files of the return",
      sql`select plugin, stream, path, sha256, rows_loaded from etl_file
          where status = 'loaded' and id in (${ids})
          order by plugin, stream, path, id`,
    )
    const run = yield* reader.get<{ id: string; asckit_version: string }>(
      "find the latest ETL run",
      sql`select id, asckit_version from etl_run where dry_run = 0 order by started_at desc, id desc limit 1`,
    )
    const out: Array<Note> = [
      { label: "Period", value: `${Period.format(args.period)} (${Period.describe(args.period)})` },
      { label: "Council (CASSR code)", value: args.la },
    ]
    if (files.length === 0)
      out.push({ label: "Source files", value: "none: no rows for this return are loaded" })
    files.forEach((f, i) => {
      out.push({
        label: `Source file ${i + 1}`,
        value: `${f.path} (${f.plugin}/${f.stream}, ${Number(f.rows_loaded).toLocaleString("en-GB")} rows loaded) sha256 ${f.sha256}`,
      })
    })
    out.push({
      label: "Latest ETL run",
      value: run === undefined ? "none recorded" : `${run.id} (asckit ${run.asckit_version})`,
    })
    out.push({ label: "asckit version", value: args.version })
    return out
  })
