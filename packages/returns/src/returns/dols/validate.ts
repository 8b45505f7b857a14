/**
 * Validation of the DoLS return, as a pure function of the figures it holds (`Figures`), so that each rule can be
 * tested on crafted figures — several cannot be broken through the warehouse, because the SQL guarantees them — as
 * well as on data.
 *
 * Rules (NHS England's DoLS collection guidance; domain.md §5):
 * - mandatory data: applications were received in the year;
 * - completed applications are granted, not granted or withdrawn (their sum); those completed within 21 days are
 *   among the standard applications completed; the case-level sheet lists every active application;
 * - row-level problems found by the warehouse query (dates and status that disagree: errors; missing authorisation
 *   dates, reasons or urgency: queries), each with the first source rows;
 * - a query while the case-level sheet has rows: it carries the warehouse's pseudonymised application reference and
 *   no person reference, and the council must put its own references in before submitting it. A query, not an
 *   error: the warehouse never holds them (by design), so an error would block every final DoLS return; the
 *   reviewer signs off that the submitted copy has them;
 * - against last year (`previous`): the key figures' large swings (`Validation.swings`).
 * Document-level checks (impossible values) run on the built document (`Validation`).
 *
 * @category returns
 */
import { Catalogue, Outcome, Value } from "@asckit/core"
import { Either } from "effect"
import type * as D from "../../ReturnDocument.js"
import * as V from "../../Validation.js"

/** The counts behind the DoLS summary, for one year. */
export interface Summary {
  readonly received: number
  readonly received_urgent: number
  readonly received_urgency_unknown: number
  readonly completed: number
  readonly granted: number
  readonly not_granted: number
  readonly withdrawn: number
  readonly standard_completed: number
  readonly within_21: number
  readonly completed_urgency_unknown: number
  readonly days_total: number
  readonly not_completed: number
  readonly active: number
}

/** Source rows of one kind of row-level problem (the first few), with how many there are in all. */
export interface Problem {
  readonly severity: "error" | "query"
  readonly rule: string
  readonly n: number
  readonly path: string | null
  readonly row_number: number
}

/** The figures the DoLS rules compare, for one year. */
export interface Figures {
  /** The period, as written (`2024-25`). */
  readonly period: string
  readonly summary: Summary
  /** The rows of the case-level sheet. */
  readonly casesListed: number
  /** Row-level problems (up to three source rows of each rule). */
  readonly problems: ReadonlyArray<Problem>
}

const problemText: Readonly<Record<string, string>> = {
  "dols-open-signed-off": "applications are open (not yet signed off) but have a sign-off date",
  "dols-closed-not-signed-off":
    "applications are granted, not granted or withdrawn but have no sign-off date",
  "dols-signed-off-before-received": "applications were signed off before they were received",
  "dols-granted-without-dates": "granted applications have no authorisation start or end date",
  "dols-not-granted-without-reason": "applications not granted have no reason",
  "dols-urgency-unknown":
    "applications do not record whether an urgent authorisation was included (left out of the 21-day measure)",
}

const within21 = Either.getOrThrow(Catalogue.get("DoLS:COMPLETED-WITHIN-21-DAYS"))

/** The key figures compared with last year's. */
export const keyFigures = (f: Figures): ReadonlyArray<V.KeyFigure> => {
  const s = f.summary
  const pct = Value.toNumber(
    Outcome.compute(within21, { numerator: s.within_21, denominator: s.standard_completed }),
  )
  return [
    {
      key: "received",
      label: "DoLS applications received",
      value: s.received,
      kind: "count",
      sheet: "Summary",
    },
    {
      key: "completed",
      label: "DoLS applications completed",
      value: s.completed,
      kind: "count",
      sheet: "Summary",
    },
    {
      key: "not-completed",
      label: "DoLS applications not completed at the year end",
      value: s.not_completed,
      kind: "count",
      sheet: "Summary",
    },
    {
      key: "within-21",
      label: "Standard applications completed within 21 days",
      value: pct ?? null,
      kind: "percent",
      base: s.standard_completed,
      sheet: "Summary",
    },
  ]
}

/** The within-return findings of the DoLS rules (see the module docs). */
export const rules = (f: Figures): ReadonlyArray<D.Finding> => {
  const s = f.summary
  const summary = { sheet: "Summary", table: "dols-summary" }
  const cases = { sheet: "Cases", table: "dols-cases" }
  const findings: Array<D.Finding> = [
    ...V.required(
      "dols-has-data",
      `DoLS: no applications were received in ${f.period}. Is the DoLS file for the year loaded?`,
      { label: "applications received", value: s.received },
      summary,
    ),
    ...V.equal(
      "dols-completed-by-status",
      "DoLS: completed applications are granted, not granted or withdrawn",
      { label: "granted + not granted + withdrawn", value: s.granted + s.not_granted + s.withdrawn },
      { label: "completed", value: s.completed },
      summary,
    ),
    ...V.atMost(
      "dols-within-21-within-standard",
      "DoLS: applications completed within 21 days are standard applications completed",
      { label: "within 21 days", value: s.within_21 },
      { label: "standard applications completed", value: s.standard_completed },
      summary,
    ),
    ...V.equal(
      "dols-cases-listed",
      "DoLS: the case-level sheet lists every active application",
      { label: "case-level rows", value: f.casesListed },
      { label: "active applications", value: s.active },
      cases,
    ),
  ]
  const byRule = new Map<string, Array<Problem>>()
  for (const p of f.problems) byRule.set(p.rule, [...(byRule.get(p.rule) ?? []), p])
  for (const [rule, ps] of byRule) {
    const first = ps[0]!
    const n = Number(first.n)
    const where = ps.map((p) => `${p.path ?? "(unknown file)"} row ${p.row_number}`).join("; ")
    findings.push({
      severity: first.severity,
      rule,
      message: `DoLS: ${n} ${problemText[rule] ?? rule} (e.g. ${where}).`,
      ...cases,
      figures: [{ label: "applications", value: n }],
    })
  }
  if (f.casesListed > 0)
    findings.push({
      severity: "query",
      rule: "dols-references-to-add",
      message: `DoLS: the case-level sheet's ${f.casesListed.toLocaleString("en-GB")} row${f.casesListed === 1 ? " has" : "s have"} no person reference and the warehouse's pseudonymised application reference: put in the council's application and person references from the DoLS system before submission.`,
      ...cases,
      figures: [{ label: "case-level rows", value: f.casesListed }],
    })
  return findings
}

/** Year-on-year queries against last year's figures; none when last year has no data to compare with. */
export const yearOnYear = V.yearOnYear(keyFigures)

/** The DoLS validation of a year's figures, and (given last year's) the year-on-year queries. */
export const validate = V.validator(rules, yearOnYear)
