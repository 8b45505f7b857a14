/**
 * The complete synthetic borough: `generateBorough` with every extract writes each source kind asckit reads, and
 * the manifest's `etlSources` loads all of it through the real plugins and pipeline — nothing quarantined but the
 * injected faults; each quarter's people and events once, from the CLD files before the cutover and from LAS and
 * ContrOCC after it, giving the same facts as the CLD files alone — with the borough's survey results near Bury's published values (domain.md §7.1), its ASCOF 6B
 * as Bury's (84 and 88) and its population consistent with the model.
 */
import { createHash } from "node:crypto"
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { Period } from "@asckit/core"
import { BuiltinSources, LasSource, type Pipeline, WarehouseReader } from "@asckit/etl"
import { Ascof, OtherMeasures, SurveyMeasures } from "@asckit/returns"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  type BoroughManifest,
  boroughEtlSources,
  DEFAULT_FAULT_QUARTERS,
  type EtlSourceEntry,
  estimateFor,
  generateBorough,
  population,
  rebaseEtlSources,
  SACE_TARGETS,
  SYSTEMS_CUTOVER,
  simulatePeople,
  writeExtras,
  writeSurveys,
} from "../src/borough/index.js"
import { load, read } from "./helpers.js"

const dir = mkdtempSync(join(tmpdir(), "asckit-complete-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const plugins = BuiltinSources.all
const key = "synthetic-borough-complete-test-key"

/** The pipeline's form of a configuration entry: `{ plugin, ...config }` → `{ plugin, config }`. */
const asSource = ({ plugin, ...config }: EtlSourceEntry): Pipeline.SourceConfig => ({ plugin, config })

const loadEntries = (db: string, baseDir: string, sources: ReadonlyArray<EtlSourceEntry>) =>
  load(db, { baseDir, sources: sources.map(asSource), plugins, key })

const withReader = <A, E>(db: string, f: (r: WarehouseReader.Service) => Effect.Effect<A, E>) =>
  Effect.runPromise(
    Effect.flatMap(WarehouseReader.WarehouseReader, f).pipe(Effect.provide(WarehouseReader.layer(db))),
  )

/** Every file under a folder, relative path → sha256. */
const hashes = (root: string): Record<string, string> => {
  const out: Record<string, string> = {}
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name)
      if (statSync(p).isDirectory()) walk(p)
      else out[relative(root, p)] = createHash("sha256").update(readFileSync(p)).digest("hex")
    }
  }
  walk(root)
  return out
}

const value = (v: { readonly _tag: string; readonly value?: number }) =>
  v._tag === "Available" ? v.value : undefined

// The demo's options (scripts/run-cli.mjs: faults, mixed releases, some UK dates), at a small scale.
const options = {
  seed: 3,
  scale: 0.1,
  faults: true,
  mixReleases: true,
  ukDates: "some",
  extracts: { all: true },
} as const

