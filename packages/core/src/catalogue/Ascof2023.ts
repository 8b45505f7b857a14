/**
 * The Adult Social Care Outcomes Framework from April 2023 (ASCOF 2023+), as published for 2024-25.
 *
 * Sources, unless a measure's notes say otherwise:
 * - titles, data sources (questions, tables), start years and 2022-23 codes: ODS-2425 sheet "Contents";
 * - numerator and denominator wording: the description rows at the top of each ODS-2425 `Table_*` sheet;
 * - suppression and rounding: ODS-2425 Cover and Notes 1, 10 and 16; decimals: ODS-2425 Cover ("non-integers are
 *   rounded to one decimal place, with the exception of 1b which is rounded to 3 decimal places");
 * - series breaks: ODS-2425 "Comparability_over_time_log" and Notes 2 and 9;
 * - polarity: domain.md §1.2 ([P]: LG Inform "a high value is good" metadata where it exists, otherwise the natural
 *   reading); the two inferred ones (2D(2), 6A, domain.md §8.8) say so in their notes.
 *
 * ODS-2425 = DHSC "Measures from ASCOF, England – time series 2015-16 to 2024-25" (18 Dec 2025),
 * `examples/data/ascof-2024-25.ods`.
 *
 * @category catalogue
 */
import * as Measure from "../Measure.js"

/** The six objectives of the 2023 framework (domain.md §1.1; gov.uk "Care data matters" Annex B). */
export const objectives = {
  qualityOfLife: { code: "1", name: "Quality of life" },
  independence: { code: "2", name: "Independence" },
  empowerment: { code: "3", name: "Empowerment (information and advice)" },
  safety: { code: "4", name: "Safety" },
  socialConnections: { code: "5", name: "Social connections" },
  continuityAndQuality: { code: "6", name: "Continuity and quality of care" },
} as const satisfies Record<string, Measure.Objective>

/** Suppression presets shared by ASCOF catalogues. */
export const suppressions = {
  /** CLD metrics: numerator or denominator below 5 suppresses both; region/England counts rounded to 5 (Note 10). */
  cld: { rule: "numerator-or-denominator", threshold: 5, roundCountsTo: 5, roundCountsAt: "aggregate" },
  /** Survey metrics: fewer than 5 respondents suppressed, and all counts rounded (Note 1). */
  survey: { rule: "respondents", threshold: 5, roundCountsTo: 5, roundCountsAt: "all" },
  /** 4B: any value below 5 suppressed, all numerators and denominators rounded to 5 (Note 16). */
  safeguarding: { rule: "numerator-or-denominator", threshold: 5, roundCountsTo: 5, roundCountsAt: "all" },
  /** Nothing suppressed (6A has no published counts; 6B publishes CQC counts as they are). */
  none: { rule: "none", threshold: 0 },
} as const satisfies Record<string, Measure.Suppression>

/** Series breaks shared by ASCOF catalogues (ODS-2425 Comparability_over_time_log and Notes). */
export const breaks = {
  /** ASCS 2020-21 was voluntary (Note 2). */
  ascsVoluntary: {
    fromYear: "2020-21",
    reason:
      "COVID-19: the 2020-21 ASCS was voluntary and only 18 councils took part, so no England, regional or " +
      "council-type outcomes exist for 2020-21 (the average of the 18 is given instead). 2021-22 aggregates compare " +
      "with years before 2020-21, not with 2020-21 (ODS-2425 Note 2 and Comparability log).",
  },
  /** The 1J/1B formula correction (Comparability log, 1B/1J 2020-21). */
  impactFormula: {
    fromYear: "2020-21",
    reason:
      "Formula corrected: 0.1250 is now subtracted when the home 'meets some of the service user's needs' as well as " +
      "when it is 'totally inappropriate'. Scores from 2020-21 should not be compared with earlier years " +
      "(ODS-2425 Comparability log, 1B/1J 2020 to 2021).",
  },
  /** SACE eligible population widened in 2016-17 (Comparability log). */
  saceEligibility: {
    fromYear: "2016-17",
    reason:
      "SACE eligible population widened to carers not assessed or reviewed in the previous 12 months; ODS-2425 " +
      "gives 2016-17 scores on the old population in brackets, the official scores are the new ones " +
      "(ODS-2425 Comparability log, 2016 to 2017).",
  },
  /** SALT → CLD from 2024-25 (Comparability log; Note 9). */
  cld: {
    fromYear: "2024-25",
    reason:
      "Source changed from SALT (aggregate return) to Client Level Data with methods adapted to event-level data; " +
      "2024-25 onwards cannot be compared with earlier years, and 2024-25 figures are official statistics in " +
      "development (ODS-2425 Comparability log and Note 9).",
  },
} as const satisfies Record<string, Measure.SeriesBreak>

