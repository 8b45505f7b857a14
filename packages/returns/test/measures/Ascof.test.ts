/**
 * The ASCOF CLD measures' API and shared rules: results in catalogue order with the catalogue's ids and values,
 * `not-available` with a reason (period kind, no CLD, no hospital data), the SQL text and coverage notes, DHSC's
 * latest person details as at the period end, and the dialect fragments.
 */
import { Catalogue, LocalDate, Outcome, Period } from "@asckit/core"
import { Warehouse, WarehouseReader } from "@asckit/etl"
import { sql } from "drizzle-orm"
import { Effect, Either } from "effect"
import { beforeAll, describe, expect, it } from "vitest"
import { Ascof } from "../../src/index.js"
import * as Dialect from "../../src/measures/dialect.js"
import {
  computeAll,
  loadWarehouse,
  person,
  pseudonym,
  read,
  service,
  stMax,
  tempDir,
} from "./ascof-fixtures.js"

const fy = Period.financialYear(2024)
const at = (end: string) => ({ Reporting_Period_Start_Date: "2023-04-01", Reporting_Period_End_Date: end })

// X: three submissions with different statuses; Y: first submitted after the year; Z: death reported only later.
const X = person({ Date_of_Birth: "1950-03-10" })
const Y = person({ Date_of_Birth: "1950-03-10" })
const Z = person({ Date_of_Birth: "1950-03-10" })

const rows = [
  service({ ...X, ...at("2024-09-30"), Accommodation_Status: "Tenant: Private landlord" }),
  service({ ...X, ...at("2025-03-31"), Accommodation_Status: "Registered care home" }),
  service({ ...X, ...at("2025-06-30"), Accommodation_Status: "Owner occupier or shared ownership scheme" }),
  service({ ...Y, Date_of_Birth: "1951-07-01", Accommodation_Status: "Refuge" }),
  stMax(Z, "2025-03-01", "2025-03-25", "NFA: Support ended as planned", at("2025-03-31")),
  stMax(Z, "2025-03-01", "2025-03-25", "NFA: Support ended as planned", { Date_of_Death: "2025-04-01" }),
]

describe("ASCOF CLD measures: API and shared rules", () => {
  const dir = tempDir("asckit-ascof-")
  let db = ""
  beforeAll(async () => {
    db = await loadWarehouse(dir, "api", rows)
  })

  it("gives every measure in catalogue order with the catalogue's id and Outcome.compute's value", async () => {
    const all = await read(db, (r) => Ascof.computeAll(r, { period: fy, laCode: "999" }))
    expect(all.map((r) => r.code)).toEqual([...Ascof.codes])
    for (const r of all) {
      const measure = Either.getOrThrow(Catalogue.get(r.measureId))
      expect(measure.code).toBe(r.code)
      expect(r.query.sql).toBe(r.sql)
      if (r.status === "ok") {
        expect(r.value).toEqual(
          Outcome.compute(measure, { numerator: r.numerator!, denominator: r.denominator! }),
        )
      }
    }
    const one = await read(db, (r) =>
      Ascof.compute(r, { code: "ASCOF-2023:3D(2a)", period: fy, laCode: "999" }),
    )
    expect(one).toEqual(all.find((r) => r.code === "3D(2a)"))
  })

  it("is not available for other kinds of period, a council with no CLD, or 2D without hospital data", async () => {
    const quarter = await computeAll(db, Period.quarter(2024, 2))
    expect(quarter["2A"]?.reason).toBe(
      "ASCOF measures are computed for a financial year or a rolling 12 months, not a quarter (2024-25 Q2)",
    )
    const other = await computeAll(db, fy, "305")
    expect(
      Object.values(other).every((r) => r.reason === "no Client Level Data is loaded for council 305"),
    ).toBe(true)
    const r = await computeAll(db, fy)
    for (const code of ["2D(1)", "2D(2)"]) {
      expect(r[code]).toMatchObject({
        status: "not-available",
        reason: "no hospital-discharge data loaded",
        note: "not available: no hospital-discharge data loaded",
        value: { _tag: "NotAvailable", reason: "no hospital-discharge data loaded" },
      })
    }
  })

  it("writes the SQL with its parameters, and notes when the loaded CLD ends before the period", async () => {
    const r = await computeAll(db, Period.financialYear(2025))
    expect(r["3D(1a)"]?.sql).toMatch(/^with\b/)
    expect(r["3D(1a)"]?.sql).toContain("la_code = '999'")
    expect(r["3D(1a)"]?.sql).toContain("'2026-03-31'")
    expect(r["3D(1a)"]?.sql).not.toContain("?")
    expect(r["3D(1a)"]?.note).toContain(
      "the latest CLD submission loaded ends on 2025-06-30, before the period ends (2026-03-31)",
    )
  })

  it("takes each person's latest known details as at the period end (DHSC's latest person details)", async () => {
    const details = (period: Period.Period) =>
      read(db, (r) => {
        const ctx = Ascof.context(r, { laCode: "999", period })
        const persons = sql`select distinct person_id from person where la_code = '999'`
        const fields = ["accommodation_status", "birth_year", "birth_month", "date_of_death"] as const
        return Effect.all({
          latest: r.all<Record<string, unknown>>(
            "latest",
            sql`select * from (${Ascof.PersonDetails.latest(ctx, persons)}) l order by person_id`,
          ),
          field: r.all<Record<string, unknown>>(
            "field",
            sql`select person_id, ${sql.join(
              fields.map((f) => sql`${Ascof.PersonDetails.field(ctx, sql`q.person_id`, f)} as ${sql.raw(f)}`),
              sql`, `,
            )} from (${persons}) q order by person_id`,
          ),
        })
      })
    const pick = (rows: ReadonlyArray<Record<string, unknown>>, nhsNumber: string) =>
      rows.find((x) => x.person_id === pseudonym(nhsNumber))
    for (const [period, x] of [
      [Period.rolling12(Period.quarter(2024, 2)), "Tenant: Private landlord"],
      [fy, "Registered care home"],
      [Period.rolling12(Period.quarter(2025, 1)), "Owner occupier or shared ownership scheme"],
    ] as const) {
      const { latest, field } = await details(period)
      // The two forms agree, field for field.
      for (const row of field) expect(latest.find((l) => l.person_id === row.person_id)).toMatchObject(row)
      expect(pick(latest, X.NHS_Number)?.accommodation_status).toBe(x)
    }
    const { latest } = await details(fy)
    // Y's only snapshot is after the year: used. Z's death is only in the later one: known first.
    expect(pick(latest, Y.NHS_Number)).toMatchObject({
      accommodation_status: "Refuge",
      birth_year: 1951,
      birth_month: 7,
    })
    expect(pick(latest, Z.NHS_Number)?.date_of_death).toBe("2025-04-01")
  })

  it("2A sees a death reported after the year within 7 days of an episode's end (death beats its outcome)", async () => {
    const eps = await read(db, (r) =>
      Ascof.Reablement.episodes(r, Ascof.context(r, { laCode: "999", period: fy })),
    )
    expect(eps.map((e) => [e.personId, e.outcome, e.step])).toEqual([
      [pseudonym(Z.NHS_Number), "NFA: Deceased", "1"],
    ])
  })
})

