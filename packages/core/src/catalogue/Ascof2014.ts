/**
 * The 2014 Adult Social Care Outcomes Framework (4 domains), used up to 2022-23, and its mapping to the 2023
 * framework.
 *
 * Sources: codes and data sources from the NHSE-ASCOF-code indicator list and domain.md §1.4; titles of removed
 * measures (1E, 1F, 1H, 2C, 4B) from the ODS-2425 Comparability log; titles of renamed measures follow the wording
 * of their ODS-2425 successor; definitions of SALT-based measures from domain.md §1.3–1.4. Anything marked [P] or
 * [U] is only partly checked or not checked (domain.md's tags).
 *
 * The old → new mapping is not written here: it is derived from the `legacyCodes` of the 2023 measures (ODS-2425
 * Contents, "2022 to 2023 Code"), the single source of truth.
 *
 * @category catalogue
 */
import * as Measure from "../Measure.js"
import * as Ascof2023 from "./Ascof2023.js"

/** The four domains of the 2014 framework. */
export const domains = {
  qualityOfLife: { code: "1", name: "Enhancing quality of life for people with care and support needs" },
  delaying: { code: "2", name: "Delaying and reducing the need for care and support" },
  experience: { code: "3", name: "Ensuring that people have a positive experience of care and support" },
  safeguarding: {
    code: "4",
    name: "Safeguarding adults whose circumstances make them vulnerable and protecting from avoidable harm",
  },
} as const satisfies Record<string, Measure.Objective>

const { survey: surveySuppression } = Ascof2023.suppressions
const { ascsVoluntary, impactFormula, saceEligibility } = Ascof2023.breaks

/** ASCS measures: annual, respondent-based suppression, the 2020-21 voluntary-survey break. */
const ascsSurvey = {
  frequency: "annual",
  suppression: surveySuppression,
  seriesBreaks: [ascsVoluntary],
} as const
/** SACE measures: biennial, respondent-based suppression, the 2016-17 eligible-population change. */
const saceSurvey = {
  frequency: "biennial",
  suppression: surveySuppression,
  seriesBreaks: [saceEligibility],
} as const
/**
 * SALT measures: annual, first SALT year 2014-15 (domain.md §2.1). NHSE-ASCOF-code suppressed only some breakdowns
 * of SALT measures (domain.md §1.7), so headline values carry no suppression.
 */
const saltReturn = {
  frequency: "annual",
  suppression: { rule: "none", threshold: 0 },
  firstYear: "2014-15",
} as const

const ascs = (detail: string): Measure.DataSource => ({ id: "ASCS", detail })
const sace = (detail: string): Measure.DataSource => ({ id: "SACE", detail })
const salt = (detail: string): Measure.DataSource => ({ id: "SALT", detail })

const removed2023 = "Removed from ASCOF in 2023-24 (ODS-2425 Comparability log)."
const firstSaltYear =
  "firstYear is the first SALT year (2014-15); the measure existed earlier in a pre-SALT form (domain.md §2.1)."
const under18Carers =
  "Carers under 18 removed from 2019-20; not treated as a break (ODS-2425 Comparability log, 1C(1B)/1C(2B))."
const dtocEnded =
  "The DToC collection was paused in February 2020 and then discontinued; no 2C values from 2020-21 onwards " +
  "(ODS-2425 Comparability log, 2C(1)–2C(3)). Numerator from NHS England's monthly DToC situation report (SitRep), " +
  "which has no DataSourceId; only its ONS denominator is listed in `source`."

type Ascof2014Input = Omit<
  Measure.MeasureInput,
  "id" | "framework" | "frameworkVersion" | "decimals" | "polarity" | "lastYear"
> & {
  readonly decimals?: number
  readonly polarity?: Measure.Polarity
  readonly lastYear?: string
}

/** Builds a 2014-framework measure: decimals 1, higher-is-better and last year 2022-23 unless given. */
const ascof = (input: Ascof2014Input): Measure.Measure =>
  Measure.make({
    id: `ASCOF-2014:${input.code}`,
    framework: "ASCOF",
    frameworkVersion: "2014",
    decimals: 1,
    polarity: "higher-is-better",
    lastYear: "2022-23",
    ...input,
  })

