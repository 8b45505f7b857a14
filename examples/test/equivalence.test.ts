/**
 * The synthetic borough through its source systems gives the same facts as through its CLD files: one year of
 * quarterly submissions (2025-26, four rolling 12-month periods) loaded once from the CLD files and once from the
 * LAS and ContrOCC reports for the same periods, into two warehouses whose `event`, `person` and `carer_link`
 * tables are then compared row by row and column by column.
 *
 * Columns not compared, and why:
 * - `run_id`, `file_id`, `row_number`: lineage — which run, file and row each route read the fact from. (`row_key`,
 *   the DHSC unique-event key, and `precedence` are compared: the same event must be the same row either way.)
 * - `event.source_type`, `event.due_date`, `event.team`, `event.provider_name`: only a source system records
 *   them (LAS's step type, a review's due date and the team; ContrOCC's service and provider); CLD has no field
 *   for them, so the CLD route leaves them empty. The test checks the source-system route fills them.
 * - `event.total_hours_caring_per_week` and `event.adults_cared_for` on services only: CLD repeats an unpaid
 *   carer's caring details on every one of their rows, but ContrOCC's service agreements do not hold them (LAS
 *   gives them on the carer's requests, assessments and reviews, where they are compared).
 *
 * Then the round trip: the CLD submission for 2025-26 Q4 built from the LAS and ContrOCC warehouse
 * (`@asckit/returns` `CldSubmission`), read back by the CLD source, gives the same facts as the borough's own CLD
 * file for that quarter — every column but lineage (the submission fills carers' caring details on their services
 * from their other events, as CLD does).
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Period } from "@asckit/core"
import { CldSource, ControccSource, LasSource, Mapping, type Pipeline, WarehouseReader } from "@asckit/etl"
import { CldSubmission } from "@asckit/returns"
import { Effect, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BoroughManifest, CONTROCC_CODES, generateBorough } from "../src/borough/index.js"
import { load, read } from "./helpers.js"

const dir = mkdtempSync(join(tmpdir(), "asckit-equivalence-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const YEAR = "2025-26"
const plugins = [CldSource.plugin, LasSource.plugin, ControccSource.plugin]
const key = "synthetic-borough-equivalence-key"

const run = (db: string, sources: ReadonlyArray<Pipeline.SourceConfig>) =>
  load(db, { baseDir: dir, sources, plugins, key, keepIdentifiers: true })

const lineage = ["run_id", "file_id", "row_number"]
const sourceOnly = ["source_type", "due_date", "team", "provider_name"]

/** The table's rows in `row_key` order, without the columns excluded (see the module docs). */
const facts = (db: string, table: string, excluded: ReadonlyArray<string>) => {
  const columns = read<{ name: string }>(db, `pragma table_info(${table})`)
    .map((c) => c.name)
    .filter((c) => !excluded.includes(c))
  return {
    columns,
    rows: read(db, `select ${columns.map((c) => `"${c}"`).join(", ")} from ${table} order by row_key`),
  }
}

/** Carers' caring details on services: not in ContrOCC (see the module docs). */
const withoutServiceCaring = (rows: ReadonlyArray<Record<string, unknown>>) =>
  rows.map((r) =>
    r.event_type === "Service" ? { ...r, total_hours_caring_per_week: null, adults_cared_for: null } : r,
  )

let manifest: BoroughManifest
const cldDb = join(dir, "cld.sqlite")
const sourcesDb = join(dir, "las-controcc.sqlite")
let cldRun: Pipeline.RunSummary
let sourcesRun: Pipeline.RunSummary

const lasConfig = (extra: Record<string, unknown> = {}) => {
  const las = manifest.extracts?.las
  const files: Record<string, Array<string>> = {}
  for (const f of las?.files ?? []) {
    if (!f.quarter.startsWith(YEAR)) continue
    const list = files[f.report] ?? []
    list.push(f.path)
    files[f.report] = list
  }
  return { laCode: "999", files, mapping: { codesFile: las?.codesFile ?? "" }, ...extra }
}

beforeAll(async () => {
  manifest = await generateBorough({
    outDir: join(dir, "borough"),
    seed: 1,
    scale: 0.05,
    extracts: { las: true, controcc: true },
  })
  cldRun = await run(cldDb, [
    {
      plugin: "cld",
      config: { files: manifest.files.filter((f) => f.quarter.startsWith(YEAR)).map((f) => f.path) },
    },
  ])
  sourcesRun = await run(sourcesDb, [
    { plugin: "las", config: lasConfig() },
    {
      plugin: "controcc",
      config: {
        laCode: "999",
        files: (manifest.extracts?.controcc?.files ?? [])
          .filter((f) => f.quarter.startsWith(YEAR))
          .map((f) => f.path),
        mapping: { codes: CONTROCC_CODES },
      },
    },
  ])
}, 120_000)

