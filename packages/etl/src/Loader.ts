/**
 * Writes decoded rows into their sink's tables. The SQL is built by drizzle's query builder (so it is the
 * dialect's own: `INSERT … ON CONFLICT (row_key) DO UPDATE … WHERE …` is valid SQLite and PostgreSQL) and run
 * as prepared statements on the hot path.
 *
 * Conflict rules, per table row key:
 * - `append`: an existing key wins; the new row is a duplicate.
 * - `merge` and `replace`: the row with the higher precedence wins; on equal precedence the later file wins, and
 *   within one file the first row wins. (`replace` first removes what earlier files of the same stream loaded.)
 *
 * @internal
 */
import { hash } from "node:crypto"
import type Database from "better-sqlite3"
import { type Column, getTableColumns, getTableName, type SQL, sql } from "drizzle-orm"
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core"
import type { Sink, Target, WriteMode } from "./SourcePlugin.js"
import type { Db } from "./Warehouse.js"
import { etlFile } from "./WarehouseSchema.js"

/** Lineage of a row being written. */
export interface Lineage {
  readonly runId: string
  readonly fileId: number
}

/** A decoded, pseudonymised row ready to encode, with its key and precedence. */
export interface Item<A> {
  readonly row: A
  readonly key: string
  readonly precedence: string | undefined
  readonly rowNumber: number
}

/**
 * A row encoded as statement parameters: for the primary table and each secondary table it feeds, the values in
 * the table's column order (lineage placeholders left for the writer to fill). Arrays of primitives: cheap to
 * pass from a reader thread.
 */
export interface Encoded {
  readonly rowNumber: number
  readonly primary: Array<unknown>
  /** `[index of the secondary target, parameters]`. */
  readonly secondary: ReadonlyArray<readonly [number, Array<unknown>]>
}

/** Joins key values into one string (the input of `rowKey`). */
export const keyText = (values: ReadonlyArray<unknown>): string => {
  let s = ""
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (i > 0) s += "\u001f"
    if (v !== null && v !== undefined) s += String(v)
  }
  return s
}

/** Hashes key values into a `row_key` (sha1, base64url; not a secret, just compact and stable). */
export const rowKey = (values: ReadonlyArray<unknown>): string => hashKey(keyText(values))

/** Hashes a key text into a `row_key`. */
export const hashKey = (text: string): string => hash("sha1", text, "base64url")

/** A table's columns (drizzle property names) in the order its insert statement binds them. */
export const columnOrder = (table: SQLiteTable): ReadonlyArray<string> => Object.keys(getTableColumns(table))

const bind = (v: unknown): unknown =>
  v === undefined ? null : typeof v === "boolean" ? (v ? 1 : 0) : v instanceof Date ? v.toISOString() : v

/**
 * Encodes rows for a sink: maps each row to its tables' parameters. Within one file a secondary row can only be
 * replaced by a higher precedence (equal precedence and the same file keep the first), so a secondary key already
 * encoded with at least this precedence is not encoded again. Pure: no warehouse.
 */
export const encoder = <A>(sink: Sink<A>): ((item: Item<A>) => Encoded | undefined) => {
  const layout = (t: Target<A>) => {
    const order = columnOrder(t.table)
    const columns = getTableColumns(t.table) as Record<string, Column>
    // A column the row leaves out takes its schema default (a bound null would defeat it).
    const defaults = order.map((k) => (columns[k]!.hasDefault ? columns[k]!.default : undefined))
    return { order, defaults }
  }
  const primary = layout(sink.primary)
  const secondary = (sink.secondary ?? []).map((t) => ({
    target: t,
    ...layout(t),
    seen: new Map<string, string>(),
  }))
  const fill = (
    l: { readonly order: ReadonlyArray<string>; readonly defaults: ReadonlyArray<unknown> },
    data: Record<string, unknown>,
    key: string,
    prec: string | null,
    row: number,
  ) => {
    const { order, defaults } = l
    const args = new Array<unknown>(order.length)
    for (let i = 0; i < order.length; i++) {
      const k = order[i]!
      const v = data[k]
      args[i] =
        k === "rowKey"
          ? key
          : k === "precedence"
            ? prec
            : k === "rowNumber"
              ? row
              : bind(v === undefined ? defaults[i] : v)
    }
    return args
  }
  return (item) => {
    const data = sink.primary.map(item.row)
    if (data === undefined) return undefined
    const out: Array<readonly [number, Array<unknown>]> = []
    for (let j = 0; j < secondary.length; j++) {
      const s = secondary[j]!
      const kv = s.target.key ? s.target.key(item.row) : undefined
      if (s.target.key && kv === undefined) continue
      const text = kv === undefined ? item.key : keyText(kv)
      const prec = s.target.precedence?.(item.row) ?? ""
      const before = s.seen.get(text)
      if (before !== undefined && before >= prec) continue
      s.seen.set(text, prec)
      const d = s.target.map(item.row)
      if (d === undefined) continue
      out.push([
        j,
        fill(s, d, kv === undefined ? item.key : hashKey(text), prec === "" ? null : prec, item.rowNumber),
      ])
    }
    return {
      rowNumber: item.rowNumber,
      primary: fill(primary, data, item.key, item.precedence ?? null, item.rowNumber),
      secondary: out,
    }
  }
}

