/**
 * The ONS population source: the conformance suite on NOMIS fixtures, the NOMIS variants it tolerates, the
 * All Ages check, and the real NOMIS mid-2024 Lincolnshire export loaded in full.
 */
import { readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { OnsPopulationSource } from "../src/index.js"
import { suite } from "./contract/SourcePluginSuite.js"
import { load, query, tempDir } from "./helpers.js"

const fixtures = fileURLToPath(new URL("./fixtures/ons-population/", import.meta.url))
const real = fileURLToPath(
  new URL("../../../examples/data/nomis-mid-2024-population-lincolnshire.csv", import.meta.url),
)
const plugin = OnsPopulationSource.plugin

suite(plugin, {
  config: { files: ["."] },
  baseDir: fixtures,
  // nomis-lincoln-boston-2024.csv: Lincoln's 91 single years of women (its All Ages matches, so it is checked and
  // not stored) and six Boston rows: ages 0-2, a repeated age 1 (a duplicate), an age band and an All Ages total
  // that the three ages do not make (both quarantined). nomis-title-block.csv: a count and a percentage (quarantined).
  expect: { rowsRead: 99, rowsQuarantined: 3 },
  badConfig: { files: "nomis.csv" },
})

const loadNomis = (db: string, files: ReadonlyArray<string>) =>
  load(db, [plugin], { sources: [{ plugin: "ons-population", config: { files } }] })

/** The real CSV parsed independently of the source (split on commas: NOMIS quotes no commas in these files). */
const realRows = () =>
  readFileSync(real, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(",").map((c) => c.replace(/^"|"$/g, "")))
    .map(([name, code, date, sex, age, value]) => ({ name, code, date, sex, age, value: Number(value) }))

describe("ONS population source", () => {
  const dir = tempDir("asckit-ons-")

  it("loads single years, checks All Ages against them and quarantines what is not a single-year count", async () => {
    const db = join(dir, "fixtures.sqlite")
    const s = await loadNomis(db, [fixtures])
    expect(
      s.files.map((f) => [
        f.path.split("/").at(-1),
        f.rowsRead,
        f.rowsLoaded,
        f.rowsQuarantined,
        f.rowsDuplicate,
      ]),
    ).toEqual([
      ["nomis-lincoln-boston-2024.csv", 97, 94, 2, 1],
      ["nomis-title-block.csv", 2, 1, 1, 0],
    ])
    expect(
      query(
        db,
        'select f.path as path, q.row_number as "row", q."column" as "column", q.error_code as code, q.message as message from etl_quarantine q join etl_file f on f.id = q.file_id order by f.path, q.row_number',
      ).map((r) => ({ ...r, path: String(r.path).split("/").at(-1) })),
    ).toEqual([
      {
        path: "nomis-lincoln-boston-2024.csv",
        row: 94,
        column: "C_AGE_NAME",
        code: "total-mismatch",
        message:
          "All Ages is 35,294 but the single years of age sum to 1,122 (ages missing: 3–90); the single years are loaded, the total is not",
      },
      {
        path: "nomis-lincoln-boston-2024.csv",
        row: 98,
        column: null,
        code: "duplicate",
        message:
          "duplicate: a row with the same key was already loaded (from this file, or with equal or higher precedence)",
      },
      {
        path: "nomis-lincoln-boston-2024.csv",
        row: 99,
        column: "C_AGE_NAME",
        code: "invalid-code",
        message:
          '"Aged 16 - 64" is not a single year of age ("Age 0" … "Age 89", "Aged 90+"): choose single years of age in NOMIS; bands are summed from them',
      },
      {
        path: "nomis-title-block.csv",
        row: 7,
        column: "MEASURES_NAME",
        code: "not-a-count",
        message: '"Percent" rows are not counts of people; only "Value" rows are stored',
      },
    ])
    // Lincoln's women: 91 single years (90 = 90 and over) that make its All Ages, 53,226.
    expect(
      query(
        db,
        "select count(*) as ages, min(age) as lo, max(age) as hi, sum(value) as total, max(geography_name) as name from population_estimate where geography_code = 'E07000138' and sex = 'Female' and year = 2024",
      ),
    ).toEqual([{ ages: 91, lo: 0, hi: 90, total: 53226, name: "Lincoln" }])
    // The first of two rows with the same key is kept (the repeated age 1 is the duplicate).
    expect(
      query(db, "select age, value from population_estimate where geography_code = 'E07000136' order by age"),
    ).toEqual([
      { age: 0, value: 357 },
      { age: 1, value: 355 },
      { age: 2, value: 410 },
    ])
    // The title-block export: its header found below the title, DATE_NAME used, the Total row stored.
    expect(
      query(
        db,
        "select year, sex, age, value from population_estimate where geography_code = 'E07000138' and sex = 'Total'",
      ),
    ).toEqual([{ year: 2024, sex: "Total", age: 0, value: 972 }])
  })

  it("merges by geography, year, sex and age: a revised estimate replaces the earlier one", async () => {
    const db = join(dir, "revised.sqlite")
    const first = join(dir, "first.csv")
    const revised = join(dir, "revised.csv")
    const header = '"GEOGRAPHY_NAME","GEOGRAPHY_CODE","DATE_NAME","GENDER_NAME","C_AGE_NAME","OBS_VALUE"'
    writeFileSync(
      first,
      `${header}\n"Rutland","E06000017","2024","Male","Age 40",400\n"Rutland","E06000017","2024","Male","Age 41",410\n`,
    )
    writeFileSync(revised, `${header}\n"Rutland","E06000017","mid-2024","Males","Age 40",402\n`)
    await loadNomis(db, [first])
    const s = await loadNomis(db, [revised])
    expect(s.files[0]).toMatchObject({ rowsRead: 1, rowsLoaded: 1, rowsDuplicate: 0 })
    expect(query(db, "select age, value from population_estimate order by age")).toEqual([
      { age: 40, value: 402 },
      { age: 41, value: 410 },
    ])
  })

  it("fails a file without NOMIS columns, naming it and what it starts with", async () => {
    const db = join(dir, "bad.sqlite")
    const path = join(dir, "not-nomis.csv")
    writeFileSync(path, "Area,Population\nLincoln,105114\n")
    const s = await loadNomis(db, [path])
    expect(s.files[0]).toMatchObject({ status: "failed", error: { problem: "no-header" } })
    expect(s.files[0]!.message).toBe(
      `${path}: no NOMIS header found (expected a row with GEOGRAPHY_CODE, DATE_NAME, GENDER_NAME, C_AGE_NAME and OBS_VALUE; the file starts "Area | Population", "Lincoln | 105114"). Download the estimates from NOMIS as CSV.`,
    )
  })

  it("loads the real NOMIS mid-2024 export for Lincolnshire: every single year, every All Ages total matching", async () => {
    const db = join(dir, "real.sqlite")
    const s = await loadNomis(db, [real])
    const rows = realRows()
    const singles = rows.filter((r) => r.age !== "All Ages")
    // 8 geographies × 3 sexes × (91 single years + All Ages): the 24 totals are checked, not stored.
    expect(rows).toHaveLength(8 * 3 * 92)
    expect(s.files[0]).toMatchObject({
      status: "loaded",
      rowsRead: singles.length,
      rowsLoaded: singles.length,
      rowsQuarantined: 0,
      rowsDuplicate: 0,
    })
    const stored = query<{ geography_code: string; sex: string; total: number; ages: number }>(
      db,
      "select geography_code, sex, sum(value) as total, count(*) as ages from population_estimate where year = 2024 group by geography_code, sex order by geography_code, sex",
    )
    const totals = rows.filter((r) => r.age === "All Ages")
    expect(stored).toHaveLength(totals.length)
    for (const t of totals) {
      expect(
        stored.find((x) => x.geography_code === t.code && x.sex === t.sex),
        `${t.code} ${t.sex}`,
      ).toEqual({
        geography_code: t.code,
        sex: t.sex,
        total: t.value,
        ages: 91,
      })
    }
    // 90 means 90 and over ("Aged 90+").
    const ninety = rows.find((r) => r.code === "E10000019" && r.sex === "Total" && r.age === "Aged 90+")!
    expect(
      query(
        db,
        "select value from population_estimate where geography_code = 'E10000019' and sex = 'Total' and age = 90",
      ),
    ).toEqual([{ value: ninety.value }])
  })
})
