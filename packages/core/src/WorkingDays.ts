/**
 * Working days in England and Wales: Monday to Friday, except bank holidays. Councils time complaint responses
 * ("within 20 working days"), some DoLS and safeguarding targets, and service-level agreements in working days.
 *
 * The bank holidays are data, not rules: `bankHolidays` lists every England and Wales bank holiday from 2015 to
 * 2027 as GOV.UK publishes them (https://www.gov.uk/bank-holidays.json, division `england-and-wales`, titles as
 * there, substitute days flagged), including the one-off holidays proclaimed for a single year (VE Day 2020, the
 * Platinum Jubilee and the State Funeral of Queen Elizabeth II in 2022, the Coronation in 2023). For a year outside
 * the list, the standing rules are applied (`standingRules`: New Year's Day, Good Friday, Easter Monday, the early
 * May, spring and summer bank holidays, Christmas Day and Boxing Day, with substitute days when they fall at a
 * weekend); a holiday proclaimed later for such a year cannot be known, so extend the list when GOV.UK publishes it.
 * The tests check the list against the standing rules year by year, with the proclaimed changes as the only
 * differences.
 *
 * Counting convention: the day something is received is day 0; `workingDaysBetween(received, answered)` counts the
 * working days after `received` up to and including `answered`, so an answer on the 20th working day after receipt is
 * "within 20 working days".
 *
 * @category calculations
 */
import * as LocalDate from "./LocalDate.js"

/** A bank holiday: its date, its GOV.UK title, and whether it is a substitute for one falling at a weekend. */
export interface BankHoliday {
  readonly date: LocalDate.LocalDate
  readonly name: string
  readonly substitute: boolean
}

/** Where `bankHolidays` comes from. */
export const source =
  "GOV.UK, UK bank holidays, division england-and-wales (https://www.gov.uk/bank-holidays.json)"

const NEW_YEAR = "New Year’s Day"
const GOOD_FRIDAY = "Good Friday"
const EASTER_MONDAY = "Easter Monday"
const EARLY_MAY = "Early May bank holiday"
const SPRING = "Spring bank holiday"
const SUMMER = "Summer bank holiday"
const CHRISTMAS = "Christmas Day"
const BOXING = "Boxing Day"

