/**
 * ASCOF 2B and 2C by DHSC's rules (Create_ASCOF_2B2C_2425_Onwards.sql) on hand-built CLD: the 12-month readmission
 * edge (364 vs 365 days), the service component rules, self-funding, DHSC's proxy-DOB age at the admission, and
 * the ONS population denominator (its mid-year, and what happens when it is not loaded).
 */
import { LocalDate, Period, Value } from "@asckit/core"
import { beforeAll, describe, expect, it } from "vitest"
import { computeAll, insertPopulation, loadWarehouse, person, service, tempDir } from "./ascof-fixtures.js"

const fy = Period.financialYear(2024)

const care = (who: object, type: "Residential" | "Nursing", start: string, end?: string, o: object = {}) =>
  service({
    ...who,
    Event_Reference: `C-${start}`,
    Service_Type: `Long term support: ${type === "Residential" ? "Residential care" : "Nursing care"}`,
    Service_Component: type === "Residential" ? "Long term residential care" : "Long term nursing care",
    Event_Start_Date: start,
    Event_End_Date: end ?? "",
    Event_Outcome: end === undefined ? "" : "NFA: Support ended for other reason",
    ...o,
  })

const P = {
  a: person({ Date_of_Birth: "1950-03-10" }), // earlier care ended 364 days before: not new
  b: person({ Date_of_Birth: "1950-03-10" }), // ended 365 days before: new (65+)
  c: person({ Date_of_Birth: "1984-09-02" }), // 39: new (18-64)
  d: person({ Date_of_Birth: "1950-03-10" }), // went on to self-fund: not counted
  e: person({ Date_of_Birth: "1950-03-10" }), // short-term component: not counted
  f: person({ Date_of_Birth: "1944-01-20" }), // two admissions in the year: counted once
  g: person({ Date_of_Birth: "1959-05-20" }), // proxy DOB 1 May 1959: 64 on 30 April 2024
  h: person({ Date_of_Birth: "1959-05-20" }), // and 65 on 1 May 2024
  i: person({ Date_of_Birth: "1950-03-10" }), // community support only
  j: person({ Date_of_Birth: "1940-03-10", Date_of_Death: "2024-03-15" }), // died before the year
  k: person({ Date_of_Birth: "1950-03-10" }), // admitted after the year
  l: person({ Date_of_Birth: "1950-03-10" }), // residential type with a nursing component: counted
} as const

const rows = [
  care(P.a, "Nursing", "2022-01-01", "2023-06-03"),
  care(P.a, "Residential", "2024-06-01"),
  care(P.b, "Nursing", "2022-01-01", "2023-06-02"),
  care(P.b, "Residential", "2024-06-01"),
  care(P.c, "Nursing", "2024-09-01"),
  care(P.d, "Residential", "2024-07-01", "2024-10-01", {
    Event_Outcome: "NFA: Self-funded client or under 12wk disregard",
  }),
  care(P.e, "Residential", "2024-07-01", undefined, { Service_Component: "Short term residential care" }),
  care(P.f, "Residential", "2024-05-01", "2024-05-20"),
  care(P.f, "Residential", "2024-12-01"),
  care(P.g, "Residential", "2024-04-30"),
  care(P.h, "Residential", "2024-05-01"),
  service({ ...P.i, Event_Start_Date: "2024-06-01" }),
  care(P.j, "Residential", "2024-04-02"), // recorded after the death: DHSC drops people dead before the year
  care(P.k, "Nursing", "2025-04-01"),
  care(P.l, "Residential", "2024-11-11", undefined, { Service_Component: "Long term nursing care" }),
]

describe("ASCOF 2B and 2C (DHSC Create_ASCOF_2B2C_2425_Onwards.sql)", () => {
  const dir = tempDir("asckit-2bc-")
  let db = ""
  beforeAll(async () => {
    db = await loadWarehouse(dir, "admissions", rows)
  })

  it("uses DHSC's proxy date of birth: a May 1959 birth is 64 on 30 April 2024 and 65 on 1 May", () => {
    expect(LocalDate.dhscAge(1959, 5, "2024-04-30" as LocalDate.LocalDate)).toBe(64)
    expect(LocalDate.dhscAge(1959, 5, "2024-05-01" as LocalDate.LocalDate)).toBe(65)
  })

  it("is not available without an ONS population estimate", async () => {
    const r = await computeAll(db, fy)
    expect(r["2B"]).toMatchObject({ status: "not-available", value: { _tag: "NotAvailable" } })
    expect(r["2C"]?.reason).toContain("no ONS mid-year population estimate is loaded for 999")
  })

  it("counts new admissions per 100,000 of the mid-2024 population for 2024-25", async () => {
    // 18-64: 47 single years of 1,000; 65+: 26 of 500 (90 = 90 and over).
    await insertPopulation(db, "999", 2024, (age) => (age >= 18 && age <= 64 ? 1000 : age >= 65 ? 500 : 700))
    const r = await computeAll(db, fy)
    // 2B: c, g. 2C: b (365 days), f (once), h (65 on the day), l. Not a (364 days), d, e, i, j, k.
    expect([r["2B"]?.numerator, r["2B"]?.denominator]).toEqual([2, 47_000])
    expect([r["2C"]?.numerator, r["2C"]?.denominator]).toEqual([4, 13_000])
    expect(r["2B"]?.value).toEqual(Value.available(4.3, 2, 47_000))
    expect(r["2C"]?.value).toEqual(Value.available(30.8, 4, 13_000))
    expect(r["2C"]?.note).toContain("ONS mid-2024 population of 999")
  })

  it("uses the mid-year inside a rolling period, or the latest earlier one loaded, and says which", async () => {
    const rolling = Period.rolling12(Period.quarter(2025, 2)) // October 2024 to September 2025: mid-2025
    const before = await computeAll(db, rolling)
    expect(before["2C"]?.note).toContain("mid-2025 is not loaded")
    expect(before["2C"]?.denominator).toBe(13_000)
    await insertPopulation(db, "999", 2025, (age) => (age >= 65 ? 520 : 1000))
    const after = await computeAll(db, rolling)
    expect(after["2C"]?.denominator).toBe(26 * 520)
    expect(after["2C"]?.note).not.toContain("not loaded")
    // In that window: l (Nov 2024) and k (Apr 2025); f's December admission is not new (May's care ended 195
    // days before), c's September one is before the window.
    expect(after["2C"]?.numerator).toBe(2)
    expect(after["2B"]?.numerator).toBe(0)
  })
})
