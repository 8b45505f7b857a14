/**
 * Builds the highlight report (`Model.Report`) from the warehouse: every measure row of every obsession (its
 * sparkline series, latest value, direction of travel, RAG against its target, ranks and comparators), then the
 * sections, then the commentary. Read-only: it only runs `select`s through `WarehouseReader`.
 *
 * Series, by the measure's frequency (the last `sparklinePoints` points to the report quarter):
 * - monthly: month by month to the quarter's last month; quarterly: quarter by quarter;
 * - annual and biennial: financial years to the last complete one, then — for measures the report computes itself
 *   — the rolling 12 months to the report quarter, marked provisional (DHSC's quarterly-dashboard convention);
 * - biennial (the carers' survey): the years without a survey (published as [z], or off the two-year cycle after the
 *   last one published) are [z] "not a survey year", and the latest value and direction of travel are of the latest
 *   survey year against the survey before it (`Published.isSurveyYear`).
 *
 * Direction of travel compares the latest point with the one before — for a biennial measure, the survey before
 * (`Benchmark.direction`: published precision, series breaks); RAG compares the latest point with the configured
 * target (`Benchmark.rag`). Ranks are of the latest year other councils have published values for
 * (`Published.latestYear`).
 *
 * @category measures
 */
import { Benchmark, type Measure, Period, Value } from "@asckit/core"
import type { EtlError, WarehouseReader } from "@asckit/etl"
import { Effect, Either } from "effect"
import * as Dialect from "../measures/dialect.js"
import type { Query } from "../ReturnDocument.js"
import type { MeasureEntry, Resolved } from "./Config.js"
import * as Markdown from "./Markdown.js"
import * as Measures from "./Measures.js"
import type { MeasureRow, ObsessionBlock, Point, Rank, Report, Section } from "./Model.js"
import * as Published from "./Published.js"
import * as Sections from "./Sections.js"
import * as Sql from "./Sql.js"

/** The windows of a measure's series (see the module docs). */
export const seriesWindows = (
  measure: Measure.Measure,
  quarter: Period.Quarter,
  points: number,
  rolling: boolean,
): ReadonlyArray<Sql.Window> => {
  const back = (last: Period.Period, n: number) =>
    Array.from({ length: n }, (_, i) => Sql.window(Period.previous(last, n - 1 - i)))
  switch (measure.frequency) {
    case "monthly":
      return back(Period.monthOf(Period.end(quarter)), points)
    case "quarterly":
      return back(quarter, points)
    default: {
      const fy = Period.financialYear(quarter.startYear)
      if (quarter.quarter === 4) return back(fy, points)
      return rolling
        ? [...back(Period.previous(fy), points - 1), Sql.window(Period.rolling12(quarter))]
        : back(Period.previous(fy), points)
    }
  }
}

/** The reason of a biennial measure's [z] years. */
export const notSurveyYear = "not a survey year"

const isAnnual = (m: Measure.Measure) => m.frequency === "annual" || m.frequency === "biennial"

const reasonOf = (v: Value.Value): string | undefined =>
  v._tag === "Available"
    ? undefined
    : `${Value.marker(v)}${"reason" in v && v.reason !== undefined ? `: ${v.reason}` : ""}`