/** A code from the 2014 framework, last used in 2022-23 (ODS-2425 Contents, "2022 to 2023 Code"). */
const was = (code: string): Measure.LegacyCode => ({
  framework: "ASCOF",
  version: "2014",
  code,
  lastYear: "2022-23",
})

const ascs = (detail: string): Measure.DataSource => ({ id: "ASCS", detail })
const sace = (detail: string): Measure.DataSource => ({ id: "SACE", detail })
const cld = (detail: string): Measure.DataSource => ({ id: "CLD", detail })
const ons = (ages: string): Measure.DataSource => ({
  id: "ONS",
  detail: `mid-year population estimate, ${ages}`,
})

/** ASCS measures: annual, weighted, respondent-based suppression. */
const ascsSurvey = { frequency: "annual", suppression: suppressions.survey } as const
/** SACE measures: biennial (Note 6), respondent-based suppression. */
const saceSurvey = { frequency: "biennial", suppression: suppressions.survey } as const
/** CLD measures: annual, CLD suppression, first published in this form in 2024-25. */
const cldMetric = { frequency: "annual", suppression: suppressions.cld, firstYear: "2024-25" } as const

const ascsWeighted =
  "Outcome weighted for the stratified sample and non-response (ODS-2425 Note 3), so it cannot be reproduced from " +
  "unweighted responses. 2024-25 England and regional aggregates use Derby's 2023-24 return (Note 5)."
const saceCycle =
  "SACE is biennial: 2012-13, 2014-15, 2016-17, 2018-19, then 2021-22 (postponed from 2020-21 by COVID-19) and " +
  "2023-24; years without a survey are [z] (ODS-2425 Note 6). Regional and England weighting changed in 2014-15 " +
  "(Note 7)."
const inDevelopment =
  "2024-25 values are official statistics in development (ODS-2425 Note 9). In 2023-24 this code was still " +
  "calculated from SALT with the 2014-framework definition (domain.md §1.3)."

type Ascof2023Input = Omit<Measure.MeasureInput, "id" | "framework" | "frameworkVersion" | "decimals"> & {
  readonly decimals?: number
}

/** Builds an ASCOF 2023 measure; decimals default to 1 (ODS-2425 Cover). */
const ascof = (input: Ascof2023Input): Measure.Measure =>
  Measure.make({
    id: `ASCOF-2023:${input.code}`,
    framework: "ASCOF",
    frameworkVersion: "2023",
    decimals: 1,
    ...input,
  })

