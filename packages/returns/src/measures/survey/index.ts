/**
 * ASCOF measures from survey responses: the Adult Social Care Survey (1A, 1B, 1D, 3A, 3C(1), 4A, 5A(1)) and the
 * Survey of Adult Carers in England (1C, 1E, 3B, 3C(2), 5A(2)), scored per respondent by NHS England's rules and
 * averaged with the survey weights when the loaded file carries them. DHSC's published values are weighted (a
 * stratified sample, adjusted for non-response: ODS-2425 Note 3); without weights the result is the unweighted
 * mean and says so.
 *
 * Sources, rule by rule:
 * - ASCS: NHSDigital/ASC-User-Survey `generate_ascof_scores.py` (1A = 32 − the sum of 8 items; 1J/1B utility
 *   weights and adjustment factor; respondents with a learning disability or in residential/nursing care excluded
 *   from 1B, `q2c_preprocessing.py`) and `params_json/2020-21.json` `ASCOF_CONVERSIONS` (3A/1D from `q1Comb` = 1;
 *   1B/3A control from q3a ∈ {1, 2}; 4A q7a = 1; 1I(1)/5A(1) q8a = 1; 3D(1)/3C(1) from q12 ∈ {2, 3} with 1 "never
 *   tried" excluded), `easy_read_columns.py` (`q1Comb`: standard answers 1–7 clamped to 1–5 by −1, easy-read 1–5).
 * - The questionnaire was renumbered from 2022-23 (a question inserted at 12): ODS-2425 Contents lists 1B's items
 *   as 3a…11, 14, 16a–d, 17a–c, 18, 19 and 3C(1) as question 13, where the 2020-21 code has 13, 15a–d, 16a–c, 17, 18
 *   and 12. We apply the same scoring to the renumbered questions for 2022-23 onwards.
 * - SACE: question numbers from ODS-2425 Contents (1C: 7–12; 1E: 4; 3B: 19 — the table text says 15, see the
 *   catalogue note; 3C(2): 17; 5A(2): 11). The answer codes counted are [P]: 1C scores each of the six items 2/1/0
 *   for answers 1/2/3 (the carer-reported quality of life score, 0–12); 1E counts "extremely or very satisfied"
 *   (1, 2 of 7); 3B counts "always or usually involved" (1, 2), excluding 5 "no discussions"; 3C(2) counts "very or
 *   fairly easy" (1, 2), excluding 5 "never tried"; 5A(2) counts 1 "as much social contact as I want". These could
 *   not be checked against NHS England's SACE code; they are data below, easy to correct.
 *
 * @category measures
 */
import { Catalogue, Outcome, Value } from "@asckit/core"
import type { EtlError, WarehouseReader } from "@asckit/etl"
import { sql } from "drizzle-orm"
import { Effect, Either } from "effect"

/** One respondent's answers and facts. */
export interface Respondent {
  readonly answers: Readonly<Record<string, number>>
  readonly weight: number | null
  readonly age: number | null
}

/** A scoring rule: the respondent's score (a number, 0/1 for a proportion), or `undefined` when not counted. */
export type Score = (r: Respondent, year: string) => number | undefined

const q = (r: Respondent, name: string) => r.answers[name]

/** The ASCS question name for a year: 2020-21 numbering before 2022-23, renumbered from 2022-23. */
export const ascsQuestion = (q2020: string, year: string): string => {
  if (year < "2022-23") return q2020
  const m = /^q(\d+)([a-z]?)$/.exec(q2020)
  return m && Number(m[1]) >= 12 ? `q${Number(m[1]) + 1}${m[2]}` : q2020
}

const proportion =
  (question: (year: string) => string, yes: ReadonlyArray<number>, counted: ReadonlyArray<number>): Score =>
  (r, year) => {
    const a = q(r, question(year))
    if (a === undefined || !counted.includes(a)) return undefined
    return yes.includes(a) ? 1 : 0
  }

const same = (name: string) => () => name
const ascs = (name: string) => (year: string) => ascsQuestion(name, year)

const QOL = ["q3a", "q4a", "q5a", "q6a", "q7a", "q8a", "q9a", "q11"] as const

