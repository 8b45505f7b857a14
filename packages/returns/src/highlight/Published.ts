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
 * Ranks (`Benchmark.rank`: competition ranks, 1 = best by polarity) are of the latest year with published values for
 * at least two councils other than the council's own code (`latestYear`: its own rows, such as the synthetic borough's
 * ASC-WDS 6A, and the [z] years of a biennial survey do not count), among each group's members' published values, the
 * council taking its own place — or, for a council whose code is not published (the synthetic borough), the place of
 * the council it stands in for (`benchmarkAs`). A group where no other member has a value gets a stated reason, not
 * "1 of 1". Ranking reads only the rows of one measure; the polarity-aware ordering is core's.
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
import type { Comparator, Rank } from "./Model.js"
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

/**
 * The latest year (at or before `maxYear`) to rank a measure in: the latest with published values (not markers) for
 * at least `minimum` councils (default 2) other than the council's own code (`exclude`, e.g. the synthetic borough's
 * 999, whose own rows — such as its ASC-WDS 6A value — must not make a year of one). For a biennial measure this skips
 * the years without a survey, published as [z] for every council.
 */
export const latestYear = (
  values: ReadonlyArray<PublishedValue>,
  maxYear: string,
  options: { readonly exclude?: string; readonly minimum?: number } = {},
): string | undefined => {
  const exclude = options.exclude?.toUpperCase()
  const counts = new Map<string, Set<string>>()
  for (const v of values) {
    if (v.level !== "council" || v.year > maxYear || v.value._tag !== "Available") continue
    const code = v.code.toUpperCase()
    if (code === exclude) continue
    const set = counts.get(v.year) ?? new Set<string>()
    set.add(code)
    counts.set(v.year, set)
  }
  const minimum = options.minimum ?? 2
  return [...counts.entries()]
    .filter(([, codes]) => codes.size >= minimum)
    .map(([year]) => year)
    .sort()
    .at(-1)
}

const startYear = (year: string): number | undefined => {
  const m = /^(\d{4})-\d{2}$/.exec(year)
  return m === null ? undefined : Number(m[1])
}

/**
 * For a biennial (survey) measure, whether a financial year is a survey year: `false` when the year is published
 * only as [z] (no survey, e.g. SACE in 2024-25), `true` when anything of it is published with a value; for a year
 * not published (yet), by the two-year cycle from the latest earlier survey year published. `undefined` when nothing
 * published tells (no earlier survey year is loaded).
 */
export const isSurveyYear = (values: ReadonlyArray<PublishedValue>, year: string): boolean | undefined => {
  const rows = values.filter((v) => v.year === year)
  if (rows.some((v) => v.value._tag === "Available")) return true
  if (rows.length > 0) return !rows.every((v) => v.value._tag === "NotApplicable")
  const start = startYear(year)
  if (start === undefined) return undefined
  const surveyed = values
    .filter((v) => v.value._tag === "Available")
    .map((v) => startYear(v.year))
    .filter((y): y is number => y !== undefined && y < start)
  if (surveyed.length === 0) return undefined
  return (start - Math.max(...surveyed)) % 2 === 0
}

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
    if (r.of < 2) {
      // a group of one is no ranking: say so instead
      return {
        groupId: g.id,
        groupName: g.name,
        year,
        of: 0,
        reason: `no other ${g.name} council has a published ${year} value`,
      }
    }
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
): ReadonlyArray<Comparator> => {
  const council = Geography.byCassr(benchmarkAs)
  const region = council === undefined ? undefined : Geography.region(council.region)
  // a value before a marker, when two tables publish the same geography (e.g. ASC-WDS and the ASCOF tables)
  const find = (level: string, code: string) => {
    const found = values.filter(
      (v) => v.level === level && v.year === year && v.code.toUpperCase() === code.toUpperCase(),
    )
    return (found.find((v) => v.value._tag === "Available") ?? found[0])?.value
  }
  const out: Array<Comparator> = [
    {
      id: "england",
      name: "England",
      year,
      value: find("england", "England") ?? Value.notAvailable(`no published ${year} England value is loaded`),
    },
  ]
  if (region !== undefined) {
    out.push({
      id: "region",
      name: region.name,
      year,
      value:
        find("region", region.code) ??
        Value.notAvailable(`no published ${year} ${region.name} value is loaded`),
    })
  }
  return out
}

/** The value as the report shows it: suppressed by the measure's rule when the report suppresses small numbers. */
export const shown = (measure: Measure.Measure, value: Value.Value, suppress: boolean): Value.Value =>
  suppress ? Outcome.publish(measure, value, "council") : value
