/**
 * Writes the borough's response-level survey files in the layout the `survey` source reads: the Adult Social Care
 * Survey (ASCS) for each financial year 2022-23 … 2025-26, and the biennial Survey of Adult Carers in England (SACE)
 * for 2023-24 and 2025-26. One row per respondent; answers coded as on the questionnaire (1 = the first option).
 *
 * **ASCS sample** (NHS England's method, NHSDigital/ASC-User-Survey `docs/maths.md` and `params_json/2020-21.json`
 * `Stratum`): the eligible population is the model's service users aged 18+ in long-term support on the sample date
 * (1 November of the survey year — [assumption] the guidance lets councils extract in the autumn before the
 * January–March fieldwork), alive through the fieldwork, in four strata: 1 learning disability support (all ages),
 * 2 aged 18–64 excluding learning disability, 3 aged 65+ in residential or nursing care excluding learning
 * disability, 4 aged 65+ in the community excluding learning disability. About 330 respondents a year at scale 1
 * (Bury: 310–370), allocated 20/22/18/40% to the strata (so the strata are sampled at different rates, as councils
 * oversample), each drawn at random from its stratum. Each respondent's `Weight` is the stratum's eligible
 * population over its respondents, so the weights of a stratum sum to its eligible population (the stratified
 * estimate of `stratification.py`). `PrimarySupportReason` uses the survey's codes (`DEMOGRAPHICS_CONVERSIONS`: 7
 * learning disability; 1–2 physical, 3–5 sensory, 6 memory and cognition, 8 mental health, 9–11 social — [P] the
 * order within the physical and social groups is not given there and is assumed), `SupportSetting` 1 community, 2
 * residential, 3 nursing, `Questionnaire` 1 community, 2 residential or nursing, 3 easy read (community) and 4 easy
 * read (residential or nursing; 3 and 4 are easy read in `EASY_READ_QUESTIONNAIRE_TYPES`) — about 70% of
 * respondents with a learning disability answer the easy-read questionnaire.
 *
 * **Question numbers** are the questionnaire's from 2022-23 (a question inserted at 12, `ascsQuestion`): q13 is the
 * 2020-21 q12 (3C(1)), q14 the 2020-21 q13, and so on; the new q12 is not written ([U] its wording and codes were not
 * available). **SACE** questions (ODS-2425 Contents): q4 satisfaction (1–7), q7–q12 the carer quality-of-life items
 * (1–3; q11 social contact), q17 ease of finding information (1–4, 5 never tried), q19 involvement in discussions
 * about the cared-for person's support (1–4, 5 no discussions); other SACE questions are not written. SACE is a
 * simple random sample of carers who had a carer's assessment or review in the 12 months before its sample date
 * (1 September of the survey year, [assumption]), about 230 respondents at scale 1 (Bury 2023-24: 150–240 per
 * question), each weighted by eligible population over respondents.
 *
 * **Answers** are calibrated so the borough's weighted results sit near Bury's published values (domain.md §7.1,
 * `ASCS_TARGETS`, `SACE_TARGETS`). Each respondent has a latent wellbeing score; every question is answered by
 * ranking the respondents of a stratum on that score plus the question's own noise and giving the answer codes out
 * in the proportions the question's distribution asks (largest remainder), best answers to the highest ranks. The
 * answers are therefore correlated, as real answers are, and each stratum's shares are exactly the distribution's,
 * so the weighted result of a proportion measure is its target to within one respondent per stratum. The
 * distributions of the scored items follow from the targets (`ascsDistributions`, `saceDistributions`): the share
 * answering the counted codes is the target, and the five quality-of-life items that no target pins down are mixed
 * between a better and a worse distribution so 1A (or 1C) comes out at its target; 1B follows from the same items
 * and the help and difficulty items (calibrated once to Bury's 0.39–0.40). Every year a few answers are invalid —
 * a 9 in a 1–4 question, the "erroneous input" code −9, a 0 — and a few are left blank, so the load reports
 * findings as real returns do.
 */
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { LocalDate } from "@asckit/core"
import { csvLine } from "./csv.js"
import { LA_CODE, type Person } from "./model.js"
import { apportion, Rng, seedFor } from "./rng.js"

// ---------------------------------------------------------------------------------------------------------------
// years and targets

/** The ASCS years written (annual). */
export const ASCS_YEARS: ReadonlyArray<string> = ["2022-23", "2023-24", "2024-25", "2025-26"]
/** The SACE years written (biennial). */
export const SACE_YEARS: ReadonlyArray<string> = ["2023-24", "2025-26"]

