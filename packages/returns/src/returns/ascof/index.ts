/**
 * The ASCOF return: every ASCOF 2023+ measure for the council and period, computed from the warehouse by the
 * official methods, beside the previous period (direction of travel), the published England, regional and
 * Greater Manchester values, and the council's rank within Greater Manchester, its region, England and any
 * configured comparator group (e.g. its CIPFA nearest neighbours).
 *
 * Ranks set the council's computed value among the other councils' published values for the benchmark year (the
 * period's financial year when DHSC has published it, otherwise the latest published year before it): a preview of
 * where the council will stand, before DHSC publishes. Greater Manchester's value is aggregated from its councils'
 * published numerators and denominators (Σ numerators / Σ denominators, ODS-2425 Note 10); where DHSC publishes no
 * counts (survey measures, 6A) it is not available.
 *
 * Sheets: a Summary of every measure, one sheet per objective, then Validation and Notes (period, sources with
 * their sha256, the latest load run, the asckit version). `govUkCsv` writes the gov.uk long format.
 *
 * @category returns
 */
import { Benchmark, Catalogue, Geography, type Measure, Outcome, Period, Value } from "@asckit/core"
import { type EtlError, WarehouseReader } from "@asckit/etl"
import { sql } from "drizzle-orm"
import { Effect, Schema } from "effect"
import * as Ascof from "../../measures/ascof/index.js"
import * as Other from "../../measures/other/index.js"
import type { MeasureResult } from "../../measures/Result.js"
import * as Survey from "../../measures/survey/index.js"
import * as D from "../../ReturnDocument.js"
import * as ReturnPlugin from "../../ReturnPlugin.js"

/** A source of computed measures for the return. */
export interface Provider {
  readonly name: string
  readonly compute: (
    reader: WarehouseReader.Service,
    period: Period.Period,
    laCode: string,
  ) => Effect.Effect<ReadonlyArray<MeasureResult>, EtlError.WarehouseError>
}

/** The CLD measures (2A, 2B/2C, 2D, 2E, 3D), by DHSC's method in SQL. */
export const cldProvider: Provider = {
  name: "CLD",
  compute: (reader, period, laCode) => Ascof.computeAll(reader, { period, laCode }),
}

/**
 * Survey measures. The ASCS runs every year: a financial year's ASCOF uses that year's survey; a rolling 12 months
 * uses the latest survey loaded of its year or the one before. The SACE runs every other year (2021-22, 2023-24,
 * 2025-26): a year without one carries the latest earlier survey, as DHSC's 2024-25 tables carry the 2023-24 SACE
 * values. The note says which survey year each value comes from when it is not the period's.
 */
export const surveyProvider: Provider = {
  name: "surveys",
  compute: (reader, period, laCode) =>
    Effect.gen(function* () {
      const fy = Period.format(Period.financialYearOfPeriod(period))
      const before = Period.format(Period.previous(Period.financialYearOfPeriod(period)))
      const loaded = yield* reader.all<{ survey: string; year: string }>(
        "survey years",
        sql`select distinct survey, year from survey_response where la_code = ${laCode}`,
      )
      const have = new Set(loaded.map((r) => `${r.survey} ${r.year}`))
      const yearOf = (survey: string): string =>
        survey === "ASCS" && period._tag === "FinancialYear"
          ? fy
          : ([fy, before].find((y) => have.has(`${survey} ${y}`)) ?? fy)
      return yield* Effect.forEach(Survey.codes, (code) => {
        const survey = Survey.scoring[code]!.survey
        const year = yearOf(survey)
        return Effect.map(
          Survey.compute(reader, { code, year, laCode }),
          (r): MeasureResult => ({
            measureId: r.measureId,
            code: r.code,
            laCode,
            period: Period.format(period),
            respondents: r.respondents,
            denominator: r.status === "ok" ? r.respondents : undefined,
            value: r.value,
            status: r.status,
            note:
              year === fy && period._tag === "FinancialYear"
                ? r.note
                : `from the ${year} ${survey}; ${r.note}`,
            query: {
              description: `${r.code} scored from the ${year} ${survey} responses (${r.note})`,
            },
          }),
        )
      })
    }),
}

