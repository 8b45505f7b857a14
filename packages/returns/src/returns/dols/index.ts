/**
 * The Deprivation of Liberty Safeguards (DoLS) return: the annual case-level file in the collection's layout — one
 * row per application active at any point in the year — and a summary of the key measures (`Catalogue.dols`):
 * applications received, completed (granted, not granted, withdrawn), the share of standard applications completed
 * within 21 days, mean days to complete, applications not completed at the year end, the urgent share.
 *
 * Rules (domain.md §5; NHS England DoLS collection guidance; catalogue `DoLS:*` definitions):
 * - Active in the year: received on or before the year end, and not ended before it starts; an application ends
 *   when it is signed off as not granted or withdrawn, or, when granted, when the authorisation ends (an open or
 *   undated end keeps it active).
 * - Completed in the year: signed off in the year as granted, not granted or withdrawn. NHS England counts
 *   withdrawals among completed applications not granted (the 2023-24 statistics' "closed without any
 *   assessment"); they are shown apart here [P].
 * - Standard applications are those without an urgent authorisation (urgent = 0); an application whose urgency
 *   is not recorded is in neither the 21-day numerator nor its denominator (a query says how many).
 * - Days to complete: sign-off date − date received; within 21 days when at most 21.
 * - Not completed at the year end: received by the year end and not signed off by then (any year's applications).
 *
 * The case-level sheet carries the pseudonymised application reference the warehouse holds, never a person
 * reference: the council adds its own references from its DoLS system before submission (a query, `dols-references-to-add`,
 * says so for sign-off; see `validate.ts`). It is for submission, not publication.
 *
 * @category returns
 */
import { Catalogue, Outcome, Period, Value } from "@asckit/core"
import { type EtlError, WarehouseReader } from "@asckit/etl"
import { type SQL, sql } from "drizzle-orm"
import { Effect, Either, Schema } from "effect"
import * as Dialect from "../../measures/dialect.js"
import * as D from "../../ReturnDocument.js"
import type { ReturnBuildError } from "../../ReturnError.js"
import * as ReturnPlugin from "../../ReturnPlugin.js"
import * as V from "../../Validation.js"
import * as P from "../salt/provenance.js"
import * as Check from "./validate.js"

/** The DoLS return's configuration. */
export const Config = Schema.Struct({
  swing: Schema.optionalWith(V.SwingConfig, { default: () => V.defaultSwing }),
})
/** The DoLS return's configuration. */
export type Config = typeof Config.Type

/** The day an application stops being active (see the module docs); NULL while it is still active. */
const activeUntil = sql`(case status when 'granted' then authorisation_end when 'open' then null else signed_off_date end)`

/** Applications of a council active at any point between `start` and `end`. */
const active = (la: string, start: string, end: string): SQL =>
  sql`la_code = ${la} and received_date <= ${end} and (${activeUntil} is null or ${activeUntil} >= ${start})`

/** The case-level rows of the year. */
const casesQuery = (la: string, start: string, end: string): SQL => sql`
  select application_ref, managing_authority_cqc, received_date, urgent, age_assessment, mental_health_assessment,
    mental_capacity_assessment, no_refusals_assessment, eligibility_assessment, best_interests_assessment,
    last_assessment_date, signed_off_date, status, status_source, not_granted_reason, authorisation_start,
    authorisation_end, age_band, gender
  from dols_application
  where ${active(la, start, end)}
  order by received_date, application_ref`