describe("the complete borough (every extract, scale 0.1, the demo's options)", () => {
  const out = join(dir, "borough")
  const db = join(dir, "warehouse.sqlite")
  let manifest: BoroughManifest
  let summary: Pipeline.RunSummary

  beforeAll(async () => {
    manifest = await generateBorough({ outDir: out, ...options })
    summary = await loadEntries(db, out, manifest.etlSources)
  }, 120_000)

  it("writes each source kind into a folder of its own: only CLD files sit directly in outDir", () => {
    expect(Object.keys(manifest.extracts ?? {}).sort()).toEqual(
      [
        "controcc",
        "cqc",
        "dols",
        "hospital",
        "las",
        "population",
        "spreadsheets",
        "surveys",
        "turnover",
      ].sort(),
    )
    const top = readdirSync(out).filter((f) => statSync(join(out, f)).isFile())
    expect(top.filter((f) => f !== "faults.json").sort()).toEqual(manifest.files.map((f) => f.file).sort())
    expect(readdirSync(out).filter((f) => statSync(join(out, f)).isDirectory())).toEqual([
      "controcc",
      "cqc",
      "extras",
      "hospital",
      "las",
      "population",
      "published",
      "surveys",
    ])
    expect(manifest.etlSources.map((s) => s.plugin)).toEqual([
      "ons-population",
      "published-values",
      "cqc-directory",
      "cqc-directory",
      "cqc-directory",
      "cqc-directory",
      "cld",
      "las",
      "controcc",
      "hospital",
      "dols",
      ...(manifest.extracts?.spreadsheets?.files ?? []).flatMap((f) => f.sheets.map(() => "spreadsheet")),
      "survey",
      "survey",
      "survey",
      "survey",
      "survey",
      "survey",
    ])
    // the entries are plain data, as an asckit configuration file holds them
    expect(JSON.parse(JSON.stringify(manifest.etlSources))).toEqual(manifest.etlSources)
  })

  it("is what the demo configuration loads (examples/demo/asckit.config.json), after DHSC's published tables", () => {
    const root = fileURLToPath(new URL("../../", import.meta.url))
    const demo = JSON.parse(readFileSync(join(root, "examples/demo/asckit.config.json"), "utf8")) as {
      sources: ReadonlyArray<unknown>
    }
    // `pnpm etl` writes the borough into .asckit/demo/borough (scripts/run-cli.mjs); the file names do not depend
    // on the scale or the seed.
    const expected = rebaseEtlSources(
      manifest.etlSources,
      join(root, ".asckit/demo/borough"),
      join(root, "examples/demo"),
    )
    expect(demo.sources).toEqual([
      { plugin: "ascof-published", files: ["../data/ascof-2024-25.ods"] },
      ...expected,
    ])
  })

  it("loads every entry through the real plugins: every file loaded, nothing quarantined but the injected faults", () => {
    expect(summary.files.every((f) => f.status === "loaded")).toBe(true)
    for (const f of summary.files)
      expect(f.rowsRead, f.path).toBe(f.rowsLoaded + f.rowsQuarantined + f.rowsDuplicate)
    const plugins = new Set(summary.files.map((f) => f.plugin))
    expect([...plugins].sort()).toEqual(
      [
        "cld",
        "controcc",
        "cqc-directory",
        "dols",
        "hospital",
        "las",
        "ons-population",
        "published-values",
        "spreadsheet",
        "survey",
      ].sort(),
    )
    const injected = new Set([
      ...manifest.faults.filter((f) => f.fault !== "unknown-optional-code").map((f) => `${f.file}:${f.row}`),
      ...(manifest.extracts?.dols?.faults ?? []).map((f) => `${f.file}:${f.row}`),
      ...(manifest.extracts?.spreadsheets?.faults ?? []).map((f) => `${f.file}:${f.row}`),
    ])
    const quarantined = read<{ file: string; row: number }>(
      db,
      `select f.path as file, q.row_number as "row" from etl_quarantine q join etl_file f on f.id = q.file_id`,
    ).map((q) => `${q.file.split(/[\\/]/).pop()}:${q.row}`)
    expect(quarantined.length).toBeGreaterThan(0)
    for (const q of quarantined) expect(injected.has(q), q).toBe(true)
    // the sources without injected faults quarantine nothing at all
    for (const f of summary.files)
      if (!["cld", "dols", "spreadsheet"].includes(f.plugin))
        expect(f.rowsQuarantined + f.rowsDuplicate, f.path).toBe(0)
  })

  it("loads each quarter's events once: CLD files before the cutover, LAS and ContrOCC from it on, the facts the same", async () => {
    // the CLD submissions before SYSTEMS_CUTOVER, the source systems' event reports from it on, and every quarter
    // of the LAS reports CLD lacks
    const cld = manifest.etlSources.find((s) => s.plugin === "cld")
    const before = manifest.files.filter((f) => f.quarter < SYSTEMS_CUTOVER)
    expect(before.length).toBeGreaterThan(0)
    expect(before.length).toBeLessThan(manifest.files.length)
    expect(cld?.files).toEqual(before.map((f) => f.file))
    const las = manifest.etlSources.find((s) => s.plugin === "las")?.files as Record<string, Array<string>>
    expect(Object.keys(las).sort()).toEqual([...LasSource.reports].sort())
    const after = manifest.files.length - before.length
    for (const r of ["people", "carers", "requests", "assessments", "reviews"]) {
      expect(las[r], r).toHaveLength(after)
      for (const f of las[r] ?? [])
        expect(f >= `las/${r}/LAS_${r}_${SYSTEMS_CUTOVER.replace(" ", "_")}`, f).toBe(true)
    }
    for (const r of [
      "contacts",
      "work-tray",
      "safeguarding-concerns",
      "safeguarding-enquiries",
      "safeguarding-risks",
    ])
      expect(las[r], r).toEqual([`las/${r}`])
    expect(manifest.etlSources.find((s) => s.plugin === "controcc")?.files).toHaveLength(after)
    // both fault quarters are before the cutover: every injected fault is still loaded (and caught)
    for (const q of DEFAULT_FAULT_QUARTERS) expect(q < SYSTEMS_CUTOVER, q).toBe(true)

    const count = (db: string, table: string) =>
      read<{ n: number }>(db, `select count(*) as n from ${table}`)[0]?.n
    const lineage = ["run_id", "file_id", "row_number"]
    // the columns only a source system fills, and carers' caring details on services, which ContrOCC lacks
    // (equivalence.test.ts)
    const sourceOnly = ["source_type", "due_date", "team", "provider_name"]
    const facts = (db: string, table: string) => {
      const columns = read<{ name: string }>(db, `pragma table_info(${table})`)
        .map((c) => c.name)
        .filter((c) => !lineage.includes(c) && !(table === "event" && sourceOnly.includes(c)))
      return read<Record<string, unknown>>(
        db,
        `select ${columns.map((c) => `"${c}"`).join(", ")} from ${table} order by row_key`,
      ).map((r) =>
        r.event_type === "Service" ? { ...r, total_hours_caring_per_week: null, adults_cared_for: null } : r,
      )
    }
    // every CLD file instead: the same people, events (derived columns included) and carers
    const allCld = boroughEtlSources(manifest, { events: "cld" })
    expect(allCld.find((s) => s.plugin === "cld")?.files).toEqual(["."])
    expect(allCld.map((s) => s.plugin)).not.toContain("controcc")
    const db3 = join(dir, "all-cld.sqlite")
    const s3 = await loadEntries(db3, out, allCld)
    expect(s3.ok).toBe(true)
    expect(count(db, "event")).toBeGreaterThan(1000)
    for (const table of ["event", "person", "carer_link"])
      expect(facts(db, table), table).toEqual(facts(db3, table))
    // the source systems' own columns are filled where their reports won
    expect(
      read<{ n: number }>(db, "select count(*) as n from event where team is not null")[0]?.n,
    ).toBeGreaterThan(0)

    // or every LAS and ContrOCC report instead of the CLD files
    const route = boroughEtlSources(manifest, { events: "las-controcc" })
    expect(route.map((s) => s.plugin)).not.toContain("cld")
    expect(route.filter((s) => s.plugin === "las" || s.plugin === "controcc")).toHaveLength(2)
    const db2 = join(dir, "source-systems.sqlite")
    const s2 = await loadEntries(db2, out, route)
    expect(s2.files.every((f) => f.status === "loaded")).toBe(true)
    for (const f of s2.files)
      if (!["dols", "spreadsheet"].includes(f.plugin))
        expect(f.rowsQuarantined + f.rowsDuplicate, f.path).toBe(0)
    for (const table of [
      "safeguarding_enquiry",
      "contact",
      "work_item",
      "dols_application",
      "survey_response",
    ])
      expect(count(db2, table), table).toBe(count(db, table))
    expect(count(db2, "event")).toBeGreaterThan(0)
    const { extracts: _x, ...bare } = manifest
    expect(() => boroughEtlSources(bare, { events: "las-controcc" })).toThrow(RangeError)
    // without the source systems' extracts, the cutover route is the CLD route
    expect(boroughEtlSources(bare)).toEqual(boroughEtlSources(bare, { events: "cld" }))
    expect(() => boroughEtlSources(manifest, { cutover: "April 2026" })).toThrow(RangeError)
  }, 90_000)

  it("reports the survey files' invalid answers as findings, at their column", () => {
    const anomalies = (manifest.extracts?.surveys?.files ?? []).flatMap((f) =>
      f.anomalies.filter((a) => a.value !== "").map((a) => ({ file: f.file, column: a.column })),
    )
    expect(anomalies.length).toBeGreaterThanOrEqual(10)
    const findings = read<{ file: string; column: string; code: string }>(
      db,
      `select f.path as file, x."column" as "column", x.code as code from etl_finding x join etl_file f on f.id = x.file_id where f.plugin = 'survey'`,
    ).map((x) => ({ file: x.file.split(/[\\/]/).pop(), column: x.column, code: x.code }))
    for (const a of anomalies)
      expect(findings).toContainEqual({ file: a.file, column: a.column, code: "invalid-answer" })
    expect(findings).toHaveLength(anomalies.length)
  })

  it("loads the population as the model's: mid-2024 bands equal population(scale), ASCOF 2B/2C's denominators", async () => {
    const rows = read<{ year: number; sex: string; n: number; people: number }>(
      db,
      "select year, sex, count(*) as n, sum(value) as people from population_estimate where geography_code = '999' group by year, sex order by year, sex",
    )
    expect(rows.map((r) => [r.year, r.sex, r.n])).toEqual(
      [2022, 2023, 2024, 2025].flatMap((y) => [
        [y, "Female", 91],
        [y, "Male", 91],
        [y, "Total", 91],
      ]),
    )
    for (const y of [2022, 2023, 2024, 2025]) {
      const [f, m, t] = rows.filter((r) => r.year === y).map((r) => r.people)
      expect((f ?? 0) + (m ?? 0), `${y}`).toBe(t)
    }
    const bands = Object.fromEntries(population(options.scale).map((b) => [b.band, b.people]))
    const byAge = estimateFor(2024, options.scale).total
    const sum = (lo: number, hi: number) => byAge.slice(lo, hi + 1).reduce((a, n) => a + n, 0)
    expect(sum(18, 64)).toBe((bands["18-24"] ?? 0) + (bands["25-44"] ?? 0) + (bands["45-64"] ?? 0))
    expect(sum(65, 90)).toBe((bands["65-74"] ?? 0) + (bands["75-84"] ?? 0) + (bands["85+"] ?? 0))
    const stored = read<{ a: number; b: number }>(
      db,
      `select sum(case when age between 18 and 64 then value end) as a, sum(case when age >= 65 then value end) as b
       from population_estimate where geography_code = '999' and year = 2024 and sex = 'Total'`,
    )
    expect(stored).toEqual([{ a: sum(18, 64), b: sum(65, 90) }])
    // ASCOF 2B and 2C find the borough's population by its CASSR code
    const ascof = await withReader(db, (r) =>
      Ascof.computeAll(r, { period: Period.financialYear(2024), laCode: "999" }),
    )
    expect(ascof.find((m) => m.code === "2B")?.denominator).toBe(sum(18, 64))
    expect(ascof.find((m) => m.code === "2C")?.denominator).toBe(sum(65, 90))
  })

  it("gives ASCOF 6B from the CQC downloads as Bury's (84 in 2023-24, 88 in 2024-25), matched by CASSR code 999", async () => {
    const [a, b] = await withReader(db, (r) =>
      Effect.all([
        OtherMeasures.compute6B(r, { laCode: "999", period: Period.financialYear(2023) }),
        OtherMeasures.compute6B(r, { laCode: "999", period: Period.financialYear(2024) }),
      ]),
    )
    expect([a?.numerator, a?.denominator, value(a!.value)]).toEqual([42, 50, 84])
    expect([b?.numerator, b?.denominator, value(b!.value)]).toEqual([44, 50, 88])
  })

  it("gives ASCOF 6A as published in the turnover file", async () => {
    const r = await withReader(db, (reader) =>
      OtherMeasures.compute6A(reader, { laCode: "999", period: Period.financialYear(2024) }),
    )
    expect(value(r.value)).toBe(20.6)
  })

  it("covers the whole model period with the hospital extract, linked to the borough's people", () => {
    const [r] = read<{ first: string; last: string; n: number }>(
      db,
      "select min(discharge_date) as first, max(discharge_date) as last, count(*) as n from hospital_episode",
    )
    expect(r?.first.slice(0, 7)).toBe("2022-04")
    expect(r?.last.slice(0, 7)).toBe("2026-09")
    expect(r?.n).toBe(manifest.extracts?.hospital?.rows)
  })

  it("writes byte-identical files for the same seed and options, and the extras exactly as writeExtras does", async () => {
    const again = join(dir, "again")
    await generateBorough({ outDir: again, ...options })
    expect(hashes(again)).toEqual(hashes(out))
    const extras = join(dir, "extras-alone")
    await writeExtras(extras, { seed: options.seed, scale: options.scale, faults: true, ukDates: true })
    expect(hashes(extras)).toEqual(
      Object.fromEntries(
        Object.entries(hashes(out))
          .filter(([p]) => p.startsWith("extras"))
          .map(([p, h]) => [relative("extras", p), h]),
      ),
    )
  }, 120_000)
})