/** 4B, 6A, 6B. */
export const otherProvider: Provider = {
  name: "safeguarding, workforce, CQC",
  compute: (reader, period, laCode) =>
    Effect.map(
      Effect.all([
        Other.compute4B(reader, { laCode, period }),
        Other.compute6A(reader, { laCode, period }),
        Other.compute6B(reader, { laCode, period }),
      ]),
      (rs) =>
        rs.map(
          (r): MeasureResult => ({
            measureId: r.measureId,
            code: r.code,
            laCode,
            period: r.period,
            numerator: r.numerator,
            denominator: r.denominator,
            value: r.value,
            status: r.status,
            note: r.note,
            query: { description: r.sql },
          }),
        ),
    ),
}

/** The providers the return uses, in order (later providers do not replace earlier results for a code). */
export const defaultProviders: ReadonlyArray<Provider> = [cldProvider, surveyProvider, otherProvider]

/** The ASCOF measures the return covers: the published 2023+ measures. */
export const measures: ReadonlyArray<Measure.Measure> = Catalogue.ascof2023.filter((m) => m.published)

/** Every covered measure's result for a council and period (not computed ones say why). */
export const collect = (
  reader: WarehouseReader.Service,
  period: Period.Period,
  laCode: string,
  providers: ReadonlyArray<Provider> = defaultProviders,
): Effect.Effect<ReadonlyArray<MeasureResult>, EtlError.WarehouseError> =>
  Effect.gen(function* () {
    const found = new Map<string, MeasureResult>()
    for (const p of providers) {
      for (const r of yield* p.compute(reader, period, laCode)) if (!found.has(r.code)) found.set(r.code, r)
    }
    return measures.map(
      (m): MeasureResult =>
        found.get(m.code) ?? {
          measureId: m.id,
          code: m.code,
          laCode,
          period: Period.format(period),
          value: Value.notAvailable("not computed from the loaded data"),
          status: "not-available",
          note: "no source for this measure is loaded",
          query: { description: `${m.code}: no source loaded` },
        },
    )
  })

/** A published value of the benchmark year. */
interface Published {
  readonly code: string
  readonly level: string
  readonly geography: string
  readonly numerator: number | null
  readonly denominator: number | null
  readonly value: Value.Value
}

const publishedValues = (reader: WarehouseReader.Service, year: string) =>
  Effect.map(
    reader.all<{
      code: string
      level: string
      geography: string
      numerator: number | null
      denominator: number | null
      outcome: number | null
      marker: string | null
    }>(
      "published ASCOF values",
      sql`select measure_code as code, geography_level as level, geography_code as geography, numerator, denominator, outcome, marker
          from benchmark_value where framework = 'ASCOF' and year = ${year} and disaggregation = ''`,
    ),
    (rows) =>
      rows.map(
        (r): Published => ({
          code: r.code,
          level: r.level,
          geography: r.geography,
          numerator: r.numerator,
          denominator: r.denominator,
          value:
            r.outcome !== null
              ? Value.available(r.outcome, r.numerator ?? undefined, r.denominator ?? undefined)
              : (Value.fromCell(r.marker) ?? Value.notAvailable()),
        }),
      ),
  )

/** The benchmark year: the period's financial year if published, else the latest published year before it. */
const benchmarkYear = (reader: WarehouseReader.Service, period: Period.Period) =>
  Effect.map(
    reader.all<{ year: string }>(
      "published years",
      sql`select distinct year from benchmark_value where framework = 'ASCOF' order by year`,
    ),
    (rows) => {
      const fy = Period.format(Period.financialYearOfPeriod(period))
      const years = rows.map((r) => r.year).filter((y) => y <= fy)
      return years.at(-1)
    },
  )

/** The return's configuration: extra comparator groups (e.g. CIPFA nearest neighbours, loaded by the caller), and
 * for a council DHSC does not publish (the synthetic borough), the council whose place it takes in comparisons. */
export const Config = Schema.Struct({
  groups: Schema.optionalWith(Schema.Array(Geography.ComparatorGroup), { default: () => [] }),
  /** A CASSR code: compare as this council (its region, its groups, its published value replaced by ours). */
  benchmarkAs: Schema.optional(Schema.String),
})
/** The return's configuration. */
export type Config = typeof Config.Type