const delayedTransfers = (code: string, which: string, shortTitle: string, note: string): Measure.Measure =>
  ascof({
    code,
    title: `Delayed transfers of care from hospital${which}, per 100,000 population`,
    shortTitle,
    objective: domains.delaying,
    unit: "rate-per-100k",
    polarity: "lower-is-better",
    frequency: "annual",
    suppression: { rule: "none", threshold: 0 },
    source: [{ id: "ONS", detail: "mid-year population estimate, aged 18 and over" }],
    numerator: `Average number of delayed transfers of care${which} on a day, over the 12 monthly snapshots [P]`,
    denominator: "Population aged 18 and over in the area",
    lastYear: "2019-20",
    notes: [note, dtocEnded],
  })

/** Every measure of the 2014 framework (domain.md §1.4; NHSE-ASCOF-code indicator list). */
export const measures: ReadonlyArray<Measure.Measure> = [
  // Domain 1: enhancing quality of life
  ascof({
    code: "1A",
    title: "Social care-related quality of life score",
    shortTitle: "Quality of life (care users)",
    objective: domains.qualityOfLife,
    unit: "score",
    ...ascsSurvey,
    source: [ascs("questions 3a, 4a, 5a, 6a, 7a, 8a, 9a and 11")],
    numerator: "Sum of the scores (0–24) of respondents who answered all eight relevant questions, weighted",
    denominator: "Care users who answered all eight relevant ASCS questions",
    firstYear: "2010-11",
  }),
  ascof({
    code: "1B",
    title: "The proportion of people who use services who have control over their daily life",
    shortTitle: "Control over daily life",
    objective: domains.qualityOfLife,
    unit: "percent",
    ...ascsSurvey,
    source: [ascs("question 3a")],
    numerator: "Respondents to question 3a with as much control as they want or adequate control, weighted",
    denominator: "Care users who answered ASCS question 3a",
    firstYear: "2010-11",
  }),
  ascof({
    code: "1C(1A)",
    title: "The proportion of people who use services who receive self-directed support",
    shortTitle: "Self-directed support (care users)",
    objective: domains.qualityOfLife,
    unit: "percent",
    ...saltReturn,
    source: [salt("LTS001b tables 1a and 1b, community columns")],
    numerator:
      "Users in long-term community support on 31 March with a direct payment only, part direct payment or " +
      "CASSR-managed personal budget",
    denominator:
      "Users in long-term community support on 31 March (those three plus CASSR-commissioned support only)",
    notes: ["Cells from the NHSE 'SALT sources for ASCOF' pages (domain.md §1.3).", firstSaltYear],
  }),
  ascof({
    code: "1C(1B)",
    title: "The proportion of carers who receive self-directed support",
    shortTitle: "Self-directed support (carers)",
    objective: domains.qualityOfLife,
    unit: "percent",
    ...saltReturn,
    source: [salt("LTS003 table 1a")],
    numerator:
      "Carers aged 18+ supported in the year with a direct payment only, part direct payment or CASSR-managed " +
      "personal budget",
    denominator: "Carers aged 18+ receiving support direct to the carer in the year [P]",
    notes: [under18Carers, firstSaltYear],
  }),
  ascof({
    code: "1C(2A)",
    title: "The proportion of people who use services who receive direct payments",
    shortTitle: "Direct payments (care users)",
    objective: domains.qualityOfLife,
    unit: "percent",
    ...saltReturn,
    source: [salt("LTS001b tables 1a and 1b, community columns")],
    numerator:
      "Users in long-term community support on 31 March with a direct payment only or part direct payment",
    denominator: "Users in long-term community support on 31 March",
    notes: ["Definition: domain.md §1.4.", firstSaltYear],
  }),
  ascof({
    code: "1C(2B)",
    title: "The proportion of carers who receive direct payments",
    shortTitle: "Direct payments (carers)",
    objective: domains.qualityOfLife,
    unit: "percent",
    ...saltReturn,
    source: [salt("LTS003 table 1a")],
    numerator: "Carers aged 18+ supported in the year with a direct payment only or part direct payment",
    denominator: "Carers aged 18+ receiving support direct to the carer in the year [P]",
    notes: [under18Carers, firstSaltYear],
  }),
  ascof({
    code: "1D",
    title: "Carer-reported quality of life",
    shortTitle: "Carer quality of life",
    objective: domains.qualityOfLife,
    unit: "score",
    ...saceSurvey,
    source: [sace("questions 7, 8, 9, 10, 11 and 12")],
    numerator: "Sum of the scores (0–12) of respondents who answered all six relevant SACE questions",
    denominator: "Unpaid carers who answered all six relevant SACE questions",
    firstYear: "2012-13",
  }),
  ascof({
    code: "1E",
    title: "The proportion of adults with a learning disability in paid employment",
    shortTitle: "Learning disability: in paid work",
    objective: domains.qualityOfLife,
    unit: "percent",
    ...saltReturn,
    source: [salt("LTS004 (employment status) and LTS001a")],
    numerator:
      "Adults aged 18–64 with a learning disability primary support reason, known to the council, in paid employment",
    denominator:
      "Adults aged 18–64 with a learning disability primary support reason known to the council (in LTS001a, " +
      "excluding prison)",
    notes: [removed2023, firstSaltYear],
  }),
  ascof({
    code: "1F",
    title: "The proportion of adults in contact with secondary mental health services in paid employment",
    shortTitle: "Secondary MH: in paid work",
    objective: domains.qualityOfLife,
    unit: "percent",
    frequency: "annual",
    suppression: { rule: "none", threshold: 0 },
    source: [{ id: "MHSDS", detail: "monthly data" }],
    numerator:
      "Adults in contact with secondary mental health services who are in paid employment [U: scope]",
    denominator: "Adults in contact with secondary mental health services [U: scope]",
    notes: [removed2023, "Age band, care-programme scope and suppression not checked [U] (domain.md §1.4)."],
  }),
  ascof({
    code: "1G",
    title:
      "The proportion of adults with a learning disability who live in their own home or with their family",
    shortTitle: "Learning disability: own home/family",
    objective: domains.qualityOfLife,
    unit: "percent",
    ...saltReturn,
    source: [salt("LTS004 (accommodation status)")],
    numerator: "Adults aged 18–64 with a learning disability primary support reason in settled accommodation",
    denominator:
      "Adults aged 18–64 with a learning disability primary support reason in long-term support in the year",
    notes: ["Settled categories: SALT LTS004 table 2a (domain.md §2.3).", firstSaltYear],
  }),
  ascof({
    code: "1H",
    title:
      "The proportion of adults in contact with secondary mental health services living independently, with or " +
      "without support",
    shortTitle: "Secondary MH: living independently",
    objective: domains.qualityOfLife,
    unit: "percent",
    frequency: "annual",
    suppression: { rule: "none", threshold: 0 },
    source: [{ id: "MHSDS", detail: "monthly data" }],
    numerator: "Adults in contact with secondary mental health services living independently [U: scope]",
    denominator: "Adults in contact with secondary mental health services [U: scope]",
    notes: [removed2023, "Age band, care-programme scope and suppression not checked [U] (domain.md §1.4)."],
  }),
  ascof({
    code: "1I(1)",
    title:
      "The proportion of people who use services who reported that they had as much social contact as they would " +
      "like",
    shortTitle: "Care users with enough social contact",
    objective: domains.qualityOfLife,
    unit: "percent",
    ...ascsSurvey,
    source: [ascs("question 8a")],
    numerator: "Respondents to question 8a with as much social contact as they would like, weighted",
    denominator: "Care users who answered ASCS question 8a",
    firstYear: "2010-11",
  }),
  ascof({
    code: "1I(2)",
    title: "The proportion of carers who reported that they had as much social contact as they would like",
    shortTitle: "Carers with enough social contact",
    objective: domains.qualityOfLife,
    unit: "percent",
    ...saceSurvey,
    source: [sace("question 11")],
    numerator: "Respondents to SACE question 11 with as much social contact as they would like",
    denominator: "Unpaid carers who answered SACE question 11",
    firstYear: "2012-13",
  }),
  ascof({
    code: "1J",
    title: "Adjusted Social care-related quality of life – impact of adult social care services",
    shortTitle: "Impact of care on quality of life",
    objective: domains.qualityOfLife,
    unit: "score",
    decimals: 3,
    ...ascsSurvey,
    seriesBreaks: [ascsVoluntary, impactFormula],
    source: [ascs("questions 3a–11, 14, 16a–d, 17a–c, 18, 19 and age")],
    numerator: "Sum of utility-weighted quality of life minus the adjustment factor, weighted",
    denominator: "Care users who answered all 18 relevant ASCS items",
    firstYear: "2016-17",
    notes: ["Included in ASCOF for the first time in 2016-17 (ODS-2425 Comparability log)."],
  }),

  // Domain 2: delaying and reducing the need for care and support
  ascof({
    code: "2A(1)",
    title:
      "Long-term support needs of younger adults (aged 18-64) met by admission to residential and nursing care " +
      "homes, per 100,000 population",
    shortTitle: "Care home admissions 18-64 per 100k",
    objective: domains.delaying,
    unit: "rate-per-100k",
    polarity: "lower-is-better",
    ...saltReturn,
    source: [
      salt("STS001, STS002a, STS002b and review residential/nursing sequels [P]"),
      { id: "ONS", detail: "mid-year population estimate, aged 18 to 64" },
    ],
    numerator:
      "Council-supported permanent admissions of adults aged 18–64 to residential and nursing care (excluding " +
      "transfers between the two and, from 2018-19, self-funders with depleted funds previously given a 12-week " +
      "disregard or deferred payment agreement)",
    denominator: "Population aged 18 to 64 in the area",
    notes: [
      "Definition: domain.md §1.3–1.4; the full SALT cell list was not retrieved (§8.9).",
      firstSaltYear,
    ],
  }),
  ascof({
    code: "2A(2)",
    title:
      "Long-term support needs of older adults (aged 65 and over) met by admission to residential and nursing care " +
      "homes, per 100,000 population",
    shortTitle: "Care home admissions 65+ per 100k",
    objective: domains.delaying,
    unit: "rate-per-100k",
    polarity: "lower-is-better",
    ...saltReturn,
    source: [
      salt("STS001, STS002a, STS002b and review residential/nursing sequels [P]"),
      { id: "ONS", detail: "mid-year population estimate, aged 65 and over" },
    ],
    numerator:
      "Council-supported permanent admissions of adults aged 65+ to residential and nursing care (excluding " +
      "transfers between the two and, from 2018-19, self-funders with depleted funds previously given a 12-week " +
      "disregard or deferred payment agreement)",
    denominator: "Population aged 65 and over in the area",
    notes: [
      "Definition: domain.md §1.3–1.4; the full SALT cell list was not retrieved (§8.9).",
      firstSaltYear,
    ],
  }),
  ascof({
    code: "2B(1)",
    title:
      "The proportion of older people (65 and over) who were still at home 91 days after discharge from hospital " +
      "into reablement / rehabilitation services",
    shortTitle: "65+ at home 91 days after reablement",
    objective: domains.delaying,
    unit: "percent",
    ...saltReturn,
    source: [salt("STS004")],
    numerator:
      "People aged 65+ discharged from hospital into reablement/rehabilitation between 1 October and 31 December " +
      "who were at home 91 days after discharge (not in hospital, a care home or dead)",
    denominator:
      "People aged 65+ discharged from hospital into reablement/rehabilitation between 1 October and 31 December",
    notes: ["Definition: domain.md §1.4 and §2.2.", firstSaltYear],
  }),
  ascof({
    code: "2B(2)",
    title:
      "The proportion of older people (65 and over) who received reablement / rehabilitation services after " +
      "discharge from hospital",
    shortTitle: "65+ discharges offered reablement",
    objective: domains.delaying,
    unit: "percent",
    ...saltReturn,
    suppression: { rule: "respondents", threshold: 8 },
    source: [
      salt("STS004"),
      { id: "HES", detail: "people aged 65+ discharged alive, 1 October–31 December" },
    ],
    numerator:
      "People aged 65+ discharged from hospital into reablement/rehabilitation between 1 October and 31 December",
    denominator:
      "All people aged 65+ discharged alive from hospital between 1 October and 31 December, all specialties (HES)",
    notes: [
      "NHSE-ASCOF-code suppressed the HES denominator below 8 (domain.md §1.7); recorded with the denominator-only " +
        "'respondents' rule.",
      firstSaltYear,
    ],
  }),
  delayedTransfers(
    "2C(1)",
    "",
    "Delayed transfers of care per 100k",
    "Part 1: all delayed transfers of care (NHS Digital ASCOF 2C indicator page).",
  ),
  delayedTransfers(
    "2C(2)",
    " attributable to adult social care",
    "Delayed transfers (social care) per 100k",
    "Part 2: delays attributable to social care. Until part 3 existed it also counted delays attributable jointly " +
      "to social care and the NHS (2014-15 ASCOF report) [P].",
  ),
  delayedTransfers(
    "2C(3)",
    " jointly attributable to the NHS and adult social care",
    "Delayed transfers (joint) per 100k",
    "Part 3: delays jointly attributable to the NHS and social care (NHS Digital ASCOF 2C indicator page, " +
      "2018-19) [P].",
  ),
  ascof({
    code: "2D",
    title: "The outcome of short-term services: sequel to service",
    shortTitle: "Short-term services: no ongoing support",
    objective: domains.delaying,
    unit: "percent",
    ...saltReturn,
    source: [salt("STS002a")],
    numerator:
      "New clients whose ST-Max sequel was ongoing low-level support, short-term support (other), no services – " +
      "universal/signposted, or no services – no identified needs",
    denominator:
      "All new clients who completed ST-Max, minus early cessation due to life events and minus 'needs identified " +
      "but declined' or 'self-funding'",
    notes: ["Definition: domain.md §1.4.", firstSaltYear],
  }),

  // Domain 3: positive experience of care and support
  ascof({
    code: "3A",
    title: "Overall satisfaction of people who use services with their care and support",
    shortTitle: "Care users satisfied with care",
    objective: domains.experience,
    unit: "percent",
    ...ascsSurvey,
    source: [ascs("question 1 (standard and easy-read questionnaires)")],
    numerator: "Respondents to question 1 who were extremely or very satisfied, weighted",
    denominator: "Care users who answered question 1",
    firstYear: "2010-11",
  }),
  ascof({
    code: "3B",
    title: "Overall satisfaction of carers with social services",
    shortTitle: "Carers satisfied with social services",
    objective: domains.experience,
    unit: "percent",
    ...saceSurvey,
    source: [sace("question 4")],
    numerator: "Respondents to SACE question 4 who were satisfied with their experience of care and support",
    denominator: "Unpaid carers who answered SACE question 4",
    firstYear: "2012-13",
  }),
  ascof({
    code: "3C",
    title:
      "The proportion of carers who report that they have been included or consulted in discussion about the " +
      "person they care for",
    shortTitle: "Carers included or consulted",
    objective: domains.experience,
    unit: "percent",
    ...saceSurvey,
    source: [sace("question 19 (ODS-2425 Contents; Table_3b says 15)")],
    numerator: "Respondents who usually or always felt involved or consulted",
    denominator: "Unpaid carers who answered the question",
    firstYear: "2012-13",
  }),
  ascof({
    code: "3D(1)",
    title: "The proportion of people who use services who find it easy to find information about services",
    shortTitle: "Care users find information easily",
    objective: domains.experience,
    unit: "percent",
    ...ascsSurvey,
    source: [ascs("question 12 (question 13 from 2022-23)")],
    numerator: "Respondents who find it very or fairly easy to find information about services, weighted",
    denominator: "Care users who answered the question, excluding those who never tried",
    firstYear: "2013-14",
  }),
  ascof({
    code: "3D(2)",
    title: "The proportion of carers who find it easy to find information about support",
    shortTitle: "Carers find information easily",
    objective: domains.experience,
    unit: "percent",
    ...saceSurvey,
    source: [sace("question 17")],
    numerator: "Respondents who find it very or fairly easy to find information about support",
    denominator: "Unpaid carers who answered SACE question 17",
    firstYear: "2013-14",
  }),

  // Domain 4: safeguarding
  ascof({
    code: "4A",
    title: "The proportion of people who use services who feel safe",
    shortTitle: "Care users who feel safe",
    objective: domains.safeguarding,
    unit: "percent",
    ...ascsSurvey,
    source: [ascs("question 7a")],
    numerator: "Respondents to question 7a who feel as safe as they want, weighted",
    denominator: "Care users who answered ASCS question 7a",
    firstYear: "2010-11",
  }),
  ascof({
    code: "4B",
    title:
      "The proportion of people who use services who say that those services have made them feel safe and secure",
    shortTitle: "Services made users feel safe",
    objective: domains.safeguarding,
    unit: "percent",
    ...ascsSurvey,
    source: [ascs("question 7b")],
    numerator: "Respondents to question 7b who say services made them feel safe and secure, weighted",
    denominator: "Care users who answered ASCS question 7b",
    notes: [removed2023, "Not the 2023 safeguarding measure 4B. Start year not in ODS-2425, so left out."],
  }),
]

/** Old (2014) measure id → new (2023) measure id, derived from the 2023 measures' legacy codes. */
export const successorOf: ReadonlyMap<string, string> = new Map(
  Ascof2023.measures.flatMap((m) =>
    m.legacyCodes
      .filter((c) => c.framework === "ASCOF" && c.version === "2014")
      .map((c) => [`ASCOF-2014:${c.code}`, m.id] as const),
  ),
)

/** New (2023) measure id → old (2014) measure id: the inverse of `successorOf`. */
export const predecessorOf: ReadonlyMap<string, string> = new Map(
  Array.from(successorOf, ([oldId, newId]) => [newId, oldId] as const),
)
