/**
 * The quarterly Client Level Data (CLD) submission, built from the warehouse — typically one loaded from the
 * council's source systems (LAS and ContrOCC) — and validated before it goes:
 *
 * - **The file** (`toCsv`, `write`): a CSV with the Release 2 field names as its header (`Cld.fieldNames`, in
 *   specification order) and Release 2 labels, one row per event in scope for the rolling 12 months ending at the
 *   period's quarter (`query.ts`: requests, assessments and reviews ending in the period or open at its end;
 *   services overlapping it), with the person's details as at the period end. Dates ISO (`YYYY-MM-DD`); UTF-8, CRLF
 *   line ends, RFC 4180 quoting. What the council knew at the period end: an event that ended after it is written
 *   open (no end date, outcome, eligibility decision or outcomes achieved), a death after it is not written.
 * - **The validation report** (`build`, the plugin's document; written as xlsx by `WorkbookWriter`): every row
 *   checked by the CLD source's own row decoding and DHSC's conditions (`validate.ts`), listed by row and column as a
 *   spreadsheet shows the CSV (header = row 1), with a summary by field. No personal identifier is in the report.
 *
 * Identifiers: the submission needs real NHS numbers and LA person ids, and the warehouse holds pseudonyms unless
 * the load kept raw identifiers (`keepIdentifiers: true`); built from a warehouse without them, it fails with a
 * `ReturnBuildError` saying so. The same load keeps the full date of birth and postcode; from a warehouse loaded
 * before those were kept, the limits are stated on the report's Notes sheet: `Date_of_Birth` is written as the 1st
 * of the birth month (DHSC itself derives ages from that proxy date, domain.md §3.4) and `Postcode` as the district
 * (outward code). Carers' linked people are written in LA person id order (the warehouse keeps the links, not
 * their positions).
 *
 * @category returns
 */
import { mkdirSync, writeFileSync } from "node:fs"
import { dirname } from "node:path"
import { Cld, type LocalDate, Period } from "@asckit/core"
import { type EtlError, WarehouseReader } from "@asckit/etl"
import { Effect, Schema } from "effect"
import * as Dialect from "../../measures/dialect.js"
import * as D from "../../ReturnDocument.js"
import { OutputError, ReturnBuildError } from "../../ReturnError.js"
import * as ReturnPlugin from "../../ReturnPlugin.js"
import * as WorkbookWriter from "../../WorkbookWriter.js"
import * as Q from "./query.js"
import { type Issue, validateRow } from "./validate.js"

/** One problem of one row of the submission. */
export type { Issue } from "./validate.js"

/** The plugin id. */
export const id = "cld-submission"

/** The CLD submission's configuration. */
export const Config = Schema.Struct({
  /** Row-level issues listed on the report (the summary counts them all; default 50,000). */
  maxListedIssues: Schema.optionalWith(Schema.Int.pipe(Schema.positive()), { default: () => 50_000 }),
})
/** The CLD submission's configuration. */
export type Config = typeof Config.Type

/** A built submission: its rows (Release 2 cells, in `Cld.fieldNames` order) and their validation. */
export interface Submission {
  readonly laCode: string
  readonly quarter: string
  readonly periodStart: LocalDate.LocalDate
  readonly periodEnd: LocalDate.LocalDate
  readonly header: ReadonlyArray<Cld.FieldName>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
  readonly issues: ReadonlyArray<Issue>
  readonly people: number
  readonly byType: Readonly<Record<Cld.EventType, number>>
  /** The SQL of the two queries (for the Notes sheet). */
  readonly sql: { readonly events: string; readonly links: string }
}

/** The reporting period of a submission: the rolling 12 months ending at the period's quarter. */
export const reportingPeriod = (
  period: Period.Period,
):
  | {
      readonly quarter: Period.Quarter
      readonly start: LocalDate.LocalDate
      readonly end: LocalDate.LocalDate
    }
  | undefined => {
  const quarter = period._tag === "Quarter" ? period : period._tag === "Rolling12" ? period.end : undefined
  if (quarter === undefined) return undefined
  const r12 = Period.rolling12(quarter)
  return { quarter, start: Period.start(r12), end: Period.end(r12) }
}