const formatOf = (m: Measure.Measure): D.Format =>
  m.decimals === 3
    ? "decimal3"
    : m.unit === "percent"
      ? "percent1"
      : m.decimals === 0
        ? "integer"
        : "decimal1"

const valueCell = (m: Measure.Measure, v: Value.Value, query: string): D.Cell =>
  v._tag === "Available"
    ? D.measure(v.value, formatOf(m), query)
    : D.measure(null, formatOf(m), query, Value.marker(v) ?? "[x]")

/** A numerator or denominator: a count, which publication suppresses below 5 and rounds to 5. */
const countCell = (n: number | undefined, query: string): D.Cell =>
  n === undefined ? D.measure(null, "integer", query, "[x]") : D.count(n, query)

/**
 * The council's own outcome with what publication needs to judge it: where the measure's own published-suppression
 * rule (`Outcome.publish`, as DHSC applies it) lets it through, it is publishable as it stands ("public"); otherwise
 * its counts decide (below 5 → `[c]`), and without counts publication withholds it.
 */
const ownValueCell = (
  m: Measure.Measure,
  r: {
    readonly value: Value.Value
    readonly numerator?: number | undefined
    readonly denominator?: number | undefined
  },
  query: string,
): D.Cell => {
  const cell = valueCell(m, r.value, query)
  if (r.value._tag !== "Available") return cell
  if (Outcome.publish(m, r.value)._tag === "Available") return D.withBasis(cell, "public")
  return r.numerator === undefined
    ? cell
    : D.withBasis(cell, {
        numerator: r.numerator,
        ...(r.denominator === undefined ? {} : { denominator: r.denominator }),
      })
}

/** A value DHSC published (or a sum of published values): already public, kept as it is in publication. */
const publishedCell = (m: Measure.Measure, v: Value.Value, query: string): D.Cell =>
  v._tag === "Available" ? D.withBasis(valueCell(m, v, query), "public") : valueCell(m, v, query)

const rankText = (r: Benchmark.Ranked<string> | undefined): D.Cell =>
  r?.rank === undefined ? D.text("–") : D.text(`${r.rank} of ${r.of}`)

