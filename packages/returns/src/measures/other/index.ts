/**
 * ASCOF measures from sources other than CLD and the surveys:
 * - **4B** from the safeguarding enquiries: of concluded section 42 enquiries where a risk was identified, the
 *   share whose risk was reduced or removed — numerator reduced + removed, denominator reduced + removed + remained
 *   (SAC tables SG2c/SG2e; ODS-2425 Table 4b and Note 16). Counted by enquiry (the SAC counts cases in SG2e).
 * - **6A** staff turnover: taken as published by Skills for Care (ASC-WDS "Trended data"); numerator and
 *   denominator are not published (ODS-2425 Note 17), so the value comes from a loaded published-values file.
 * - **6B** residential providers rated good or outstanding: Good + Outstanding over all residential locations in the
 *   council's area, not-yet-rated included (ODS-2425 Table 6b, Note 18), from the latest CQC directory download on or
 *   before the period end. Counted by CQC location; the area is matched by the directory's local authority name
 *   (or ONS code) to the council. [P]: DHSC's exact snapshot date per year is not stated beyond "April 2024" (Note 18).
 *
 * @category measures
 */
import { Catalogue, Geography, Outcome, Period, Value } from "@asckit/core"
import type { EtlError, WarehouseReader } from "@asckit/etl"
import { sql } from "drizzle-orm"
import { Effect, Either } from "effect"

/** A measure result (the same shape as the survey measures'). */
export interface Result {
  readonly measureId: string
  readonly code: string
  readonly laCode: string
  readonly period: string
  readonly numerator: number | undefined
  readonly denominator: number | undefined
  readonly value: Value.Value
  readonly status: "ok" | "not-available"
  readonly note: string
  readonly sql: string
}

const measure = (code: string) => Either.getOrThrow(Catalogue.get(`ASCOF-2023:${code}`))

const notAvailable = (
  code: string,
  laCode: string,
  period: string,
  reason: string,
  text: string,
): Result => ({
  measureId: measure(code).id,
  code,
  laCode,
  period,
  numerator: undefined,
  denominator: undefined,
  value: Value.notAvailable(reason),
  status: "not-available",
  note: reason,
  sql: text,
})

const sql4B = (la: string, from: string, to: string) => sql`select
  sum(case when lower(result_of_action) like '%reduced%' or lower(result_of_action) like '%removed%' then 1 else 0 end) as numerator,
  count(*) as denominator
from safeguarding_enquiry
where la_code = ${la} and enquiry_type = 's42'
  and concluded_date >= ${from} and concluded_date <= ${to}
  and (lower(result_of_action) like '%remained%' or lower(result_of_action) like '%reduced%' or lower(result_of_action) like '%removed%')`

/** 4B for a council and period. */
export const compute4B = (
  reader: WarehouseReader.Service,
  options: { readonly laCode: string; readonly period: Period.Period },
): Effect.Effect<Result, EtlError.WarehouseError> => {
  const from = Period.start(options.period)
  const to = Period.end(options.period)
  const p = Period.format(options.period)
  const text = `4B: concluded s42 enquiries ${from} to ${to} with a result of action (SG2e)`
  return Effect.map(
    reader.get<{ numerator: number | null; denominator: number }>(
      "ASCOF 4B",
      sql4B(options.laCode, from, to),
    ),
    (r) => {
      const d = r?.denominator ?? 0
      if (d === 0)
        return notAvailable(
          "4B",
          options.laCode,
          p,
          "no concluded section 42 enquiries with a result of action are loaded",
          text,
        )
      const n = r?.numerator ?? 0
      return {
        measureId: measure("4B").id,
        code: "4B",
        laCode: options.laCode,
        period: p,
        numerator: n,
        denominator: d,
        value: Outcome.compute(measure("4B"), { numerator: n, denominator: d }),
        status: "ok",
        note: "counted by enquiry",
        sql: text,
      }
    },
  )
}

