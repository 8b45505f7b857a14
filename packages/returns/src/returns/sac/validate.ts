/**
 * Validation of the Safeguarding Adults Collection, as a pure function of the figures its tables hold (`Figures`),
 * so that each rule can be tested on crafted figures — several cannot be broken through the warehouse, because the
 * SQL guarantees them — as well as on data.
 *
 * Rules (NHS England's SAC guidance and validation checks, domain.md §4):
 * - SG1: individuals cannot outnumber cases (SG1a ≤ SG1f, per activity); SG1b, SG1c and SG1d count the same
 *   individuals as SG1a; SG1f's section 42 enquiries are mandatory;
 * - SG2–SG4: SG2c's outcomes within the concluded section 42 enquiries; SG2e's results within SG2c's "risk
 *   identified and action taken"; SG3a's advocacy within "lacked capacity", and SG3a counts every concluded enquiry
 *   once; SG4a's achieved outcomes within "asked and outcomes expressed", its asked total within the concluded;
 * - queries: records the return could not place (no or unrecognised labels, no risk, no person id, under 18,
 *   enquiry types that are neither), and a conversion rate above 100%;
 * - against last year (`previous`): the key figures' large swings (`Validation.swings`).
 * Document-level checks (impossible values, mandatory cells) run on the built document (`Validation`).
 *
 * @category returns
 */
import type * as D from "../../ReturnDocument.js"
import * as V from "../../Validation.js"
import * as Lb from "./labels.js"

/** An SG1 activity: concerns, section 42 enquiries, other enquiries. */
export type Activity = (typeof Lb.activities)[number]["key"]

/** One SG1 activity's totals. */
export interface ActivityFigures {
  /** SG1a, SG1b, SG1c, SG1d totals (individuals). */
  readonly sg1a: number
  readonly sg1b: number
  readonly sg1c: number
  readonly sg1d: number
  /** SG1f (cases). */
  readonly sg1f: number
}

/** Records the return could not place, by reason (each a query when above zero). */
export interface Unplaced {
  /** Concluded section 42 enquiries with no, or an unrecognised, risk assessment outcome (SG2c). */
  readonly sg2cOutcome: number
  /** Concluded section 42 enquiries with no risk recorded. */
  readonly noRisk: number
  /** Risk records whose type or location is not on the SAC lists, or missing. */
  readonly riskTypeOrLocation: number
  /** Risk records with no recognised source. */
  readonly riskSource: number
  /** SG2e, SG3a, SG4a answers not on the SAC lists. */
  readonly labels: number
  /** Enquiries recording an advocate but not that the individual lacked capacity. */
  readonly advocateWithoutCapacity: number
  /** Concerns or enquiries without a person id. */
  readonly noPerson: number
  /** Individuals under 18 on the last day of the year. */
  readonly under18: number
  /** Enquiries started in the year that are neither section 42 nor other enquiries. */
  readonly enquiryType: number
}

/** The figures the SAC rules compare, for one year. */
export interface Figures {
  /** The period, as written (`2024-25`). */
  readonly period: string
  readonly activities: Readonly<Record<Activity, ActivityFigures>>
  /** Section 42 enquiries concluded in the year. */
  readonly concluded: number
  /** SG2c total, and its "risk identified and action taken" row. */
  readonly sg2c: number
  readonly sg2cIdentifiedAction: number
  /** SG2e total. */
  readonly sg2e: number
  /** SG3a: lacked capacity ("Yes"); of them supported by an advocate; yes + no + don't know + not recorded. */
  readonly sg3aLackedCapacity: number
  readonly sg3aAdvocate: number
  readonly sg3aAll: number
  /** SG4a: total asked rows; "asked and outcomes expressed"; fully + partially + not achieved. */
  readonly sg4aAsked: number
  readonly sg4aExpressed: number
  readonly sg4aAchieved: number
  /** The conversion rate (%) and the MSP "fully or partly achieved" percentage, when they can be computed. */
  readonly conversion: number | null
  readonly mspAchieved: number | null
  readonly unplaced: Unplaced
}

const place = (sheet: string, table: string) => ({ sheet, table })