/** The ASCOF return plugin, with the measure providers it computes from. */
export const make = (providers: ReadonlyArray<Provider> = defaultProviders) =>
  ReturnPlugin.make<Config>({
    id: "ascof",
    title: "Adult Social Care Outcomes Framework",
    description:
      "Every ASCOF measure computed from the warehouse by the official method, with the previous period, the published England, regional and GM values, and ranks",
    periodKind: ["FinancialYear", "Rolling12"],
    config: Config,
    build: (config, period, context) =>
      Effect.gen(function* () {
        const reader = yield* WarehouseReader.WarehouseReader
        const council = Geography.byCassr(context.laCode)
        // Comparisons place the council where it stands, or where `benchmarkAs` stands for a council DHSC does not
        // publish (the synthetic borough takes Bury's place).
        const place = config.benchmarkAs ?? context.laCode
        const placed = Geography.byCassr(place)
        const previousPeriod = Period.sameLastYear(period)
        const current = yield* collect(reader, period, context.laCode, providers)
        const previous = yield* collect(reader, previousPeriod, context.laCode, providers)
        const year = yield* benchmarkYear(reader, period)
        const published = year === undefined ? [] : yield* publishedValues(reader, year)
        const region = placed ? Geography.regionGroup(placed.region) : undefined
        const groups: ReadonlyArray<Geography.ComparatorGroup> = [
          Geography.greaterManchester,
          ...(region ? [region] : []),
          Geography.englandGroup,
          ...config.groups,
        ]
        const queries: Record<string, D.Query> = {
          published: {
            description:
              year === undefined
                ? "no published ASCOF tables are loaded"
                : `DHSC ASCOF data tables, ${year} values as published (loaded into benchmark_value)`,
          },
          aggregate: {
            description: `Greater Manchester: Σ numerators / Σ denominators of its councils' published ${year ?? ""} figures`,
          },
          ranks: {
            description: `ranks: the council's computed value among the other councils' published ${year ?? ""} values, 1 = best by polarity (competition ranks)`,
          },
        }
        const header = [
          "Code",
          "Measure",
          "Polarity",
          "Numerator",
          "Denominator",
          "Outcome",
          "Published as",
          `Previous (${Period.format(previousPeriod)})`,
          "Direction of travel",
          "England",
          region?.name ?? "Region",
          "Greater Manchester",
          ...groups.map((g) => `Rank: ${g.name}`),
          "Note",
        ]
        const findings: Array<D.Finding> = []
        const rowFor = (m: Measure.Measure): D.Row => {
          const r = current.find((x) => x.code === m.code)!
          const prev = previous.find((x) => x.code === m.code)!
          const q = `measure:${m.code}`
          queries[q] = { description: r.query.description, ...(r.query.sql ? { sql: r.query.sql } : {}) }
          const pub = published.filter((p) => p.code === m.code)
          const at = (level: string, geography: string) =>
            pub.find((p) => p.level === level && p.geography === geography)?.value ?? Value.notAvailable()
          const gmParts = pub.filter(
            (p) =>
              p.level === "council" &&
              Geography.greaterManchester.members.some((g) => g.cassr === p.geography),
          )
          const gm =
            gmParts.length === 10 && gmParts.every((p) => p.numerator !== null && p.denominator !== null)
              ? Outcome.aggregate(
                  m,
                  gmParts.map((p) => ({ numerator: p.numerator!, denominator: p.denominator! })),
                )
              : Value.notAvailable("DHSC does not publish the counts needed to aggregate")
          const ranks = groups.map((g) => {
            const members = Geography.membersIn(
              g,
              year ?? Period.format(Period.financialYearOfPeriod(period)),
            )
            const entries = members.map((c) => ({
              key: c.cassr,
              value:
                c.cassr === place
                  ? r.value
                  : (pub.find((p) => p.level === "council" && p.geography === c.cassr)?.value ??
                    Value.notAvailable()),
            }))
            if (!members.some((c) => c.cassr === place)) entries.push({ key: place, value: r.value })
            return Benchmark.rank(m, entries).find((x) => x.key === place)
          })
          const asPublished = Outcome.publish(m, r.value)
          const travel = Benchmark.direction(m, r.value, prev.value, {
            current: period,
            previous: previousPeriod,
          })
          if (
            r.status === "ok" &&
            r.value._tag === "Available" &&
            m.unit === "percent" &&
            r.value.value > 100
          ) {
            findings.push({
              severity: "error",
              rule: "impossible-percentage",
              message: `${m.code}: ${r.value.value}% is above 100% (numerator ${r.numerator} > denominator ${r.denominator})`,
              sheet: "Summary",
            })
          }
          return {
            header: [m.code],
            cells: [
              D.text(m.shortTitle),
              D.text(m.polarity.replace(/-/g, " ")),
              countCell(r.numerator, q),
              countCell(r.denominator, q),
              ownValueCell(m, r, q),
              D.text(
                asPublished._tag === "Available"
                  ? "as computed"
                  : `${Value.marker(asPublished)} ${"reason" in asPublished && asPublished.reason ? `(${asPublished.reason})` : ""}`.trim(),
              ),
              ownValueCell(m, prev, `measure:${m.code}`),
              D.text(
                `${Benchmark.symbol(travel.direction)} ${travel.direction.replace(/-/g, " ")}${travel.reason ? ` (${travel.reason})` : ""}`,
              ),
              publishedCell(m, at("england", "England"), "published"),
              publishedCell(
                m,
                region && placed ? at("region", placed.region) : Value.notAvailable(),
                "published",
              ),
              publishedCell(m, gm, "aggregate"),
              ...ranks.map(rankText),
              D.text(r.status === "ok" ? r.note : `not available: ${r.note}`),
            ],
          }
        }
        const table = (id: string, title: string, ms: ReadonlyArray<Measure.Measure>): D.Table => ({
          id,
          title,
          rowHeaders: ["Code"],
          columnHeaders: [header.slice(1)],
          rows: ms.map(rowFor),
          notes: [
            `Period ${Period.describe(period)}; previous ${Period.describe(previousPeriod)}. Comparators and ranks: DHSC's published ${year ?? "(none loaded)"} values.`,
          ],
        })
        const objectives = [...new Map(measures.map((m) => [m.objective.code, m.objective])).values()]
        const sheets: Array<D.Sheet> = [
          {
            name: "Summary",
            title: `ASCOF ${Period.format(period)} — ${council?.name ?? context.laCode}`,
            tables: [table("summary", "All measures", measures)],
          },
          ...objectives.map((o) => ({
            name: `Objective ${o.code}`,
            title: `Objective ${o.code}: ${o.name}`,
            tables: [
              table(
                `objective-${o.code}`,
                o.name,
                measures.filter((m) => m.objective.code === o.code),
              ),
            ],
          })),
        ]
        const files = yield* reader.all<{
          plugin: string
          path: string
          sha256: string
          finished_at: string
        }>(
          "sources",
          sql`select plugin, path, sha256, finished_at from etl_file where status = 'loaded' order by id`,
        )
        const run = yield* reader.get<{ id: string; finished_at: string }>(
          "latest run",
          sql`select id, finished_at from etl_run where status = 'succeeded' order by started_at desc limit 1`,
        )
        return {
          returnId: "ascof",
          title: "Adult Social Care Outcomes Framework",
          period: Period.format(period),
          sheets,
          findings,
          queries,
          notes: [
            {
              label: "Council",
              value: council ? `${council.name} (${council.cassr}, ${council.ons})` : context.laCode,
            },
            { label: "Period", value: `${Period.format(period)} — ${Period.describe(period)}` },
            { label: "Benchmark year", value: year ?? "no published ASCOF tables loaded" },
            ...(config.benchmarkAs
              ? [
                  {
                    label: "Compared as",
                    value: `${placed?.name ?? place} (${place}): its region, groups and place in ranks`,
                  },
                ]
              : []),
            { label: "Latest load run", value: run ? `${run.id} (${run.finished_at})` : "none recorded" },
            { label: "asckit version", value: context.version },
            ...files.map((f) => ({ label: `Source (${f.plugin})`, value: `${f.path} sha256 ${f.sha256}` })),
          ],
        } satisfies D.Document
      }),
  })

