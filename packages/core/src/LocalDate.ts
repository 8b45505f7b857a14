/**
 * Calendar dates without time or zone, as ISO `YYYY-MM-DD` strings.
 *
 * ISO strings sort chronologically, read clearly in SQL and JSON, and survive every spreadsheet and database
 * round trip, so asckit uses them everywhere a date is stored. Arithmetic goes through a day number (days
 * since 1970-01-01, UTC), never through local time.
 *
 * @category models
 */
import { Either, Schema } from "effect"

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/
const UK = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/

/** True when `y-m-d` is a real calendar date (leap years included). */
export const isValidYmd = (y: number, m: number, d: number): boolean =>
  Number.isInteger(y) && y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)

/** Days in month `m` (1–12) of year `y`. */
export const daysInMonth = (y: number, m: number): number =>
  m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31

/** A calendar date as an ISO `YYYY-MM-DD` string. */
export const LocalDate = Schema.String.pipe(
  Schema.filter((s) => {
    const m = ISO.exec(s)
    return (
      (m !== null && isValidYmd(Number(m[1]), Number(m[2]), Number(m[3]))) ||
      `a date as YYYY-MM-DD, got "${s}"`
    )
  }),
  Schema.brand("LocalDate"),
  Schema.annotations({ identifier: "LocalDate", description: "a calendar date, YYYY-MM-DD" }),
)
/** A calendar date as an ISO `YYYY-MM-DD` string. */
export type LocalDate = typeof LocalDate.Type

const pad = (n: number, w = 2) => String(n).padStart(w, "0")

/** Builds a date from year, month (1–12) and day; throws on an impossible date (use `parse` for input). */
export const make = (y: number, m: number, d: number): LocalDate => {
  if (!isValidYmd(y, m, d)) throw new RangeError(`not a calendar date: ${y}-${m}-${d}`)
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}` as LocalDate
}

/** Year, month (1–12) and day of a date. */
export const parts = (
  d: LocalDate,
): { readonly year: number; readonly month: number; readonly day: number } => ({
  year: Number(d.slice(0, 4)),
  month: Number(d.slice(5, 7)),
  day: Number(d.slice(8, 10)),
})

/**
 * Parses a date written as ISO (`2024-07-31`, optionally followed by a time, as spreadsheets export) or as UK
 * `dd/mm/yyyy` (`31/07/2024`). Returns `Left` with a message saying what was expected.
 */
export const parse = (input: string): Either.Either<LocalDate, string> => {
  const s = input.trim()
  const iso = ISO.exec(s.length > 10 && /^\d{4}-\d{2}-\d{2}[T ]/.test(s) ? s.slice(0, 10) : s)
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    return isValidYmd(y, m, d)
      ? Either.right(make(y, m, d))
      : Either.left(`"${input}" is not a real calendar date`)
  }
  const uk = UK.exec(s)
  if (uk) {
    const [d, m, y] = [Number(uk[1]), Number(uk[2]), Number(uk[3])]
    return isValidYmd(y, m, d)
      ? Either.right(make(y, m, d))
      : Either.left(`"${input}" is not a real calendar date`)
  }
  return Either.left(`expected a date as YYYY-MM-DD or DD/MM/YYYY, got "${input}"`)
}

/** Days since 1970-01-01 (negative before). */
export const toDayNumber = (d: LocalDate): number => {
  const { year, month, day } = parts(d)
  return Math.round(Date.UTC(year, month - 1, day) / 86_400_000)
}

/** The date `n` days after 1970-01-01. */
export const fromDayNumber = (n: number): LocalDate => {
  const t = new Date(n * 86_400_000)
  return make(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate())
}

/** The date from a JavaScript `Date`, read in UTC. */
export const fromDate = (t: Date): LocalDate => make(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate())

/** `d` moved by `n` days (negative moves back). */
export const addDays = (d: LocalDate, n: number): LocalDate => fromDayNumber(toDayNumber(d) + n)

/** `d` moved by `n` calendar months; the day is clamped to the month's length (31 Jan + 1 month = 28/29 Feb). */
export const addMonths = (d: LocalDate, n: number): LocalDate => {
  const { year, month, day } = parts(d)
  const idx = year * 12 + (month - 1) + n
  const y = Math.floor(idx / 12)
  const m = (idx % 12) + 1
  return make(y, m, Math.min(day, daysInMonth(y, m)))
}

/** Whole days from `a` to `b` (positive when `b` is later). */
export const daysBetween = (a: LocalDate, b: LocalDate): number => toDayNumber(b) - toDayNumber(a)

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export const compare = (a: LocalDate, b: LocalDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0)

/** The earlier of two dates. */
export const min = (a: LocalDate, b: LocalDate): LocalDate => (a <= b ? a : b)

/** The later of two dates. */
export const max = (a: LocalDate, b: LocalDate): LocalDate => (a >= b ? a : b)

/** The last day of the month containing `d`. */
export const endOfMonth = (d: LocalDate): LocalDate => {
  const { year, month } = parts(d)
  return make(year, month, daysInMonth(year, month))
}

/**
 * Age in whole years on `at` for someone born on `birth`, counting birthdays (a 29 February birthday falls
 * on 1 March in non-leap years).
 */
export const ageOn = (birth: LocalDate, at: LocalDate): number => {
  const b = parts(birth)
  const a = parts(at)
  let age = a.year - b.year
  if (a.month < b.month || (a.month === b.month && a.day < b.day)) age -= 1
  return age
}

/**
 * Age as DHSC derives it from CLD, where only birth month and year are held: a proxy date of birth on the 1st
 * of the birth month, and age = floor(days / 365.25). Source: DHSC ASC-CLD-LA-Dashboard, derived age
 * (`../shared/reference/domain.md` §3.4).
 */
export const dhscAge = (birthYear: number, birthMonth: number, at: LocalDate): number =>
  Math.floor(daysBetween(make(birthYear, birthMonth, 1), at) / 365.25)