/** Builds the report for a quarter. */
export const build = (
  reader: WarehouseReader.Service,
  resolved: Resolved,
  quarter: Period.Quarter,
): Effect.Effect<Report, EtlError.WarehouseError> =>
  Effect.gen(function* () {
    const { config } = resolved
    const ctx: Sql.Ctx = { reader, laCode: config.laCode, dialect: Dialect.of(reader.dialect) }
    const queries: Record<string, Query> = {}
    const register = (id: string, q: Query): string => {
      queries[id] = q
      return id
    }
    const covered = new Map<string, Sql.Coverage>()
    const coverage = (source: Sql.Source) =>
      covered.has(source.id)
        ? Effect.succeed(covered.get(source.id)!)
        : Effect.tap(Sql.coverage(ctx, source), (c) => Effect.sync(() => covered.set(source.id, c)))
    const groups = Published.groups(resolved.benchmarkAs, {
      cipfa: resolved.cipfa,
      region: config.comparators.region,
      greaterManchester: config.comparators.greaterManchester,
    })
    const cldCache: Published.CldCache = new Map()
    const fyLabel = Period.format(Period.financialYearOfPeriod(quarter))
    const suppress = config.suppressSmallNumbers

    const measureRow = (entry: MeasureEntry): Effect.Effect<MeasureRow, EtlError.WarehouseError> =>
      Effect.gen(function* () {
        const m = resolved.measures.get(entry.measure)!
        const comp = Measures.computations[m.id]
        const computable = comp !== undefined || Published.computable(m)
        const rollingOk = comp !== undefined || (Published.computable(m) && Published.isCld(m.code))
        const ws = seriesWindows(m, quarter, config.sparklinePoints, rollingOk)
        const published = isAnnual(m) ? yield* Published.published(ctx, m) : { values: [], sql: "" }
        const ownPublished = published.values.filter(
          (v) => v.level === "council" && v.code.toUpperCase() === config.laCode.toUpperCase(),
        )
        const own = new Map(ownPublished.map((v) => [v.year, v.value]))
        const ownSource = new Map(ownPublished.map((v) => [v.year, v.source]))
        const values = new Map<string, { value: Value.Value; origin: string }>()
        for (const w of ws) {
          const p = own.get(w.key)
          if (p !== undefined && w.period._tag === "FinancialYear")
            values.set(w.key, {
              value: p,
              origin: ownSource.get(w.key) ? `published (${ownSource.get(w.key)})` : "published",
            })
        }
        // a biennial (survey) measure: the years without a survey are [z], not a missing value to compute
        const offYears = new Set<string>()
        if (m.frequency === "biennial") {
          for (const w of ws) {
            if (
              w.period._tag === "FinancialYear" &&
              Published.isSurveyYear(published.values, w.key) === false
            ) {
              offYears.add(w.key)
              values.set(w.key, { value: Value.notApplicable(notSurveyYear), origin: "" })
            }
          }
        }
        const todo = ws.filter((w) => !values.has(w.key))
        const sqlTexts: Array<string> = []
        let description = ""
        if (comp !== undefined) {
          const c = yield* coverage(comp.source)
          const inRange = todo.filter((w) => Sql.gap(c, w, ctx.laCode) === undefined)
          for (const w of todo) {
            const g = Sql.gap(c, w, ctx.laCode)
            if (g !== undefined) values.set(w.key, { value: Value.notAvailable(g), origin: comp.source.what })
          }
          const r = yield* Measures.run(ctx, m, comp, inRange)
          for (const w of inRange) {
            const v = r.values.get(w.key) ?? Value.notAvailable("no row for this period")
            values.set(w.key, {
              value: Published.shown(m, v, suppress),
              origin: `computed from the ${comp.source.what}`,
            })
          }
          description = comp.description
          if (r.sql !== "") sqlTexts.push(r.sql)
        } else if (Published.computable(m)) {
          for (const w of todo) {
            if (
              m.firstYear !== undefined &&
              Period.format(Period.financialYearOfPeriod(w.period)) < m.firstYear
            ) {
              values.set(w.key, {
                value: Value.notAvailable(
                  `not published for ${w.key}, and the measure is only computed from ${m.firstYear}`,
                ),
                origin: "",
              })
              continue
            }
            const r = yield* Published.compute(ctx, m, w.period, cldCache)
            values.set(w.key, { value: Published.shown(m, r.value, suppress), origin: r.origin })
            if (r.sql !== undefined && r.sql !== "") sqlTexts.push(r.sql)
          }
          description = `${m.code}: the published values where loaded; other years computed from the warehouse`
        } else {
          const why = Measures.notComputed[m.id] ?? `asckit has no computation for ${m.id}`
          for (const w of todo) {
            values.set(w.key, {
              value: Value.notAvailable(isAnnual(m) ? `not published for ${w.key}, and ${why}` : why),
              origin: "",
            })
          }
          description = `${m.id}: ${why}`
        }
        if (published.sql !== "") sqlTexts.unshift(published.sql)
        const query = register(`measure ${m.id}`, {
          description: `${m.shortTitle}: ${description}`,
          ...(sqlTexts.length === 0 ? {} : { sql: sqlTexts.join(";\n\n") }),
        })
        const points: Array<Point> = ws.map((w) => {
          const v = values.get(w.key)!
          const provisional = w.period._tag === "Rolling12" ? " (provisional)" : ""
          return {
            period: w.period,
            label: `${Sql.shortLabel(w.period)}${provisional}`,
            value: v.value,
            ...(v.origin === "" ? {} : { origin: v.origin }),
          }
        })
        // the last N points in time order (`Benchmark.lastN` keeps each point as it is)
        const all = Benchmark.lastN(points, config.sparklinePoints) as ReadonlyArray<Point>
        // a provisional point is shown only when it has a value; an annual series starts at its first value (years
        // before a measure existed are not worth a point)
        const kept = all.filter(
          (p, i) => i < all.length - 1 || p.period._tag !== "Rolling12" || p.value._tag === "Available",
        )
        const isOff = (p: Point) => offYears.has(Period.format(p.period))
        const first = kept.findIndex((p) => p.value._tag !== "NotAvailable" && !isOff(p))
        const series = isAnnual(m) && first > 0 ? kept.slice(Math.min(first, kept.length - 2)) : kept
        // a biennial measure compares survey years: the latest survey year with the survey before it
        const surveyed = series.filter((p) => !isOff(p))
        const latest = offYears.size > 0 && surveyed.length > 0 ? surveyed.at(-1) : series.at(-1)
        const previous = offYears.size > 0 ? surveyed.at(-2) : series.at(-2)
        const direction =
          latest !== undefined && previous !== undefined
            ? Benchmark.direction(m, latest.value, previous.value, {
                current: latest.period,
                previous: previous.period,
                ...(entry.tolerance === undefined ? {} : { tolerance: entry.tolerance }),
              })
            : ({
                direction: "not-comparable",
                reason: offYears.size > 0 ? "no earlier survey year" : "no earlier value",
              } as const)
        const rag =
          entry.target === undefined || latest === undefined
            ? "none"
            : Benchmark.rag(
                m,
                latest.value,
                entry.target,
                entry.amber === undefined ? {} : { amber: entry.amber },
              )
        // ranks and comparators: the latest year with published council values
        let ranks: ReadonlyArray<Rank>
        let comparators: MeasureRow["comparators"] = []
        if (!isAnnual(m)) {
          ranks = groups.map((g) => ({
            groupId: g.id,
            groupName: g.name,
            of: 0,
            reason: "local measure: no published comparators",
          }))
        } else {
          const year = Published.latestYear(published.values, fyLabel, { exclude: config.laCode })
          if (year === undefined) {
            const any = published.values.some((v) => v.level === "council")
            ranks = groups.map((g) => ({
              groupId: g.id,
              groupName: g.name,
              of: 0,
              reason: any
                ? `no year to ${fyLabel} has published ${m.code} values for two or more other councils`
                : `no published ${m.code} values are loaded`,
            }))
          } else {
            let ownValue = own.get(year) ?? values.get(year)?.value
            const yearPeriod = Period.parseAs("FinancialYear", year)
            if (
              ownValue === undefined &&
              computable &&
              Published.computable(m) &&
              Either.isRight(yearPeriod)
            ) {
              ownValue = Published.shown(
                m,
                (yield* Published.compute(ctx, m, yearPeriod.right, cldCache)).value,
                suppress,
              )
            }
            ranks = Published.ranks(
              m,
              published.values,
              year,
              ownValue ?? Value.notAvailable(),
              resolved.benchmarkAs,
              groups,
            )
            comparators = Published.comparators(published.values, year, resolved.benchmarkAs)
          }
        }
        const source =
          comp !== undefined
            ? `computed from the ${comp.source.what}`
            : Published.computable(m)
              ? "published values; years not published computed from the warehouse"
              : isAnnual(m)
                ? "published values (benchmark_value)"
                : "not computed"
        return {
          measure: m,
          title: m.shortTitle,
          series,
          latest,
          previous,
          direction,
          target: entry.target,
          rag,
          ranks,
          comparators,
          source,
          reason: latest === undefined ? "no periods" : reasonOf(latest.value),
          query,
        }
      })

    const commentary = Markdown.split(resolved.commentary)
    const obsessions: Array<ObsessionBlock> = []
    for (const o of config.obsessions) {
      const rows: Array<MeasureRow> = []
      for (const entry of o.measures) rows.push(yield* measureRow(entry))
      obsessions.push({
        id: o.id,
        title: o.title,
        rows,
        commentary: Markdown.find(commentary, o.id, o.title),
      })
    }

    const months = Array.from({ length: config.historyMonths }, (_, i) =>
      Sql.window(Period.previous(Period.monthOf(Period.end(quarter)), config.historyMonths - 1 - i)),
    )
    const quarters = Array.from({ length: 4 }, (_, i) => Sql.window(Period.previous(quarter, 3 - i)))
    const sctx: Sections.SectionContext = {
      ctx,
      quarter,
      months,
      quarters,
      councilName: resolved.councilName,
      suppress,
      coverage,
      register,
    }
    const sections: Array<Section> = []
    for (const id of config.sections) {
      const s = yield* Sections.builders[id](sctx)
      sections.push({ ...s, commentary: Markdown.find(commentary, id, s.title) })
    }

    const sourceNotes = [...covered.values()]
      .sort((a, b) => a.source.id.localeCompare(b.source.id))
      .map((c) => ({
        label: `Loaded: ${c.source.what}`,
        value:
          c.rows === 0
            ? "nothing loaded"
            : `${c.rows.toLocaleString("en-GB")} rows, ${c.first ?? "?"} to ${c.last ?? "?"}`,
      }))
    const stand =
      resolved.benchmarkAs !== config.laCode
        ? [
            {
              label: "Compared as",
              value: `CASSR ${resolved.benchmarkAs}: the council takes its place in comparator groups`,
            },
          ]
        : []
    return {
      title: config.title,
      laCode: config.laCode,
      councilName: resolved.councilName,
      period: quarter,
      periodLabel: Period.describe(quarter),
      summary: commentary.summary,
      obsessions,
      sections,
      comparators: groups.map((g) => ({ id: g.id, name: g.name, status: g.status })),
      notes: [
        { label: "Council", value: `${resolved.councilName} (${config.laCode})` },
        { label: "Period", value: Period.describe(quarter) },
        ...stand,
        ...sourceNotes,
        {
          label: "Small numbers",
          value: suppress
            ? "each measure's suppression rule applied; safeguarding, DoLS and complaints counts of 1–4 shown as [c]"
            : "not suppressed (internal use only)",
        },
        {
          label: "Markers",
          value:
            "[c] suppressed (small numbers); [x] not available (the reason is given); [z] not applicable",
        },
        { label: "Working days", value: "England and Wales bank holidays, GOV.UK (core WorkingDays)" },
      ],
      queries,
    }
  })