const I = Object.fromEntries(Cld.fieldNames.map((n, i) => [n, i])) as Readonly<Record<Cld.FieldName, number>>
const WIDTH = Cld.fieldNames.length

const text = (v: string | number | null | undefined): string =>
  v === null || v === undefined ? "" : typeof v === "number" ? String(v) : v

/** The LA person id without the `<LA>:` namespace the warehouse gives it. */
const rawLaId = (la: string, v: string | null): string =>
  v === null ? "" : v.startsWith(`${la}:`) ? v.slice(la.length + 1) : v

const pad2 = (n: number) => String(n).padStart(2, "0")

/** One row of the submission from an in-scope event (see the module docs for what is written as at the period end). */
const cellsOf = (
  e: Q.EventRow,
  start: LocalDate.LocalDate,
  end: LocalDate.LocalDate,
  linked: ReadonlyArray<string>,
): Array<string> => {
  const c = new Array<string>(WIDTH).fill("")
  const set = (f: Cld.FieldName, v: string | number | null | undefined) => {
    c[I[f]] = text(v)
  }
  const closed = e.end_date !== null && e.end_date <= end
  set("LA_Code", e.la_code)
  set("Reporting_Period_Start_Date", start)
  set("Reporting_Period_End_Date", end)
  set("NHS_Number", e.nhs_number_raw)
  set("LA_Person_Unique_Identifier", rawLaId(e.la_code, e.la_person_id_raw))
  set("GP_Practice_Code", e.gp_practice_code)
  set("Gender", e.gender)
  set("Ethnicity", e.ethnicity)
  if (e.date_of_birth_raw !== null) set("Date_of_Birth", e.date_of_birth_raw)
  else if (e.birth_year !== null && e.birth_month !== null)
    set("Date_of_Birth", `${String(e.birth_year).padStart(4, "0")}-${pad2(e.birth_month)}-01`)
  set("Date_of_Death", e.date_of_death !== null && e.date_of_death <= end ? e.date_of_death : null)
  set("Client_Type", e.client_type)
  set("Primary_Support_Reason", e.primary_support_reason)
  set("Postcode", e.postcode_raw ?? e.postcode_district)
  set("Accommodation_Status", e.accommodation_status)
  set("Employment_Status", e.employment_status)
  set("Has_Unpaid_Carer", e.has_unpaid_carer)
  set("Autism_Spectrum_Disorder_ASD", e.autism_spectrum_disorder)
  set("Visual_Impairment", e.visual_impairment)
  set("Hearing_Impairment", e.hearing_impairment)
  set("Dementia", e.dementia)
  set("Client_Funding_Status", e.client_funding_status)
  set("Event_Type", e.event_type)
  set("Event_Reference", e.event_reference)
  set("Event_Start_Date", e.start_date)
  set("Event_End_Date", closed ? e.end_date : null)
  set("Event_Description", e.event_description)
  set("Event_Outcome", closed ? e.event_outcome : null)
  set("Request_Route_of_Access", e.route_of_access)
  set("Assessment_Type", e.assessment_type)
  set("Eligible_Needs_Identified", closed ? e.eligible_needs_identified : null)
  set("Method_of_Assessment", e.method_of_assessment)
  set("Total_Hrs_Caring_per_week", e.hours)
  set("No_of_adults_being_cared_for", e.adults)
  set("Adult_1_Linked_Person_ID", linked[0])
  set("Adult_2_Linked_Person_ID", linked[1])
  set("Adult_3_Linked_Person_ID", linked[2])
  set("Service_Type", e.service_type)
  set("Service_Component", e.service_component)
  set("Delivery_Mechanism", e.delivery_mechanism)
  set("Provider_CQC_Location_ID", e.provider_cqc_location_id)
  set("Review_Reason", e.review_reason)
  set("Review_Outcomes_Achieved", closed ? e.review_outcomes_achieved : null)
  set("Method_of_Review", e.method_of_review)
  set("Unit_Cost", e.unit_cost)
  set("Cost_Frequency_Unit_Type", e.cost_frequency_unit_type)
  set("Planned_units_per_week", e.planned_units_per_week)
  return c
}

