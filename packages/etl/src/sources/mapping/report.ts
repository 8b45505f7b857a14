/**
 * The unmapped-values report: every local value a load could not map, by plugin, extract, column and code
 * table, with how many rows it held back — the list a team works through to extend its mapping.
 *
 * @category services
 */
import { and, eq, type SQL, sql } from "drizzle-orm"
import { Effect } from "effect"
import type { WarehouseError } from "../../EtlError.js"
import { WarehouseReader } from "../../WarehouseReader.js"
import { etlFile, etlQuarantine } from "../../WarehouseSchema.js"
import { unmappedCode } from "./read.js"

/** One unmapped value and how many quarantined rows held it. */
export interface Unmapped {
  readonly plugin: string
  readonly stream: string
  readonly column: string | null
  /** The local value (null when the column holds an identifier, which is never echoed). */
  readonly value: string | null
  /** The code table to extend. */
  readonly table: string | null
  readonly rows: number
}

/** Reads the value and table back from an unmapped-value message (see `unmappedMessage`). */
export const parseMessage = (message: string): { value: string | null; table: string | null } => {
  const v = /^("(?:[^"\\]|\\.)*")/.exec(message)
  const t = / in the (\S+) code table/.exec(message)
  let value: string | null = null
  if (v !== null) {
    try {
      value = JSON.parse(v[1]!) as string
    } catch {
      value = null
    }
  }
  return { value, table: t?.[1] ?? null }
}

/**
 * The unmapped values in the quarantine, most rows first — of one run, or of every run (a file loaded again
 * after fixing its mapping is a new run, so pass the latest run id to see what is still unmapped).
 */
export const unmapped = (
  options: { readonly runId?: string; readonly plugin?: string } = {},
): Effect.Effect<ReadonlyArray<Unmapped>, WarehouseError, WarehouseReader> =>
  Effect.gen(function* () {
    const r = yield* WarehouseReader
    const conditions: Array<SQL> = [eq(etlQuarantine.errorCode, unmappedCode)]
    if (options.runId !== undefined) conditions.push(eq(etlQuarantine.runId, options.runId))
    if (options.plugin !== undefined) conditions.push(eq(etlFile.plugin, options.plugin))
    const query = sql`select ${etlFile.plugin} as "plugin", ${etlQuarantine.stream} as "stream", ${etlQuarantine.column} as "column", ${etlQuarantine.message} as "message", count(*) as "rows"
      from ${etlQuarantine} inner join ${etlFile} on ${etlFile.id} = ${etlQuarantine.fileId}
      where ${and(...conditions)}
      group by ${etlFile.plugin}, ${etlQuarantine.stream}, ${etlQuarantine.column}, ${etlQuarantine.message}
      order by count(*) desc, ${etlFile.plugin}, ${etlQuarantine.stream}, ${etlQuarantine.column}, ${etlQuarantine.message}`
    const found = yield* r.all<{
      plugin: string
      stream: string
      column: string | null
      message: string
      rows: number
    }>("read the unmapped values", query)
    return found.map(({ message, ...rest }) => ({
      ...rest,
      ...parseMessage(message),
      rows: Number(rest.rows),
    }))
  })
