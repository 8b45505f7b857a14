/**
 * Measures from the Safeguarding Adults Collection (SAC): the annual, mandatory aggregate return of concerns,
 * enquiries, risk and Making Safeguarding Personal (MSP), published by NHS England and now DHSC.
 *
 * Sources: table contents and definitions from domain.md §4 (SAC 2024-25 guidance, hence frameworkVersion "2024");
 * derived measures, rounding and suppression from NHSE-SAC-code (`NHSDigital/ASC-Safeguarding-Adults`,
 * `publication_outputs/data_tables_produce_all_measures.py` and `data_tables_export_outputs.py`): counts below 5 are
 * published as [c], other counts rounded to the nearest 5, conversion rate and proportion s42 to whole numbers.
 *
 * @category catalogue
 */
import * as Measure from "../Measure.js"

/** The sections grouping SAC measures. */
export const sections = {
  activity: { code: "ACTIVITY", name: "Safeguarding activity" },
  rates: { code: "RATES", name: "Safeguarding activity per 100,000 adults" },
  conversion: { code: "CONVERSION", name: "From concern to enquiry" },
  msp: { code: "MSP", name: "Making Safeguarding Personal" },
} as const satisfies Record<string, Measure.Objective>

/** Counts below 5 are [c]; other counts rounded to the nearest 5 (NHSE-SAC-code `apply_rounding_and_suppression`). */
const countSuppression = { rule: "count", threshold: 5, roundCountsTo: 5, roundCountsAt: "all" } as const
/** A ratio of two SAC counts: suppressed when either count is below 5; both rounded to 5. */
const ratioSuppression = {
  rule: "numerator-or-denominator",
  threshold: 5,
  roundCountsTo: 5,
  roundCountsAt: "all",
} as const

const sg1f = (what: string): Measure.DataSource => ({ id: "SAC", detail: `table SG1f: ${what}` })
const sg4a = (what: string): Measure.DataSource => ({ id: "SAC", detail: `table SG4a: ${what}` })
const adults: Measure.DataSource = { id: "ONS", detail: "mid-year population estimate, aged 18 and over" }

const caseCount =
  "A case count: a person with two concerns (or enquiries) in the year counts twice; SG1a counts individuals " +
  "(domain.md §4)."
const noJudgementActivity =
  "No-judgement (asckit's reading): more concerns or enquiries can mean better awareness and recording as much as " +
  "more abuse, and no national direction is set."
const rateRounding =
  "Published to whole numbers (domain.md §4). Only the SAC count is suppressed and rounded; the ONS population is " +
  "used unrounded (NHSE-SAC-code)."
const mspNoData =
  "Councils with no MSP data at all are published as [x] (NHSE-SAC-code `create_msp_dummy_values`)."

type SacInput = Omit<
  Measure.MeasureInput,
  "id" | "framework" | "frameworkVersion" | "frequency" | "firstYear"
>

/** Builds a SAC measure: annual, collected since 2015-16 (domain.md §4). */
const sac = (input: SacInput): Measure.Measure =>
  Measure.make({
    id: `SAC:${input.code}`,
    framework: "SAC",
    frameworkVersion: "2024",
    frequency: "annual",
    firstYear: "2015-16",
    ...input,
  })