/** The counts behind the summary. */
const summaryQuery = (d: Dialect.Dialect, la: string, start: string, end: string): SQL => {
  const completed = sql`(signed_off_date between ${start} and ${end} and status in ('granted', 'not-granted', 'withdrawn'))`
  const received = sql`(received_date between ${start} and ${end})`
  const days = d.daysBetween(sql`received_date`, sql`signed_off_date`)
  return sql`
  select
    coalesce(sum(case when ${received} then 1 else 0 end), 0) as received,
    coalesce(sum(case when ${received} and urgent = 1 then 1 else 0 end), 0) as received_urgent,
    coalesce(sum(case when ${received} and urgent is null then 1 else 0 end), 0) as received_urgency_unknown,
    coalesce(sum(case when ${completed} then 1 else 0 end), 0) as completed,
    coalesce(sum(case when ${completed} and status = 'granted' then 1 else 0 end), 0) as granted,
    coalesce(sum(case when ${completed} and status = 'not-granted' then 1 else 0 end), 0) as not_granted,
    coalesce(sum(case when ${completed} and status = 'withdrawn' then 1 else 0 end), 0) as withdrawn,
    coalesce(sum(case when ${completed} and urgent = 0 then 1 else 0 end), 0) as standard_completed,
    coalesce(sum(case when ${completed} and urgent = 0 and ${days} <= 21 then 1 else 0 end), 0) as within_21,
    coalesce(sum(case when ${completed} and urgent is null then 1 else 0 end), 0) as completed_urgency_unknown,
    coalesce(sum(case when ${completed} then ${days} else 0 end), 0) as days_total,
    coalesce(sum(case when received_date <= ${end} and (signed_off_date is null or signed_off_date > ${end})
      then 1 else 0 end), 0) as not_completed,
    coalesce(sum(case when ${active(la, start, end)} then 1 else 0 end), 0) as active
  from dols_application where la_code = ${la}`
}

/** Row-level problems of the year's applications, with the first three source rows of each. */
const problemsQuery = (la: string, start: string, end: string): SQL => sql`
  with a as (select * from dols_application where ${active(la, start, end)}),
  p as (
    select 'error' as severity, 'dols-open-signed-off' as rule, file_id, row_number from a
      where status = 'open' and signed_off_date is not null
    union all select 'error', 'dols-closed-not-signed-off', file_id, row_number from a
      where status in ('granted', 'not-granted', 'withdrawn') and signed_off_date is null
    union all select 'error', 'dols-signed-off-before-received', file_id, row_number from a
      where signed_off_date < received_date
    union all select 'query', 'dols-granted-without-dates', file_id, row_number from a
      where status = 'granted' and (authorisation_start is null or authorisation_end is null)
    union all select 'query', 'dols-not-granted-without-reason', file_id, row_number from a
      where status = 'not-granted' and not_granted_reason is null
    union all select 'query', 'dols-urgency-unknown', file_id, row_number from a where urgent is null
  ),
  r as (
    select p.*, count(*) over (partition by p.rule) as n,
      row_number() over (partition by p.rule order by p.file_id, p.row_number) as k
    from p
  )
  select r.severity, r.rule, r.n, f.path, r.row_number from r left join etl_file f on f.id = r.file_id
  where r.k <= 3 order by r.rule, r.k`

const statusLabel: Readonly<Record<string, string>> = {
  granted: "Granted",
  "not-granted": "Not granted",
  withdrawn: "Withdrawn",
  open: "Not yet signed off",
}

const measureOf = (code: string) => Either.getOrThrow(Catalogue.get(`DoLS:${code}`))

const readSummary = (
  reader: WarehouseReader.Service,
  la: string,
  period: Period.Period,
): Effect.Effect<{ summary: Check.Summary; query: SQL }, EtlError.WarehouseError> => {
  const query = summaryQuery(Dialect.of(reader.dialect), la, Period.start(period), Period.end(period))
  return Effect.map(reader.get<Record<string, unknown>>("DoLS summary", query), (row) => ({
    query,
    summary: Object.fromEntries(
      Object.entries(row ?? {}).map(([k, v]) => [k, Number(v ?? 0)]),
    ) as unknown as Check.Summary,
  }))
}

const text = (value: string | null): D.Cell => D.text(value)
const date = (value: unknown): D.Cell => ({
  value: value === null || value === undefined ? null : String(value),
  kind: "text",
  format: "date",
})
const code = (value: unknown): D.Cell => ({
  value: value === null || value === undefined ? null : Number(value),
  kind: "text",
  format: "integer",
})

/** The DoLS rules as a pure function of a year's figures, and last year's (see `validate.ts`). */
export { type Figures, validate } from "./validate.js"