/** The key figures compared with last year's. */
export const keyFigures = (f: Figures): ReadonlyArray<V.KeyFigure> => [
  {
    key: "concerns",
    label: "SG1f safeguarding concerns",
    value: f.activities.concerns.sg1f,
    kind: "count",
    sheet: "SG1f",
    table: "SG1f",
  },
  {
    key: "s42",
    label: "SG1f section 42 enquiries",
    value: f.activities.s42.sg1f,
    kind: "count",
    sheet: "SG1f",
    table: "SG1f",
  },
  {
    key: "other",
    label: "SG1f other enquiries",
    value: f.activities.other.sg1f,
    kind: "count",
    sheet: "SG1f",
    table: "SG1f",
  },
  {
    key: "s42-individuals",
    label: "SG1a individuals in section 42 enquiries",
    value: f.activities.s42.sg1a,
    kind: "count",
    sheet: "SG1",
    table: "SG1a",
  },
  {
    key: "concluded",
    label: "Concluded section 42 enquiries",
    value: f.concluded,
    kind: "count",
    sheet: "SG2",
    table: "SG2c",
  },
  {
    key: "conversion",
    label: "Conversion rate",
    value: f.conversion,
    kind: "percent",
    base: f.activities.concerns.sg1f,
    sheet: "Measures",
    table: "measures",
  },
  {
    key: "msp-achieved",
    label: "MSP: outcomes fully or partly achieved",
    value: f.mspAchieved,
    kind: "percent",
    base: f.sg4aAchieved,
    sheet: "Measures",
    table: "measures",
  },
]

