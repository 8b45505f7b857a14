/**
 * Population denominators from the ONS mid-year estimates loaded by the `ons-population` source
 * (`population_estimate`: one row per geography, mid-year, sex and single year of age, 90 meaning 90 and over).
 *
 * - `band` sums an age band for a geography, mid-year and sex; `denominators` gives the three ASCOF bands at once
 *   (18 to 64 for 2B, 65 and over for 2C, 18 and over).
 * - A band is only given when every single year in it is loaded for the geography, year and sex: a partly loaded
 *   band is `undefined`, never a silently smaller denominator. Without a sex, the `Total` rows are used, or Male +
 *   Female when the file had no totals (each sex complete).
 * - The geography is the ONS code of the estimates (E10000019 for Lincolnshire); a council's CASSR code (503) is
 *   also accepted and looked up in `@asckit/core` Geography.
 * - The mid-year: DHSC's ASCOF 2024-25 rates use the mid-2024 estimates — Lincolnshire's published 2B and 2C
 *   denominators (ODS-2425 Table_2b 450,940; Table_2c 190,608) are its NOMIS mid-2024 totals for ages 18–64 and 65+
 *   (checked in the tests). `midYearOf` gives that year for a financial year.
 *
 * The SQL is one aggregate over `population_estimate` (conditional sums and distinct counts: portable SQL).
 *
 * @category measures
 */
import { Geography, Period } from "@asckit/core"
import { type EtlError, type WarehouseReader, WarehouseSchema } from "@asckit/etl"
import { type SQL, sql } from "drizzle-orm"
import { Effect, Either } from "effect"

/** A sex of the estimates. */
export type Sex = "Male" | "Female" | "Total"

/** The oldest single year of the estimates: 90 stands for 90 and over. */
export const topAge = 90

/** What `band` sums: a geography, a mid-year, optionally a sex, and the ages `minAge`…`maxAge` (open: 90 and over). */
export interface BandQuery {
  /** ONS code (E10000019) or CASSR code (503). */
  readonly geographyCode: string
  /** The mid-year of the estimate (2024 for mid-2024). */
  readonly year: number
  /** Default: everyone (Total, or Male + Female). */
  readonly sex?: Sex | undefined
  readonly minAge: number
  /** Inclusive, at most 89; leave it out for "and over" (the 90+ row is then included). */
  readonly maxAge?: number | undefined
}

/** The ASCOF population denominators of a geography and mid-year (`undefined` where not fully loaded). */
export interface Denominators {
  /** Aged 18 to 64 (ASCOF 2B). */
  readonly age18to64: number | undefined
  /** Aged 65 and over (ASCOF 2C). */
  readonly age65plus: number | undefined
  /** Aged 18 and over. */
  readonly age18plus: number | undefined
}

/** The mid-year estimate DHSC uses for a financial year's rates: mid-2024 for 2024-25 (see the module notes). */
export const midYearOf = (financialYear: string): number | undefined => {
  const fy = Period.parseAs("FinancialYear", financialYear)
  return Either.isRight(fy) ? fy.right.startYear : undefined
}

/** The ONS code the estimates are stored under: the code itself, or a known council's ONS code for a CASSR code. */
export const onsCodeOf = (geographyCode: string): string => {
  const code = geographyCode.trim()
  if (/^[EWSNK]\d{8}$/i.test(code)) return code.toUpperCase()
  return Geography.byCassr(code)?.ons ?? code
}

interface Band {
  readonly minAge: number
  readonly maxAge: number
}

const checkBand = (q: { readonly minAge: number; readonly maxAge?: number | undefined }): Band => {
  const { minAge } = q
  const maxAge = q.maxAge ?? topAge
  if (!Number.isInteger(minAge) || minAge < 0 || minAge > topAge)
    throw new RangeError(`minAge must be a whole number from 0 to ${topAge}, not ${minAge}`)
  if (q.maxAge !== undefined && (!Number.isInteger(q.maxAge) || q.maxAge >= topAge || q.maxAge < minAge))
    throw new RangeError(
      `maxAge must be a whole number from minAge (${minAge}) to ${topAge - 1}, not ${q.maxAge}: ages from ${topAge} are only estimated as "${topAge} and over", so leave maxAge out for an open band`,
    )
  return { minAge, maxAge }
}

