/**
 * The dialect-specific SQL fragments the measures need, in one place, so every measure query stays portable
 * between the SQLite warehouse and PostgreSQL (a regional hub). Everything else in the measures is standard SQL
 * (CTEs, window functions, `case`, `coalesce`, `lower … like`) that both run unchanged.
 *
 * Dates are stored as ISO `YYYY-MM-DD` text in both (see `WarehouseSchema`), so date arithmetic is the only thing
 * that differs: SQLite has `julianday`/`date`, PostgreSQL casts to `date` and subtracts.
 *
 * @category measures
 */
import { type SQL, sql } from "drizzle-orm"
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core"

/** The SQL dialects the measures can run on. */
export type Name = "sqlite" | "postgresql"

/** Date arithmetic on ISO date text, in one dialect. */
export interface Dialect {
  readonly name: Name
  /** Whole days from date `a` to date `b` (`b − a`, negative when `b` is earlier): T-SQL `DATEDIFF(DAY, a, b)`. */
  readonly daysBetween: (a: SQL, b: SQL) => SQL
  /** The ISO date text `days` days after `date` (before, for a negative number): T-SQL `DATEADD(DAY, days, date)`. */
  readonly addDays: (date: SQL, days: number) => SQL
  /**
   * DHSC's derived age: whole years from a proxy date of birth on the 1st of the birth month to `at`,
   * `FLOOR(DATEDIFF(DAY, proxy, at) / 365.25)` (the same rule as `LocalDate.dhscAge`); null when either part of the
   * birth date is null.
   */
  readonly dhscAge: (birthYear: SQL, birthMonth: SQL, at: SQL) => SQL
}

/** SQLite (the warehouse): `julianday` differences and `date(…, '+n days')`; `floor` is built into SQLite ≥ 3.35. */
export const sqlite: Dialect = {
  name: "sqlite",
  daysBetween: (a, b) => sql`cast(julianday(${b}) - julianday(${a}) as integer)`,
  addDays: (date, days) => sql`date(${date}, ${`${days >= 0 ? "+" : ""}${days} days`})`,
  dhscAge: (y, m, at) =>
    sql`cast(floor((julianday(${at}) - julianday(printf('%04d-%02d-01', ${y}, ${m}))) / 365.25) as integer)`,
}

/** PostgreSQL: dates cast from their ISO text, subtracted as `date`s, written back as ISO text. */
export const postgresql: Dialect = {
  name: "postgresql",
  daysBetween: (a, b) => sql`(cast(${b} as date) - cast(${a} as date))`,
  addDays: (date, days) => sql`to_char(cast(${date} as date) + ${days}, 'YYYY-MM-DD')`,
  dhscAge: (y, m, at) =>
    sql`cast(floor((cast(${at} as date) - make_date(${y}, ${m}, 1)) / 365.25) as integer)`,
}

/** The dialect of a warehouse connection (`WarehouseReader.Service["dialect"]`). */
export const of = (name: Name): Dialect => (name === "postgresql" ? postgresql : sqlite)

const render = new SQLiteSyncDialect()

const literal = (v: unknown): string =>
  v === null || v === undefined
    ? "null"
    : typeof v === "number" || typeof v === "bigint"
      ? String(v)
      : typeof v === "boolean"
        ? v
          ? "1"
          : "0"
        : `'${String(v).replace(/'/g, "''")}'`

/**
 * A query as readable SQL text with its parameters written in as literals, for a return's Notes sheet (never run:
 * the measures run the parameterised query).
 */
export const text = (query: SQL): string => {
  const { sql: s, params } = render.sqlToQuery(query)
  let i = 0
  return s
    .replace(/\?/g, () => literal(params[i++]))
    .replace(/[ \t]+\n/g, "\n")
    .trim()
}