interface Prepared {
  readonly stmt: Database.Statement
  /** Where the writer puts the run and file ids. */
  readonly runAt: number
  readonly fileAt: number
}

const prepare = (db: Db, sqlite: Database.Database, table: SQLiteTable, mode: WriteMode): Prepared => {
  const columns = getTableColumns(table) as Record<string, Column>
  const keys = columnOrder(table)
  const values: Record<string, unknown> = {}
  for (const k of keys) values[k] = sql.placeholder(k)
  const t = table as SQLiteTable & Record<string, SQLiteColumn>
  const excluded = (k: string) => sql.raw(`excluded.${JSON.stringify(columns[k]!.name)}`)
  const base = db.insert(table).values(values as never)
  let query: { toSQL: () => { sql: string; params: Array<unknown> } }
  if (mode === "append") {
    query = base.onConflictDoNothing({ target: t.rowKey! })
  } else {
    const set: Record<string, SQL> = {}
    for (const k of keys) if (k !== "rowKey") set[k] = excluded(k)
    const prec = t.precedence!
    const file = t.fileId!
    query = base.onConflictDoUpdate({
      target: t.rowKey!,
      set,
      setWhere: sql`coalesce(${excluded("precedence")}, '') > coalesce(${prec}, '') or (coalesce(${excluded("precedence")}, '') = coalesce(${prec}, '') and ${excluded("fileId")} > ${file})`,
    })
  }
  const { sql: text, params } = query.toSQL()
  // drizzle wraps each placeholder in a Param: { value: Placeholder { name } }. The encoder relies on the
  // statement binding the columns in table order: check it.
  const order = params.map(
    (p) => (p as { value?: { name?: string }; name?: string }).value?.name ?? (p as { name?: string }).name,
  )
  if (order.length !== keys.length || order.some((n, i) => n !== keys[i])) {
    throw new Error(`unexpected parameter order for ${getTableName(table)}: ${order.join(", ")}`)
  }
  return { stmt: sqlite.prepare(text), runAt: keys.indexOf("runId"), fileAt: keys.indexOf("fileId") }
}

/** A writer for one file: prepared statements for the sink's tables. */
export interface Writer {
  /** Writes a batch of encoded rows; returns the row numbers the primary table did not take (duplicates). */
  readonly write: (rows: ReadonlyArray<Encoded>, lineage: Lineage) => Array<number>
}

/** Prepares a writer for a sink in a mode (call inside the file's transaction). */
export const writer = <A>(db: Db, sqlite: Database.Database, sink: Sink<A>, mode: WriteMode): Writer => {
  const primary = prepare(db, sqlite, sink.primary.table, mode)
  const secondary = (sink.secondary ?? []).map((t) => prepare(db, sqlite, t.table, "merge"))
  const run = (p: Prepared, args: Array<unknown>, lineage: Lineage) => {
    args[p.runAt] = lineage.runId
    args[p.fileAt] = lineage.fileId
    return p.stmt.run(args).changes
  }
  return {
    write: (rows, lineage) => {
      const rejected: Array<number> = []
      for (const r of rows) {
        if (run(primary, r.primary, lineage) === 0) rejected.push(r.rowNumber)
        for (const [j, args] of r.secondary) run(secondary[j]!, args, lineage)
      }
      return rejected
    },
  }
}

/** Removes the rows earlier files of `plugin`/`stream` loaded into a table (the `replace` mode). */
export const clearStream = (
  db: Db,
  table: SQLiteTable,
  plugin: string,
  stream: string,
  currentFileId: number,
): number => {
  const t = table as SQLiteTable & Record<string, SQLiteColumn>
  return db.run(
    sql`delete from ${table} where ${t.fileId} in (select ${etlFile.id} from ${etlFile} where ${etlFile.plugin} = ${plugin} and ${etlFile.stream} = ${stream} and ${etlFile.id} <> ${currentFileId})`,
  ).changes
}

/** Counts the rows of a table that came from a file (what a file finally contributed). */
export const countFromFile = (db: Db, table: SQLiteTable, fileId: number): number => {
  const t = table as SQLiteTable & Record<string, SQLiteColumn>
  return db.get<{ n: number }>(sql`select count(*) as n from ${table} where ${t.fileId} = ${fileId}`).n
}

/** The SQL name of a table. */
export const tableName = (t: SQLiteTable): string => getTableName(t)