const t = WarehouseSchema.populationEstimate

const sexes: ReadonlyArray<Sex> = ["Total", "Male", "Female"]

/**
 * One query summing several bands for a geography and year: per band and sex, the sum and the number of distinct
 * single years present.
 */
const bandsQuery = (
  code: string,
  year: number,
  bands: ReadonlyArray<Band>,
  only: ReadonlyArray<Sex>,
): SQL => {
  const columns: Array<SQL> = []
  bands.forEach((b, i) => {
    for (const s of only) {
      const when = sql`${t.sex} = ${s} and ${t.age} >= ${b.minAge} and ${t.age} <= ${b.maxAge}`
      columns.push(sql`sum(case when ${when} then ${t.value} end) as ${sql.raw(`"v${i}_${s}"`)}`)
      columns.push(sql`count(distinct case when ${when} then ${t.age} end) as ${sql.raw(`"n${i}_${s}"`)}`)
    }
  })
  return sql`select ${sql.join(columns, sql`, `)} from ${t} where ${t.geographyCode} = ${code} and ${t.year} = ${year}`
}

const num = (v: unknown): number => (typeof v === "number" ? v : Number(v ?? 0))

/** The sums of several bands (`undefined` for a band not fully loaded; see the module notes). */
const sumBands = (
  reader: WarehouseReader.Service,
  geographyCode: string,
  year: number,
  bands: ReadonlyArray<Band>,
  sex: Sex | undefined,
): Effect.Effect<ReadonlyArray<number | undefined>, EtlError.WarehouseError> => {
  const only = sex === undefined ? sexes : [sex]
  const code = onsCodeOf(geographyCode)
  return Effect.map(
    reader.get<Record<string, unknown>>(
      `ONS population of ${code}, mid-${year}`,
      bandsQuery(code, year, bands, only),
    ),
    (row) =>
      bands.map((b, i) => {
        const ages = b.maxAge - b.minAge + 1
        const complete = (s: Sex) => row !== undefined && num(row[`n${i}_${s}`]) === ages
        const value = (s: Sex) => num(row?.[`v${i}_${s}`])
        if (sex !== undefined) return complete(sex) ? value(sex) : undefined
        if (complete("Total")) return value("Total")
        if (complete("Male") && complete("Female")) return value("Male") + value("Female")
        return undefined
      }),
  )
}

/**
 * The population of a geography in an age band for a mid-year: `undefined` when the geography and year are not
 * loaded, or the band is not complete. An invalid band (ages out of range, `maxAge` of 90 or more) is a defect.
 */
export const band = (
  reader: WarehouseReader.Service,
  query: BandQuery,
): Effect.Effect<number | undefined, EtlError.WarehouseError, never> =>
  Effect.flatMap(
    Effect.sync(() => checkBand(query)),
    (b) => Effect.map(sumBands(reader, query.geographyCode, query.year, [b], query.sex), (r) => r[0]),
  )

/** The ASCOF denominators of a geography for a mid-year: ages 18–64, 65+ and 18+ (one query). */
export const denominators = (
  reader: WarehouseReader.Service,
  geographyCode: string,
  year: number,
): Effect.Effect<Denominators, EtlError.WarehouseError, never> =>
  Effect.map(
    sumBands(
      reader,
      geographyCode,
      year,
      [
        { minAge: 18, maxAge: 64 },
        { minAge: 65, maxAge: topAge },
        { minAge: 18, maxAge: topAge },
      ],
      undefined,
    ),
    ([age18to64, age65plus, age18plus]) => ({ age18to64, age65plus, age18plus }),
  )