/** Every SAC measure asckit knows. */
export const measures: ReadonlyArray<Measure.Measure> = [
  sac({
    code: "CONCERNS",
    title: "Safeguarding concerns received in the year",
    shortTitle: "Safeguarding concerns",
    objective: sections.activity,
    unit: "count",
    decimals: 0,
    polarity: "no-judgement",
    source: [sg1f("total number of safeguarding concerns")],
    numerator:
      "Safeguarding concerns (signs of suspected abuse or neglect reported to, or identified by, the council) " +
      "received in the year",
    suppression: countSuppression,
    notes: [caseCount, noJudgementActivity],
  }),
  sac({
    code: "S42-ENQUIRIES",
    title: "Section 42 safeguarding enquiries started in the year",
    shortTitle: "Section 42 enquiries",
    objective: sections.activity,
    unit: "count",
    decimals: 0,
    polarity: "no-judgement",
    source: [sg1f("total number of section 42 safeguarding enquiries")],
    numerator:
      "Enquiries started in the year where all three Care Act s42(1) criteria were met: care and support needs, " +
      "experiencing or at risk of abuse or neglect, unable to protect themselves because of those needs",
    suppression: countSuppression,
    notes: [caseCount, noJudgementActivity],
  }),
  sac({
    code: "OTHER-ENQUIRIES",
    title: "Other safeguarding enquiries started in the year",
    shortTitle: "Other safeguarding enquiries",
    objective: sections.activity,
    unit: "count",
    decimals: 0,
    polarity: "no-judgement",
    source: [sg1f("total number of other safeguarding enquiries")],
    numerator:
      "Enquiries started in the year where the s42 criteria were not all met but the council judged an enquiry " +
      "proportionate",
    suppression: countSuppression,
    notes: [
      caseCount,
      noJudgementActivity,
      "Other enquiries are voluntary in SG1a; whether they are mandatory in SG1f was not checked (domain.md §8.7), " +
        "so a zero may mean 'not recorded'.",
    ],
  }),
  sac({
    code: "CONCERNS-PER-100K",
    title: "Safeguarding concerns per 100,000 adults",
    shortTitle: "Concerns per 100k adults",
    objective: sections.rates,
    unit: "rate-per-100k",
    decimals: 0,
    polarity: "no-judgement",
    source: [sg1f("total number of safeguarding concerns"), adults],
    numerator: "Safeguarding concerns received in the year",
    denominator: "Population aged 18 and over in the area",
    suppression: countSuppression,
    notes: [rateRounding, noJudgementActivity],
  }),
  sac({
    code: "S42-PER-100K",
    title: "Section 42 safeguarding enquiries per 100,000 adults",
    shortTitle: "S42 enquiries per 100k adults",
    objective: sections.rates,
    unit: "rate-per-100k",
    decimals: 0,
    polarity: "no-judgement",
    source: [sg1f("total number of section 42 safeguarding enquiries"), adults],
    numerator: "Section 42 enquiries started in the year (case count, SG1f)",
    denominator: "Population aged 18 and over in the area",
    suppression: countSuppression,
    notes: [
      rateRounding,
      noJudgementActivity,
      "The age-band and age-standardised rates in the publication count individuals (SG1a), not cases.",
    ],
  }),
  sac({
    code: "OTHER-ENQUIRIES-PER-100K",
    title: "Other safeguarding enquiries per 100,000 adults",
    shortTitle: "Other enquiries per 100k adults",
    objective: sections.rates,
    unit: "rate-per-100k",
    decimals: 0,
    polarity: "no-judgement",
    source: [sg1f("total number of other safeguarding enquiries"), adults],
    numerator: "Other enquiries started in the year",
    denominator: "Population aged 18 and over in the area",
    suppression: countSuppression,
    notes: [rateRounding, noJudgementActivity],
  }),
  sac({
    code: "CONVERSION-RATE",
    title: "Conversion rate: safeguarding enquiries (section 42 and other) as a percentage of concerns",
    shortTitle: "Concern to enquiry conversion rate",
    objective: sections.conversion,
    unit: "percent",
    decimals: 0,
    polarity: "no-judgement",
    source: [sg1f("concerns, section 42 enquiries and other enquiries")],
    numerator: "Section 42 enquiries + other enquiries started in the year",
    denominator: "Safeguarding concerns received in the year",
    suppression: ratioSuppression,
    notes: [
      "NHS England's definition: (s42 + other enquiries) / concerns × 100 (NHSE-SAC-code 'Conversion Rate'), " +
        "published to whole numbers. England 2023-24: (176,560 + 15,530) / 615,530 = 31.2% (domain.md §7.5).",
      "No-judgement: a low rate can mean good triage at the front door or concerns screened out too readily; a high " +
        "rate can mean thorough response or over-escalation. Read it with the concern rate and MSP measures.",
      "Many councils report the s42-only version instead (SAC:CONVERSION-RATE-S42); say which when comparing.",
    ],
  }),
  sac({
    code: "CONVERSION-RATE-S42",
    title: "Conversion rate (section 42 only): section 42 enquiries as a percentage of concerns",
    shortTitle: "Concern to s42 conversion rate",
    objective: sections.conversion,
    unit: "percent",
    decimals: 0,
    polarity: "no-judgement",
    source: [sg1f("concerns and section 42 enquiries")],
    numerator: "Section 42 enquiries started in the year",
    denominator: "Safeguarding concerns received in the year",
    suppression: ratioSuppression,
    notes: [
      "s42 / concerns × 100. Not NHS England's published definition, but many councils use it (domain.md §4; how " +
        "widespread is [U]). England 2023-24: 176,560 / 615,530 = 28.7% (domain.md §7.5).",
      "No-judgement for the same reasons as SAC:CONVERSION-RATE.",
    ],
  }),
  sac({
    code: "S42-PROPORTION",
    title: "Section 42 enquiries as a percentage of all safeguarding enquiries",
    shortTitle: "S42 share of enquiries",
    objective: sections.conversion,
    unit: "percent",
    decimals: 0,
    polarity: "no-judgement",
    source: [sg1f("section 42 enquiries and other enquiries")],
    numerator: "Section 42 enquiries started in the year",
    denominator: "Section 42 enquiries + other enquiries started in the year",
    suppression: ratioSuppression,
    notes: [
      "NHSE-SAC-code 'Proportion S42', published to whole numbers.",
      "No-judgement: the share reflects local use of 'other' enquiries as much as need.",
    ],
  }),
  sac({
    code: "MSP-ASKED",
    title:
      "Making Safeguarding Personal: concluded section 42 enquiries where the person was asked about their desired " +
      "outcomes",
    shortTitle: "MSP: asked about desired outcomes",
    objective: sections.msp,
    unit: "percent",
    decimals: 1,
    polarity: "higher-is-better",
    source: [sg4a("asked about desired outcomes")],
    numerator:
      "Concluded s42 enquiries answered 'Yes, they were asked and outcomes were expressed' + 'Yes, they were asked " +
      "but no outcomes were expressed'",
    denominator:
      "All concluded s42 enquiries in SG4a: the two 'Yes' rows + 'No' + 'Don't know' + 'Not recorded'",
    suppression: ratioSuppression,
    notes: [
      "Formula [U]: (yes, outcomes expressed + yes, none expressed) / (yes, outcomes expressed + yes, none " +
        "expressed + no + don't know + not recorded) × 100. domain.md §4 gives no formula for 'asked' and " +
        "NHSE-SAC-code publishes only the SG4a counts. Some councils leave 'don't know' and 'not recorded' out of " +
        "the denominator, or count only 'asked and outcomes expressed'; say which when comparing.",
      "asckit's choice of 1 decimal place: NHS England publishes the counts, not this percentage.",
      mspNoData,
    ],
  }),
  sac({
    code: "MSP-FULLY-ACHIEVED",
    title: "Making Safeguarding Personal: expressed outcomes fully achieved",
    shortTitle: "MSP: outcomes fully achieved",
    objective: sections.msp,
    unit: "percent",
    decimals: 1,
    polarity: "higher-is-better",
    source: [sg4a("outcomes fully / partially / not achieved")],
    numerator: "Concluded s42 enquiries where the expressed outcomes were fully achieved",
    denominator: "Concluded s42 enquiries with expressed outcomes: fully + partially + not achieved",
    suppression: ratioSuppression,
    notes: [
      "fully / (fully + partly + not) × 100 (domain.md §4). England 2020-21: 47,915 / (47,915 + 18,770 + 3,690) = " +
        "68.1% (NHSE-Overview, domain.md §7.4).",
      mspNoData,
    ],
  }),
  sac({
    code: "MSP-ACHIEVED",
    title: "Making Safeguarding Personal: expressed outcomes fully or partly achieved",
    shortTitle: "MSP: outcomes fully or partly achieved",
    objective: sections.msp,
    unit: "percent",
    decimals: 1,
    polarity: "higher-is-better",
    source: [sg4a("outcomes fully / partially / not achieved")],
    numerator: "Concluded s42 enquiries where the expressed outcomes were fully or partially achieved",
    denominator: "Concluded s42 enquiries with expressed outcomes: fully + partially + not achieved",
    suppression: ratioSuppression,
    notes: [
      "(fully + partly) / (fully + partly + not) × 100. England 2020-21: (47,915 + 18,770) / 70,375 = 94.8% " +
        "(NHSE-Overview, domain.md §7.4).",
      mspNoData,
    ],
  }),
]
