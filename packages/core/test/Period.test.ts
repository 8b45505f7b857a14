import { Either, Schema } from "effect"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { LocalDate, Period } from "../src/index.js"

const fyArb = fc.integer({ min: 1990, max: 2090 }).map(Period.financialYear)
const quarterArb = fc
  .tuple(fc.integer({ min: 1990, max: 2090 }), fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>)
  .map(([y, q]) => Period.quarter(y, q))
const monthArb = fc
  .tuple(fc.integer({ min: 1990, max: 2090 }), fc.integer({ min: 1, max: 12 }))
  .map(([y, m]) => Period.month(y, m))
const dateArb = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2090-12-31T00:00:00Z"), noInvalidDate: true })
  .map(LocalDate.fromDate)
const periodArb: fc.Arbitrary<Period.Period> = fc.oneof(
  fyArb,
  quarterArb,
  monthArb,
  dateArb.map(Period.snapshot),
  quarterArb.map(Period.rolling12),
)

describe("Period", () => {
  it("reads and writes the canonical forms", () => {
    const cases: Array<[string, Period.Period]> = [
      ["2024-25", Period.financialYear(2024)],
      ["2024-25 Q2", Period.quarter(2024, 2)],
      ["Jul 2024", Period.month(2024, 7)],
      ["2025-03-31", Period.snapshot(LocalDate.make(2025, 3, 31))],
      ["12 months to 2024-25 Q2", Period.rolling12(Period.quarter(2024, 2))],
    ]
    for (const [text, p] of cases) {
      expect(Period.unsafeParse(text)).toEqual(p)
      expect(Period.format(p)).toBe(text)
    }
  })

  it("accepts the variants people type", () => {
    const same = (a: string, b: string) => expect(Period.format(Period.unsafeParse(a))).toBe(b)
    same("2024/25", "2024-25")
    same("2024 to 2025", "2024-25")
    same("FY2024-25", "2024-25")
    same("2024-2025", "2024-25")
    same("2026-27Q2", "2026-27 Q2")
    same("q3 2024/25", "2024-25 Q3")
    same("July 2024", "Jul 2024")
    same("2024-07", "Jul 2024")
    same("31/03/2025", "2025-03-31")
    same("2024-25 snapshot", "2025-03-31")
    same("R12 2024-25 Q2", "12 months to 2024-25 Q2")
    same("rolling 12 months to 2026-27Q2", "12 months to 2026-27 Q2")
    same("2011-12", "2011-12") // a financial year, not December 2011
  })

  it("gives a typed error that says what was expected", () => {
    for (const bad of ["2024-26", "2024-13", "Q5 2024-25", "", "next year", "31/02/2025"]) {
      const r = Period.parse(bad)
      expect(Either.isLeft(r)).toBe(true)
      if (Either.isLeft(r)) {
        expect(r.left._tag).toBe("PeriodParseError")
        expect(r.left.message).toContain("expected a financial year (2024-25)")
      }
    }
    const wrongKind = Period.parseAs("FinancialYear", "2024-25 Q2")
    expect(Either.isLeft(wrongKind) && wrongKind.left.message).toContain(
      "a financial year (e.g. 2024-25) is expected",
    )
  })

  it("has the right bounds", () => {
    const b = (s: string) => {
      const p = Period.unsafeParse(s)
      return [Period.start(p), Period.end(p)]
    }
    expect(b("2024-25")).toEqual(["2024-04-01", "2025-03-31"])
    expect(b("2024-25 Q1")).toEqual(["2024-04-01", "2024-06-30"])
    expect(b("2024-25 Q2")).toEqual(["2024-07-01", "2024-09-30"])
    expect(b("2024-25 Q3")).toEqual(["2024-10-01", "2024-12-31"])
    expect(b("2024-25 Q4")).toEqual(["2025-01-01", "2025-03-31"])
    expect(b("Feb 2024")).toEqual(["2024-02-01", "2024-02-29"])
    expect(b("12 months to 2024-25 Q2")).toEqual(["2023-10-01", "2024-09-30"])
    expect(b("12 months to 2024-25 Q4")).toEqual(["2024-04-01", "2025-03-31"])
    expect(Period.lengthInDays(Period.unsafeParse("2023-24"))).toBe(366)
  })

  it("finds the periods containing a date", () => {
    const d = LocalDate.make(2025, 1, 15)
    expect(Period.format(Period.financialYearOf(d))).toBe("2024-25")
    expect(Period.format(Period.quarterOf(d))).toBe("2024-25 Q4")
    expect(Period.format(Period.quarterOf(LocalDate.make(2024, 4, 1)))).toBe("2024-25 Q1")
    expect(Period.format(Period.quarterOf(LocalDate.make(2024, 9, 30)))).toBe("2024-25 Q2")
    expect(Period.monthsOf(Period.unsafeParse("2024-25 Q3")).map(Period.format)).toEqual([
      "Oct 2024",
      "Nov 2024",
      "Dec 2024",
    ])
  })

  it("steps back and forward", () => {
    const f = (s: string, n: number) => Period.format(Period.next(Period.unsafeParse(s), n))
    expect(f("2024-25 Q1", -1)).toBe("2023-24 Q4")
    expect(f("2024-25 Q4", 1)).toBe("2025-26 Q1")
    expect(f("Jan 2025", -1)).toBe("Dec 2024")
    expect(f("2024-25", -10)).toBe("2014-15")
    expect(f("12 months to 2024-25 Q1", -1)).toBe("12 months to 2023-24 Q4")
    expect(f("2024-02-29", 1)).toBe("2025-02-28")
    expect(Period.format(Period.sameLastYear(Period.unsafeParse("2024-25 Q2")))).toBe("2023-24 Q2")
  })

  it("decodes through a Schema", () => {
    const decode = Schema.decodeUnknownSync(Period.FromString)
    expect(decode("2024-25 Q2")).toEqual(Period.quarter(2024, 2))
    expect(() => decode("nonsense")).toThrow(/expected a financial year/)
    expect(Schema.encodeSync(Period.FromString)(Period.financialYear(2023))).toBe("2023-24")
  })

  it("round-trips every period through its text (property)", () => {
    fc.assert(
      fc.property(periodArb, (p) => {
        expect(Period.unsafeParse(Period.format(p))).toEqual(p)
      }),
    )
  })

  it("steps are inverse and monotonic (property)", () => {
    fc.assert(
      fc.property(periodArb, fc.integer({ min: -60, max: 60 }), (p, n) => {
        expect(Period.previous(Period.next(p, n), n)).toEqual(p)
        const q = Period.next(p, n)
        const c = Period.compare(q, p)
        expect(c).toBe(n > 0 ? 1 : n < 0 ? -1 : 0)
      }),
    )
  })

  it("orders consistently with equality and contains its own bounds (property)", () => {
    fc.assert(
      fc.property(periodArb, periodArb, (a, b) => {
        expect(Period.compare(a, b)).toBe(-Period.compare(b, a) || 0)
        expect(Period.compare(a, b) === 0).toBe(Period.equals(a, b))
        expect(Period.contains(a, Period.start(a)) && Period.contains(a, Period.end(a))).toBe(true)
      }),
    )
  })

  it("puts every date in exactly one quarter of its financial year (property)", () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        const fy = Period.financialYearOf(d)
        const hits = Period.quartersOf(fy).filter((q) => Period.contains(q, d))
        expect(hits).toEqual([Period.quarterOf(d)])
      }),
    )
  })
})