/** Builds the DoLS return for a council and year, with its validation. */
export const build = (
  config: Config,
  period: Period.Period,
  context: ReturnPlugin.BuildContext,
): Effect.Effect<D.Document, ReturnBuildError | EtlError.WarehouseError, WarehouseReader.WarehouseReader> =>
  Effect.gen(function* () {
    const reader = yield* WarehouseReader.WarehouseReader
    const la = context.laCode
    const start = Period.start(period)
    const end = Period.end(period)
    const casesSql = casesQuery(la, start, end)
    const cases = yield* reader.all<Record<string, unknown>>("DoLS cases", casesSql)
    const { summary: s, query } = yield* readSummary(reader, la, period)
    const previousPeriod = Period.sameLastYear(period)
    const previous = yield* readSummary(reader, la, previousPeriod)
    const problemsSql = problemsQuery(la, start, end)
    const problems = yield* reader.all<Check.Problem>("DoLS problems", problemsSql)
    const queries: Record<string, D.Query> = {
      CASES: {
        description:
          "DoLS applications active at any point in the year: received by the year end and not signed off as not granted or withdrawn, nor with an authorisation ended, before it started",
        sql: Dialect.text(casesSql),
      },
      SUMMARY: {
        description:
          "DoLS key measures: received, completed (signed off as granted, not granted or withdrawn) in the year, standard applications completed within 21 days, days to complete, not completed at the year end",
        sql: Dialect.text(query),
      },
      PROBLEMS: {
        description: "DoLS records whose dates and status disagree",
        sql: Dialect.text(problemsSql),
      },
    }
    const columns = [
      "LA code",
      "Person reference",
      "Managing authority (CQC location ID)",
      "Date application received",
      "Urgent authorisation included (1 yes, 0 no)",
      "Age assessment",
      "Mental health assessment",
      "Mental capacity assessment",
      "No refusals assessment",
      "Eligibility assessment",
      "Best interests assessment",
      "Date of last assessment",
      "Application sign-off date",
      "Application status",
      "Reason not granted",
      "Authorisation start date",
      "Authorisation end date",
      "Age band",
      "Gender",
    ]
    const caseTable: D.Table = {
      id: "dols-cases",
      title: `DoLS applications active at any point in ${Period.format(period)} (case level)`,
      rowHeaders: ["Application reference (pseudonymised)"],
      columnHeaders: [columns],
      rows: cases.map((c) => ({
        header: [String(c.application_ref)],
        cells: [
          text(la),
          text(null),
          text((c.managing_authority_cqc as string | null) ?? null),
          date(c.received_date),
          code(c.urgent),
          code(c.age_assessment),
          code(c.mental_health_assessment),
          code(c.mental_capacity_assessment),
          code(c.no_refusals_assessment),
          code(c.eligibility_assessment),
          code(c.best_interests_assessment),
          date(c.last_assessment_date),
          date(c.signed_off_date),
          text((c.status_source as string | null) ?? statusLabel[String(c.status)] ?? String(c.status)),
          text((c.not_granted_reason as string | null) ?? null),
          date(c.authorisation_start),
          date(c.authorisation_end),
          text((c.age_band as string | null) ?? null),
          text((c.gender as string | null) ?? null),
        ],
      })),
      notes: [
        "One row per application active at any point in the year. The warehouse holds pseudonymised references only: add the council's application and person references from the DoLS system before submission. For submission, not publication.",
        "Assessment statuses: 0 not assessed, 1 satisfied, 2 not satisfied, 3 equivalent assessment.",
      ],
    }
    const value = (m: string, counts: Outcome.Counts) => Outcome.compute(measureOf(m), counts)
    const measureCell = (m: string, v: Value.Value): D.Cell => {
      const measure = measureOf(m)
      const format: D.Format = measure.unit === "percent" ? "percent0" : "integer"
      const n = Value.toNumber(v)
      return D.fromValue(n === undefined ? Value.notAvailable() : v, format, "SUMMARY")
    }
    const row = (label: string, cell: D.Cell, total = false): D.Row => ({
      header: [label],
      cells: [cell],
      ...(total ? { total } : {}),
    })
    const summaryTable: D.Table = {
      id: "dols-summary",
      title: `DoLS key measures, ${Period.format(period)}`,
      rowHeaders: ["Measure"],
      columnHeaders: [["Value"]],
      rows: [
        row(measureOf("APPLICATIONS-RECEIVED").title, D.count(s.received, "SUMMARY"), true),
        row("of which included an urgent authorisation", D.count(s.received_urgent, "SUMMARY")),
        row(
          measureOf("URGENT-SHARE").title,
          measureCell(
            "URGENT-SHARE",
            value("URGENT-SHARE", { numerator: s.received_urgent, denominator: s.received }),
          ),
        ),
        row(measureOf("APPLICATIONS-COMPLETED").title, D.count(s.completed, "SUMMARY"), true),
        row("of which granted", D.count(s.granted, "SUMMARY")),
        row("of which not granted", D.count(s.not_granted, "SUMMARY")),
        row("of which withdrawn", D.count(s.withdrawn, "SUMMARY")),
        row(
          measureOf("GRANTED").title,
          measureCell("GRANTED", value("GRANTED", { numerator: s.granted, denominator: s.completed })),
        ),
        row(
          "Standard applications (no urgent authorisation) completed in the year",
          D.count(s.standard_completed, "SUMMARY"),
        ),
        row("of which completed within 21 days", D.count(s.within_21, "SUMMARY")),
        row(
          measureOf("COMPLETED-WITHIN-21-DAYS").title,
          measureCell(
            "COMPLETED-WITHIN-21-DAYS",
            value("COMPLETED-WITHIN-21-DAYS", { numerator: s.within_21, denominator: s.standard_completed }),
          ),
        ),
        row(
          `${measureOf("MEAN-DAYS-TO-COMPLETE").title} (days)`,
          measureCell(
            "MEAN-DAYS-TO-COMPLETE",
            value("MEAN-DAYS-TO-COMPLETE", { numerator: s.days_total, denominator: s.completed }),
          ),
        ),
        row(measureOf("NOT-COMPLETED").title, D.count(s.not_completed, "SUMMARY"), true),
        row("Applications active at any point in the year (case-level rows)", D.count(s.active, "SUMMARY")),
      ],
      notes: [
        "Completed: signed off in the year as granted, not granted or withdrawn. Standard: no urgent authorisation. Within 21 days: at most 21 days from receipt to sign-off.",
      ],
    }
    const checks: Check.Figures = {
      period: Period.format(period),
      summary: s,
      casesListed: cases.length,
      problems,
    }
    const periods = { current: Period.format(period), previous: Period.format(previousPeriod) }
    const lastYear: Check.Figures = {
      period: periods.previous,
      summary: previous.summary,
      casesListed: 0,
      problems: [],
    }
    const compared = V.hasData(Check.keyFigures(lastYear))
    const draft: D.Document = {
      returnId: plugin.id,
      title: `Deprivation of Liberty Safeguards — ${la}`,
      period: periods.current,
      sheets: [
        { name: "Summary", title: "DoLS key measures", tables: [summaryTable] },
        { name: "Cases", title: "DoLS case-level file (collection layout)", tables: [caseTable] },
      ],
      findings: [],
      notes: [
        ...(yield* P.notes(reader, {
          period,
          la,
          version: context.version,
          sources: [P.ofCouncil("dols_application", la)],
        })),
        {
          label: "Year-on-year checks",
          value: compared
            ? `against ${periods.previous}, built from the same warehouse: counts moving ≥ ${config.swing.percent}% and ≥ ${config.swing.minimum}, percentages moving ≥ ${config.swing.points} points, are queries`
            : `skipped: the warehouse holds no DoLS data for ${periods.previous}`,
        },
      ],
      queries,
    }
    return V.withFindings(draft, [
      ...Check.rules(checks),
      ...V.impossibleValues(draft),
      ...Check.yearOnYear(checks, lastYear, config.swing),
    ])
  })

/** The DoLS return plugin (`dols`). */
export const plugin: ReturnPlugin.ReturnPlugin<Config> = ReturnPlugin.make<Config>({
  id: "dols",
  title: "Deprivation of Liberty Safeguards",
  description:
    "The annual DoLS case-level file (every application active in the year, collection layout) and the key measures: received, completed, granted, within 21 days, mean days, not completed",
  periodKind: ["FinancialYear"],
  config: Config,
  build: (config, period, context) => build(config, period, context),
})