/** What an ASCS year is calibrated to: 1A (score) and the proportion measures (%). */
export interface AscsTargets {
  readonly "1A": number
  readonly "1D": number
  readonly "3A": number
  readonly "3C(1)": number
  readonly "4A": number
  readonly "5A(1)": number
}

/** What a SACE year is calibrated to: 1C (score) and the proportion measures (%). */
export interface SaceTargets {
  readonly "1C": number
  readonly "1E": number
  readonly "3B": number
  readonly "3C(2)": number
  readonly "5A(2)": number
}

/**
 * The ASCS targets: Bury's published 2024-25 values (domain.md §7.1: 1A 19.1, 1D 64.3, 3A 77.3, 3C(1) 64.8, 4A 70.7,
 * 5A(1) 46.9); the other years within about a point of them, moving as a council's do (Bury's 2023-24 3A and 4A,
 * 79.6 and 72.7, are moderated to 78.0 and 72.0).
 */
export const ASCS_TARGETS: Readonly<Record<string, AscsTargets>> = {
  "2022-23": { "1A": 18.9, "1D": 63.0, "3A": 76.0, "3C(1)": 64.0, "4A": 70.0, "5A(1)": 46.0 },
  "2023-24": { "1A": 19.1, "1D": 63.8, "3A": 78.0, "3C(1)": 65.8, "4A": 72.0, "5A(1)": 46.2 },
  "2024-25": { "1A": 19.1, "1D": 64.3, "3A": 77.3, "3C(1)": 64.8, "4A": 70.7, "5A(1)": 46.9 },
  "2025-26": { "1A": 19.2, "1D": 64.5, "3A": 77.5, "3C(1)": 65.5, "4A": 71.5, "5A(1)": 47.5 },
}

/** The SACE targets: Bury's published 2023-24 values (domain.md §7.1); 2025-26 a little better. */
export const SACE_TARGETS: Readonly<Record<string, SaceTargets>> = {
  "2023-24": { "1C": 7.3, "1E": 33.5, "3B": 70.9, "3C(2)": 60.5, "5A(2)": 26.1 },
  "2025-26": { "1C": 7.4, "1E": 34.5, "3B": 71.5, "3C(2)": 61.5, "5A(2)": 27.0 },
}

/** Respondents a year at scale 1. */
export const ASCS_RESPONDENTS = 330
/** Respondents a survey at scale 1. */
export const SACE_RESPONDENTS = 230

/** The share of ASCS respondents from each stratum (1–4). */
const STRATUM_SHARE: ReadonlyArray<number> = [0.2, 0.22, 0.18, 0.4]

/** The ASCS sample date of a survey year (1 November; see the module notes). */
export const ascsSampleDate = (year: string): LocalDate.LocalDate =>
  `${year.slice(0, 4)}-11-01` as LocalDate.LocalDate
/** The SACE sample date of a survey year (1 September; see the module notes). */
export const saceSampleDate = (year: string): LocalDate.LocalDate =>
  `${year.slice(0, 4)}-09-01` as LocalDate.LocalDate

// ---------------------------------------------------------------------------------------------------------------
// answer distributions

/** Shares of answer codes 1, 2, … of one question (they sum to 1). */
export type Distribution = ReadonlyArray<number>

const mix = (good: Distribution, poor: Distribution, poorShare: number): Distribution =>
  good.map((g, i) => g * (1 - poorShare) + (poor[i] ?? 0) * poorShare)
const mean = (d: Distribution): number => d.reduce((a, p, i) => a + p * (i + 1), 0)
const clamp01 = (x: number): number => Math.min(1, Math.max(0, x))
/** The `t` share on the counted codes, split as `yes`, and the rest as `no`. */
const split = (t: number, yes: ReadonlyArray<number>, no: ReadonlyArray<number>): Distribution => [
  ...yes.map((y) => t * y),
  ...no.map((n) => (1 - t) * n),
]

/** ASCS quality-of-life items not pinned by a target: a better and a worse distribution (codes 1–4). */
const ascsFree: Readonly<Record<string, readonly [Distribution, Distribution]>> = {
  q4a: [
    [0.75, 0.23, 0.015, 0.005],
    [0.5, 0.42, 0.06, 0.02],
  ],
  q5a: [
    [0.74, 0.24, 0.015, 0.005],
    [0.5, 0.42, 0.06, 0.02],
  ],
  q6a: [
    [0.68, 0.29, 0.025, 0.005],
    [0.45, 0.46, 0.07, 0.02],
  ],
  q9a: [
    [0.45, 0.42, 0.1, 0.03],
    [0.25, 0.45, 0.22, 0.08],
  ],
  q11: [
    [0.55, 0.4, 0.04, 0.01],
    [0.35, 0.53, 0.09, 0.03],
  ],
}

