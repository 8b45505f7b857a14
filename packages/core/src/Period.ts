/**
 * Reporting periods of English adult social care: financial years (1 April – 31 March), their quarters, calendar
 * months, snapshot dates (ASCOF's 31 March) and rolling 12-month windows ending at a quarter (CLD submissions
 * and DHSC's rolling ASCOF).
 *
 * Canonical text forms (what `format` writes and `parse` reads back):
 *
 * | kind | form | example |
 * |---|---|---|
 * | financial year | `YYYY-YY` | `2024-25` |
 * | quarter | `YYYY-YY Qn` | `2024-25 Q2` (July–September 2024) |
 * | month | `Mon YYYY` | `Jul 2024` |
 * | snapshot | `YYYY-MM-DD` | `2025-03-31` |
 * | rolling 12 months | `12 months to YYYY-YY Qn` | `12 months to 2024-25 Q2` |
 *
 * `parse` also accepts common variants: `2024/25`, `2024 to 2025`, `FY2024-25`, `2024-25Q2`, `Q2 2024-25`,
 * `July 2024`, `2024-07`, `31/03/2025`, `2024-25 snapshot`, `R12 2024-25 Q2`, `rolling 12 months to 2024-25 Q2`.
 * A `YYYY-MM` string whose month part equals the year's next two digits (e.g. `2011-12`) is read as a financial
 * year, not a month, because that is how the sector writes years; write `Dec 2011` for the month.
 *
 * @category models
 */
import { Either, type Order, ParseResult, Schema } from "effect"
import { PeriodParseError } from "./CoreError.js"
import * as LocalDate from "./LocalDate.js"

/** A financial year, 1 April of `startYear` to 31 March of the next year. */
export const FinancialYear = Schema.TaggedStruct("FinancialYear", { startYear: Schema.Int })
/** A financial year, 1 April of `startYear` to 31 March of the next year. */
export type FinancialYear = typeof FinancialYear.Type

/** Quarter `quarter` (1 = April–June … 4 = January–March) of the financial year starting in `startYear`. */
export const Quarter = Schema.TaggedStruct("Quarter", {
  startYear: Schema.Int,
  quarter: Schema.Literal(1, 2, 3, 4),
})
/** Quarter `quarter` (1 = April–June … 4 = January–March) of the financial year starting in `startYear`. */
export type Quarter = typeof Quarter.Type

/** A calendar month. */
export const Month = Schema.TaggedStruct("Month", {
  year: Schema.Int,
  month: Schema.Int.pipe(Schema.between(1, 12)),
})
/** A calendar month. */
export type Month = typeof Month.Type

/** A single day on which a position is counted (ASCOF 3D counts people in long-term support on 31 March). */
export const Snapshot = Schema.TaggedStruct("Snapshot", { date: LocalDate.LocalDate })
/** A single day on which a position is counted (ASCOF 3D counts people in long-term support on 31 March). */
export type Snapshot = typeof Snapshot.Type

/** The 12 months ending on the last day of quarter `end`. */
export const Rolling12 = Schema.TaggedStruct("Rolling12", { end: Quarter })
/** The 12 months ending on the last day of quarter `end`. */
export type Rolling12 = typeof Rolling12.Type

/** Any reporting period. */
export const Period = Schema.Union(FinancialYear, Quarter, Month, Snapshot, Rolling12)
/** Any reporting period. */
export type Period = typeof Period.Type

/** The kinds of period, as their tags. */
export type Kind = Period["_tag"]

// ---------------------------------------------------------------------------------------------------------------
// constructors

/** The financial year starting 1 April `startYear`. */
export const financialYear = (startYear: number): FinancialYear => ({ _tag: "FinancialYear", startYear })
/** Quarter `q` of the financial year starting in `startYear`. */
export const quarter = (startYear: number, q: 1 | 2 | 3 | 4): Quarter => ({
  _tag: "Quarter",
  startYear,
  quarter: q,
})
/** Calendar month `month` (1–12) of `year`. */
export const month = (year: number, month: number): Month => ({ _tag: "Month", year, month })
/** The snapshot day `date`. */
export const snapshot = (date: LocalDate.LocalDate): Snapshot => ({ _tag: "Snapshot", date })
/** The 12 months ending at the end of quarter `end`. */
export const rolling12 = (end: Quarter): Rolling12 => ({ _tag: "Rolling12", end })