/** The ASCOF return with the default providers. */
export const plugin = make()

/** The gov.uk long format (ODS-2425's CSV: one row per measure and measure type). */
export const govUkCsv = (results: ReadonlyArray<MeasureResult>, laCode: string): string => {
  const council = Geography.byCassr(laCode)
  const header = [
    "Geographical code",
    "Geographical description",
    "Geographical level",
    "ONS code",
    "ASCOF measure code",
    "Disaggregation level",
    "Measure type",
    "Measure value",
  ]
  const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)
  const lines = [header.join(",")]
  for (const r of results) {
    const m = Catalogue.byId(r.measureId)
    const published = m._tag === "Some" ? Outcome.publish(m.value, r.value) : r.value
    const emit = (type: string, v: number | undefined, marker?: string) =>
      lines.push(
        [
          laCode,
          council?.name ?? laCode,
          "Local authority",
          council?.ons ?? "",
          r.code,
          "Total",
          type,
          marker ?? (v === undefined ? "[x]" : String(v)),
        ]
          .map(q)
          .join(","),
      )
    const marker = Value.marker(published)
    if (marker === "[c]") {
      for (const t of ["Numerator", "Denominator", "Outcome"]) emit(t, undefined, "[c]")
      continue
    }
    // Published counts: rounded where the measure's rule says so (e.g. survey respondents to 5).
    const n = published._tag === "Available" ? (published.numerator ?? r.numerator) : r.numerator
    const d = published._tag === "Available" ? (published.denominator ?? r.denominator) : r.denominator
    if (n !== undefined) emit("Numerator", n)
    if (d !== undefined) emit(r.respondents !== undefined ? "Number of respondents" : "Denominator", d)
    emit("Outcome", Value.toNumber(r.value), marker)
  }
  return `${lines.join("\r\n")}\r\n`
}