/**
 * ASCS questions not scored, or scored only through 1B's adjustment (help received, health and daily-living
 * difficulty), with their distributions. The help items (q16a–d, q17a–c: 2020-21 q15a–d, q16a–c) and difficulty
 * items (q14, q18, q19: 2020-21 q13, q17, q18) were calibrated once so 1B comes out near Bury's 0.39–0.40.
 */
const ascsOther: ReadonlyArray<readonly [string, Distribution]> = [
  ["q2b", [0.88, 0.12]],
  ["q2c", [0.55, 0.3, 0.15]],
  ["q3b", [0.78, 0.17, 0.05]],
  ["q4b", [0.82, 0.14, 0.04]],
  ["q5b", [0.8, 0.15, 0.05]],
  ["q6b", [0.78, 0.17, 0.05]],
  ["q7b", [0.85, 0.15]],
  ["q8b", [0.7, 0.22, 0.08]],
  ["q9b", [0.68, 0.25, 0.07]],
  ["q10", [0.55, 0.3, 0.1, 0.05]],
  ["q14", [0.06, 0.2, 0.38, 0.24, 0.12]],
  ["q15a", [0.3, 0.45, 0.25]],
  ["q15b", [0.4, 0.4, 0.2]],
  ["q16a", [0.86, 0.09, 0.05]],
  ["q16b", [0.86, 0.09, 0.05]],
  ["q16c", [0.86, 0.09, 0.05]],
  ["q16d", [0.86, 0.09, 0.05]],
  ["q17a", [0.86, 0.09, 0.05]],
  ["q17b", [0.86, 0.09, 0.05]],
  ["q17c", [0.86, 0.09, 0.05]],
  ["q17d", [0.7, 0.2, 0.1]],
  ["q18", [0.28, 0.35, 0.22, 0.15]],
  ["q19", [0.33, 0.35, 0.2, 0.12]],
]

/** "Never tried" (q13 code 1) share: excluded from 3C(1). */
const ASCS_NEVER_TRIED = 0.3

/** The ASCS distributions that give a year's targets (see the module notes). */
export const ascsDistributions = (t: AscsTargets): Readonly<Record<string, Distribution>> => {
  const p = (x: number) => clamp01(x / 100)
  // 3A: q3a 1 or 2; 4A: q7a = 1; 5A(1): q8a = 1 (NHS England ASCOF_CONVERSIONS, domain.md §1.6)
  const q3a = split(p(t["3A"]), [0.44, 0.56], [0.78, 0.22])
  const q7a = split(p(t["4A"]), [1], [0.83, 0.14, 0.03])
  const q8a = split(p(t["5A(1)"]), [1], [0.62, 0.26, 0.12])
  // 1A = 32 − the sum of eight items: the five free items' mean sum is what is left of 32 − 1A
  const free = Object.values(ascsFree)
  const good = free.reduce((a, [g]) => a + mean(g), 0)
  const poor = free.reduce((a, [, w]) => a + mean(w), 0)
  const wanted = 32 - t["1A"] - mean(q3a) - mean(q7a) - mean(q8a)
  const poorShare = clamp01((wanted - good) / (poor - good))
  // 1D: q1Comb = 1 (standard 1–2, easy read 1); the combined scale 1–5
  const q1Comb = split(p(t["1D"]), [1], [0.6, 0.22, 0.12, 0.06])
  // 3C(1): q13 2 or 3 of 2–5 (1, never tried, excluded)
  const q13 = [
    ASCS_NEVER_TRIED,
    ...split(p(t["3C(1)"]), [0.38, 0.62], [0.62, 0.38]).map((x) => x * (1 - ASCS_NEVER_TRIED)),
  ]
  return {
    q1Comb,
    q2aComb: [0.35, 0.33, 0.2, 0.08, 0.04],
    q3a,
    q7a,
    q8a,
    q13,
    ...Object.fromEntries(Object.entries(ascsFree).map(([q, [g, w]]) => [q, mix(g, w, poorShare)])),
    ...Object.fromEntries(ascsOther),
  }
}

/** SACE quality-of-life items not pinned by a target (codes 1–3): a better and a worse distribution. */
const saceFree: Readonly<Record<string, readonly [Distribution, Distribution]>> = {
  q7: [
    [0.32, 0.55, 0.13],
    [0.15, 0.55, 0.3],
  ],
  q8: [
    [0.28, 0.57, 0.15],
    [0.14, 0.56, 0.3],
  ],
  q9: [
    [0.5, 0.44, 0.06],
    [0.3, 0.54, 0.16],
  ],
  q10: [
    [0.74, 0.23, 0.03],
    [0.55, 0.37, 0.08],
  ],
  q12: [
    [0.52, 0.38, 0.1],
    [0.32, 0.44, 0.24],
  ],
}

