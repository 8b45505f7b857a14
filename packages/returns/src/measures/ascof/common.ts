/**
 * What the CLD-based ASCOF measures share: the result shape, the period rules, the measure lookup and small SQL
 * helpers. The measures themselves are in one module per family (`Reablement`, `Admissions`, `Accommodation`,
 * `SelfDirectedSupport`, `HospitalDischarge`).
 *
 * Periods (decided here, documented in the package README):
 * - a measure is computed for a financial year or a rolling 12 months ending at a quarter (`Period.FinancialYear`,
 *   `Period.Rolling12`), as DHSC does for the annual publication and, from January 2026, the quarterly dashboard
 *   (DHSC ASC-CLD-LA-Dashboard `ASCOF_main_script.sql`);
 * - "31 March" (3D's snapshot, 2E's "end of the period") is the period's last day: 31 March for a financial year,
 *   the last day of the window's final quarter for a rolling 12 months;
 * - the ONS population of a rate (2B, 2C) is the mid-year estimate whose reference date, 30 June, falls inside the
 *   period (mid-2024 for 2024-25, as DHSC uses; mid-2025 for the 12 months to 2025-26 Q1), or the latest earlier
 *   mid-year loaded when that one is not (ONS publishes about a year after the reference date). The result's note
 *   names the mid-year used.
 *
 * @category measures
 */
import { Catalogue, type Measure, Outcome, Period, Value } from "@asckit/core"
import { type SQL, sql } from "drizzle-orm"
import { Either } from "effect"
import type { Dialect } from "../dialect.js"
import type { MeasureResult } from "../Result.js"

/** The CLD-based ASCOF 2023+ measures computed here, by published code. */
export const codes = [
  "2A",
  "2B",
  "2C",
  "2D(1)",
  "2D(2)",
  "2E(1)",
  "2E(2a)",
  "2E(2b)",
  "3D(1a)",
  "3D(2a)",
] as const

/** A CLD-based ASCOF measure code. */
export type Code = (typeof codes)[number]

/** Whether a measure could be computed. */
export type Status = "ok" | "not-available"

/**
 * One measure for one council and period: the shared `MeasureResult` (what returns consume), with the SQL text at
 * the top level and the reason when it is not available.
 */
export interface Result extends MeasureResult {
  /** The published code, e.g. `2A`. */
  readonly code: Code
  readonly numerator: number | undefined
  readonly denominator: number | undefined
  /** Why the measure is not available (only when `status` is `not-available`). */
  readonly reason?: string
  /** The SQL that produced the counts, with its parameters written in (for a return's Notes sheet). */
  readonly sql: string
}

/** The council, period bounds and dialect a measure query is built for. */
export interface Context {
  readonly laCode: string
  readonly period: Period.Period
  /** First day of the period (ISO). */
  readonly start: string
  /** Last day of the period (ISO): also the "31 March" snapshot date. */
  readonly end: string
  readonly dialect: Dialect
  /** The last day the loaded CLD submissions cover for the council (ISO), when known (2D's follow-up note). */
  readonly cldEnd?: string
}

/** The catalogue measure of a code (the catalogue always holds the CLD measures). */
export const measureOf = (code: Code): Measure.Measure =>
  Either.getOrThrow(Catalogue.get(`ASCOF-2023:${code}`))

/** The reason a period cannot be used, or `undefined` for a financial year or rolling 12 months. */
export const unsupportedPeriod = (period: Period.Period): string | undefined =>
  period._tag === "FinancialYear" || period._tag === "Rolling12"
    ? undefined
    : `ASCOF measures are computed for a financial year or a rolling 12 months, not a ${period._tag === "Snapshot" ? "snapshot" : period._tag.toLowerCase()} (${Period.format(period)})`

/** The ONS mid-year whose 30 June falls within a 12-month period (see the module notes). */
export const midYearOf = (period: Period.Period): number => {
  const start = Period.start(period)
  const year = Number(start.slice(0, 4))
  return start.slice(5) <= "06-30" ? year : year + 1
}

/** An ok result: the value from `Outcome.compute` with the catalogue measure (never rounded here). */
export const ok = (
  ctx: Context,
  code: Code,
  counts: { readonly numerator: number; readonly denominator: number },
  note: string,
  description: string,
  query: string,
): Result => {
  const measure = measureOf(code)
  return {
    measureId: measure.id,
    code,
    laCode: ctx.laCode,
    period: Period.format(ctx.period),
    numerator: counts.numerator,
    denominator: counts.denominator,
    value: Outcome.compute(measure, counts),
    status: "ok",
    note,
    query: { description, sql: query },
    sql: query,
  }
}

/** A not-available result (`[x]`), with its reason. */
export const notAvailable = (
  laCode: string,
  period: Period.Period,
  code: Code,
  reason: string,
  description = "",
  query = "",
): Result => ({
  measureId: measureOf(code).id,
  code,
  laCode,
  period: Period.format(period),
  numerator: undefined,
  denominator: undefined,
  value: Value.notAvailable(reason),
  status: "not-available",
  reason,
  note: `not available: ${reason}`,
  query: { description, sql: query },
  sql: query,
})

/** A constant label as an SQL string literal (labels come from code, never from input). */
export const lit = (s: string): SQL => sql.raw(`'${s.replace(/'/g, "''")}'`)

/** A constant list of labels as an SQL `in (…)` list. */
export const list = (labels: ReadonlyArray<string>): SQL => sql`(${sql.join(labels.map(lit), sql`, `)})`

/** A number from a query row (PostgreSQL returns counts as text). */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v))

/** The four long-term service types (DHSC: nursing, residential, community, prison). */
export const longTermTypes = [
  "Long term support: Nursing care",
  "Long term support: Residential care",
  "Long term support: Community",
  "Long term support: Prison",
] as const

/** DHSC's service-type hierarchy (`#REF_Service_Type` in the 2A and personal-details scripts): 1 … 7, else 99. */
export const serviceHierarchy = (column: SQL): SQL =>
  sql`case ${column} ${sql.join(
    [
      ...longTermTypes,
      "Short term support: ST-Max",
      "Short term support: Ongoing low level",
      "Short term support: Other short term",
    ].map((t, i) => sql`when ${lit(t)} then ${sql.raw(String(i + 1))}`),
    sql` `,
  )} else 99 end`