describe("LocalDate", () => {
  it("parses ISO and UK dates and rejects impossible ones", () => {
    expect(LocalDate.parse("2024-07-31")).toEqual(Either.right("2024-07-31"))
    expect(LocalDate.parse("31/07/2024")).toEqual(Either.right("2024-07-31"))
    expect(LocalDate.parse("1/7/2024")).toEqual(Either.right("2024-07-01"))
    expect(LocalDate.parse("2024-07-31T00:00:00.000Z")).toEqual(Either.right("2024-07-31"))
    expect(Either.isLeft(LocalDate.parse("31/02/2024"))).toBe(true)
    expect(Either.isLeft(LocalDate.parse("2023-02-29"))).toBe(true)
    expect(Either.isLeft(LocalDate.parse("07/31/2024"))).toBe(true)
  })

  it("does date arithmetic in days and months", () => {
    const d = LocalDate.make(2024, 1, 31)
    expect(LocalDate.addMonths(d, 1)).toBe("2024-02-29")
    expect(LocalDate.addDays(d, 30)).toBe("2024-03-01")
    expect(LocalDate.daysBetween(LocalDate.make(2024, 1, 1), LocalDate.make(2025, 1, 1))).toBe(366)
    expect(LocalDate.ageOn(LocalDate.make(1959, 4, 1), LocalDate.make(2024, 3, 31))).toBe(64)
    expect(LocalDate.ageOn(LocalDate.make(1959, 4, 1), LocalDate.make(2024, 4, 1))).toBe(65)
    expect(LocalDate.dhscAge(1959, 4, LocalDate.make(2024, 4, 1))).toBe(65)
  })

  it("day numbers round-trip (property)", () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        expect(LocalDate.fromDayNumber(LocalDate.toDayNumber(d))).toBe(d)
      }),
    )
  })
})