/** "Never tried" (q17 code 5) and "no discussions" (q19 code 5) shares: excluded from 3C(2) and 3B. */
const SACE_NEVER_TRIED = 0.25
const SACE_NO_DISCUSSIONS = 0.15

/** The SACE distributions that give a year's targets (see the module notes). */
export const saceDistributions = (t: SaceTargets): Readonly<Record<string, Distribution>> => {
  const p = (x: number) => clamp01(x / 100)
  // 5A(2): q11 = 1; 1E: q4 1 or 2 of 1–7 (survey measures, ODS-2425 Contents)
  const q11 = split(p(t["5A(2)"]), [1], [0.66, 0.34])
  const q4 = split(p(t["1E"]), [0.4, 0.6], [0.5, 0.25, 0.12, 0.08, 0.05])
  // 1C: each of q7–q12 scores 2/1/0 for 1/2/3; the five free items carry what q11 leaves of the target
  const score = (d: Distribution) => 2 * (d[0] ?? 0) + (d[1] ?? 0)
  const free = Object.values(saceFree)
  const good = free.reduce((a, [g]) => a + score(g), 0)
  const poor = free.reduce((a, [, w]) => a + score(w), 0)
  const poorShare = clamp01((good - (t["1C"] - score(q11))) / (good - poor))
  // 3B: q19 1 or 2 of 1–4 (5 excluded); 3C(2): q17 1 or 2 of 1–4 (5 excluded)
  const q19 = [
    ...split(p(t["3B"]), [0.42, 0.58], [0.65, 0.35]).map((x) => x * (1 - SACE_NO_DISCUSSIONS)),
    SACE_NO_DISCUSSIONS,
  ]
  const q17 = [
    ...split(p(t["3C(2)"]), [0.35, 0.65], [0.6, 0.4]).map((x) => x * (1 - SACE_NEVER_TRIED)),
    SACE_NEVER_TRIED,
  ]
  return {
    q4,
    ...Object.fromEntries(Object.entries(saceFree).map(([q, [g, w]]) => [q, mix(g, w, poorShare)])),
    q11,
    q17,
    q19,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// the sample

/** The ASCS strata (NHS England): 1 learning disability, 2 18–64, 3 65+ residential or nursing, 4 65+ community. */
export type Stratum = 1 | 2 | 3 | 4

/** A sampled person and what the survey file says about them. */
export interface Sampled {
  readonly index: number
  /** The person's random sampling key (the lowest keys of a stratum are sampled). */
  readonly key: number
  readonly stratum: Stratum
  readonly age: number
  /** 1 Male, 2 Female, 3 Other, undefined not known. */
  readonly gender: 1 | 2 | 3 | undefined
  /** 1 community, 2 residential, 3 nursing (ASCS). */
  readonly setting: 1 | 2 | 3
  /** The survey's PSR code (ASCS; see the module notes). */
  readonly psr: number | undefined
}

/** The survey's primary support reason codes of the CLD labels ([P] for the order within groups). */
const PSR_CODES: Readonly<Record<string, number>> = {
  "Physical Support: Access and Mobility Only": 1,
  "Physical Support: Personal Care Support": 2,
  "Sensory Support: Support for Visual Impairment": 3,
  "Sensory Support: Support for Hearing Impairment": 4,
  "Sensory Support: Support for Dual Impairment": 5,
  "Support with Memory and Cognition": 6,
  "Learning Disability Support": 7,
  "Mental Health Support": 8,
  "Social Support: Substance Misuse Support": 9,
  "Social Support: Asylum Seeker Support": 10,
  "Social Support: Support for Social Isolation/Other": 11,
}

const genderCode = (g: string): Sampled["gender"] =>
  g === "Male" ? 1 : g === "Female" ? 2 : g === "Other" ? 3 : undefined

const ageOn = (p: Person, date: LocalDate.LocalDate): number =>
  LocalDate.dhscAge(p.birthYear, p.birthMonth, date)

/** Days of fieldwork after the sample date a respondent must live through. */
const FIELDWORK_DAYS = 120

const aliveThrough = (p: Person, date: LocalDate.LocalDate): boolean =>
  p.dateOfDeath === undefined || p.dateOfDeath > LocalDate.addDays(date, FIELDWORK_DAYS)

/** The ASCS stratum and setting of a person on the sample date, or undefined when not eligible. */
export const ascsEligibility = (
  p: Person,
  date: LocalDate.LocalDate,
): Pick<Sampled, "stratum" | "setting" | "age"> | undefined => {
  if (p.clientType !== "Service user" || !aliveThrough(p, date)) return undefined
  const age = ageOn(p, date)
  if (age < 18) return undefined
  let setting: 0 | 1 | 2 | 3 = 0
  for (const e of p.events) {
    if (e.type !== "Service" || e.serviceType?.startsWith("Long term support") !== true) continue
    if (e.start > date || (e.end !== undefined && e.end < date)) continue
    const s =
      e.serviceType === "Long term support: Nursing care"
        ? 3
        : e.serviceType === "Long term support: Residential care"
          ? 2
          : 1
    if (s > setting) setting = s
  }
  if (setting === 0) return undefined
  const stratum: Stratum =
    p.primarySupportReason === "Learning Disability Support" ? 1 : age < 65 ? 2 : setting > 1 ? 3 : 4
  return { stratum, setting, age }
}

/** Whether an unpaid carer is in SACE's eligible population: a carer's assessment or review in the 12 months. */
export const saceEligible = (p: Person, date: LocalDate.LocalDate): boolean => {
  if (p.clientType !== "Unpaid carer" || !aliveThrough(p, date) || ageOn(p, date) < 18) return false
  const from = LocalDate.addDays(date, -365)
  return p.events.some(
    (e) => (e.type === "Assessment" || e.type === "Review") && e.start > from && e.start <= date,
  )
}

/** The lowest `k` keys seen, kept sorted (a reservoir that does not depend on the order people come in). */
class BottomK {
  readonly items: Array<Sampled> = []
  eligible = 0
  constructor(readonly k: number) {}
  offer(s: Sampled): void {
    this.eligible++
    if (this.k <= 0) return
    const last = this.items[this.items.length - 1]
    if (this.items.length >= this.k && last !== undefined && s.key >= last.key) return
    let lo = 0
    let hi = this.items.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.items[mid]?.key ?? 0) < s.key) lo = mid + 1
      else hi = mid
    }
    this.items.splice(lo, 0, s)
    if (this.items.length > this.k) this.items.pop()
  }
}

