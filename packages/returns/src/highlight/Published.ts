/**
 * Annual measures on the highlight table: the council's own values year by year, its comparators and its ranks.
 *
 * The council's value for a financial year, in order of preference:
 * 1. the value DHSC published for it (`benchmark_value`, loaded from the ASCOF tables) — the official figure;
 * 2. computed from the warehouse by the measure modules: the CLD-based ASCOF measures (`measures/ascof`, DHSC's
 *    2024-25-onward method), the survey measures (`measures/survey`), 4B, 6A and 6B (`measures/other`).
 * For a CLD-based measure, the report quarter also gets a provisional point: the rolling 12 months to the quarter
 * (DHSC's quarterly dashboard method), unless the quarter ends the year.
 *
 * Ranks (`Benchmark.rank`: competition ranks, 1 = best by polarity) are of the latest year with published council
 * values, among each group's members' published values, the council taking its own place — or, for a council whose
 * code is not published (the synthetic borough), the place of the council it stands in for (`benchmarkAs`). Ranking
 * reads only the rows of one measure; the polarity-aware ordering is core's.
 *
 * @category measures
 */
import { Benchmark, Geography, type Measure, Outcome, Period, Value } from "@asckit/core"
import type { EtlError } from "@asckit/etl"
import { sql } from "drizzle-orm"
import { Effect } from "effect"
import * as Ascof from "../measures/ascof/index.js"
import * as Other from "../measures/other/index.js"
import * as Survey from "../measures/survey/index.js"
import type { Rank } from "./Model.js"
import { type Ctx, num, text } from "./Sql.js"

/** A published value of a measure. */
export interface PublishedValue {
  readonly year: string
  readonly level: string
  readonly code: string
  readonly value: Value.Value
  /** Where it was published (e.g. the file and table it was loaded from). */
  readonly source: string | null
}

const toValue = (r: {
  outcome: unknown
  marker: string | null
  numerator: unknown
  denominator: unknown
}): Value.Value =>
  r.outcome !== null && r.outcome !== undefined
    ? Value.available(
        num(r.outcome),
        r.numerator === null ? undefined : num(r.numerator),
        r.denominator === null ? undefined : num(r.denominator),
      )
    : (Value.fromCell(r.marker) ?? Value.notAvailable())

/** Every published value of a measure (the measure itself, not its breakdowns), by year and geography. */
export const published = (
  ctx: Ctx,
  measure: Measure.Measure,
): Effect.Effect<{ values: ReadonlyArray<PublishedValue>; sql: string }, EtlError.WarehouseError> => {
  const query = sql`select year, geography_level as level, geography_code as code, outcome, marker, numerator, denominator, source
from benchmark_value where framework = ${measure.framework} and measure_code = ${measure.code} and disaggregation = ''`
  return Effect.map(
    ctx.reader.all<{
      year: string
      level: string
      code: string
      outcome: unknown
      marker: string | null
      numerator: unknown
      denominator: unknown
      source: string | null
    }>(`published ${measure.id}`, query),
    (rows) => ({
      values: rows.map((r) => ({
        year: r.year,
        level: r.level,
        code: r.code,
        value: toValue(r),
        source: r.source ?? null,
      })),
      sql: text(query),
    }),
  )
}

/** A council value with where it came from. */
export interface Sourced {
  readonly value: Value.Value
  readonly origin: string
  readonly sql?: string
}

/** Where the CLD-based ASCOF results of one period are cached (one pass computes every CLD measure). */
export type CldCache = Map<string, ReadonlyArray<Ascof.Result>>

/** True for the CLD-based ASCOF codes (`measures/ascof`). */
export const isCld = (code: string): code is Ascof.Code =>
  (Ascof.codes as ReadonlyArray<string>).includes(code)

/** True when the report can compute the measure's council value from the warehouse. */
export const computable = (measure: Measure.Measure): boolean =>
  measure.framework === "ASCOF" &&
  measure.frameworkVersion === "2023" &&
  (isCld(measure.code) || Survey.codes.includes(measure.code) || ["4B", "6A", "6B"].includes(measure.code))

/** The council's value of an ASCOF 2023 measure for a financial year or rolling 12 months, from the warehouse. */
export const compute = (
  ctx: Ctx,
  measure: Measure.Measure,
  period: Period.Period,
  cache: CldCache,
): Effect.Effect<Sourced, EtlError.WarehouseError> =>
  Effect.gen(function* () {
    const code = measure.code
    if (isCld(code)) {
      const key = Period.format(period)
      let all = cache.get(key)
      if (all === undefined) {
        all = yield* Ascof.computeAll(ctx.reader, { laCode: ctx.laCode, period })
        cache.set(key, all)
      }
      const r = all.find((x) => x.code === code)!
      return {
        value: r.value,
        origin:
          r.status === "ok" ? "computed from CLD by DHSC's method (measures/ascof)" : (r.reason ?? r.note),
        sql: r.sql,
      }
    }
    if (Survey.codes.includes(code)) {
      const r = yield* Survey.compute(ctx.reader, {
        code,
        year: Period.format(Period.financialYearOfPeriod(period)),
        laCode: ctx.laCode,
      })
      return {
        value: r.value,
        origin: r.status === "ok" ? `computed from survey responses, ${r.note}` : r.note,
      }
    }
    const f = code === "4B" ? Other.compute4B : code === "6A" ? Other.compute6A : Other.compute6B
    const r = yield* f(ctx.reader, { laCode: ctx.laCode, period })
    return {
      value: r.value,
      origin: r.status === "ok" ? `computed from the warehouse, ${r.note}` : r.note,
      sql: r.sql,
    }
  })

