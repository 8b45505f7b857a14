/**
 * Measures from the Deprivation of Liberty Safeguards (DoLS) collection: an annual case-level return of every
 * application active at any point in the year (1 April – 31 March).
 *
 * Sources: domain.md §5 (NHS England DoLS collection guidance 2023-24, hence frameworkVersion "2023"; the published
 * key measures and their England values for 2022-23 and 2023-24). The 21-day standard and the 7 (+7) day urgent
 * authorisation come from the same section. Application-status, outcome and not-granted-reason code values were
 * not retrieved (domain.md §8.6), so numerators name the concept, not the code.
 *
 * Suppression [P]: every published England count in domain.md §5 is a multiple of 5, which points to rounding to the
 * nearest 5; the small-number threshold of 5 is assumed from the other NHS England collections, not checked.
 *
 * @category catalogue
 */
import * as Measure from "../Measure.js"

/** The sections grouping DoLS measures. */
export const sections = {
  demand: { code: "DEMAND", name: "Applications and throughput" },
  timeliness: { code: "TIMELINESS", name: "Timeliness" },
  outcomes: { code: "OUTCOMES", name: "Urgency and outcomes" },
} as const satisfies Record<string, Measure.Objective>

const countSuppression = { rule: "count", threshold: 5, roundCountsTo: 5, roundCountsAt: "all" } as const
const ratioSuppression = {
  rule: "numerator-or-denominator",
  threshold: 5,
  roundCountsTo: 5,
  roundCountsAt: "all",
} as const

const dols = (detail: string): Measure.DataSource => ({ id: "DoLS", detail })

const volume =
  "No-judgement: a volume that follows the number of people in care homes and hospitals who lack capacity, not " +
  "performance (asckit's reading)."

type DolsInput = Omit<Measure.MeasureInput, "id" | "framework" | "frameworkVersion" | "frequency">

/** Builds a DoLS measure (annual). */
const measure = (input: DolsInput): Measure.Measure =>
  Measure.make({
    id: `DoLS:${input.code}`,
    framework: "DoLS",
    frameworkVersion: "2023",
    frequency: "annual",
    ...input,
  })

/** Every DoLS measure asckit knows. */
export const measures: ReadonlyArray<Measure.Measure> = [
  measure({
    code: "APPLICATIONS-RECEIVED",
    title: "DoLS applications received in the year",
    shortTitle: "DoLS applications received",
    objective: sections.demand,
    unit: "count",
    decimals: 0,
    polarity: "no-judgement",
    source: [dols("date application received")],
    numerator: "Applications whose date received falls in the year",
    suppression: countSuppression,
    notes: [volume, "England: 300,765 (2022-23, estimated), 332,455 (2023-24) (domain.md §5)."],
  }),
  measure({
    code: "APPLICATIONS-COMPLETED",
    title: "DoLS applications completed in the year",
    shortTitle: "DoLS applications completed",
    objective: sections.demand,
    unit: "count",
    decimals: 0,
    polarity: "no-judgement",
    source: [dols("application sign-off date")],
    numerator: "Applications signed off (granted or not granted) in the year, whenever they were received",
    suppression: countSuppression,
    notes: [
      "No-judgement: completions depend on how many applications arrive; compare with applications received and " +
        "the year-end backlog.",
      "England: 289,150 (2022-23), 323,870 (2023-24) (domain.md §5).",
    ],
  }),
  measure({
    code: "NOT-COMPLETED",
    title: "DoLS applications not completed at the end of the year",
    shortTitle: "DoLS applications not completed",
    objective: sections.demand,
    unit: "count",
    decimals: 0,
    polarity: "lower-is-better",
    source: [dols("date application received and application sign-off date")],
    numerator: "Applications received by 31 March and not signed off by 31 March",
    suppression: countSuppression,
    notes: [
      "Polarity inferred: a backlog of people possibly deprived of liberty without authorisation.",
      "England: 126,100 (2022-23), 123,790 (2023-24) (domain.md §5).",
    ],
  }),
  measure({
    code: "COMPLETED-WITHIN-21-DAYS",
    title: "Standard DoLS applications completed within 21 days",
    shortTitle: "Standard DoLS done within 21 days",
    objective: sections.timeliness,
    unit: "percent",
    decimals: 0,
    polarity: "higher-is-better",
    source: [dols("urgent included, date application received, application sign-off date")],
    numerator:
      "Standard applications (no urgent authorisation) signed off in the year within 21 days of receipt",
    denominator: "Standard applications (no urgent authorisation) signed off in the year",
    suppression: ratioSuppression,
    notes: [
      "21 days is the legal timescale for a standard authorisation request (domain.md §5).",
      "Published as whole percentages: England 19% in 2022-23 and 2023-24 (domain.md §5).",
    ],
  }),
  measure({
    code: "MEAN-DAYS-TO-COMPLETE",
    title: "Mean number of days to complete a DoLS application",
    shortTitle: "Mean days to complete DoLS",
    objective: sections.timeliness,
    unit: "days",
    decimals: 0,
    polarity: "lower-is-better",
    source: [dols("date application received and application sign-off date")],
    numerator: "Sum over applications completed in the year of the days from receipt to sign-off",
    denominator: "Applications completed in the year (standard and urgent)",
    suppression: { rule: "numerator-or-denominator", threshold: 5 },
    notes: [
      "England: 156 days (2022-23), 144 days (2023-24) (domain.md §5).",
      "Suppressed when fewer than 5 applications were completed; a sum of days is not rounded.",
    ],
  }),
  measure({
    code: "URGENT-SHARE",
    title: "DoLS applications that included an urgent authorisation",
    shortTitle: "DoLS applications that were urgent",
    objective: sections.outcomes,
    unit: "percent",
    decimals: 0,
    polarity: "no-judgement",
    source: [dols("urgent included")],
    numerator: "Applications received in the year with 'urgent included' = 1",
    denominator: "Applications received in the year",
    suppression: ratioSuppression,
    notes: [
      "England 58% in 2023-24 (domain.md §5). Whether the published base is applications received or completed was " +
        "not checked [U]; received is used here.",
      "No-judgement: urgency is set by the managing authority (care home or hospital), not by the council.",
    ],
  }),
  measure({
    code: "GRANTED",
    title: "Completed DoLS applications that were granted",
    shortTitle: "Completed DoLS applications granted",
    objective: sections.outcomes,
    unit: "percent",
    decimals: 0,
    polarity: "no-judgement",
    source: [dols("application status / outcome")],
    numerator: "Applications completed in the year whose outcome was a granted standard authorisation",
    denominator: "Applications completed in the year",
    suppression: ratioSuppression,
    notes: [
      "Included because the collection records whether an application was granted and why not (domain.md §5), and " +
        "many completions end without a grant (2023-24: 162,655 closed without any assessment; 323,870 completed). The " +
        "status code values were not retrieved (domain.md §8.6) and domain.md has no England granted share: [U].",
      "No-judgement: a grant reflects the person's circumstances, not the council's performance.",
    ],
  }),
]
