/**
 * An example "local" framework: the measures of a council's quarterly highlight report, grouped into the few
 * "obsessions" a directorate management team tracks. Councils copy and adapt it (see `Catalogue.define`); it is
 * not a national standard, and its definitions are asckit's, written from the national ones they echo (ASCOF
 * 2A, old ASCOF 2B(1), SAC MSP, ASCS questions 13 and 8a).
 *
 * Suppression: measures that are only management information inside the council carry `{ rule: "none" }` and a
 * note; measures about small groups of people that reach public papers (cabinet, scrutiny) suppress below 5, the
 * national convention (ASCOF ODS-2425 Notes 1 and 10; SAC, domain.md §4).
 *
 * @category catalogue
 */
import * as Measure from "../Measure.js"

/** The obsessions (objectives) of the example highlight report. */
export const obsessions = {
  waiting: { code: "O1", name: "Nobody waits too long for help" },
  independence: { code: "O2", name: "People stay independent at home" },
  safety: { code: "O3", name: "People are safe and in control" },
  carers: { code: "O4", name: "Carers and communities are connected and informed" },
  listening: { code: "O5", name: "We listen and learn" },
  workforce: { code: "O6", name: "A skilled, confident workforce" },
} as const satisfies Record<string, Measure.Objective>

/** Internal management information: not published, so not suppressed. */
const internalOnly = { rule: "none", threshold: 0 } as const
/** A percentage about people that may reach public papers: suppress when either count is below 5. */
const smallNumbers = { rule: "numerator-or-denominator", threshold: 5 } as const
/** A local survey result: suppress below 5 respondents. */
const fewRespondents = { rule: "respondents", threshold: 5 } as const

const internalNote =
  'Internal management information, not suppressed; apply `{ rule: "count", threshold: 5, roundCountsTo: 5 }` ' +
  "before publishing breakdowns outside the council."
const system = (detail: string): Measure.DataSource => ({
  id: "local",
  detail: `case management system: ${detail}`,
})

type LocalInput = Omit<Measure.MeasureInput, "id" | "framework" | "frameworkVersion">

/** Builds a measure of the example local framework. */
const local = (input: LocalInput): Measure.Measure =>
  Measure.make({ id: `LOCAL:${input.code}`, framework: "local", frameworkVersion: "example", ...input })

