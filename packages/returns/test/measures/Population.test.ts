/**
 * Population denominators over `population_estimate`, loaded from the real NOMIS mid-2024 Lincolnshire export and
 * checked against sums taken straight from the CSV, and against DHSC's published ASCOF 2024-25 2B and 2C
 * denominators for Lincolnshire (loaded from the real ODS tables).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import {
  AscofPublishedSource,
  OnsPopulationSource,
  Pipeline,
  Progress,
  Pseudonymiser,
  SourceRegistry,
  Warehouse,
  WarehouseReader,
} from "@asckit/etl"
import { sql } from "drizzle-orm"
import { Cause, Effect, Exit, Layer, Redacted } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import * as Population from "../../src/measures/Population.js"

const shared = (file: string) => fileURLToPath(new URL(`../../../../examples/data/${file}`, import.meta.url))
const nomis = shared("nomis-mid-2024-population-lincolnshire.csv")
const ascof = shared("ascof-2024-25.ods")

const dir = mkdtempSync(join(tmpdir(), "asckit-population-"))
const db = join(dir, "w.sqlite")
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const header = '"GEOGRAPHY_NAME","GEOGRAPHY_CODE","DATE_NAME","GENDER_NAME","C_AGE_NAME","OBS_VALUE"'
const ageLabel = (a: number) => (a === 90 ? "Aged 90+" : `Age ${a}`)
/** Made-up estimates: Rutland by sex only (no Total rows), and a geography with ages 0–50 only. */
const bySexOnly = (a: number, sex: "Male" | "Female") => 100 + a * (sex === "Male" ? 3 : 5)
const partial = (a: number) => 1000 + a

beforeAll(async () => {
  const lines = [header]
  for (const sex of ["Male", "Female"] as const)
    for (let a = 0; a <= 90; a++)
      lines.push(`"Rutland","E06000017","2024","${sex}","${ageLabel(a)}",${bySexOnly(a, sex)}`)
  for (let a = 0; a <= 50; a++)
    lines.push(`"Partial","E06000099","2024","Total","${ageLabel(a)}",${partial(a)}`)
  writeFileSync(join(dir, "made-up.csv"), `${lines.join("\n")}\n`)
  const layers = Layer.mergeAll(
    Warehouse.layer({ path: db }),
    SourceRegistry.layerWith([OnsPopulationSource.plugin, AscofPublishedSource.plugin]),
    Pseudonymiser.layer(Redacted.make("population-test-key-0123")),
    Progress.layerSilent,
  )
  const summary = await Effect.runPromise(
    Pipeline.run({
      sources: [
        { plugin: "ons-population", config: { files: [nomis, join(dir, "made-up.csv")] } },
        { plugin: "ascof-published", config: { files: [ascof], tables: ["Table_2b", "Table_2c"] } },
      ],
      baseDir: dir,
      // Read in this thread: two small loads do not pay for starting worker threads.
      workers: false,
    }).pipe(Effect.provide(layers)),
  )
  expect(summary.ok).toBe(true)
}, 60_000)

const run = <A, E>(f: (reader: WarehouseReader.Service) => Effect.Effect<A, E>) =>
  Effect.runPromise(
    Effect.flatMap(WarehouseReader.WarehouseReader, f).pipe(Effect.provide(WarehouseReader.layer(db))),
  )