/** [date, title, substitute] as GOV.UK lists them. */
const published: ReadonlyArray<readonly [string, string, boolean?]> = [
  ["2015-01-01", NEW_YEAR],
  ["2015-04-03", GOOD_FRIDAY],
  ["2015-04-06", EASTER_MONDAY],
  ["2015-05-04", EARLY_MAY],
  ["2015-05-25", SPRING],
  ["2015-08-31", SUMMER],
  ["2015-12-25", CHRISTMAS],
  ["2015-12-28", BOXING, true],
  ["2016-01-01", NEW_YEAR],
  ["2016-03-25", GOOD_FRIDAY],
  ["2016-03-28", EASTER_MONDAY],
  ["2016-05-02", EARLY_MAY],
  ["2016-05-30", SPRING],
  ["2016-08-29", SUMMER],
  ["2016-12-26", BOXING],
  ["2016-12-27", CHRISTMAS, true],
  ["2017-01-02", NEW_YEAR, true],
  ["2017-04-14", GOOD_FRIDAY],
  ["2017-04-17", EASTER_MONDAY],
  ["2017-05-01", EARLY_MAY],
  ["2017-05-29", SPRING],
  ["2017-08-28", SUMMER],
  ["2017-12-25", CHRISTMAS],
  ["2017-12-26", BOXING],
  ["2018-01-01", NEW_YEAR],
  ["2018-03-30", GOOD_FRIDAY],
  ["2018-04-02", EASTER_MONDAY],
  ["2018-05-07", EARLY_MAY],
  ["2018-05-28", SPRING],
  ["2018-08-27", SUMMER],
  ["2018-12-25", CHRISTMAS],
  ["2018-12-26", BOXING],
  ["2019-01-01", NEW_YEAR],
  ["2019-04-19", GOOD_FRIDAY],
  ["2019-04-22", EASTER_MONDAY],
  ["2019-05-06", EARLY_MAY],
  ["2019-05-27", SPRING],
  ["2019-08-26", SUMMER],
  ["2019-12-25", CHRISTMAS],
  ["2019-12-26", BOXING],
  ["2020-01-01", NEW_YEAR],
  ["2020-04-10", GOOD_FRIDAY],
  ["2020-04-13", EASTER_MONDAY],
  ["2020-05-08", "Early May bank holiday (VE day)"],
  ["2020-05-25", SPRING],
  ["2020-08-31", SUMMER],
  ["2020-12-25", CHRISTMAS],
  ["2020-12-28", BOXING, true],
  ["2021-01-01", NEW_YEAR],
  ["2021-04-02", GOOD_FRIDAY],
  ["2021-04-05", EASTER_MONDAY],
  ["2021-05-03", EARLY_MAY],
  ["2021-05-31", SPRING],
  ["2021-08-30", SUMMER],
  ["2021-12-27", CHRISTMAS, true],
  ["2021-12-28", BOXING, true],
  ["2022-01-03", NEW_YEAR, true],
  ["2022-04-15", GOOD_FRIDAY],
  ["2022-04-18", EASTER_MONDAY],
  ["2022-05-02", EARLY_MAY],
  ["2022-06-02", SPRING],
  ["2022-06-03", "Platinum Jubilee bank holiday"],
  ["2022-08-29", SUMMER],
  ["2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"],
  ["2022-12-26", BOXING],
  ["2022-12-27", CHRISTMAS, true],
  ["2023-01-02", NEW_YEAR, true],
  ["2023-04-07", GOOD_FRIDAY],
  ["2023-04-10", EASTER_MONDAY],
  ["2023-05-01", EARLY_MAY],
  ["2023-05-08", "Bank holiday for the coronation of King Charles III"],
  ["2023-05-29", SPRING],
  ["2023-08-28", SUMMER],
  ["2023-12-25", CHRISTMAS],
  ["2023-12-26", BOXING],
  ["2024-01-01", NEW_YEAR],
  ["2024-03-29", GOOD_FRIDAY],
  ["2024-04-01", EASTER_MONDAY],
  ["2024-05-06", EARLY_MAY],
  ["2024-05-27", SPRING],
  ["2024-08-26", SUMMER],
  ["2024-12-25", CHRISTMAS],
  ["2024-12-26", BOXING],
  ["2025-01-01", NEW_YEAR],
  ["2025-04-18", GOOD_FRIDAY],
  ["2025-04-21", EASTER_MONDAY],
  ["2025-05-05", EARLY_MAY],
  ["2025-05-26", SPRING],
  ["2025-08-25", SUMMER],
  ["2025-12-25", CHRISTMAS],
  ["2025-12-26", BOXING],
  ["2026-01-01", NEW_YEAR],
  ["2026-04-03", GOOD_FRIDAY],
  ["2026-04-06", EASTER_MONDAY],
  ["2026-05-04", EARLY_MAY],
  ["2026-05-25", SPRING],
  ["2026-08-31", SUMMER],
  ["2026-12-25", CHRISTMAS],
  ["2026-12-28", BOXING, true],
  ["2027-01-01", NEW_YEAR],
  ["2027-03-26", GOOD_FRIDAY],
  ["2027-03-29", EASTER_MONDAY],
  ["2027-05-03", EARLY_MAY],
  ["2027-05-31", SPRING],
  ["2027-08-30", SUMMER],
  ["2027-12-27", CHRISTMAS, true],
  ["2027-12-28", BOXING, true],
]

/** Every England and Wales bank holiday GOV.UK lists for 2015–2027, in date order. */
export const bankHolidays: ReadonlyArray<BankHoliday> = published.map(([date, name, substitute]) => ({
  date: date as LocalDate.LocalDate,
  name,
  substitute: substitute === true,
}))

/** The calendar years `bankHolidays` covers (outside them, `standingRules` apply). */
export const publishedYears = { first: 2015, last: 2027 } as const

/** Easter Sunday of a year (the Gregorian computus, "anonymous" algorithm). */
export const easterSunday = (year: number): LocalDate.LocalDate => {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return LocalDate.make(year, month, day)
}

/** Day of the week, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const dayOfWeek = (date: LocalDate.LocalDate): number =>
  (((LocalDate.toDayNumber(date) + 4) % 7) + 7) % 7

/** True on Saturday and Sunday. */
export const isWeekend = (date: LocalDate.LocalDate): boolean => {
  const d = dayOfWeek(date)
  return d === 0 || d === 6
}

const firstMonday = (year: number, month: number): LocalDate.LocalDate => {
  const first = LocalDate.make(year, month, 1)
  return LocalDate.addDays(first, (8 - dayOfWeek(first)) % 7)
}
const lastMonday = (year: number, month: number): LocalDate.LocalDate => {
  const last = LocalDate.endOfMonth(LocalDate.make(year, month, 1))
  return LocalDate.addDays(last, -((dayOfWeek(last) + 6) % 7))
}