/** 1A: 32 − the sum of the eight quality-of-life answers (each 1–4); blank if any is missing. */
export const score1A: Score = (r) => {
  let sum = 0
  for (const item of QOL) {
    const a = q(r, item)
    if (a === undefined || a < 1 || a > 4) return undefined
    sum += a
  }
  return 32 - sum
}

const utility: Readonly<Record<string, ReadonlyArray<number>>> = {
  q3a: [1, 0.919, 0.541, 0],
  q4a: [0.911, 0.789, 0.265, 0.195],
  q5a: [0.879, 0.775, 0.294, 0.184],
  q6a: [0.863, 0.78, 0.374, 0.288],
  q7a: [0.88, 0.452, 0.298, 0.114],
  q8a: [0.873, 0.748, 0.497, 0.241],
  q9a: [0.962, 0.927, 0.567, 0.17],
  q11: [0.847, 0.637, 0.295, 0.263],
}
const difficulty2020 = {
  q13: [0, 0, -0.0148, -0.109, -0.109],
  q17: [0, -0.0308, -0.125, -0.125, -0.125],
  q18: [0, -0.0603, -0.11, -0.11],
} as const
const assistance2020 = ["q15a", "q15b", "q15c", "q15d", "q16a", "q16b", "q16c"] as const

/**
 * 1B (formerly 1J): the utility-weighted quality of life (Σ utilities × 0.203 − 0.466) minus the adjustment factor
 * (difficulty items, the count of help received, age); blank for respondents with a learning disability (PSR code 7)
 * or in residential or nursing care (setting 2, 3), or with any item missing (NHS England, see the module notes).
 */
export const score1B: Score = (r, year) => {
  if (r.answers.psr === 7 || r.answers.setting === 2 || r.answers.setting === 3) return undefined
  if (r.age === null) return undefined
  let u = 0
  for (const item of QOL) {
    const a = q(r, item)
    const w = a === undefined ? undefined : utility[item]![a - 1]
    if (w === undefined) return undefined
    u += w
  }
  let adjustment = r.age <= 64 ? 0 : 0.0473
  for (const [item, values] of Object.entries(difficulty2020)) {
    const a = q(r, ascsQuestion(item, year))
    const v = a === undefined ? undefined : values[a - 1]
    if (v === undefined) return undefined
    adjustment += v
  }
  let assisted = 0
  for (const item of assistance2020) {
    const a = q(r, ascsQuestion(item, year))
    if (a === undefined || a < 1 || a > 3) return undefined
    assisted += a - 1
  }
  adjustment += 0.5798 - assisted * 0.0202
  return u * 0.203 - 0.466 - adjustment
}

/** `q1Comb`: standard answers 1–7 made comparable with the easy-read 1–5 (NHS England `easy_read_columns.py`). */
export const q1Comb = (r: Respondent): number | undefined => {
  const a = q(r, "q1")
  if (a === undefined) return undefined
  const easyRead = r.answers.questionnaire === 3 || r.answers.questionnaire === 4
  return easyRead ? a : Math.min(Math.max(a - 1, 1), 5)
}

/** 1C: the carer-reported quality of life score, 2/1/0 for answers 1/2/3 of items 7–12 ([P], see the notes). */
export const score1C: Score = (r) => {
  let total = 0
  for (const item of ["q7", "q8", "q9", "q10", "q11", "q12"]) {
    const a = q(r, item)
    if (a === undefined || a < 1 || a > 3) return undefined
    total += 3 - a
  }
  return total
}

/** The scoring of each survey measure, by catalogue code. */
export const scoring: Readonly<Record<string, { readonly survey: "ASCS" | "SACE"; readonly score: Score }>> =
  {
    "1A": { survey: "ASCS", score: score1A },
    "1B": { survey: "ASCS", score: score1B },
    "1D": {
      survey: "ASCS",
      score: (r) => {
        const c = q1Comb(r)
        return c === undefined ? undefined : c === 1 ? 1 : 0
      },
    },
    "3A": { survey: "ASCS", score: proportion(same("q3a"), [1, 2], [1, 2, 3, 4]) },
    "3C(1)": { survey: "ASCS", score: proportion(ascs("q12"), [2, 3], [2, 3, 4, 5]) },
    "4A": { survey: "ASCS", score: proportion(same("q7a"), [1], [1, 2, 3, 4]) },
    "5A(1)": { survey: "ASCS", score: proportion(same("q8a"), [1], [1, 2, 3, 4]) },
    "1C": { survey: "SACE", score: score1C },
    "1E": { survey: "SACE", score: proportion(same("q4"), [1, 2], [1, 2, 3, 4, 5, 6, 7]) },
    "3B": { survey: "SACE", score: proportion(same("q19"), [1, 2], [1, 2, 3, 4]) },
    "3C(2)": { survey: "SACE", score: proportion(same("q17"), [1, 2], [1, 2, 3, 4]) },
    "5A(2)": { survey: "SACE", score: proportion(same("q11"), [1], [1, 2, 3]) },
  }