/** The year-end snapshot (31 March) of a financial year. */
export const yearEndSnapshot = (fy: FinancialYear): Snapshot =>
  snapshot(LocalDate.make(fy.startYear + 1, 3, 31))

// ---------------------------------------------------------------------------------------------------------------
// bounds

const quarterStartMonth = (q: Quarter) => {
  const idx = q.startYear * 12 + 3 + (q.quarter - 1) * 3 // April = index 3
  return { year: Math.floor(idx / 12), month: (idx % 12) + 1 }
}

/** The first day of a period. */
export const start = (p: Period): LocalDate.LocalDate => {
  switch (p._tag) {
    case "FinancialYear":
      return LocalDate.make(p.startYear, 4, 1)
    case "Quarter": {
      const { year, month } = quarterStartMonth(p)
      return LocalDate.make(year, month, 1)
    }
    case "Month":
      return LocalDate.make(p.year, p.month, 1)
    case "Snapshot":
      return p.date
    case "Rolling12":
      return LocalDate.addMonths(LocalDate.addDays(end(p.end), 1), -12)
  }
}

/** The last day of a period (inclusive). */
export const end = (p: Period): LocalDate.LocalDate => {
  switch (p._tag) {
    case "FinancialYear":
      return LocalDate.make(p.startYear + 1, 3, 31)
    case "Quarter": {
      const { year, month } = quarterStartMonth(p)
      return LocalDate.endOfMonth(LocalDate.addMonths(LocalDate.make(year, month, 1), 2))
    }
    case "Month":
      return LocalDate.endOfMonth(LocalDate.make(p.year, p.month, 1))
    case "Snapshot":
      return p.date
    case "Rolling12":
      return end(p.end)
  }
}

/** True when `date` falls within the period (both ends inclusive). */
export const contains = (p: Period, date: LocalDate.LocalDate): boolean => date >= start(p) && date <= end(p)

/** Number of days in the period. */
export const lengthInDays = (p: Period): number => LocalDate.daysBetween(start(p), end(p)) + 1

// ---------------------------------------------------------------------------------------------------------------
// periods containing a date

/** The financial year containing `date`. */
export const financialYearOf = (date: LocalDate.LocalDate): FinancialYear => {
  const { year, month } = LocalDate.parts(date)
  return financialYear(month >= 4 ? year : year - 1)
}

/** The financial-year quarter containing `date`. */
export const quarterOf = (date: LocalDate.LocalDate): Quarter => {
  const { month } = LocalDate.parts(date)
  const fy = financialYearOf(date)
  return quarter(fy.startYear, (Math.floor(((month + 8) % 12) / 3) + 1) as 1 | 2 | 3 | 4)
}

/** The calendar month containing `date`. */
export const monthOf = (date: LocalDate.LocalDate): Month => {
  const { year, month: m } = LocalDate.parts(date)
  return month(year, m)
}

/** The financial year in which a period ends (a rolling window belongs to the year of its last quarter). */
export const financialYearOfPeriod = (p: Period): FinancialYear => financialYearOf(end(p))

/** The four quarters of a financial year, in order. */
export const quartersOf = (fy: FinancialYear): ReadonlyArray<Quarter> =>
  ([1, 2, 3, 4] as const).map((q) => quarter(fy.startYear, q))

