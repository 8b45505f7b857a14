/**
 * The ASCOF 2023+ measures derived from Client Level Data — 2A, 2B, 2C, 2D(1), 2D(2), 2E(1), 2E(2a), 2E(2b),
 * 3D(1a), 3D(2a) — computed in SQL over the warehouse by DHSC's 2024-25-onward method (DHSC ASC-CLD-LA-Dashboard
 * `ASCOF_measures/*_2425_Onwards.sql` and `Create_ASCOF_2D.sql`; domain.md §1.5), for a council and a financial
 * year or a rolling 12 months ending at a quarter.
 *
 * ```ts
 * const r = yield* Ascof.compute(reader, { code: "2C", period: Period.financialYear(2024), laCode: "305" })
 * // r.numerator, r.denominator, r.value (Outcome.compute with the catalogue measure), r.status, r.sql
 * const all = yield* Ascof.computeAll(reader, { period, laCode: "305" })
 * ```
 *
 * Each result carries the catalogue measure id and code, the counts, the unsuppressed value (publication rules are
 * applied later, by the return), `ok` or `not-available` with the reason, a method note and the SQL that produced
 * the counts. Measures of one family (2B/2C, 2D, 2E, 3D) come from one query.
 *
 * @category measures
 */
import { Period } from "@asckit/core"
import type { EtlError, WarehouseReader } from "@asckit/etl"
import { sql } from "drizzle-orm"
import { Effect } from "effect"
import * as Dialect from "../dialect.js"
import * as Accommodation from "./Accommodation.js"
import * as Admissions from "./Admissions.js"
import { type Code, type Context, codes, notAvailable, type Result, unsupportedPeriod } from "./common.js"
import * as HospitalDischarge from "./HospitalDischarge.js"
import * as Reablement from "./Reablement.js"
import * as SelfDirectedSupport from "./SelfDirectedSupport.js"

export * as Accommodation from "./Accommodation.js"
export * as Admissions from "./Admissions.js"
export { type Code, codes, type Result, type Status } from "./common.js"
export * as HospitalDischarge from "./HospitalDischarge.js"
export * as PersonDetails from "./PersonDetails.js"
export * as Reablement from "./Reablement.js"
export * as SelfDirectedSupport from "./SelfDirectedSupport.js"

/** What to compute: a council (CASSR code, as in CLD `LA_Code`) and a financial year or rolling 12 months. */
export interface Options {
  readonly laCode: string
  readonly period: Period.Period
}

/** The measure families, each computed by one query. */
const families: ReadonlyArray<{
  readonly codes: ReadonlyArray<Code>
  readonly run: (
    reader: WarehouseReader.Service,
    ctx: Context,
  ) => Effect.Effect<ReadonlyArray<Result>, EtlError.WarehouseError>
}> = [
  { codes: ["2A"], run: (r, c) => Effect.map(Reablement.compute(r, c), (x) => [x]) },
  { codes: ["2B", "2C"], run: Admissions.compute },
  { codes: ["2D(1)", "2D(2)"], run: HospitalDischarge.compute },
  { codes: ["2E(1)", "2E(2a)", "2E(2b)"], run: Accommodation.compute },
  { codes: ["3D(1a)", "3D(2a)"], run: SelfDirectedSupport.compute },
]

/** The query context of a council and period on a warehouse connection (`cldEnd`: see `Context`). */
export const context = (
  reader: Pick<WarehouseReader.Service, "dialect">,
  options: Options,
  cldEnd?: string,
): Context => ({
  // LA codes are stored upper-case (CLD's `LA_Code` is normalised on load).
  laCode: options.laCode.trim().toUpperCase(),
  period: options.period,
  start: Period.start(options.period),
  end: Period.end(options.period),
  dialect: Dialect.of(reader.dialect),
  ...(cldEnd === undefined ? {} : { cldEnd }),
})

const withNote = (r: Result, extra: string): Result =>
  extra === "" || r.status !== "ok" ? r : { ...r, note: `${r.note} ${extra}` }

/**
 * Runs the families holding `wanted` (in catalogue order), after checking the period and that CLD data are loaded
 * for the council; a note says when the loaded submissions do not cover the whole period.
 */
const run = (
  reader: WarehouseReader.Service,
  options: Options,
  wanted: ReadonlyArray<Code>,
): Effect.Effect<ReadonlyArray<Result>, EtlError.WarehouseError> =>
  Effect.gen(function* () {
    const unsupported = unsupportedPeriod(options.period)
    if (unsupported !== undefined)
      return wanted.map((c) => notAvailable(options.laCode, options.period, c, unsupported))
    // What CLD is loaded for the council: its people's snapshots (one per submission, dated at its end) through
    // the covering `person_id` index, rather than a scan of every event.
    const coverage = yield* reader.get<{ last: string | null }>(
      "CLD coverage",
      sql`select max(as_at) as last from person where la_code = ${options.laCode.trim().toUpperCase()}`,
    )
    const last = coverage?.last ?? null
    if (last === null) {
      const reason = `no Client Level Data is loaded for council ${options.laCode}`
      return wanted.map((c) => notAvailable(options.laCode, options.period, c, reason))
    }
    const ctx = context(reader, options, last)
    const extra =
      last < ctx.end
        ? `Data coverage: the latest CLD submission loaded ends on ${last}, before the period ends (${ctx.end}).`
        : ""
    const out: Array<Result> = []
    for (const family of families) {
      if (!family.codes.some((c) => wanted.includes(c))) continue
      const results = yield* family.run(reader, ctx)
      for (const r of results) if (wanted.includes(r.code)) out.push(withNote(r, extra))
    }
    return wanted.map((c) => out.find((r) => r.code === c)!)
  })

/** Computes one CLD-based ASCOF measure (a code such as `2C`, or its catalogue id `ASCOF-2023:2C`). */
export const compute = (
  reader: WarehouseReader.Service,
  options: Options & { readonly code: Code | `ASCOF-2023:${Code}` },
): Effect.Effect<Result, EtlError.WarehouseError> => {
  const code = options.code.replace(/^ASCOF-2023:/, "") as Code
  if (!codes.includes(code)) {
    return Effect.die(
      new Error(`${options.code} is not a CLD-based ASCOF measure (expected one of ${codes.join(", ")})`),
    )
  }
  return Effect.map(run(reader, options, [code]), (rs) => rs[0]!)
}

/** Computes every CLD-based ASCOF measure for a council and period, in catalogue order. */
export const computeAll = (
  reader: WarehouseReader.Service,
  options: Options,
): Effect.Effect<ReadonlyArray<Result>, EtlError.WarehouseError> => run(reader, options, codes)