/** The groups a council is ranked in, with the status shown when one is not configured. */
export interface Group {
  readonly id: string
  readonly name: string
  readonly group: Geography.ComparatorGroup | undefined
  readonly status: string
}

/** The comparator groups of a council (CASSR code), CIPFA first, England last. */
export const groups = (
  benchmarkAs: string,
  options: {
    readonly cipfa: Geography.ComparatorGroup | undefined
    readonly region: boolean
    readonly greaterManchester: boolean
  },
): ReadonlyArray<Group> => {
  const council = Geography.byCassr(benchmarkAs)
  const out: Array<Group> = [
    options.cipfa === undefined
      ? { id: "cipfa", name: "CIPFA nearest neighbours", group: undefined, status: "not configured" }
      : {
          id: "cipfa",
          name: "CIPFA nearest neighbours",
          group: options.cipfa,
          status: `${options.cipfa.members.length} councils (${options.cipfa.name})`,
        },
  ]
  if (options.region && council !== undefined) {
    const g = Geography.regionGroup(council.region)
    out.push({ id: "region", name: g.name, group: g, status: `${g.members.length} councils` })
  }
  if (options.greaterManchester) {
    out.push({
      id: "greater-manchester",
      name: "Greater Manchester",
      group: Geography.greaterManchester,
      status: "10 councils",
    })
  }
  out.push({ id: "england", name: "England", group: Geography.englandGroup, status: "all councils" })
  return out
}

/** The latest year (at or before `maxYear`) with published council values of the measure. */
export const latestYear = (values: ReadonlyArray<PublishedValue>, maxYear: string): string | undefined =>
  values
    .filter((v) => v.level === "council" && v.year <= maxYear)
    .map((v) => v.year)
    .sort()
    .at(-1)

/** The council's ranks in each group for a year, its own value replacing its stand-in's published one. */
export const ranks = (
  measure: Measure.Measure,
  values: ReadonlyArray<PublishedValue>,
  year: string,
  own: Value.Value,
  benchmarkAs: string,
  gs: ReadonlyArray<Group>,
): ReadonlyArray<Rank> => {
  const byCouncil = new Map(
    values
      .filter((v) => v.level === "council" && v.year === year)
      .map((v) => [v.code.toUpperCase(), v.value]),
  )
  const self = benchmarkAs.toUpperCase()
  return gs.map((g): Rank => {
    if (g.group === undefined) return { groupId: g.id, groupName: g.name, of: 0, reason: g.status }
    if (own._tag !== "Available") {
      return {
        groupId: g.id,
        groupName: g.name,
        year,
        of: 0,
        reason: `the council's ${year} value is ${Value.marker(own)}`,
      }
    }
    const members = Geography.membersIn(g.group, year)
    const entries: Array<Benchmark.Entry> = members.map((c) => ({
      key: c.cassr.toUpperCase(),
      value:
        c.cassr.toUpperCase() === self ? own : (byCouncil.get(c.cassr.toUpperCase()) ?? Value.notAvailable()),
    }))
    if (!entries.some((e) => e.key === self)) entries.push({ key: self, value: own })
    const r = Benchmark.rank(measure, entries).find((e) => e.key === self)!
    return {
      groupId: g.id,
      groupName: g.name,
      year,
      of: r.of,
      ...(r.rank === undefined ? {} : { rank: r.rank }),
      ...(r.quartile === undefined ? {} : { quartile: r.quartile }),
    }
  })
}

/** England's and the region's published value for a year. */
export const comparators = (
  values: ReadonlyArray<PublishedValue>,
  year: string,
  benchmarkAs: string,
): ReadonlyArray<{ readonly name: string; readonly year: string; readonly value: Value.Value }> => {
  const council = Geography.byCassr(benchmarkAs)
  const region = council === undefined ? undefined : Geography.region(council.region)
  const find = (level: string, code: string) =>
    values.find((v) => v.level === level && v.year === year && v.code.toUpperCase() === code.toUpperCase())
      ?.value
  const out: Array<{ name: string; year: string; value: Value.Value }> = [
    { name: "England", year, value: find("england", "England") ?? Value.notAvailable("not loaded") },
  ]
  if (region !== undefined) {
    out.push({
      name: region.name,
      year,
      value: find("region", region.code) ?? Value.notAvailable("not loaded"),
    })
  }
  return out
}

/** The value as the report shows it: suppressed by the measure's rule when the report suppresses small numbers. */
export const shown = (measure: Measure.Measure, value: Value.Value, suppress: boolean): Value.Value =>
  suppress ? Outcome.publish(measure, value, "council") : value