/** The calendar months a period overlaps, in order. */
export const monthsOf = (p: Period): ReadonlyArray<Month> => {
  const out: Array<Month> = []
  let m = monthOf(start(p))
  const last = monthOf(end(p))
  while (m.year * 12 + m.month <= last.year * 12 + last.month) {
    out.push(m)
    m = next(m) as Month
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// stepping

/** The period `n` steps later (or earlier for negative `n`), keeping its kind: a year steps by a year, a quarter
 * or a rolling window by a quarter, a month by a month, a snapshot by a year (29 February clamps to 28th). */
export const next = (p: Period, n = 1): Period => {
  switch (p._tag) {
    case "FinancialYear":
      return financialYear(p.startYear + n)
    case "Quarter": {
      const idx = p.startYear * 4 + (p.quarter - 1) + n
      return quarter(Math.floor(idx / 4), ((((idx % 4) + 4) % 4) + 1) as 1 | 2 | 3 | 4)
    }
    case "Month": {
      const idx = p.year * 12 + (p.month - 1) + n
      return month(Math.floor(idx / 12), (((idx % 12) + 12) % 12) + 1)
    }
    case "Snapshot":
      return snapshot(LocalDate.addMonths(p.date, 12 * n))
    case "Rolling12":
      return rolling12(next(p.end, n) as Quarter)
  }
}

/** The period `n` steps earlier, keeping its kind (see `next`). */
export const previous = (p: Period, n = 1): Period => next(p, -n)

/** The same period one year earlier (a quarter's same quarter last year, a month's same month last year). */
export const sameLastYear = (p: Period): Period => {
  switch (p._tag) {
    case "FinancialYear":
    case "Snapshot":
      return next(p, -1)
    case "Quarter":
    case "Rolling12":
      return next(p, -4)
    case "Month":
      return next(p, -12)
  }
}

// ---------------------------------------------------------------------------------------------------------------
// comparison

const kindRank: Record<Kind, number> = { Snapshot: 0, Month: 1, Quarter: 2, Rolling12: 3, FinancialYear: 4 }

/** Orders periods by their last day, then their first day, then kind; equal only for the same period. */
export const compare = (a: Period, b: Period): -1 | 0 | 1 => {
  const ea = end(a)
  const eb = end(b)
  if (ea !== eb) return ea < eb ? -1 : 1
  const sa = start(a)
  const sb = start(b)
  if (sa !== sb) return sa > sb ? -1 : 1
  const ka = kindRank[a._tag]
  const kb = kindRank[b._tag]
  return ka === kb ? 0 : ka < kb ? -1 : 1
}

/** An `Order` for sorting periods chronologically (see `compare`). */
export const order: Order.Order<Period> = (a, b) => compare(a, b)

/** True when two periods are the same period. */
export const equals = (a: Period, b: Period): boolean => a._tag === b._tag && format(a) === format(b)

// ---------------------------------------------------------------------------------------------------------------
// text

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const
const MONTH_NAMES = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
] as const

const fyLabel = (startYear: number) => `${startYear}-${String((startYear + 1) % 100).padStart(2, "0")}`

/** The canonical text of a period (see the module table). */
export const format = (p: Period): string => {
  switch (p._tag) {
    case "FinancialYear":
      return fyLabel(p.startYear)
    case "Quarter":
      return `${fyLabel(p.startYear)} Q${p.quarter}`
    case "Month":
      return `${MONTHS[p.month - 1]} ${p.year}`
    case "Snapshot":
      return p.date
    case "Rolling12":
      return `12 months to ${format(p.end)}`
  }
}

/** A longer, human label: `2024-25 Q2 (Jul–Sep 2024)`, `April 2024 to March 2025`, `31 March 2025`. */
export const describe = (p: Period): string => {
  const s = LocalDate.parts(start(p))
  const e = LocalDate.parts(end(p))
  switch (p._tag) {
    case "FinancialYear":
      return `April ${s.year} to March ${e.year}`
    case "Quarter":
      return `${format(p)} (${MONTHS[s.month - 1]}–${MONTHS[e.month - 1]} ${e.year})`
    case "Month":
      return `${cap(MONTH_NAMES[p.month - 1]!)} ${p.year}`
    case "Snapshot":
      return `${e.day} ${cap(MONTH_NAMES[e.month - 1]!)} ${e.year}`
    case "Rolling12":
      return `12 months ${MONTHS[s.month - 1]} ${s.year} to ${MONTHS[e.month - 1]} ${e.year}`
  }
}
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

const EXPECTED =
  "expected a financial year (2024-25), a quarter (2024-25 Q2), a month (Jul 2024), a snapshot date (2025-03-31) " +
  "or a rolling 12 months (12 months to 2024-25 Q2)"

const fyFrom = (a: string, b: string): number | undefined => {
  const start = Number(a)
  if (b.length === 2) return (start + 1) % 100 === Number(b) ? start : undefined
  if (b.length === 4) return start + 1 === Number(b) ? start : undefined
  return undefined
}

const parseFy = (s: string): number | undefined => {
  const m = /^(?:fy\s*)?(\d{4})\s*(?:-|\/|–|\bto\b)\s*(\d{2}|\d{4})$/i.exec(s)
  return m ? fyFrom(m[1]!, m[2]!) : undefined
}

const parseQuarter = (s: string): Quarter | undefined => {
  let m = /^(.+?)\s*q([1-4])$/i.exec(s)
  if (m) {
    const fy = parseFy(m[1]!.trim())
    return fy === undefined ? undefined : quarter(fy, Number(m[2]) as 1 | 2 | 3 | 4)
  }
  m = /^q([1-4])\s+(.+)$/i.exec(s)
  if (m) {
    const fy = parseFy(m[2]!.trim())
    return fy === undefined ? undefined : quarter(fy, Number(m[1]) as 1 | 2 | 3 | 4)
  }
  return undefined
}

const parseMonth = (s: string): Month | undefined => {
  let m = /^([a-z]+)\.?\s+(\d{4})$/i.exec(s)
  if (m) {
    const name = m[1]!.toLowerCase()
    const idx = MONTH_NAMES.findIndex((n) => n === name || (name.length >= 3 && n.startsWith(name)))
    return idx >= 0 ? month(Number(m[2]), idx + 1) : undefined
  }
  m = /^(\d{4})-(\d{2})$/.exec(s)
  if (m) {
    const mm = Number(m[2])
    return mm >= 1 && mm <= 12 ? month(Number(m[1]), mm) : undefined
  }
  return undefined
}

const parseRolling = (s: string): Rolling12 | undefined => {
  const m =
    /^(?:r12|rolling(?:\s+12(?:\s*m(?:onths?)?)?)?(?:\s+to)?|12\s*m(?:onths?)?\s+to|12\s*months?\s+ending)\s+(.+)$/i.exec(
      s,
    ) ?? /^(.+?)\s+(?:r12|rolling)$/i.exec(s)
  if (!m) return undefined
  const q = parseQuarter(m[1]!.trim())
  return q ? rolling12(q) : undefined
}

const parseSnapshot = (s: string): Snapshot | undefined => {
  const m = /^(?:snapshot\s+(.+)|(.+?)\s+snapshot)$/i.exec(s)
  if (m) {
    const fy = parseFy((m[1] ?? m[2])!.trim())
    return fy === undefined ? undefined : yearEndSnapshot(financialYear(fy))
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(s) || /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(s)) {
    const d = LocalDate.parse(s)
    return Either.isRight(d) ? snapshot(d.right) : undefined
  }
  return undefined
}

/** Parses any accepted period text (see the module docs); the error says which forms are expected. */
export const parse = (input: string): Either.Either<Period, PeriodParseError> => {
  const s = input.trim().replace(/\s+/g, " ")
  const fy = parseFy(s)
  const found: Period | undefined =
    fy !== undefined
      ? financialYear(fy)
      : (parseRolling(s) ?? parseQuarter(s) ?? parseSnapshot(s) ?? parseMonth(s) ?? undefined)
  if (found) return Either.right(found)
  const hint = /^\d{4}-\d{2}$/.test(s)
    ? ` ("${s}" is neither a month nor a financial year: a year's second part must be the next year, e.g. 2024-25)`
    : ""
  return Either.left(
    new PeriodParseError({ input, message: `Cannot read "${input}" as a period: ${EXPECTED}${hint}.` }),
  )
}

/** Parses period text, throwing `PeriodParseError` on bad input (for literals in code and tests). */
export const unsafeParse = (input: string): Period => Either.getOrThrow(parse(input))

/** Parses text that must be one kind of period, e.g. `parseAs("FinancialYear", "2024-25")`. */
export const parseAs = <K extends Kind>(
  kind: K,
  input: string,
): Either.Either<Extract<Period, { _tag: K }>, PeriodParseError> =>
  Either.flatMap(parse(input), (p) =>
    p._tag === kind
      ? Either.right(p as Extract<Period, { _tag: K }>)
      : Either.left(
          new PeriodParseError({
            input,
            message: `"${input}" is a ${kindNames[p._tag]}, but a ${kindNames[kind]} is expected here.`,
          }),
        ),
  )

const kindNames: Record<Kind, string> = {
  FinancialYear: "financial year (e.g. 2024-25)",
  Quarter: "quarter (e.g. 2024-25 Q2)",
  Month: "month (e.g. Jul 2024)",
  Snapshot: "snapshot date (e.g. 2025-03-31)",
  Rolling12: "rolling 12 months (e.g. 12 months to 2024-25 Q2)",
}

/** A Schema that decodes period text into a `Period` and encodes it back to canonical text. */
export const FromString: Schema.Schema<Period, string> = Schema.transformOrFail(
  Schema.String,
  Schema.typeSchema(Period),
  {
    strict: true,
    decode: (s, _, ast) =>
      Either.match(parse(s), {
        onLeft: (e) => ParseResult.fail(new ParseResult.Type(ast, s, e.message)),
        onRight: (p) => ParseResult.succeed(p),
      }),
    encode: (p) => ParseResult.succeed(format(p)),
  },
).annotations({ identifier: "PeriodFromString" })