/** Every ASCOF 2023 measure and sub-measure, including 3D(1b) and 3D(2b), which were not published in 2024-25. */
export const measures: ReadonlyArray<Measure.Measure> = [
  // Objective 1: quality of life
  ascof({
    code: "1A",
    title: "Social care-related quality of life score",
    shortTitle: "Quality of life (care users)",
    objective: objectives.qualityOfLife,
    unit: "score",
    polarity: "higher-is-better",
    ...ascsSurvey,
    source: [ascs("questions 3a, 4a, 5a, 6a, 7a, 8a, 9a and 11")],
    numerator:
      "Sum of the scores of all respondents who answered all eight relevant ASCS questions (each 0–3, total 0–24), " +
      "weighted",
    denominator: "Number of care users who answered all eight relevant ASCS questions",
    legacyCodes: [was("1A")],
    seriesBreaks: [breaks.ascsVoluntary],
    firstYear: "2010-11",
    notes: ["Score out of 24 (ODS-2425 Table_1a).", ascsWeighted],
  }),
  ascof({
    code: "1B",
    title: "Adjusted Social care-related quality of life – impact of adult social care services",
    shortTitle: "Impact of care on quality of life",
    objective: objectives.qualityOfLife,
    unit: "score",
    decimals: 3,
    polarity: "higher-is-better",
    ...ascsSurvey,
    source: [
      ascs("questions 3a, 4a, 5a, 6a, 7a, 8a, 9a, 11, 14, 16a, 16b, 16c, 16d, 17a, 17b, 17c, 18, 19 and age"),
    ],
    numerator:
      "Sum over respondents who answered all 18 relevant ASCS items of the utility-weighted quality-of-life " +
      "indicator minus the adjustment factor, weighted",
    denominator: "Number of care users who answered all 18 relevant ASCS items",
    legacyCodes: [was("1J")],
    seriesBreaks: [breaks.ascsVoluntary, breaks.impactFormula],
    firstYear: "2016-17",
    notes: [
      "Published to 3 decimal places (ODS-2425 Cover).",
      "Introduced in 2016-17 as 1J; a refined method was used from 2017-18 and 2016-17 was recalculated with it, so " +
        "the 2016-17 scores first published should not be used (ODS-2425 Comparability log; Note 4).",
      ascsWeighted,
    ],
  }),
  ascof({
    code: "1C",
    title: "Carer-reported quality of life",
    shortTitle: "Carer quality of life",
    objective: objectives.qualityOfLife,
    unit: "score",
    polarity: "higher-is-better",
    ...saceSurvey,
    source: [sace("questions 7, 8, 9, 10, 11 and 12")],
    numerator:
      "Sum of the scores of all respondents who answered all six relevant SACE questions (total 0–12)",
    denominator: "Number of unpaid carers who answered all six relevant SACE questions",
    legacyCodes: [was("1D")],
    seriesBreaks: [breaks.saceEligibility],
    firstYear: "2012-13",
    notes: ["Score out of 12 (ODS-2425 Table_1c).", saceCycle],
  }),
  ascof({
    code: "1D",
    title: "Overall satisfaction of people who use services with their care and support",
    shortTitle: "Care users satisfied with care",
    objective: objectives.qualityOfLife,
    unit: "percent",
    polarity: "higher-is-better",
    ...ascsSurvey,
    source: [ascs("question 1 (standard and easy-read questionnaires)")],
    numerator:
      "Respondents to question 1 who said they were satisfied with their care and support (extremely or very " +
      "satisfied, answer 1 of the combined coding), weighted",
    denominator: "Care users who answered question 1 of the ASCS or of the easy-read questionnaire",
    legacyCodes: [was("3A")],
    seriesBreaks: [breaks.ascsVoluntary],
    firstYear: "2010-11",
    notes: ["Answer coding: NHSE-ASCS-code, domain.md §1.6.", ascsWeighted],
  }),
  ascof({
    code: "1E",
    title: "Overall satisfaction of carers with social services",
    shortTitle: "Carers satisfied with social services",
    objective: objectives.qualityOfLife,
    unit: "percent",
    polarity: "higher-is-better",
    ...saceSurvey,
    source: [sace("question 4")],
    numerator: "Respondents to SACE question 4 who were satisfied with their experience of care and support",
    denominator: "Unpaid carers who answered SACE question 4",
    legacyCodes: [was("3B")],
    seriesBreaks: [breaks.saceEligibility],
    firstYear: "2012-13",
    notes: [
      "ODS-2425 Table_1e describes the respondents as 'care users who responded to question 4 of the ASCS'; the " +
        "Contents sheet and the outcome description say SACE question 4, which is what is recorded here.",
      saceCycle,
    ],
  }),

  // Objective 2: independence
  ascof({
    code: "2A",
    title:
      "The proportion of people who received reablement during the year, who previously were not receiving " +
      "services, where no further request was made for ongoing support",
    shortTitle: "Reablement with no further support",
    objective: objectives.independence,
    unit: "percent",
    polarity: "higher-is-better",
    ...cldMetric,
    source: [cld("reablement (ST-Max) episodes of new clients and what followed them")],
    numerator:
      "People who received reablement, who previously were not receiving services, where no further support was " +
      "required",
    denominator: "People who received reablement, who previously were not receiving services",
    legacyCodes: [was("2D")],
    seriesBreaks: [breaks.cld],
    notes: [
      "New client: no local-authority long-term support in the 3 months before the reablement episode " +
        "(ODS-2425 Note 11); DHSC clusters ST-Max events ≤7 days apart and reads the sequel in the 7 days after the " +
        "episode (domain.md §1.5).",
      inDevelopment,
    ],
  }),
  ascof({
    code: "2B",
    title:
      "The number of adults aged 18 to 64 whose long-term support needs are met by admission to residential and " +
      "nursing care homes, per 100,000 population",
    shortTitle: "Care home admissions 18-64 per 100k",
    objective: objectives.independence,
    unit: "rate-per-100k",
    polarity: "lower-is-better",
    ...cldMetric,
    source: [cld("long-term residential and nursing services starting in the year"), ons("aged 18 to 64")],
    numerator:
      "People aged 18 to 64 admitted to local authority provided or arranged long-term residential or nursing care " +
      "(no service of that type in the previous 12 months)",
    denominator: "Population aged 18 to 64 in the area",
    legacyCodes: [was("2A(1)")],
    seriesBreaks: [breaks.cld],
    notes: [
      "New admission: started LA provided or arranged long-term residential or nursing care with no such service in " +
        "the 12 months before (ODS-2425 Note 12); CLD cannot tell temporary from permanent stays (domain.md §1.5).",
      "The 2017-18 SALT table changes and the 2018-19 exclusion of self-funders with depleted funds were not " +
        "treated as breaks (ODS-2425 Comparability log).",
      inDevelopment,
    ],
  }),
  ascof({
    code: "2C",
    title:
      "The number of adults aged 65 and over whose long-term support needs are met by admission to residential and " +
      "nursing care homes, per 100,000 population",
    shortTitle: "Care home admissions 65+ per 100k",
    objective: objectives.independence,
    unit: "rate-per-100k",
    polarity: "lower-is-better",
    ...cldMetric,
    source: [cld("long-term residential and nursing services starting in the year"), ons("aged 65 and over")],
    numerator:
      "People aged 65 and over admitted to local authority provided or arranged long-term residential or nursing " +
      "care (no service of that type in the previous 12 months)",
    denominator: "Population aged 65 and over in the area",
    legacyCodes: [was("2A(2)")],
    seriesBreaks: [breaks.cld],
    notes: [
      "New admission as for 2B (ODS-2425 Note 12).",
      "The 2017-18 SALT table changes and the 2018-19 exclusion of self-funders with depleted funds were not " +
        "treated as breaks (ODS-2425 Comparability log).",
      inDevelopment,
    ],
  }),
  ascof({
    code: "2D(1)",
    title:
      "The proportion of people aged 65 and over discharged from hospital into reablement and who remained in the " +
      "community within 12 weeks of discharge",
    shortTitle: "65+ at home 12 weeks after reablement",
    objective: objectives.independence,
    unit: "percent",
    polarity: "higher-is-better",
    ...cldMetric,
    source: [
      cld("reablement (ST-Max) episodes linked to hospital discharges"),
      { id: "SUS", detail: "admitted patient care: discharges and emergency readmissions" },
    ],
    numerator:
      "People aged 65 and over discharged from hospital into reablement who remained in the community within 12 " +
      "weeks of discharge: no LA arranged or provided long-term residential or nursing care, no emergency " +
      "(unplanned) hospital admission and no death in that period",
    denominator: "People aged 65 and over discharged from hospital where reablement services were provided",
    legacyCodes: [was("2B(1)")],
    seriesBreaks: [
      breaks.cld,
      {
        fromYear: "2024-25",
        reason:
          "Follow-up changed from 'at home 91 days after discharge' (SALT STS004, discharges 1 October–31 December) " +
          "to 'remained in the community within 12 weeks (84 days)' for discharges in the whole year, from CLD " +
          "linked to SUS; a different metric (ODS-2425 Comparability log, 2D(1) 2024 to 2025).",
      },
    ],
    notes: [
      "Runs three months behind the other CLD metrics; a discharge links to reablement starting between 7 days " +
        "before and 3 days after it (domain.md §1.5).",
      "Some councils have no 2024-25 value; their SUS discharges are left out of the England and regional part 2 " +
        "denominators (ODS-2425 Note 14).",
      inDevelopment,
    ],
  }),
  ascof({
    code: "2D(2)",
    title:
      "The proportion of people aged 65 and over discharged from hospital, who received reablement services",
    shortTitle: "65+ discharges offered reablement",
    objective: objectives.independence,
    unit: "percent",
    polarity: "higher-is-better",
    ...cldMetric,
    source: [
      cld("reablement (ST-Max) episodes linked to hospital discharges"),
      { id: "SUS", detail: "admitted patient care: all qualifying discharges aged 65 and over" },
    ],
    numerator: "People aged 65 and over discharged from hospital where reablement services were provided",
    denominator: "All people aged 65 and over discharged from hospital",
    legacyCodes: [was("2B(2)")],
    seriesBreaks: [
      breaks.cld,
      {
        fromYear: "2024-25",
        reason:
          "Was SALT STS004 over HES discharges 1 October–31 December; now CLD linked to SUS for discharges in the " +
          "whole year; a different metric (ODS-2425 Comparability log, 2D(2) 2024 to 2025).",
      },
    ],
    notes: [
      "Polarity inferred [U]: a coverage measure, read as higher-is-better (domain.md §1.2 and §8.8).",
      "Councils without 2D data are left out of the England and regional denominators (ODS-2425 Note 14).",
      inDevelopment,
    ],
  }),
  ascof({
    code: "2E(1)",
    title:
      "The proportion of people who receive long-term support with a learning disability, who live in their home " +
      "or with family, aged 18 to 64",
    shortTitle: "Learning disability: own home/family",
    objective: objectives.independence,
    unit: "percent",
    polarity: "higher-is-better",
    ...cldMetric,
    source: [cld("long-term services in the year, primary support reason and accommodation status")],
    numerator:
      "People aged 18 to 64 with a learning disability who received long-term support and who live in their home " +
      "or with family",
    denominator:
      "People aged 18 to 64 with a learning disability who received long-term support during the year",
    legacyCodes: [was("1G")],
    seriesBreaks: [breaks.cld],
    notes: [
      "Unknown accommodation stays in the denominator; 'Unknown: presumed at home' (home support or domiciliary " +
        "care) counts as settled (DHSC SQL, domain.md §1.5).",
      "The comparability log has no 2E rows; the break follows Note 9 (SALT LTS004 → CLD).",
      inDevelopment,
    ],
  }),
  ascof({
    code: "2E(2a)",
    title:
      "The proportion of people who receive long-term support who live in their home or with family, aged 18 to 64",
    shortTitle: "Long-term support 18-64 at home/family",
    objective: objectives.independence,
    unit: "percent",
    polarity: "higher-is-better",
    ...cldMetric,
    source: [cld("long-term services in the year and accommodation status")],
    numerator:
      "People aged 18 to 64 who received long-term support and who live in their home or with family",
    denominator: "People aged 18 to 64 who received long-term support during the year",
    seriesBreaks: [breaks.cld],
    notes: [
      "New in 2024-25: no 2022-23 code (ODS-2425 Contents: 'Not applicable').",
      "Unknown accommodation stays in the denominator (domain.md §1.5).",
      "Official statistics in development (ODS-2425 Note 9).",
    ],
  }),
  ascof({
    code: "2E(2b)",
    title:
      "The proportion of people who receive long-term support who live in their home or with family, aged 65 and " +
      "over",
    shortTitle: "Long-term support 65+ at home/family",
    objective: objectives.independence,
    unit: "percent",
    polarity: "higher-is-better",
    ...cldMetric,
    source: [cld("long-term services in the year and accommodation status")],
    numerator:
      "People aged 65 and over who received long-term support and who live in their home or with family",
    denominator: "People aged 65 and over who received long-term support during the year",
    seriesBreaks: [breaks.cld],
    notes: [
      "New in 2024-25: no 2022-23 code (ODS-2425 Contents: 'Not applicable').",
      "Unknown accommodation stays in the denominator (domain.md §1.5).",
      "Official statistics in development (ODS-2425 Note 9).",
    ],
  }),

  // Objective 3: empowerment (information and advice)
  ascof({
    code: "3A",
    title: "The proportion of people who use services who report having control over their daily life",
    shortTitle: "Control over daily life",
    objective: objectives.empowerment,
    unit: "percent",
    polarity: "higher-is-better",
    ...ascsSurvey,
    source: [ascs("question 3a")],
    numerator:
      "Respondents to ASCS question 3a who felt they had control over their daily life (as much control as they " +
      "want, or adequate control), weighted",
    denominator: "Care users who answered ASCS question 3a",
    legacyCodes: [was("1B")],
    seriesBreaks: [breaks.ascsVoluntary],
    firstYear: "2010-11",
    notes: [ascsWeighted],
  }),
  ascof({
    code: "3B",
    title:
      "The proportion of carers who report that they have been included or consulted in discussion about the " +
      "person they care for",
    shortTitle: "Carers included or consulted",
    objective: objectives.empowerment,
    unit: "percent",
    polarity: "higher-is-better",
    ...saceSurvey,
    source: [sace("question 19")],
    numerator:
      "Respondents who said they usually or always felt involved or consulted in discussion about the person they " +
      "care for",
    denominator: "Unpaid carers who answered the SACE question",
    legacyCodes: [was("3C")],
    seriesBreaks: [breaks.saceEligibility],
    firstYear: "2012-13",
    notes: [
      "Question number unresolved: ODS-2425 Contents says SACE question 19, Table_3b says question 15 (and calls " +
        "it an ASCS question); the Contents sheet is recorded (domain.md §8.2).",
      saceCycle,
    ],
  }),
  ascof({
    code: "3C(1)",
    title: "The proportion of people who use services who find it easy to find information about services",
    shortTitle: "Care users find information easily",
    objective: objectives.empowerment,
    unit: "percent",
    polarity: "higher-is-better",
    ...ascsSurvey,
    source: [ascs("question 13 (question 12 up to 2021-22)")],
    numerator:
      "Respondents who find it very easy or fairly easy to find information about services, weighted",
    denominator:
      "Care users who answered ASCS question 13 (question 12 from 2015-16 to 2021-22), excluding those who never " +
      "tried to find information",
    legacyCodes: [was("3D(1)")],
    seriesBreaks: [breaks.ascsVoluntary],
    firstYear: "2013-14",
    notes: [
      "'Never tried' answers are excluded (NHSE-ASCS-code, domain.md §1.6). The question renumbering in 2022-23 is " +
        "not a break (ODS-2425 Table_3c(1)).",
      ascsWeighted,
    ],
  }),
  ascof({
    code: "3C(2)",
    title: "The proportion of carers who find it easy to find information about support",
    shortTitle: "Carers find information easily",
    objective: objectives.empowerment,
    unit: "percent",
    polarity: "higher-is-better",
    ...saceSurvey,
    source: [sace("question 17")],
    numerator: "Respondents who find it very easy or fairly easy to find information about support",
    denominator: "Unpaid carers who answered SACE question 17",
    legacyCodes: [was("3D(2)")],
    seriesBreaks: [breaks.saceEligibility],
    firstYear: "2013-14",
    notes: [
      "ODS-2425 Contents gives start year 2013 to 2014 although SACE ran in 2012-13 and 2014-15; recorded as given.",
      "2018-19 England, regional and council-type values were recalculated after a publication error (ODS-2425 " +
        "Note 8).",
      saceCycle,
    ],
  }),
  ascof({
    code: "3D(1a)",
    title: "The proportion of care users who receive self-directed support",
    shortTitle: "Self-directed support (care users)",
    objective: objectives.empowerment,
    unit: "percent",
    polarity: "higher-is-better",
    ...cldMetric,
    source: [cld("long-term community services open on 31 March and their delivery mechanism")],
    numerator:
      "Care users receiving self-directed support (direct payment or CASSR-managed personal budget) at the " +
      "year-end, 31 March",
    denominator: "Care users receiving long-term community support at the year-end, 31 March",
    legacyCodes: [was("1C(1A)")],
    seriesBreaks: [breaks.cld],
    notes: [
      "Many councils' 2024-25 CLD values fall well below the ~100% expected, probably data quality rather than " +
        "practice; DHSC keeps 3D(1a) in the tables but out of the commentary (ODS-2425 Note 15).",
      "ODS-2425 Contents prints the 2022-23 code as '1C(1a)'; written '1C(1A)' as in the Comparability log and the " +
        "2014-framework codes.",
      inDevelopment,
    ],
  }),
  ascof({
    code: "3D(1b)",
    title: "The proportion of carers who receive self-directed support",
    shortTitle: "Self-directed support (carers)",
    objective: objectives.empowerment,
    unit: "percent",
    polarity: "higher-is-better",
    frequency: "annual",
    suppression: suppressions.cld,
    source: [cld("unpaid carer support in the year and its delivery mechanism")],
    numerator:
      "Unpaid carers receiving self-directed support (direct payment or CASSR-managed personal budget) during the " +
      "year",
    denominator:
      "Unpaid carers receiving direct payments, CASSR-managed personal budgets or CASSR-commissioned support " +
      "during the year",
    legacyCodes: [was("1C(1B)")],
    seriesBreaks: [breaks.cld],
    published: false,
    notes: [
      "Not published for 2024-25: 'the national number of unpaid carers described in CLD for 2024 to 2025 was " +
        "significantly lower than the figure reported through short and long term (SALT) the previous year' " +
        "(ODS-2425 Cover).",
      "Not in ODS-2425 Contents; title and 2022-23 code from the Comparability log; numerator and denominator from " +
        "the DHSC CLD carer hierarchy (domain.md §1.5). Carers under 18 removed from 2019-20, not a break.",
    ],
  }),
  ascof({
    code: "3D(2a)",
    title: "The proportion of care users who receive direct payments",
    shortTitle: "Direct payments (care users)",
    objective: objectives.empowerment,
    unit: "percent",
    polarity: "higher-is-better",
    ...cldMetric,
    source: [cld("long-term community services open on 31 March and their delivery mechanism")],
    numerator: "Care users receiving direct payments at the year-end, 31 March",
    denominator: "Care users receiving long-term community support at the year-end, 31 March",
    legacyCodes: [was("1C(2A)")],
    seriesBreaks: [breaks.cld],
    notes: [
      "2022-23 code: ODS-2425 Contents prints '1C(1b)', an apparent typo (that is the carers' measure, now 3D(1b)); " +
        "the Comparability log gives 1C(2A), which is recorded here (domain.md §1.2).",
      inDevelopment,
    ],
  }),
  ascof({
    code: "3D(2b)",
    title: "The proportion of carers who receive direct payments",
    shortTitle: "Direct payments (carers)",
    objective: objectives.empowerment,
    unit: "percent",
    polarity: "higher-is-better",
    frequency: "annual",
    suppression: suppressions.cld,
    source: [cld("unpaid carer support in the year and its delivery mechanism")],
    numerator: "Unpaid carers receiving direct payments during the year",
    denominator:
      "Unpaid carers receiving direct payments, CASSR-managed personal budgets or CASSR-commissioned support " +
      "during the year",
    legacyCodes: [was("1C(2B)")],
    seriesBreaks: [breaks.cld],
    published: false,
    notes: [
      "Not published for 2024-25: 'the national number of unpaid carers described in CLD for 2024 to 2025 was " +
        "significantly lower than the figure reported through short and long term (SALT) the previous year' " +
        "(ODS-2425 Cover).",
      "Not in ODS-2425 Contents; title and 2022-23 code from the Comparability log (whose 3D(2b) row says '3D(1b) " +
        "was not published', a copy slip); numerator and denominator from domain.md §1.5.",
    ],
  }),

  // Objective 4: safety
  ascof({
    code: "4A",
    title: "The proportion of people who use services who feel safe",
    shortTitle: "Care users who feel safe",
    objective: objectives.safety,
    unit: "percent",
    polarity: "higher-is-better",
    ...ascsSurvey,
    source: [ascs("question 7a")],
    numerator: "Respondents to ASCS question 7a who feel as safe as they want, weighted",
    denominator: "Care users who answered ASCS question 7a",
    legacyCodes: [was("4A")],
    seriesBreaks: [breaks.ascsVoluntary],
    firstYear: "2010-11",
    notes: [ascsWeighted],
  }),
  ascof({
    code: "4B",
    title:
      "The proportion of section 42 safeguarding enquiries where a risk was identified, and the reported outcome " +
      "was that this risk was reduced or removed",
    shortTitle: "S42 risk reduced or removed",
    objective: objectives.safety,
    unit: "percent",
    polarity: "higher-is-better",
    frequency: "annual",
    suppression: suppressions.safeguarding,
    source: [{ id: "SAC", detail: "tables SG2c and SG2e" }],
    numerator:
      "Concluded section 42 enquiries where a risk was identified and the risk was removed or reduced (SG2e)",
    denominator:
      "Concluded section 42 enquiries where a risk was identified: risk removed + risk reduced + risk remained (SG2e)",
    firstYear: "2023-24",
    notes: [
      "New in 2023-24, no 2022-23 code; not the removed 2014-framework 4B 'services made me feel safe and secure' " +
        "(ODS-2425 Contents and Comparability log).",
      "ODS-2425 Table_4b words the counts as 'number of people where a risk was identified'.",
      "Where a council's numerator exceeds its denominator the value is shown as [z], but its counts stay in the " +
        "regional and England totals (ODS-2425 Note 16).",
    ],
  }),

  // Objective 5: social connections
  ascof({
    code: "5A(1)",
    title:
      "The proportion of people who use services who reported that they had as much social contact as they would " +
      "like",
    shortTitle: "Care users with enough social contact",
    objective: objectives.socialConnections,
    unit: "percent",
    polarity: "higher-is-better",
    ...ascsSurvey,
    source: [ascs("question 8a")],
    numerator: "Respondents to ASCS question 8a who have as much social contact as they would like, weighted",
    denominator: "Care users who answered ASCS question 8a",
    legacyCodes: [was("1I(1)")],
    seriesBreaks: [breaks.ascsVoluntary],
    firstYear: "2010-11",
    notes: [ascsWeighted],
  }),
  ascof({
    code: "5A(2)",
    title: "The proportion of carers who reported that they had as much social contact as they would like",
    shortTitle: "Carers with enough social contact",
    objective: objectives.socialConnections,
    unit: "percent",
    polarity: "higher-is-better",
    ...saceSurvey,
    source: [sace("question 11")],
    numerator: "Respondents to SACE question 11 who have as much social contact as they would like",
    denominator: "Unpaid carers who answered SACE question 11",
    legacyCodes: [was("1I(2)")],
    seriesBreaks: [breaks.saceEligibility],
    firstYear: "2012-13",
    notes: [saceCycle],
  }),

  // Objective 6: continuity and quality of care
  ascof({
    code: "6A",
    title: "The proportion of staff in the formal care workforce leaving their role in the past 12 months",
    shortTitle: "Care workforce turnover",
    objective: objectives.continuityAndQuality,
    unit: "percent",
    polarity: "lower-is-better",
    frequency: "annual",
    suppression: suppressions.none,
    source: [{ id: "ASC-WDS", detail: "Skills for Care 'Trended Data' download: Turnover" }],
    numerator:
      "Not published: the outcome is Skills for Care's ASC-WDS 'Turnover' rate (staff leaving their role in the " +
      "past 12 months), taken as produced; estimation and rounding mean no numerator is presented (ODS-2425 Note 17)",
    denominator:
      "Not published: the ASC-WDS estimate of staff in the formal care workforce (ODS-2425 Note 17)",
    firstYear: "2023-24",
    notes: [
      "Polarity inferred [U]: lower turnover read as better (domain.md §1.2 and §8.8).",
      "Only the outcome is available, so it cannot be recomputed or aggregated from counts; Isles of Scilly is " +
        "included in Cornwall (ODS-2425 Note 17).",
    ],
  }),
  ascof({
    code: "6B",
    title: "The percentage of residential adult social care providers rated good or outstanding by CQC",
    shortTitle: "Care homes rated Good or Outstanding",
    objective: objectives.continuityAndQuality,
    unit: "percent",
    polarity: "higher-is-better",
    frequency: "annual",
    suppression: suppressions.none,
    source: [{ id: "CQC", detail: "'Care Directory with filters' data download" }],
    numerator: "Residential adult social care providers rated good or outstanding by CQC",
    denominator: "All residential adult social care providers, including those not yet rated",
    firstYear: "2023-24",
    notes: [
      "ODS-2425 Contents gives the start year as '2024 to 2024'; Table_6b has 2023-24 values, so 2023-24 is " +
        "recorded.",
      "Councils are those in the CQC data set for April 2024, not mapped to later boundaries; providers with no " +
        "local authority are left out of the England total (ODS-2425 Note 18). Counts are published unrounded.",
    ],
  }),
]