describe("the borough's surveys through the survey source, scored by SurveyMeasures (scale 1, seed 1)", () => {
  const out = join(dir, "surveys")
  const db = join(dir, "surveys.sqlite")
  const results: Record<string, Record<string, { value: number | undefined; respondents: number }>> = {}

  beforeAll(async () => {
    const files = await writeSurveys(simulatePeople({ seed: 1, scale: 1 }), {
      outDir: out,
      seed: 1,
      scale: 1,
    })
    const summary = await loadEntries(
      db,
      out,
      files.map((f) => ({
        plugin: "survey",
        survey: f.survey,
        year: f.year,
        laCode: "999",
        files: [f.file],
      })),
    )
    expect(summary.ok).toBe(true)
    for (const f of files) {
      const all = await withReader(db, (r) => SurveyMeasures.computeAll(r, { year: f.year, laCode: "999" }))
      for (const m of all.filter((m) => m.status === "ok"))
        results[`${f.survey} ${f.year}`] = {
          ...results[`${f.survey} ${f.year}`],
          [m.code]: { value: value(m.value), respondents: m.respondents },
        }
    }
  }, 120_000)

  // Bury's published values (domain.md §7.1) and how far the borough may sit from them
  const ascs: ReadonlyArray<readonly [string, number, number]> = [
    ["1A", 19.1, 0.5],
    ["1B", 0.39, 0.03],
    ["1D", 64, 3],
    ["3A", 77, 3],
    ["3C(1)", 65, 3],
    ["4A", 71, 3],
    ["5A(1)", 47, 3],
  ]
  const sace: ReadonlyArray<readonly [string, number, number]> = [
    ["1C", 7.3, 0.5],
    ["1E", 33.5, 3],
    ["3B", 70.9, 3],
    ["3C(2)", 60.5, 3],
    ["5A(2)", 26.1, 3],
  ]

  it("has about 330 weighted ASCS respondents a year, every measure within reach of Bury's", () => {
    for (const year of ["2022-23", "2023-24", "2024-25", "2025-26"]) {
      const r = results[`ASCS ${year}`] ?? {}
      expect(r["1A"]?.respondents, year).toBeGreaterThan(310)
      for (const [code, bury, tolerance] of ascs) {
        expect(r[code]?.value, `${year} ${code}`).toBeGreaterThanOrEqual(bury - tolerance)
        expect(r[code]?.value, `${year} ${code}`).toBeLessThanOrEqual(bury + tolerance)
      }
    }
  })

  it("has about 230 SACE respondents in 2023-24 and 2025-26, every measure within reach of Bury's 2023-24", () => {
    expect(Object.keys(SACE_TARGETS)).toEqual(["2023-24", "2025-26"])
    expect(results["SACE 2024-25"]).toBeUndefined()
    for (const year of ["2023-24", "2025-26"]) {
      const r = results[`SACE ${year}`] ?? {}
      expect(r["1C"]?.respondents, year).toBeGreaterThan(215)
      for (const [code, bury, tolerance] of sace) {
        expect(r[code]?.value, `${year} ${code}`).toBeGreaterThanOrEqual(bury - tolerance)
        expect(r[code]?.value, `${year} ${code}`).toBeLessThanOrEqual(bury + tolerance)
      }
    }
  })

  it("weights each ASCS stratum to its eligible population", () => {
    const rows = read<{ year: string; w: number; n: number }>(
      db,
      "select year, sum(weight) as w, count(*) as n from survey_response where survey = 'ASCS' group by year",
    )
    expect(rows).toHaveLength(4)
    for (const r of rows) {
      // the eligible population: about 3,000 people in long-term support
      expect(r.w, r.year).toBeGreaterThan(2600)
      expect(r.w, r.year).toBeLessThan(3400)
      expect(r.n, r.year).toBe(330)
    }
  })
})