const buildError = (message: string, cause?: unknown) =>
  new ReturnBuildError({ returnId: id, message, ...(cause === undefined ? {} : { cause }) })

/** Builds the submission's rows and validates them (see the module docs). */
export const submission = (
  _config: Config,
  period: Period.Period,
  context: ReturnPlugin.BuildContext,
): Effect.Effect<Submission, ReturnBuildError | EtlError.WarehouseError, WarehouseReader.WarehouseReader> =>
  Effect.gen(function* () {
    const p = reportingPeriod(period)
    if (p === undefined)
      return yield* Effect.fail(
        buildError(
          `The CLD submission is for a quarter (the rolling 12 months ending at it), not ${Period.describe(period)}.`,
        ),
      )
    const r = yield* WarehouseReader.WarehouseReader
    const la = context.laCode.toUpperCase()
    const eventsQuery = Q.events(la, p.start, p.end)
    const linksQuery = Q.links(la, p.start, p.end)
    const rows = yield* r.all<Q.EventRow>("read the events in scope for the CLD submission", eventsQuery)
    if (rows.length === 0)
      return yield* Effect.fail(
        buildError(
          `The warehouse has no events for council ${la} in the reporting period ${p.start} to ${p.end}: load the council's sources for that period first.`,
        ),
      )
    const pseudonymOnly = rows.filter(
      (x) => x.has_pseudonym === 1 && x.nhs_number_raw === null && x.la_person_id_raw === null,
    ).length
    if (pseudonymOnly > 0)
      return yield* Effect.fail(
        buildError(
          `The warehouse holds pseudonymised identifiers only (${pseudonymOnly} of ${rows.length} rows), but the CLD submission needs the real NHS numbers and LA person ids. Load the council's sources again with keepIdentifiers: true (in the ETL configuration), into a warehouse kept where personal data may be held, and build the submission from it.`,
        ),
      )
    const links = yield* r.all<Q.LinkRow>("read the carers' linked people", linksQuery)
    const linkedOf = new Map<string, { ids: Array<string>; unknown: number }>()
    for (const l of links) {
      const x = linkedOf.get(l.carer_person_id) ?? { ids: [], unknown: 0 }
      if (l.linked_raw === null) x.unknown += 1
      else x.ids.push(rawLaId(la, l.linked_raw))
      linkedOf.set(l.carer_person_id, x)
    }
    const out: Array<Array<string>> = []
    const issues: Array<Issue> = []
    const byType: Record<Cld.EventType, number> = { Request: 0, Assessment: 0, Service: 0, Review: 0 }
    const people = new Set<string>()
    for (const e of rows) {
      const link = e.client_type === "Service user" ? undefined : linkedOf.get(e.person_id)
      const cells = cellsOf(e, p.start, p.end, link?.ids ?? [])
      out.push(cells)
      const row = out.length + 1
      const record = Object.fromEntries(Cld.fieldNames.map((n, i) => [n, cells[i] ?? ""])) as Record<
        Cld.FieldName,
        string
      >
      issues.push(...validateRow(record, row, { unknownLinks: link?.unknown ?? 0, periodEnd: p.end }))
      if (e.event_type in byType) byType[e.event_type as Cld.EventType] += 1
      people.add(e.person_id)
    }
    return {
      laCode: la,
      quarter: Period.format(p.quarter),
      periodStart: p.start,
      periodEnd: p.end,
      header: Cld.fieldNames,
      rows: out,
      issues,
      people: people.size,
      byType,
      sql: { events: Dialect.text(eventsQuery), links: Dialect.text(linksQuery) },
    }
  })

const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)

/** The submission as CSV text: the Release 2 header, then one line per row (RFC 4180, CRLF line ends). */
export const toCsv = (s: Submission): string => {
  const lines = [s.header.map(quote).join(",")]
  for (const r of s.rows) lines.push(r.map(quote).join(","))
  return `${lines.join("\r\n")}\r\n`
}

/** The submission's file name, as the borough names its CLD files: `CLD_<LA>_<quarter>_<start>-<end>.csv`. */
export const fileName = (s: Submission): string =>
  `CLD_${s.laCode}_${s.quarter.replace(" ", "_")}_${s.periodStart.replace(/-/g, "")}-${s.periodEnd.replace(/-/g, "")}.csv`

