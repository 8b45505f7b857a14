/**
 * Writes the borough's ONS mid-year population estimates as NOMIS exports them (the `ons-population` source's
 * layout, as examples/data/nomis-mid-2024-population-lincolnshire.csv): one long CSV per mid-year with the
 * columns `GEOGRAPHY_NAME, GEOGRAPHY_CODE, DATE_NAME, GENDER_NAME, C_AGE_NAME, OBS_VALUE`, for Total, Male and
 * Female, `All Ages` then `Age 0` … `Age 89` and `Aged 90+`.
 *
 * The geography is the borough's CASSR code (`999`, `GEOGRAPHY_CODE`): the council has no ONS code, and ASCOF
 * 2B/2C look a council unknown to `@asckit/core` Geography up by its CASSR code (`Population.onsCodeOf`).
 *
 * Consistency with the model: the mid-2024 estimate sums, band by band, exactly to the model's `population(scale)`
 * (the bands 0-17 … 85+ behind the borough's rates); the other mid-years move each band by a yearly growth rate
 * (an ageing borough: the 75-84 band grows fastest, children slowly decline, as England's did 2022–2025). Within a
 * band the single years follow a fixed, smooth profile (a Bury-like shape: the late-1950s/60s and 1946–49 birth
 * cohorts larger; 90 and over about 30% of 85+), split by sex with the male shares ONS estimates show (about 51% of
 * children, 45% at 75–84, 30% at 90+). Every count is a whole number: a band is shared between its single years by
 * largest remainder, so single years always sum to the band, Male + Female to Total, and `All Ages` to the ages.
 */
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { LA_CODE, LA_NAME, type PopulationBand, population } from "./model.js"
import { apportion } from "./rng.js"

/** The mid-years written (the model runs from April 2022 to September 2026). */
export const POPULATION_YEARS: ReadonlyArray<number> = [2022, 2023, 2024, 2025]

/** The mid-year whose bands equal the model's `population(scale)` exactly. */
export const POPULATION_BASE_YEAR = 2024

/** The NOMIS columns, in NOMIS's order. */
export const NOMIS_COLUMNS = [
  "GEOGRAPHY_NAME",
  "GEOGRAPHY_CODE",
  "DATE_NAME",
  "GENDER_NAME",
  "C_AGE_NAME",
  "OBS_VALUE",
] as const

/** The oldest single year: 90 stands for "90 and over", as in ONS estimates. */
const TOP = 90

/** Yearly growth of each band (a factor per year away from mid-2024; fictional, in line with England 2022–2025). */
const growth: Readonly<Record<string, number>> = {
  "0-17": 0.997,
  "18-24": 1.006,
  "25-44": 1.004,
  "45-64": 1.0,
  "65-74": 1.008,
  "75-84": 1.028,
  "85+": 1.012,
}

/** Relative size of single year `age` within its band (a smooth, Bury-like profile; see the module notes). */
const profile = (age: number): number => {
  if (age <= 17) return 1 + 0.012 * age
  if (age <= 24) return age <= 19 ? 0.95 : 1
  if (age <= 44) return 1 + 0.006 * (age - 25)
  if (age <= 64) return age <= 58 ? 1 + 0.015 * (age - 45) : 1.2 - 0.02 * (age - 58)
  if (age <= 74) return 1.15 - 0.025 * (age - 65)
  if (age <= 84) return age <= 78 ? 1.3 : 1.3 - 0.09 * (age - 78)
  // 85–89 fall by about 12% a year; 90+ gathers the tail (about 30% of 85+)
  return age < TOP ? 0.88 ** (age - 85) : 1.65
}

/** The male share of single year `age` (about ONS's England profile). */
const maleShare = (age: number): number =>
  age <= 17
    ? 0.512
    : age <= 24
      ? 0.51
      : age <= 44
        ? 0.495
        : age <= 64
          ? 0.49
          : age <= 74
            ? 0.48
            : age <= 84
              ? 0.45
              : age < TOP
                ? 0.39
                : 0.3