describe("dialect fragments", () => {
  const run = <A>(query: ReturnType<typeof sql>) =>
    Effect.runPromise(
      Effect.flatMap(WarehouseReader.WarehouseReader, (r) => r.get<A>("dialect", query)).pipe(
        Effect.provide(WarehouseReader.fromWarehouse),
        Effect.provide(Warehouse.layer({ path: ":memory:" })),
      ),
    )
  const d = Dialect.sqlite

  it("computes DHSC's proxy-DOB age, day differences and date shifts as LocalDate does", async () => {
    const cases: Array<[number, number, string]> = [
      [1959, 5, "2024-04-30"],
      [1959, 5, "2024-05-01"],
      [1960, 2, "2025-03-31"],
      [2000, 2, "2018-01-31"],
      [1940, 12, "2024-12-01"],
      [2026, 1, "2025-03-31"],
    ]
    for (const [y, m, on] of cases) {
      const row = await run<{ age: number }>(
        sql`select ${d.dhscAge(sql`${y}`, sql`${m}`, sql`${on}`)} as age`,
      )
      expect(row?.age, `${y}-${m} on ${on}`).toBe(LocalDate.dhscAge(y, m, on as LocalDate.LocalDate))
    }
    for (const [a, b] of [
      ["2024-02-01", "2024-05-01"],
      ["2024-01-31", "2024-05-01"],
      ["2025-03-31", "2024-03-31"],
      ["2023-06-02", "2024-06-01"],
    ] as const) {
      const row = await run<{ n: number }>(sql`select ${d.daysBetween(sql`${a}`, sql`${b}`)} as n`)
      expect(row?.n).toBe(LocalDate.daysBetween(a as LocalDate.LocalDate, b as LocalDate.LocalDate))
    }
    for (const n of [84, -7, 3, 0]) {
      const row = await run<{ d: string }>(sql`select ${d.addDays(sql`${"2024-07-01"}`, n)} as d`)
      expect(row?.d).toBe(LocalDate.addDays("2024-07-01" as LocalDate.LocalDate, n))
    }
  })

  it("has PostgreSQL forms of the same fragments, and writes a query's text with its parameters", () => {
    const pg = Dialect.of("postgresql")
    expect(Dialect.text(pg.daysBetween(sql`a`, sql`b`))).toBe("(cast(b as date) - cast(a as date))")
    expect(Dialect.text(pg.addDays(sql`a`, -7))).toBe("to_char(cast(a as date) + -7, 'YYYY-MM-DD')")
    expect(Dialect.text(pg.dhscAge(sql`y`, sql`m`, sql`${"2025-03-31"}`))).toBe(
      "cast(floor((cast('2025-03-31' as date) - make_date(y, m, 1)) / 365.25) as integer)",
    )
    expect(Dialect.text(sql`select ${"O'Neil"}, ${3}, ${null}`)).toBe("select 'O''Neil', 3, null")
  })
})