/** 6A for a council and financial year, as published (a loaded published-values file). */
export const compute6A = (
  reader: WarehouseReader.Service,
  options: { readonly laCode: string; readonly period: Period.Period },
): Effect.Effect<Result, EtlError.WarehouseError> => {
  const year = Period.format(Period.financialYearOfPeriod(options.period))
  const p = Period.format(options.period)
  return Effect.map(
    reader.get<{ outcome: number | null; marker: string | null; source: string | null }>(
      "ASCOF 6A",
      sql`select outcome, marker, source from benchmark_value where measure_code = '6A' and year = ${year} and geography_code = ${options.laCode} order by file_id desc limit 1`,
    ),
    (r) => {
      if (!r)
        return notAvailable(
          "6A",
          options.laCode,
          p,
          `no published 6A (ASC-WDS turnover) value for ${year} is loaded`,
          "6A: as published",
        )
      const v =
        r.outcome !== null ? Value.available(r.outcome) : (Value.fromCell(r.marker) ?? Value.notAvailable())
      return {
        measureId: measure("6A").id,
        code: "6A",
        laCode: options.laCode,
        period: p,
        numerator: undefined,
        denominator: undefined,
        value: v,
        status: "ok",
        note: `as published${r.source ? ` by ${r.source}` : ""}; ASC-WDS publishes no numerator or denominator`,
        sql: "6A: as published",
      }
    },
  )
}

const key = (s: string) =>
  s
    .toLowerCase()
    .replace(/&/g, "and")
    .replace(/\b(city of|county of|council|borough|metropolitan|district)\b/g, "")
    .replace(/[^a-z0-9]/g, "")

/**
 * Whether a CQC directory's "Local authority" names the council: its name or an alias (ignoring "Council",
 * "Borough", "City of" and punctuation), its ONS code or its CASSR code; `names` adds others (e.g. the name a
 * report gives a council `Geography` does not know).
 */
export const inCouncilArea = (
  laCode: string,
  names: ReadonlyArray<string> = [],
): ((area: string) => boolean) => {
  const council = Geography.byCassr(laCode)
  const keys = new Set([...names, ...(council ? [council.name, ...(council.aliases ?? [])] : [])].map(key))
  const codes = new Set([
    laCode.toLowerCase(),
    ...(council ? [council.ons.toLowerCase(), council.cassr.toLowerCase()] : []),
  ])
  return (area) => keys.has(key(area)) || codes.has(area.trim().toLowerCase())
}

/** 6B for a council and period, from the latest CQC directory download on or before the period end. */
export const compute6B = (
  reader: WarehouseReader.Service,
  options: { readonly laCode: string; readonly period: Period.Period },
): Effect.Effect<Result, EtlError.WarehouseError> => {
  const to = Period.end(options.period)
  const p = Period.format(options.period)
  const inArea = inCouncilArea(options.laCode)
  const query = sql`select local_authority as area, rating, count(*) as n from provider_rating
    where care_type = 'residential' and as_at = (select max(as_at) from provider_rating where as_at <= ${to})
    group by local_authority, rating`
  return Effect.map(reader.all<{ area: string; rating: string; n: number }>("ASCOF 6B", query), (rows) => {
    const mine = rows.filter((r) => inArea(r.area))
    const denominator = mine.reduce((a, r) => a + r.n, 0)
    if (denominator === 0) {
      return notAvailable(
        "6B",
        options.laCode,
        p,
        `no CQC directory download on or before ${to} lists residential locations in this council's area`,
        "6B",
      )
    }
    const numerator = mine
      .filter((r) => r.rating === "Good" || r.rating === "Outstanding")
      .reduce((a, r) => a + r.n, 0)
    return {
      measureId: measure("6B").id,
      code: "6B",
      laCode: options.laCode,
      period: p,
      numerator,
      denominator,
      value: Outcome.compute(measure("6B"), { numerator, denominator }),
      status: "ok",
      note: "residential CQC locations in the council's area, not yet rated included",
      sql: "6B: residential locations rated Good or Outstanding / all residential locations (latest CQC download)",
    }
  })
}