/** One survey's sample: respondents by stratum (SACE: one stratum, 1) and each stratum's eligible population. */
export interface Sample {
  readonly survey: "ASCS" | "SACE"
  readonly year: string
  readonly sampleDate: LocalDate.LocalDate
  readonly strata: ReadonlyArray<{
    readonly stratum: Stratum
    readonly eligible: number
    readonly respondents: ReadonlyArray<Sampled>
  }>
}

const SALT = { ascsKey: 521, saceKey: 522, answers: 523, faults: 524 } as const

const yearNo = (year: string): number => Number(year.slice(0, 4))

/** Draws every survey's sample from the people, in one pass (deterministic for a seed, whatever the order). */
export const drawSamples = (
  people: Iterable<Person>,
  options: { readonly seed?: number; readonly scale?: number } = {},
): ReadonlyArray<Sample> => {
  const seed = options.seed ?? 1
  const scale = options.scale ?? 1
  const size = (n: number) => Math.max(20, Math.round(n * scale))
  const ascsN = size(ASCS_RESPONDENTS)
  const shares = apportion(ascsN, STRATUM_SHARE)
  const ascs = ASCS_YEARS.map((year) => ({
    year,
    date: ascsSampleDate(year),
    strata: shares.map((k) => new BottomK(k)),
  }))
  const sace = SACE_YEARS.map((year) => ({
    year,
    date: saceSampleDate(year),
    pool: new BottomK(size(SACE_RESPONDENTS)),
  }))
  for (const p of people) {
    if (p.clientType === "Service user") {
      for (const s of ascs) {
        const e = ascsEligibility(p, s.date)
        if (e === undefined) continue
        const key = new Rng(seedFor(seed, p.index, SALT.ascsKey + 10 * yearNo(s.year))).next()
        s.strata[e.stratum - 1]?.offer({
          index: p.index,
          key,
          ...e,
          gender: genderCode(p.gender),
          psr: p.primarySupportReason === undefined ? undefined : PSR_CODES[p.primarySupportReason],
        })
      }
    } else {
      for (const s of sace) {
        if (!saceEligible(p, s.date)) continue
        const key = new Rng(seedFor(seed, p.index, SALT.saceKey + 10 * yearNo(s.year))).next()
        s.pool.offer({
          index: p.index,
          key,
          stratum: 1,
          age: ageOn(p, s.date),
          gender: genderCode(p.gender),
          setting: 1,
          psr: undefined,
        })
      }
    }
  }
  return [
    ...ascs.map(
      (s): Sample => ({
        survey: "ASCS",
        year: s.year,
        sampleDate: s.date,
        strata: s.strata.map((b, i) => ({
          stratum: (i + 1) as Stratum,
          eligible: b.eligible,
          respondents: b.items,
        })),
      }),
    ),
    ...sace.map(
      (s): Sample => ({
        survey: "SACE",
        year: s.year,
        sampleDate: s.date,
        strata: [{ stratum: 1, eligible: s.pool.eligible, respondents: s.pool.items }],
      }),
    ),
  ]
}