describe("the borough through LAS and ContrOCC, against its CLD files", () => {
  it("loads one year of both, every row of the source-system reports loaded", () => {
    expect(cldRun.ok).toBe(true)
    expect(sourcesRun.ok).toBe(true)
    expect(cldRun.files).toHaveLength(4)
    expect(sourcesRun.files).toHaveLength(4 * (LasSource.reports.length + 1))
    for (const f of sourcesRun.files) {
      expect(f.rowsQuarantined, f.path).toBe(0)
      expect(f.rowsRead, f.path).toBe(f.rowsLoaded + f.rowsDuplicate)
    }
  })

  it("gives the same events, column by column", () => {
    const a = facts(cldDb, "event", [...lineage, ...sourceOnly])
    const b = facts(sourcesDb, "event", [...lineage, ...sourceOnly])
    expect(b.columns).toEqual(a.columns)
    expect(a.rows.length).toBeGreaterThan(1000)
    expect(withoutServiceCaring(b.rows)).toEqual(withoutServiceCaring(a.rows))
    // the carers' caring details are compared on their other events
    expect(
      a.rows.filter((r) => r.event_type !== "Service" && r.total_hours_caring_per_week !== null).length,
    ).toBeGreaterThan(10)
    // and the source systems' own columns are filled where they have them
    const filled = read<Record<string, number>>(
      sourcesDb,
      "select count(source_type) as source_type, count(team) as team, count(due_date) as due_date, count(provider_name) as provider from event",
    )[0]!
    expect(filled.source_type).toBe(a.rows.length)
    expect(filled.team).toBeGreaterThan(0)
    expect(filled.due_date).toBeGreaterThan(0)
    expect(filled.provider).toBeGreaterThan(0)
  })

  it("gives the same person snapshots, raw identifiers included, and the same carer links", () => {
    const a = facts(cldDb, "person", lineage)
    const b = facts(sourcesDb, "person", lineage)
    expect(b.columns).toEqual(a.columns)
    expect(a.rows.length).toBeGreaterThan(1000)
    expect(b.rows).toEqual(a.rows)
    const links = facts(cldDb, "carer_link", lineage)
    expect(links.rows.length).toBeGreaterThan(10)
    expect(facts(sourcesDb, "carer_link", lineage).rows).toEqual(links.rows)
  })

  it("also loads what only LAS holds: contacts, waiting lists, safeguarding", () => {
    const n = (table: string) => read<{ n: number }>(sourcesDb, `select count(*) as n from ${table}`)[0]!.n
    for (const t of [
      "contact",
      "work_item",
      "safeguarding_concern",
      "safeguarding_enquiry",
      "safeguarding_risk",
    ])
      expect(n(t), t).toBeGreaterThan(10)
    // every contact that was a request for support links to a person loaded from the person reports
    expect(
      read(
        sourcesDb,
        "select count(*) as n from contact c where c.outcome not in ('safeguarding', 'dols') and not exists (select 1 from person p where p.person_id = c.person_id)",
      ),
    ).toEqual([{ n: 0 }])
  })

  it("quarantines the borough's own label without its codes file, and lists it with its count", async () => {
    const db = join(dir, "unmapped.sqlite")
    const config = lasConfig({ mapping: {} })
    const s = await run(db, [
      { plugin: "las", config: { ...config, files: { requests: config.files.requests } } },
    ])
    const quarantined = s.files.reduce((k, f) => k + f.rowsQuarantined, 0)
    expect(quarantined).toBeGreaterThan(0)
    const report = await Effect.runPromise(
      Mapping.unmapped({ runId: s.runId }).pipe(Effect.provide(WarehouseReader.layer(db))),
    )
    expect(report).toEqual([
      {
        plugin: "las",
        stream: "requests",
        column: "Route of Access",
        value: "A&E Avoidance",
        table: "RouteOfAccess",
        rows: quarantined,
      },
    ])
  })
})

describe("the CLD submission built from LAS and ContrOCC", () => {
  it("reads back through the CLD source as the borough's own CLD file for the quarter", async () => {
    const csv = join(dir, "submission", "CLD_999_2025-26_Q4.csv")
    const report = join(dir, "submission", "validation.xlsx")
    const written = await Effect.runPromise(
      CldSubmission.write(
        Schema.decodeUnknownSync(CldSubmission.Config)({}),
        Period.quarter(2025, 4),
        { laCode: "999", version: "test" },
        { csv, report },
      ).pipe(Effect.provide(WarehouseReader.layer(sourcesDb))),
    )
    expect(written.errors).toBe(0)
    const own = manifest.files.find((f) => f.quarter === "2025-26 Q4")
    expect(written.rows).toBe(own?.rows)
    const fromSubmission = join(dir, "from-submission.sqlite")
    const fromOwn = join(dir, "from-own.sqlite")
    const a = await run(fromSubmission, [{ plugin: "cld", config: { files: [csv] } }])
    const b = await run(fromOwn, [{ plugin: "cld", config: { files: [own?.path ?? ""] } }])
    expect(a.files[0]).toMatchObject({ rowsQuarantined: 0, rowsDuplicate: 0 })
    expect(a.files[0]?.rowsLoaded).toBe(b.files[0]?.rowsLoaded)
    for (const table of ["event", "person", "carer_link"]) {
      const x = facts(fromSubmission, table, lineage)
      const y = facts(fromOwn, table, lineage)
      expect(x.rows.length, table).toBeGreaterThan(0)
      expect(x.rows, table).toEqual(y.rows)
    }
  })
})
