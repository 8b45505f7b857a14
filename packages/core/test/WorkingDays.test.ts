import { describe, expect, it } from "vitest"
import { LocalDate, WorkingDays } from "../src/index.js"

const d = (s: string) => s as LocalDate.LocalDate

/** The one-off changes proclaimed for a single year: the only differences between GOV.UK's list and the rules. */
const proclaimed: Record<
  number,
  { readonly removed: ReadonlyArray<string>; readonly added: ReadonlyArray<string> }
> = {
  2020: { removed: ["2020-05-04"], added: ["2020-05-08"] }, // early May moved to VE Day
  2022: { removed: ["2022-05-30"], added: ["2022-06-02", "2022-06-03", "2022-09-19"] }, // Jubilee, State Funeral
  2023: { removed: [], added: ["2023-05-08"] }, // Coronation
}

describe("England and Wales bank holidays", () => {
  it("match the standing rules every year, except the proclaimed one-off changes", () => {
    for (let y = WorkingDays.publishedYears.first; y <= WorkingDays.publishedYears.last; y++) {
      const listed = WorkingDays.bankHolidaysIn(y).map((h) => h.date)
      const rules = WorkingDays.standingRules(y).map((h) => h.date)
      const change = proclaimed[y] ?? { removed: [], added: [] }
      const expected = [...rules.filter((x) => !change.removed.includes(x)), ...change.added].sort()
      expect(listed, String(y)).toEqual(expected)
    }
  })

  it("are weekdays, in order, eight a year except where proclaimed", () => {
    const hs = WorkingDays.bankHolidays
    for (const h of hs) expect(WorkingDays.isWeekend(h.date), h.date).toBe(false)
    expect([...hs.map((h) => h.date)].sort()).toEqual(hs.map((h) => h.date))
    expect(WorkingDays.bankHolidaysIn(2024)).toHaveLength(8)
    expect(WorkingDays.bankHolidaysIn(2022)).toHaveLength(10)
  })

  it("flags substitute days and names the one-off holidays", () => {
    expect(WorkingDays.bankHolidaysIn(2026).at(-1)).toEqual({
      date: "2026-12-28",
      name: "Boxing Day",
      substitute: true,
    })
    expect(WorkingDays.isBankHoliday(d("2022-09-19"))).toBe(true)
    expect(WorkingDays.bankHolidays.find((h) => h.date === "2023-05-08")?.name).toMatch(/coronation/)
  })

  it("computes Easter and applies the rules outside the published years", () => {
    expect(WorkingDays.easterSunday(2024)).toBe("2024-03-31")
    expect(WorkingDays.easterSunday(2027)).toBe("2027-03-28")
    expect(WorkingDays.easterSunday(2038)).toBe("2038-04-25")
    // 2028: New Year's Day is a Saturday → Monday 3 January; Christmas Monday, Boxing Day Tuesday.
    expect(WorkingDays.bankHolidaysIn(2028).map((h) => h.date)).toEqual([
      "2028-01-03",
      "2028-04-14",
      "2028-04-17",
      "2028-05-01",
      "2028-05-29",
      "2028-08-28",
      "2028-12-25",
      "2028-12-26",
    ])
  })
})

describe("working days", () => {
  it("knows the day of the week", () => {
    expect(WorkingDays.dayOfWeek(d("2026-11-23"))).toBe(1) // a Monday
    expect(WorkingDays.dayOfWeek(d("1970-01-01"))).toBe(4)
    expect(WorkingDays.dayOfWeek(d("1969-12-28"))).toBe(0)
  })

  it("skips weekends and bank holidays", () => {
    expect(WorkingDays.isWorkingDay(d("2025-12-24"))).toBe(true)
    expect(WorkingDays.isWorkingDay(d("2025-12-25"))).toBe(false)
    expect(WorkingDays.isWorkingDay(d("2025-12-27"))).toBe(false)
    // Received Monday 1 December 2025: 20 working days, skipping Christmas Day and Boxing Day.
    expect(WorkingDays.addWorkingDays(d("2025-12-01"), 20)).toBe("2025-12-31")
    // Over Easter 2026 (Good Friday 3 April, Easter Monday 6 April).
    expect(WorkingDays.addWorkingDays(d("2026-03-27"), 5)).toBe("2026-04-07")
    expect(WorkingDays.addWorkingDays(d("2026-03-27"), 0)).toBe("2026-03-27")
    // Received on a Saturday: the first working day is Monday.
    expect(WorkingDays.addWorkingDays(d("2026-11-21"), 1)).toBe("2026-11-23")
    expect(() => WorkingDays.addWorkingDays(d("2026-11-21"), -1)).toThrow(RangeError)
  })

  it("counts working days after the first date up to the second, and agrees with addWorkingDays", () => {
    expect(WorkingDays.workingDaysBetween(d("2025-12-01"), d("2025-12-31"))).toBe(20)
    expect(WorkingDays.workingDaysBetween(d("2025-12-01"), d("2025-12-01"))).toBe(0)
    expect(WorkingDays.workingDaysBetween(d("2025-12-31"), d("2025-12-01"))).toBe(0)
    expect(WorkingDays.within(d("2025-12-01"), d("2025-12-31"), 20)).toBe(true)
    expect(WorkingDays.within(d("2025-12-01"), d("2026-01-02"), 20)).toBe(false)
    let from = d("2022-05-20")
    for (let i = 0; i < 400; i++) {
      for (const n of [1, 5, 20]) {
        const to = WorkingDays.addWorkingDays(from, n)
        expect(WorkingDays.workingDaysBetween(from, to)).toBe(n)
        expect(WorkingDays.isWorkingDay(to)).toBe(true)
      }
      from = LocalDate.addDays(from, 3)
    }
  })
})