// ---------------------------------------------------------------------------------------------------------------
// answering

/**
 * Gives the codes of `dist` out to `scores` (one per respondent): the highest scores get code 1, in exactly the
 * shares of the distribution (largest remainder). Returns the code of each respondent, in input order.
 */
const rankAnswers = (scores: ReadonlyArray<number>, dist: Distribution): Array<number> => {
  const counts = apportion(scores.length, dist)
  const order = scores.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s || a.i - b.i)
  const out = new Array<number>(scores.length).fill(1)
  let code = 0
  let left = counts[0] ?? 0
  for (const { i } of order) {
    while (left <= 0 && code < counts.length - 1) left = counts[++code] ?? 0
    out[i] = code + 1
    left--
  }
  return out
}

/** A respondent's row: header column → cell text. */
export type SurveyRow = Readonly<Record<string, string>>

/** The ASCS columns written, in order (`SerialNo`… the respondent facts, then the questions). */
export const ASCS_COLUMNS: ReadonlyArray<string> = [
  "SerialNo",
  "LaCode",
  "Stratum",
  "Questionnaire",
  "SupportSetting",
  "PrimarySupportReason",
  "Age",
  "Gender",
  "Weight",
  "q1",
  "q2a",
  "q2b",
  "q2c",
  "q3a",
  "q3b",
  "q4a",
  "q4b",
  "q5a",
  "q5b",
  "q6a",
  "q6b",
  "q7a",
  "q7b",
  "q8a",
  "q8b",
  "q9a",
  "q9b",
  "q10",
  "q11",
  "q13",
  "q14",
  "q15a",
  "q15b",
  "q16a",
  "q16b",
  "q16c",
  "q16d",
  "q17a",
  "q17b",
  "q17c",
  "q17d",
  "q18",
  "q19",
]

/** The SACE columns written, in order. */
export const SACE_COLUMNS: ReadonlyArray<string> = [
  "SerialNo",
  "LaCode",
  "Age",
  "Gender",
  "Weight",
  "q4",
  "q7",
  "q8",
  "q9",
  "q10",
  "q11",
  "q12",
  "q17",
  "q19",
]

/** The ASCS questions on a 1–4 scale that carry 1A: where an invalid 9 is injected. */
const QOL_ITEMS = ["q3a", "q4a", "q5a", "q6a", "q7a", "q8a", "q9a", "q11"] as const

/** An invalid answer or blank written on purpose (the load reports it as a finding). */
export interface SurveyAnomaly {
  readonly serialNo: string
  readonly column: string
  /** The text written ("" for a blank). */
  readonly value: string
}

/** One survey's rows and what was made invalid in them. */
export interface SurveyTable {
  readonly survey: "ASCS" | "SACE"
  readonly year: string
  readonly columns: ReadonlyArray<string>
  readonly rows: ReadonlyArray<SurveyRow>
  readonly anomalies: ReadonlyArray<SurveyAnomaly>
}

/** The questions answered, in the order their noise is drawn (a stable order keeps the files stable). */
const ascsAnswered = [
  "q1Comb",
  "q2aComb",
  "q3a",
  "q4a",
  "q5a",
  "q6a",
  "q7a",
  "q8a",
  "q9a",
  "q11",
  "q13",
  ...ascsOther.map(([q]) => q),
]
const saceAnswered = ["q4", "q7", "q8", "q9", "q10", "q11", "q12", "q17", "q19"]

/** Questions whose last code (or, for ASCS q13, first) stands outside the ordered scale, given at random. */
const outsideScale: Readonly<Record<string, "first" | "last">> = { q13: "first", q17: "last", q19: "last" }