/** A survey measure's result for a council and year. */
export interface Result {
  readonly measureId: string
  readonly code: string
  readonly laCode: string
  readonly year: string
  /** Respondents counted (unweighted). */
  readonly respondents: number
  /** Σ weight × score and Σ weight over the respondents counted (weights are 1 when the file has none). */
  readonly weightedScore: number
  readonly weightTotal: number
  readonly weighted: boolean
  /** The outcome, with the respondents as its denominator (what publication suppresses and rounds). */
  readonly value: Value.Value
  readonly status: "ok" | "not-available"
  readonly note: string
}

/** Scores a list of respondents for a measure (pure; `compute` reads them from the warehouse). */
export const score = (
  code: string,
  year: string,
  laCode: string,
  respondents: ReadonlyArray<Respondent>,
): Result => {
  const rule = scoring[code]
  const measure = Either.getOrThrow(Catalogue.get(`ASCOF-2023:${code}`))
  if (!rule) throw new Error(`${code} is not a survey measure`)
  let n = 0
  let sw = 0
  let sws = 0
  let weighted = respondents.length > 0
  for (const r of respondents) {
    const s = rule.score(r, year)
    if (s === undefined) continue
    const w = r.weight ?? 1
    if (r.weight === null) weighted = false
    n += 1
    sw += w
    sws += w * s
  }
  const base = {
    measureId: measure.id,
    code,
    laCode,
    year,
    respondents: n,
    weightedScore: sws,
    weightTotal: sw,
    weighted,
  }
  if (n === 0) {
    return {
      ...base,
      value: Value.notAvailable("no survey responses loaded"),
      status: "not-available",
      note: "no responses",
    }
  }
  // Proportions are percentages of the weighted respondents; scores are weighted means.
  const computed = Outcome.compute(measure, { numerator: sws, denominator: sw })
  const value = computed._tag === "Available" ? Value.available(computed.value, undefined, n) : computed
  return {
    ...base,
    value,
    status: "ok",
    note: weighted
      ? "weighted with the survey weights in the file"
      : "unweighted: the loaded file carries no survey weights",
  }
}

/** The survey measures of the catalogue this module computes. */
export const codes = Object.keys(scoring)

/** Computes a survey measure for a council and year from the loaded responses. */
export const compute = (
  reader: WarehouseReader.Service,
  options: { readonly code: string; readonly year: string; readonly laCode: string },
): Effect.Effect<Result, EtlError.WarehouseError> => {
  const rule = scoring[options.code]
  if (!rule) return Effect.die(new Error(`${options.code} is not a survey measure`))
  return Effect.map(
    reader.all<{ answers: string; weight: number | null; age: number | null }>(
      `read ${rule.survey} responses`,
      sql`select answers, weight, age from survey_response where survey = ${rule.survey} and year = ${options.year} and la_code = ${options.laCode}`,
    ),
    (rows) =>
      score(
        options.code,
        options.year,
        options.laCode,
        rows.map((r) => ({
          answers: JSON.parse(r.answers) as Record<string, number>,
          weight: r.weight,
          age: r.age,
        })),
      ),
  )
}

/** Computes every survey measure for a council and year. */
export const computeAll = (
  reader: WarehouseReader.Service,
  options: { readonly year: string; readonly laCode: string },
): Effect.Effect<ReadonlyArray<Result>, EtlError.WarehouseError> =>
  Effect.forEach(codes, (code) => compute(reader, { ...options, code }))