/** The within-return findings of the SAC rules (see the module docs). */
export const rules = (f: Figures): ReadonlyArray<D.Finding> => {
  const findings: Array<D.Finding> = []
  for (const a of Lb.activities) {
    const x = f.activities[a.key]
    findings.push(
      ...V.atMost(
        "sg1a-within-sg1f",
        `SG1a ${a.label}: individuals cannot outnumber cases`,
        { label: "SG1a individuals", value: x.sg1a },
        { label: "SG1f cases", value: x.sg1f },
        place("SG1", "SG1a"),
      ),
    )
    for (const [t, total] of [
      ["SG1b", x.sg1b],
      ["SG1c", x.sg1c],
      ["SG1d", x.sg1d],
    ] as const) {
      findings.push(
        ...V.equal(
          `${t.toLowerCase()}-equals-sg1a`,
          `${t} ${a.label}: the same individuals as SG1a`,
          { label: `${t} total`, value: total },
          { label: "SG1a total", value: x.sg1a },
          place("SG1", t),
        ),
      )
    }
  }
  const s42 = f.activities.s42.sg1f
  const u = f.unplaced
  findings.push(
    ...V.required(
      "sg1f-s42-mandatory",
      `SG1f: no section 42 enquiries started in ${f.period}. SG1a and SG1f section 42 counts are mandatory: are the safeguarding enquiries loaded?`,
      { label: "section 42 enquiries", value: s42 },
      place("SG1f", "SG1f"),
    ),
    ...V.atMost(
      "sg2c-within-concluded",
      "SG2c: each concluded section 42 enquiry has one risk assessment outcome",
      { label: "SG2c total", value: f.sg2c },
      { label: "concluded section 42 enquiries", value: f.concluded },
      place("SG2", "SG2c"),
    ),
    ...V.atMost(
      "sg2e-within-sg2c",
      "SG2e: results of action are for enquiries where a risk was identified and action taken",
      { label: "SG2e total", value: f.sg2e },
      { label: "SG2c risk identified and action taken", value: f.sg2cIdentifiedAction },
      place("SG2", "SG2e"),
    ),
    ...V.atMost(
      "sg3a-advocate-within-yes",
      "SG3a: advocacy is counted among the enquiries where the individual lacked capacity",
      { label: "supported by an advocate, family or friend", value: f.sg3aAdvocate },
      { label: "lacked capacity", value: f.sg3aLackedCapacity },
      place("SG3", "SG3a"),
    ),
    ...V.equal(
      "sg3a-equals-concluded",
      "SG3a: every concluded section 42 enquiry is counted once",
      { label: "SG3a yes + no + don't know + not recorded", value: f.sg3aAll },
      { label: "concluded section 42 enquiries", value: f.concluded },
      place("SG3", "SG3a"),
    ),
    ...V.atMost(
      "sg4a-achieved-within-expressed",
      "SG4a: outcomes achieved are counted among the enquiries where outcomes were expressed",
      { label: "fully + partially + not achieved", value: f.sg4aAchieved },
      { label: "asked and outcomes expressed", value: f.sg4aExpressed },
      place("SG4", "SG4a-achieved"),
    ),
    ...V.atMost(
      "sg4a-asked-within-concluded",
      "SG4a: every concluded section 42 enquiry is counted once",
      { label: "SG4a total", value: f.sg4aAsked },
      { label: "concluded section 42 enquiries", value: f.concluded },
      place("SG4", "SG4a"),
    ),
    ...V.flagged(
      "sg2c-not-recorded",
      `SG2c: ${u.sg2cOutcome} concluded section 42 enquiries have no (or an unrecognised) risk assessment outcome.`,
      u.sg2cOutcome,
      place("SG2", "SG2c"),
    ),
    ...V.flagged(
      "sg2-no-risk",
      `SG2a/SG2b: ${u.noRisk} concluded section 42 enquiries record no type of risk.`,
      u.noRisk,
      place("SG2", "SG2a"),
    ),
    ...V.flagged(
      "sg2-unrecognised",
      `SG2a/SG2b: ${u.riskTypeOrLocation} risk records have a type or location not on the SAC lists, or none; ${u.riskSource} have no recognised source. They are in no row.`,
      u.riskTypeOrLocation + u.riskSource,
      place("SG2", "SG2a"),
    ),
    ...V.flagged(
      "sg-labels-unrecognised",
      `SG2e/SG3a/SG4a: ${u.labels} answers are not on the SAC lists and are in no row.`,
      u.labels,
      place("SG2", "SG2e"),
    ),
    ...V.flagged(
      "sg3a-advocate-without-capacity",
      `SG3a: ${u.advocateWithoutCapacity} concluded section 42 enquiries record support from an advocate, family or friend but not that the individual lacked capacity; only those recorded as lacking capacity are counted.`,
      u.advocateWithoutCapacity,
      place("SG3", "SG3a"),
    ),
    ...V.flagged(
      "sg1-no-person",
      `SG1: ${u.noPerson} concerns or enquiries have no person id: each counts as one individual.`,
      u.noPerson,
      place("SG1", "SG1a"),
    ),
    ...V.flagged(
      "sg1a-under-18",
      `SG1a: ${u.under18} individuals were under 18 on the last day of the year (check their dates of birth); they are counted as "Age unknown".`,
      u.under18,
      place("SG1", "SG1a"),
    ),
    ...V.flagged(
      "sg1f-enquiry-type",
      `SG1f: ${u.enquiryType} enquiries started in the year are neither section 42 nor other enquiries and are not counted.`,
      u.enquiryType,
      place("SG1f", "SG1f"),
    ),
  )
  if (f.conversion !== null && f.conversion > 100) {
    const enquiries = s42 + f.activities.other.sg1f
    findings.push({
      severity: "query",
      rule: "conversion-over-100",
      message: `The conversion rate is ${f.conversion}%: more enquiries started than concerns were received — enquiries (${enquiries.toLocaleString("en-GB")}), concerns (${f.activities.concerns.sg1f.toLocaleString("en-GB")}). Check enquiries started from earlier years' concerns.`,
      sheet: "Measures",
      table: "measures",
      figures: [
        { label: "enquiries", value: enquiries },
        { label: "concerns", value: f.activities.concerns.sg1f },
      ],
    })
  }
  return findings
}

/** Year-on-year queries against last year's figures; none when last year has no data to compare with. */
export const yearOnYear = V.yearOnYear(keyFigures)

/** The SAC validation of a year's figures, and (given last year's) the year-on-year queries. */
export const validate = V.validator(rules, yearOnYear)