/** Answers every respondent of a stratum: code per question per respondent, in respondent order. */
const answerStratum = (
  respondents: ReadonlyArray<{ readonly latent: number; readonly noise: (q: string) => number }>,
  dists: Readonly<Record<string, Distribution>>,
  questions: ReadonlyArray<string>,
  random: (i: number, q: string) => number,
): Array<Record<string, number>> => {
  const out = respondents.map(() => ({}) as Record<string, number>)
  for (const q of questions) {
    const dist = dists[q]
    if (dist === undefined) continue
    const where = outsideScale[q]
    if (where === undefined) {
      rankAnswers(
        respondents.map((r) => r.latent + r.noise(q)),
        dist,
      ).forEach((code, i) => {
        const row = out[i]
        if (row) row[q] = code
      })
      continue
    }
    // the code outside the scale ("never tried", "no discussions") goes to a random share; the rest are ranked
    const outside = where === "first" ? 0 : dist.length - 1
    const share = dist[outside] ?? 0
    const chosen = new Set(
      rankAnswers(
        respondents.map((_, i) => random(i, q)),
        [share, 1 - share],
      ).flatMap((c, i) => (c === 1 ? [i] : [])),
    )
    const rest = respondents.flatMap((r, i) => (chosen.has(i) ? [] : [{ r, i }]))
    const inner = dist.filter((_, k) => k !== outside)
    const codes = rankAnswers(
      rest.map(({ r }) => r.latent + r.noise(q)),
      inner,
    )
    rest.forEach(({ i }, j) => {
      const row = out[i]
      const c = codes[j] ?? 1
      if (row) row[q] = where === "first" ? c + 1 : c
    })
    for (const i of chosen) {
      const row = out[i]
      if (row) row[q] = outside + 1
    }
  }
  return out
}

const serialOf = (survey: "ASCS" | "SACE", year: string, n: number): string =>
  `${survey === "ASCS" ? "U" : "C"}${year.slice(2, 4)}${year.slice(5, 7)}${String(n).padStart(4, "0")}`