/** The real CSV, parsed here independently of the source. */
const csv = readFileSync(nomis, "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((l) => l.split(",").map((c) => c.replace(/^"|"$/g, "")))
  .map(([, code, , sex, age, value]) => ({
    code: code!,
    sex: sex!,
    age: age === "All Ages" ? -1 : Number(age!.replace(/\D/g, "")),
    value: Number(value),
  }))
const csvSum = (code: string, sex: string, lo: number, hi: number) =>
  csv
    .filter((r) => r.code === code && r.sex === sex && r.age >= lo && r.age <= hi)
    .reduce((n, r) => n + r.value, 0)

describe("Population denominators", () => {
  it("sums bands of the real Lincolnshire estimates as the CSV does, for every geography and sex", async () => {
    const codes = [...new Set(csv.map((r) => r.code))]
    expect(codes).toHaveLength(8)
    const bands = [
      [0, 90],
      [18, 64],
      [65, 90],
      [0, 17],
      [85, 90],
    ] as const
    const cases = codes.flatMap((code) =>
      (["Total", "Male", "Female"] as const).flatMap((sex) =>
        bands.map(([lo, hi]) => ({ code, sex, lo, hi })),
      ),
    )
    // One reader for every query.
    const got = await run((r) =>
      Effect.all({
        bands: Effect.forEach(cases, (c) =>
          Population.band(r, {
            geographyCode: c.code,
            year: 2024,
            sex: c.sex,
            minAge: c.lo,
            ...(c.hi < 90 ? { maxAge: c.hi } : {}),
          }),
        ),
        everyone: Effect.forEach(codes, (code) =>
          Population.band(r, { geographyCode: code, year: 2024, minAge: 0 }),
        ),
      }),
    )
    cases.forEach((c, i) => {
      expect(got.bands[i], `${c.code} ${c.sex} ${c.lo}-${c.hi}`).toBe(csvSum(c.code, c.sex, c.lo, c.hi))
    })
    // Everyone (no sex given) is the Total rows, which are All Ages over 0–90.
    codes.forEach((code, i) => {
      expect(got.everyone[i], code).toBe(
        csv.find((x) => x.code === code && x.sex === "Total" && x.age === -1)!.value,
      )
    })
  })

  it("gives Lincolnshire's ASCOF 2024-25 denominators: DHSC's published 2B and 2C denominators are mid-2024", async () => {
    const d = await run((r) => Population.denominators(r, "E10000019", 2024))
    expect(d).toEqual({
      age18to64: csvSum("E10000019", "Total", 18, 64),
      age65plus: csvSum("E10000019", "Total", 65, 90),
      age18plus: csvSum("E10000019", "Total", 18, 90),
    })
    // ODS-2425 Table_2b and Table_2c, Lincolnshire (CASSR 503).
    const denominator = (measure: string) =>
      run((r) =>
        r.get<{ denominator: number }>(
          "published denominator",
          sql`select denominator from benchmark_value where measure_code = ${measure} and geography_code = '503' and year = '2024-25'`,
        ),
      )
    expect((await denominator("2B"))?.denominator).toBe(d.age18to64)
    expect((await denominator("2C"))?.denominator).toBe(d.age65plus)
    expect(Population.midYearOf("2024-25")).toBe(2024)
    // A council's CASSR code finds its ONS code in Geography.
    expect(await run((r) => Population.denominators(r, "503", 2024))).toEqual(d)
  })

  it("adds Male and Female when a file has no Total rows", async () => {
    const sum = (lo: number, hi: number) => {
      let n = 0
      for (let a = lo; a <= hi; a++) n += bySexOnly(a, "Male") + bySexOnly(a, "Female")
      return n
    }
    expect(await run((r) => Population.denominators(r, "E06000017", 2024))).toEqual({
      age18to64: sum(18, 64),
      age65plus: sum(65, 90),
      age18plus: sum(18, 90),
    })
    expect(
      await run((r) =>
        Population.band(r, { geographyCode: "E06000017", year: 2024, sex: "Total", minAge: 0 }),
      ),
    ).toBe(undefined)
  })

  it("is undefined for a geography or year not loaded, and for a band not fully loaded", async () => {
    expect(
      await run((r) =>
        Population.band(r, { geographyCode: "E10000019", year: 2023, minAge: 18, maxAge: 64 }),
      ),
    ).toBe(undefined)
    expect(
      await run((r) =>
        Population.band(r, { geographyCode: "E08000002", year: 2024, minAge: 18, maxAge: 64 }),
      ),
    ).toBe(undefined)
    // Ages 0-50 only: 18-64 is not complete, 18-50 is.
    expect(await run((r) => Population.denominators(r, "E06000099", 2024))).toEqual({
      age18to64: undefined,
      age65plus: undefined,
      age18plus: undefined,
    })
    let n = 0
    for (let a = 18; a <= 50; a++) n += partial(a)
    expect(
      await run((r) =>
        Population.band(r, { geographyCode: "E06000099", year: 2024, minAge: 18, maxAge: 50 }),
      ),
    ).toBe(n)
  })

  it("rejects a band that cannot be answered as a defect", async () => {
    const exit = await Effect.runPromiseExit(
      Effect.flatMap(WarehouseReader.WarehouseReader, (r) =>
        Population.band(r, { geographyCode: "E10000019", year: 2024, minAge: 65, maxAge: 95 }),
      ).pipe(Effect.provide(WarehouseReader.layer(db))),
    )
    expect(Exit.isFailure(exit) && Cause.isDie(exit.cause)).toBe(true)
    expect(String(Exit.isFailure(exit) ? Cause.squash(exit.cause) : "")).toMatch(
      /leave maxAge out for an open band/,
    )
  })
})