/** Every measure of the example highlight report. */
export const measures: ReadonlyArray<Measure.Measure> = [
  // O1: nobody waits too long
  local({
    code: "NA-WAITING-LIST",
    title: "People waiting for a Care Act needs assessment at the end of the month",
    shortTitle: "Waiting for a needs assessment",
    objective: obsessions.waiting,
    unit: "count",
    decimals: 0,
    polarity: "lower-is-better",
    frequency: "monthly",
    source: [system("open assessment requests with no completed needs assessment")],
    numerator:
      "People with a request for a needs assessment received and no completed assessment at month end",
    suppression: internalOnly,
    notes: [internalNote],
  }),
  local({
    code: "NA-MEDIAN-DAYS",
    title: "Median days waited by people waiting for a needs assessment",
    shortTitle: "Median wait for needs assessment (days)",
    objective: obsessions.waiting,
    unit: "days",
    decimals: 0,
    polarity: "lower-is-better",
    frequency: "monthly",
    source: [system("date of request for each open needs-assessment request")],
    numerator:
      "Days from request to month end for each person on the needs-assessment waiting list; the outcome is their " +
      "median, not a sum divided by a count",
    denominator: "People on the needs-assessment waiting list at month end",
    suppression: internalOnly,
    notes: [
      'A median: `unit: "days"` elsewhere means a mean (Measure.ts), so compute this one from the person-level ' +
        "waits.",
      internalNote,
    ],
  }),
  local({
    code: "OT-WAITING-LIST",
    title: "People waiting for an occupational therapy assessment at the end of the month",
    shortTitle: "Waiting for an OT assessment",
    objective: obsessions.waiting,
    unit: "count",
    decimals: 0,
    polarity: "lower-is-better",
    frequency: "monthly",
    source: [system("open occupational therapy assessment requests")],
    numerator:
      "People with a request for an occupational therapy assessment and no completed assessment at month end",
    suppression: internalOnly,
    notes: [internalNote],
  }),
  local({
    code: "OVERDUE-REVIEWS",
    title: "People in long-term support whose annual review is overdue",
    shortTitle: "Overdue reviews",
    objective: obsessions.waiting,
    unit: "count",
    decimals: 0,
    polarity: "lower-is-better",
    frequency: "monthly",
    source: [system("long-term services open at month end and the date of each person's last review")],
    numerator:
      "People in long-term support at month end whose last review (or, if none, the start of support) was more " +
      "than 12 months earlier",
    suppression: internalOnly,
    notes: [
      "12 months: the Care and support statutory guidance expects a review at least every 12 months [U: not in " +
        "domain.md].",
      internalNote,
    ],
  }),
  local({
    code: "DOLS-AWAITING-ALLOCATION",
    title: "Active DoLS applications awaiting allocation to an assessor",
    shortTitle: "DoLS applications awaiting allocation",
    objective: obsessions.waiting,
    unit: "count",
    decimals: 0,
    polarity: "lower-is-better",
    frequency: "monthly",
    source: [
      { id: "local", detail: "DoLS team tracker: applications received, not signed off, not allocated" },
    ],
    numerator:
      "DoLS applications active at month end (received, not signed off) that have not been allocated to a best " +
      "interests assessor",
    suppression: internalOnly,
    notes: [
      "Some councils report all active applications instead (allocated or not); say which. The national year-end " +
        "backlog is DoLS:NOT-COMPLETED.",
      internalNote,
    ],
  }),

  // O2: people stay independent at home
  local({
    code: "FIRST-CONTACT-RESOLUTION",
    title: "Contacts resolved at first contact",
    shortTitle: "Contacts resolved at first contact",
    objective: obsessions.independence,
    unit: "percent",
    decimals: 1,
    polarity: "higher-is-better",
    frequency: "monthly",
    source: [system("front-door contacts and their outcome")],
    numerator:
      "Contacts received in the month closed at first contact with information, advice or signposting and no " +
      "referral for assessment",
    denominator: "Contacts received in the month",
    suppression: internalOnly,
    notes: [internalNote],
  }),
  local({
    code: "ST-NO-FURTHER-REQUEST",
    title:
      "People who received short-term support to maximise independence, not previously receiving services, where " +
      "no further request was made for ongoing support",
    shortTitle: "Reablement with no further support",
    objective: obsessions.independence,
    unit: "percent",
    decimals: 1,
    polarity: "higher-is-better",
    frequency: "quarterly",
    source: [
      system("reablement (ST-Max) episodes of new clients ending in the quarter and what followed them"),
    ],
    numerator:
      "New clients whose reablement episode ended in the quarter with no further request for ongoing support",
    denominator: "New clients whose reablement episode ended in the quarter",
    suppression: smallNumbers,
    notes: [
      "Local in-year version of ASCOF-2023:2A, using its new-client rule and sequel window (domain.md §1.5) on " +
        "episodes ending in the quarter; not comparable with the published annual value.",
    ],
  }),
  local({
    code: "AT-HOME-91-DAYS",
    title:
      "People aged 65 and over still at home 91 days after discharge from hospital into reablement / " +
      "rehabilitation",
    shortTitle: "65+ at home 91 days after reablement",
    objective: obsessions.independence,
    unit: "percent",
    decimals: 1,
    polarity: "higher-is-better",
    frequency: "quarterly",
    source: [system("reablement after hospital discharge, with residence and deaths 91 days later")],
    numerator:
      "People aged 65+ discharged from hospital into reablement in the quarter ending 91 days before the period end " +
      "who were at home 91 days after discharge (not in hospital, a care home or dead)",
    denominator:
      "People aged 65+ discharged from hospital into reablement in the quarter ending 91 days before the period end",
    suppression: smallNumbers,
    notes: [
      "Local version of ASCOF-2014:2B(1) (SALT STS004, 91 days), kept quarterly because it reads sooner than " +
        "ASCOF-2023:2D(1) (12 weeks, CLD linked to SUS, three months in arrears); not comparable with either.",
    ],
  }),
  local({
    code: "ASSESSMENTS-COMPLETED",
    title: "Care Act needs assessments completed in the month",
    shortTitle: "Assessments completed",
    objective: obsessions.independence,
    unit: "count",
    decimals: 0,
    polarity: "no-judgement",
    frequency: "monthly",
    source: [system("needs assessments with an end date in the month")],
    numerator: "Needs assessments completed in the month",
    suppression: internalOnly,
    notes: ["No-judgement: activity, read with the waiting list and median wait.", internalNote],
  }),
  local({
    code: "LTS-CLIENTS",
    title: "People in long-term support at the end of the month",
    shortTitle: "People in long-term support",
    objective: obsessions.independence,
    unit: "count",
    decimals: 0,
    polarity: "no-judgement",
    frequency: "monthly",
    source: [system("long-term services (nursing, residential, community) open at month end")],
    numerator: "People with a long-term service open on the last day of the month",
    suppression: internalOnly,
    notes: ["No-judgement: caseload size, not performance.", internalNote],
  }),

  // O3: people are safe and in control
  local({
    code: "SAFEGUARDING-CONCERNS",
    title: "Safeguarding concerns received",
    shortTitle: "Safeguarding concerns received",
    objective: obsessions.safety,
    unit: "count",
    decimals: 0,
    polarity: "no-judgement",
    frequency: "monthly",
    source: [system("safeguarding concerns received in the month")],
    numerator: "Safeguarding concerns received in the month (cases, as SAC table SG1f)",
    suppression: { rule: "count", threshold: 5 },
    notes: [
      "Monthly version of SAC:CONCERNS; no-judgement for the same reason. Counts below 5 suppressed because " +
        "safeguarding figures by team or area can identify people.",
    ],
  }),
  local({
    code: "MSP-ASKED",
    title: "Concluded section 42 enquiries where the person was asked about their desired outcomes",
    shortTitle: "MSP: asked about desired outcomes",
    objective: obsessions.safety,
    unit: "percent",
    decimals: 1,
    polarity: "higher-is-better",
    frequency: "quarterly",
    source: [system("Making Safeguarding Personal questions recorded at the end of each s42 enquiry")],
    numerator:
      "Section 42 enquiries concluded in the quarter where the person was asked about desired outcomes (outcomes " +
      "expressed or not)",
    denominator: "Section 42 enquiries concluded in the quarter",
    suppression: smallNumbers,
    notes: ["Quarterly version of SAC:MSP-ASKED, with the same [U] formula; see its notes."],
  }),
  local({
    code: "MSP-OUTCOMES-MET",
    title:
      "Desired outcomes fully or partly achieved, of concluded section 42 enquiries with expressed outcomes",
    shortTitle: "MSP: outcomes fully or partly met",
    objective: obsessions.safety,
    unit: "percent",
    decimals: 1,
    polarity: "higher-is-better",
    frequency: "quarterly",
    source: [system("Making Safeguarding Personal outcomes recorded at the end of each s42 enquiry")],
    numerator: "Enquiries concluded in the quarter whose expressed outcomes were fully or partly achieved",
    denominator: "Enquiries concluded in the quarter with expressed outcomes (fully + partly + not achieved)",
    suppression: smallNumbers,
    notes: ["Quarterly version of SAC:MSP-ACHIEVED: (fully + partly) / (fully + partly + not) × 100."],
  }),

  // O4: carers and communities are connected and informed
  local({
    code: "NEW-CARERS",
    title: "Carers newly registered",
    shortTitle: "New carers registered",
    objective: obsessions.carers,
    unit: "count",
    decimals: 0,
    polarity: "higher-is-better",
    frequency: "monthly",
    source: [{ id: "local", detail: "carers' register (council and commissioned carers' service)" }],
    numerator: "Unpaid carers added to the carers' register in the month",
    suppression: internalOnly,
    notes: ["Higher is better: identifying hidden carers is the aim.", internalNote],
  }),
  local({
    code: "EASY-TO-FIND-INFO",
    title: "People who find it easy to find information about support",
    shortTitle: "Find information easily (local survey)",
    objective: obsessions.carers,
    unit: "percent",
    decimals: 1,
    polarity: "higher-is-better",
    frequency: "annual",
    source: [{ id: "local", detail: "annual local survey, worded as ASCS question 13" }],
    numerator: "Respondents who found it very easy or fairly easy to find information about support",
    denominator: "Respondents who answered the question, excluding those who never tried",
    suppression: fewRespondents,
    notes: [
      "Local analogue of ASCOF-2023:3C(1); unweighted, so not comparable with the published value (ODS-2425 " +
        "Note 3).",
    ],
  }),
  local({
    code: "SOCIAL-CONTACT",
    title: "People who have as much social contact as they would like",
    shortTitle: "Enough social contact (local survey)",
    objective: obsessions.carers,
    unit: "percent",
    decimals: 1,
    polarity: "higher-is-better",
    frequency: "annual",
    source: [{ id: "local", detail: "annual local survey, worded as ASCS question 8a" }],
    numerator: "Respondents who have as much social contact as they would like",
    denominator: "Respondents who answered the question",
    suppression: fewRespondents,
    notes: ["Local analogue of ASCOF-2023:5A(1); unweighted, so not comparable with the published value."],
  }),

  // O5: we listen and learn
  local({
    code: "FEEDBACK-RECEIVED",
    title: "Feedback received from people who use services and carers",
    shortTitle: "Feedback received",
    objective: obsessions.listening,
    unit: "count",
    decimals: 0,
    polarity: "higher-is-better",
    frequency: "quarterly",
    source: [{ id: "local", detail: "feedback log: compliments, comments, complaints and survey returns" }],
    numerator: "Pieces of feedback received in the quarter",
    suppression: internalOnly,
    notes: ["Higher is better: more feedback means more voices heard, whatever it says.", internalNote],
  }),
  local({
    code: "COMPLAINTS-UPHELD",
    title: "Complaints upheld or partly upheld",
    shortTitle: "Complaints upheld or partly upheld",
    objective: obsessions.listening,
    unit: "percent",
    decimals: 1,
    polarity: "lower-is-better",
    frequency: "quarterly",
    source: [{ id: "local", detail: "complaints system: statutory adult social care complaints closed" }],
    numerator: "Complaints closed in the quarter that were upheld or partly upheld",
    denominator: "Complaints closed in the quarter",
    suppression: smallNumbers,
    notes: ["Complaints are few and can identify people, so small numbers are suppressed."],
  }),
  local({
    code: "COMPLAINTS-ON-TIME",
    title: "Complaints responded to within 20 working days",
    shortTitle: "Complaints answered in 20 working days",
    objective: obsessions.listening,
    unit: "percent",
    decimals: 1,
    polarity: "higher-is-better",
    frequency: "quarterly",
    source: [{ id: "local", detail: "complaints system: date received and date of response" }],
    numerator: "Complaints responded to in the quarter within 20 working days of receipt",
    denominator: "Complaints responded to in the quarter",
    suppression: smallNumbers,
    notes: [
      "20 working days is a local target: the 2009 complaints regulations set no fixed response time for adult " +
        "social care [U].",
    ],
  }),
  local({
    code: "COMPLIMENTS",
    title: "Compliments received",
    shortTitle: "Compliments received",
    objective: obsessions.listening,
    unit: "count",
    decimals: 0,
    polarity: "higher-is-better",
    frequency: "quarterly",
    source: [{ id: "local", detail: "feedback log: compliments" }],
    numerator: "Compliments received in the quarter",
    suppression: internalOnly,
    notes: [internalNote],
  }),

  // O6: a skilled, confident workforce
  local({
    code: "PROGRESSION-MODEL-TRAINED",
    title: "People trained in the progression model",
    shortTitle: "People trained in progression model",
    objective: obsessions.workforce,
    unit: "count",
    decimals: 0,
    polarity: "higher-is-better",
    frequency: "quarterly",
    source: [{ id: "local", detail: "learning and development records" }],
    numerator: "Staff and partners who completed progression model training in the quarter",
    suppression: internalOnly,
    notes: [
      "The progression model is the council's own practice model; a cumulative total is a separate measure.",
      internalNote,
    ],
  }),
]