/** Builds one survey's table from its sample (deterministic for a seed). */
export const surveyTable = (sample: Sample, seed = 1): SurveyTable => {
  const ascs = sample.survey === "ASCS"
  const y = yearNo(sample.year)
  const dists = ascs
    ? ascsDistributions(ASCS_TARGETS[sample.year] ?? (ASCS_TARGETS["2024-25"] as AscsTargets))
    : saceDistributions(SACE_TARGETS[sample.year] ?? (SACE_TARGETS["2023-24"] as SaceTargets))
  const questions = ascs ? ascsAnswered : saceAnswered
  // every respondent's own stream: a latent wellbeing score, then one noise per question in a fixed order
  const streams = (rs: ReadonlyArray<Sampled>) =>
    rs.map((r) => {
      const rng = new Rng(seedFor(seed, r.index, SALT.answers + 10 * y + (ascs ? 0 : 5)))
      const latent = rng.normal(0, 1)
      const noise = new Map(questions.map((q) => [q, rng.normal(0, 0.9)]))
      const random = new Map(questions.map((q) => [q, rng.next()]))
      const easyRead = ascs && r.stratum === 1 && rng.chance(0.7)
      const half = rng.next()
      return { r, latent, noise: (q: string) => noise.get(q) ?? 0, random, easyRead, half }
    })
  const answered: Array<{
    r: Sampled
    weight: number
    easyRead: boolean
    half: number
    codes: Record<string, number>
  }> = []
  for (const stratum of sample.strata) {
    const rs = streams(stratum.respondents)
    const codes = answerStratum(rs, dists, questions, (i, q) => rs[i]?.random.get(q) ?? 0)
    const weight = stratum.respondents.length > 0 ? stratum.eligible / stratum.respondents.length : 0
    rs.forEach((x, i) => {
      answered.push({ r: x.r, weight, easyRead: x.easyRead, half: x.half, codes: codes[i] ?? {} })
    })
  }
  // returns come back in no particular order: serial numbers follow the sampling keys
  answered.sort((a, b) => a.r.key - b.r.key || a.r.index - b.r.index)
  const rows: Array<Record<string, string>> = answered.map((a, n) => {
    const serial = serialOf(sample.survey, sample.year, n + 1)
    const c = a.codes
    const text = (q: string) => (c[q] === undefined ? "" : String(c[q]))
    if (!ascs)
      return {
        SerialNo: serial,
        LaCode: LA_CODE,
        Age: String(a.r.age),
        Gender: a.r.gender === undefined ? "" : String(a.r.gender),
        Weight: a.weight.toFixed(4),
        ...Object.fromEntries(saceAnswered.map((q) => [q, text(q)])),
      }
    // q1/q2a: the combined 1–5 scale back to the questionnaire's (easy read 1–5; standard 1–7, where 1 and 2
    // both combine to 1 and 6 and 7 to 5: NHS England easy_read_columns.py)
    const standard = (comb: number | undefined): string => {
      if (comb === undefined) return ""
      if (a.easyRead) return String(comb)
      if (comb === 1) return a.half < 0.42 ? "1" : "2"
      if (comb === 5) return a.half < 0.5 ? "6" : "7"
      return String(comb + 1)
    }
    const residential = a.r.setting > 1
    return {
      SerialNo: serial,
      LaCode: LA_CODE,
      Stratum: String(a.r.stratum),
      Questionnaire: a.easyRead ? (residential ? "4" : "3") : residential ? "2" : "1",
      SupportSetting: String(a.r.setting),
      PrimarySupportReason: a.r.psr === undefined ? "" : String(a.r.psr),
      Age: String(a.r.age),
      Gender: a.r.gender === undefined ? "" : String(a.r.gender),
      Weight: a.weight.toFixed(4),
      q1: standard(c.q1Comb),
      q2a: standard(c.q2aComb),
      ...Object.fromEntries(ASCS_COLUMNS.slice(ASCS_COLUMNS.indexOf("q2b")).map((q) => [q, text(q)])),
    }
  })
  // a few invalid answers and blanks, as in every real return (the load keeps them as findings)
  const anomalies: Array<SurveyAnomaly> = []
  const rng = new Rng(seedFor(seed, y, SALT.faults + (ascs ? 0 : 1)))
  const spoil = (column: string, value: string) => {
    if (rows.length === 0) return
    const row = rows[rng.int(0, rows.length - 1)]
    if (row === undefined || row[column] === undefined || row[column] === "") return
    row[column] = value
    anomalies.push({ serialNo: row.SerialNo ?? "", column, value })
  }
  if (ascs) {
    spoil(rng.pick(QOL_ITEMS), "9")
    spoil(rng.pick(QOL_ITEMS), "9")
    spoil("q1", "-9")
    const blanks = Math.max(1, Math.round(rows.length * 0.02))
    for (let i = 0; i < blanks; i++) spoil(rng.pick(["q2b", "q10", "q15a", "q17d", "q9a"]), "")
  } else {
    spoil("q11", "-9")
    spoil("q4", "0")
    const blanks = Math.max(1, Math.round(rows.length * 0.02))
    for (let i = 0; i < blanks; i++) spoil(rng.pick(["q17", "q19", "q12"]), "")
  }
  return {
    survey: sample.survey,
    year: sample.year,
    columns: ascs ? ASCS_COLUMNS : SACE_COLUMNS,
    rows,
    anomalies,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// files

/** Options for `writeSurveys`. */
export interface SurveyWriterOptions {
  /** The folder to write into (created if missing). */
  readonly outDir: string
  /** Borough seed (default 1); use the model's. */
  readonly seed?: number
  /** The model's scale (default 1): sizes the samples (at least 20 respondents a survey). */
  readonly scale?: number
}

/** One survey file written. */
export interface SurveyFile {
  readonly survey: "ASCS" | "SACE"
  /** The financial year (the `survey` source's `year`). */
  readonly year: string
  readonly file: string
  readonly path: string
  /** Respondents (data rows). */
  readonly rows: number
  /** The eligible population (the sum of the weights). */
  readonly eligible: number
  readonly anomalies: ReadonlyArray<SurveyAnomaly>
}

/** The CSV text of a table (CRLF line ends). */
export const surveyCsv = (t: SurveyTable): string =>
  `${[csvLine(t.columns), ...t.rows.map((r) => csvLine(t.columns.map((c) => r[c] ?? "")))].join("\r\n")}\r\n`

/**
 * Writes every survey file (`ascs-<year>.csv`, `sace-<year>.csv`) for the people (stream them: pass
 * `simulatePeople(...)` or a model's `people`).
 */
export const writeSurveys = async (
  people: Iterable<Person>,
  options: SurveyWriterOptions,
): Promise<ReadonlyArray<SurveyFile>> => {
  const seed = options.seed ?? 1
  await mkdir(options.outDir, { recursive: true })
  const out: Array<SurveyFile> = []
  for (const sample of drawSamples(people, { seed, scale: options.scale ?? 1 })) {
    const table = surveyTable(sample, seed)
    const file = `${sample.survey.toLowerCase()}-${sample.year}.csv`
    const path = join(options.outDir, file)
    await writeFile(path, surveyCsv(table))
    out.push({
      survey: sample.survey,
      year: sample.year,
      file,
      path,
      rows: table.rows.length,
      eligible: sample.strata.reduce((a, s) => a + s.eligible, 0),
      anomalies: table.anomalies,
    })
  }
  return out
}