/** The first and last single year of a band label (`85+` → 85…90, 90 meaning 90 and over). */
const bandAges = (band: string): readonly [number, number] => {
  if (band.endsWith("+")) return [Number(band.slice(0, -1)), TOP]
  const [lo, hi] = band.split("-").map(Number)
  return [lo ?? 0, hi ?? 0]
}

/** One mid-year's estimate: single years of age 0–90 (90 = 90 and over) by sex. */
export interface YearEstimate {
  readonly year: number
  readonly male: ReadonlyArray<number>
  readonly female: ReadonlyArray<number>
  readonly total: ReadonlyArray<number>
}

/** The band totals of a mid-year: the model's bands at mid-2024, moved by each band's growth for other years. */
export const bandsFor = (year: number, scale = 1): ReadonlyArray<PopulationBand> =>
  population(scale).map((b) => ({
    band: b.band,
    people: Math.round(b.people * (growth[b.band] ?? 1) ** (year - POPULATION_BASE_YEAR)),
  }))

/** The borough's estimate for a mid-year at `scale` (deterministic; see the module notes). */
export const estimateFor = (year: number, scale = 1): YearEstimate => {
  const total = new Array<number>(TOP + 1).fill(0)
  for (const b of bandsFor(year, scale)) {
    const [lo, hi] = bandAges(b.band)
    const ages = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i)
    apportion(
      b.people,
      ages.map((a) => profile(a)),
    ).forEach((n, i) => {
      total[lo + i] = n
    })
  }
  const male = total.map((n, age) => Math.round(n * maleShare(age)))
  return { year, male, female: total.map((n, age) => n - (male[age] ?? 0)), total }
}

const line = (year: number, sex: string, age: string, value: number): string =>
  `"${LA_NAME}","${LA_CODE}","${year}","${sex}","${age}",${value}`

/** The NOMIS CSV text of one mid-year (LF line ends, text quoted, counts bare, as NOMIS writes them). */
export const nomisCsv = (estimate: YearEstimate): string => {
  const lines = [NOMIS_COLUMNS.map((c) => `"${c}"`).join(",")]
  const bySex: ReadonlyArray<readonly [string, ReadonlyArray<number>]> = [
    ["Total", estimate.total],
    ["Male", estimate.male],
    ["Female", estimate.female],
  ]
  for (const [sex, values] of bySex) {
    lines.push(
      line(
        estimate.year,
        sex,
        "All Ages",
        values.reduce((a, n) => a + n, 0),
      ),
    )
    values.forEach((n, age) => {
      lines.push(line(estimate.year, sex, age === TOP ? `Aged ${TOP}+` : `Age ${age}`, n))
    })
  }
  return `${lines.join("\n")}\n`
}

/** Options for `writePopulation`. */
export interface PopulationWriterOptions {
  /** The folder to write into (created if missing). */
  readonly outDir: string
  /** The model's scale (default 1). */
  readonly scale?: number
  /** The mid-years to write (default `POPULATION_YEARS`). */
  readonly years?: ReadonlyArray<number>
}

/** One population file written. */
export interface PopulationFile {
  readonly year: number
  readonly file: string
  readonly path: string
  /** Data rows (header excluded): 3 sexes × (All Ages + 91 single years). */
  readonly rows: number
  /** All Ages, Total. */
  readonly people: number
}

/** Writes one NOMIS CSV per mid-year (`nomis-mid-<year>-population-synthetic-borough.csv`). */
export const writePopulation = async (
  options: PopulationWriterOptions,
): Promise<ReadonlyArray<PopulationFile>> => {
  await mkdir(options.outDir, { recursive: true })
  const out: Array<PopulationFile> = []
  for (const year of options.years ?? POPULATION_YEARS) {
    const estimate = estimateFor(year, options.scale ?? 1)
    const file = `nomis-mid-${year}-population-synthetic-borough.csv`
    const path = join(options.outDir, file)
    await writeFile(path, nomisCsv(estimate))
    out.push({
      year,
      file,
      path,
      rows: 3 * (TOP + 2),
      people: estimate.total.reduce((a, n) => a + n, 0),
    })
  }
  return out
}