const Q_ROWS = "rows"
const Q_ISSUES = "issues"

/** The validation report of a submission, as a return document (no personal identifiers in it). */
export const report = (s: Submission, config: Config, context: ReturnPlugin.BuildContext): D.Document => {
  const errorsByField = new Map<string, { errors: number; warnings: number; rules: Map<string, number> }>()
  const errorRows = new Set<number>()
  const warningRows = new Set<number>()
  for (const i of s.issues) {
    const f = errorsByField.get(i.column) ?? { errors: 0, warnings: 0, rules: new Map<string, number>() }
    if (i.severity === "error") {
      f.errors += 1
      errorRows.add(i.row)
    } else {
      f.warnings += 1
      warningRows.add(i.row)
    }
    f.rules.set(`${i.severity}: ${i.rule}`, (f.rules.get(`${i.severity}: ${i.rule}`) ?? 0) + 1)
    errorsByField.set(i.column, f)
  }
  const count = (n: number, q: string) => D.count(n, q)
  const summary: D.Table = {
    id: "summary",
    title: `CLD submission ${s.quarter}: ${s.periodStart} to ${s.periodEnd}`,
    rowHeaders: ["What"],
    columnHeaders: [["Count"]],
    rows: [
      { header: ["Rows (events)"], cells: [count(s.rows.length, Q_ROWS)], total: true },
      { header: ["Requests"], cells: [count(s.byType.Request, Q_ROWS)] },
      { header: ["Assessments"], cells: [count(s.byType.Assessment, Q_ROWS)] },
      { header: ["Services"], cells: [count(s.byType.Service, Q_ROWS)] },
      { header: ["Reviews"], cells: [count(s.byType.Review, Q_ROWS)] },
      { header: ["People"], cells: [count(s.people, Q_ROWS)] },
      { header: ["Rows with errors (would be rejected)"], cells: [count(errorRows.size, Q_ISSUES)] },
      { header: ["Rows with warnings (DHSC data quality)"], cells: [count(warningRows.size, Q_ISSUES)] },
    ],
  }
  const fields = (Cld.fieldNames as ReadonlyArray<string>)
    .filter((n) => errorsByField.has(n))
    .concat([...errorsByField.keys()].filter((k) => !Cld.isFieldName(k)).sort())
  const byField: D.Table = {
    id: "by-field",
    title: "Problems by field",
    rowHeaders: ["Field"],
    columnHeaders: [["Errors", "Warnings", "Rules (severity: rule × rows)"]],
    rows: fields.map((n) => {
      const f = errorsByField.get(n)!
      return {
        header: [n],
        cells: [
          count(f.errors, Q_ISSUES),
          count(f.warnings, Q_ISSUES),
          D.text(
            [...f.rules.entries()]
              .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
              .map(([rule, k]) => `${rule} × ${k}`)
              .join("; "),
          ),
        ],
      }
    }),
    notes:
      fields.length === 0
        ? ["No problems found: every row passes the CLD rules."]
        : ["Counts are of problems; a row can have several."],
  }
  const listed = s.issues.slice(0, config.maxListedIssues)
  const rowIssues: D.Table = {
    id: "issues",
    title: "Problems by row (row and column as a spreadsheet shows the CSV file; the header is row 1)",
    rowHeaders: ["Row", "Column"],
    columnHeaders: [["Rule", "Severity", "Message"]],
    rows: listed.map((i) => ({
      header: [String(i.row), i.column],
      cells: [D.text(i.rule), D.text(i.severity), D.text(i.message)],
    })),
    ...(s.issues.length > listed.length
      ? {
          notes: [
            `The first ${listed.length.toLocaleString("en-GB")} of ${s.issues.length.toLocaleString("en-GB")} problems are listed.`,
          ],
        }
      : {}),
  }
  const findings: Array<D.Finding> = []
  for (const n of fields) {
    const f = errorsByField.get(n)!
    for (const [rule, k] of f.rules) {
      const error = rule.startsWith("error:")
      findings.push({
        severity: error ? "error" : "query",
        rule: `CLD ${rule.slice(rule.indexOf(":") + 2)}`,
        message: `${n}: ${k.toLocaleString("en-GB")} row${k === 1 ? "" : "s"} ${error ? "would be rejected" : "would fail DHSC's data-quality check"} (${rule.slice(rule.indexOf(":") + 2)}); see the Rows sheet.`,
        sheet: error ? "Rows" : "Summary",
      })
    }
  }
  return {
    returnId: id,
    title: "Client Level Data submission: validation report",
    period: `${s.quarter} (${s.periodStart} to ${s.periodEnd})`,
    sheets: [
      {
        name: "Summary",
        title: "CLD submission: what it holds and how it validates",
        tables: [summary, byField],
      },
      { name: "Rows", title: "CLD submission: problems by row and column", tables: [rowIssues] },
    ],
    findings,
    notes: [
      { label: "Council", value: s.laCode },
      {
        label: "Reporting period",
        value: `${s.periodStart} to ${s.periodEnd} (rolling 12 months to ${s.quarter})`,
      },
      { label: "File", value: fileName(s) },
      { label: "asckit version", value: context.version },
      {
        label: "Scope",
        value:
          "Requests, assessments and reviews ending in the period or open at its end; services overlapping it (DHSC event filtering). Events ending after the period end are written open.",
      },
      {
        label: "Validation",
        value:
          "Each row decoded by the CLD source's rules (errors: rejected; warnings: kept, but failing DHSC's data-quality check), plus DHSC's conditions on employment status, planned reviews' outcomes, costs and carers' linked people.",
      },
      {
        label: "Date_of_Birth",
        value:
          "The full date of birth, kept by a load with keepIdentifiers; for people loaded before it was kept, the 1st of the birth month (DHSC derives ages from that proxy date).",
      },
      {
        label: "Postcode",
        value:
          "The full postcode, kept by a load with keepIdentifiers; for people loaded before it was kept, the postcode district.",
      },
      {
        label: "Personal data",
        value: "This report holds no personal identifiers; the CSV file does: handle it as personal data.",
      },
    ],
    queries: {
      [Q_ROWS]: {
        description: "The events in scope for the reporting period, with the person's details as at its end",
        sql: s.sql.events,
      },
      [Q_ISSUES]: {
        description:
          "Problems found by validating every row of the submission (the CLD source's row decoding and DHSC's conditions); the carers' linked people come from the second query",
        sql: s.sql.links,
      },
    },
  }
}