/**
 * The bank holidays the standing rules give for a year (England and Wales): New Year's Day (or the Monday after),
 * Good Friday, Easter Monday, the first Monday of May, the last Mondays of May and August, Christmas Day and Boxing
 * Day, a weekend one moving to the next weekday not already a holiday. One-off proclaimed changes are not included.
 */
export const standingRules = (year: number): ReadonlyArray<BankHoliday> => {
  const out: Array<BankHoliday> = []
  const add = (date: LocalDate.LocalDate, name: string, substitute = false) =>
    out.push({ date, name, substitute })
  const newYear = LocalDate.make(year, 1, 1)
  const nyDow = dayOfWeek(newYear)
  if (nyDow === 6) add(LocalDate.addDays(newYear, 2), NEW_YEAR, true)
  else if (nyDow === 0) add(LocalDate.addDays(newYear, 1), NEW_YEAR, true)
  else add(newYear, NEW_YEAR)
  const easter = easterSunday(year)
  add(LocalDate.addDays(easter, -2), GOOD_FRIDAY)
  add(LocalDate.addDays(easter, 1), EASTER_MONDAY)
  add(firstMonday(year, 5), EARLY_MAY)
  add(lastMonday(year, 5), SPRING)
  add(lastMonday(year, 8), SUMMER)
  const christmas = LocalDate.make(year, 12, 25)
  switch (dayOfWeek(christmas)) {
    case 5: // Friday: Boxing Day (Saturday) moves to Monday 28th
      add(christmas, CHRISTMAS)
      add(LocalDate.make(year, 12, 28), BOXING, true)
      break
    case 6: // Saturday: Christmas on Monday 27th, Boxing Day on Tuesday 28th
      add(LocalDate.make(year, 12, 27), CHRISTMAS, true)
      add(LocalDate.make(year, 12, 28), BOXING, true)
      break
    case 0: // Sunday: Boxing Day on Monday 26th, Christmas on Tuesday 27th
      add(LocalDate.make(year, 12, 26), BOXING)
      add(LocalDate.make(year, 12, 27), CHRISTMAS, true)
      break
    default:
      add(christmas, CHRISTMAS)
      add(LocalDate.make(year, 12, 26), BOXING)
  }
  return out.sort((a, b) => LocalDate.compare(a.date, b.date))
}

/** The bank holidays of a calendar year: GOV.UK's list inside `publishedYears`, the standing rules outside. */
export const bankHolidaysIn = (year: number): ReadonlyArray<BankHoliday> =>
  year >= publishedYears.first && year <= publishedYears.last
    ? bankHolidays.filter((h) => h.date.startsWith(`${year}-`))
    : standingRules(year)

const cache = new Map<number, ReadonlySet<string>>()
const holidaySet = (year: number): ReadonlySet<string> => {
  let s = cache.get(year)
  if (s === undefined) {
    s = new Set(bankHolidaysIn(year).map((h) => h.date))
    cache.set(year, s)
  }
  return s
}

/** True on an England and Wales bank holiday. */
export const isBankHoliday = (date: LocalDate.LocalDate): boolean =>
  holidaySet(LocalDate.parts(date).year).has(date)

/** True on a weekday that is not a bank holiday. */
export const isWorkingDay = (date: LocalDate.LocalDate): boolean => !isWeekend(date) && !isBankHoliday(date)

/**
 * The date `n` working days after `date` (n ≥ 0; 0 gives `date` itself). The 20-working-day deadline of something
 * received on `date` is `addWorkingDays(date, 20)`.
 */
export const addWorkingDays = (date: LocalDate.LocalDate, n: number): LocalDate.LocalDate => {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a whole number ≥ 0, got ${n}`)
  let d = date
  let left = n
  while (left > 0) {
    d = LocalDate.addDays(d, 1)
    if (isWorkingDay(d)) left -= 1
  }
  return d
}

/** The working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export const workingDaysBetween = (from: LocalDate.LocalDate, to: LocalDate.LocalDate): number => {
  let n = 0
  for (let d = LocalDate.addDays(from, 1); d <= to; d = LocalDate.addDays(d, 1)) if (isWorkingDay(d)) n += 1
  return n
}

/** True when `to` is no more than `n` working days after `from` (see the counting convention above). */
export const within = (from: LocalDate.LocalDate, to: LocalDate.LocalDate, n: number): boolean =>
  to <= addWorkingDays(from, n)