/** The CLD submission return plugin: `build` gives the validation report; `write` also writes the CSV. */
export const plugin = ReturnPlugin.make<Config>({
  id,
  title: "Client Level Data submission",
  description:
    "The quarterly CLD submission (Release 2 CSV, rolling 12 months) from the warehouse, with a row-level validation report",
  periodKind: ["Quarter", "Rolling12"],
  config: Config,
  build: (config, period, context) =>
    Effect.map(submission(config, period, context), (s) => report(s, config, context)),
})

/** What `write` wrote. */
export interface Written {
  readonly csv: string
  readonly report: string
  readonly rows: number
  readonly errors: number
  readonly warnings: number
}

/** Builds the submission and writes the CSV and its validation report (xlsx) to the paths given. */
export const write = (
  config: Config,
  period: Period.Period,
  context: ReturnPlugin.BuildContext,
  paths: { readonly csv: string; readonly report: string },
): Effect.Effect<
  Written,
  ReturnBuildError | EtlError.WarehouseError | OutputError,
  WarehouseReader.WarehouseReader
> =>
  Effect.gen(function* () {
    const s = yield* submission(config, period, context)
    yield* Effect.try({
      try: () => {
        mkdirSync(dirname(paths.csv), { recursive: true })
        writeFileSync(paths.csv, toCsv(s), "utf8")
      },
      catch: (e) =>
        new OutputError({
          path: paths.csv,
          message: `Cannot write ${paths.csv}: ${(e as Error).message}`,
          cause: e,
        }),
    })
    yield* WorkbookWriter.make.write(report(s, config, context), paths.report)
    return {
      csv: paths.csv,
      report: paths.report,
      rows: s.rows.length,
      errors: s.issues.filter((i) => i.severity === "error").length,
      warnings: s.issues.filter((i) => i.severity === "warning").length,
    }
  })
