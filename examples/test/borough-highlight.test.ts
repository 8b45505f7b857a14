/**
 * The quarterly highlight report on the synthetic borough (issue 7's acceptance: "no empty measure without a stated
 * reason"): the borough with every extract (small scale, no faults), DHSC's 2024-25 ASCOF tables
 * (`examples/data/ascof-2024-25.ods`) loaded first as `pnpm etl` does, and the report for 2026-27 Q2 built with the
 * example configuration (`examples/highlight/highlight.config.json`) and written as a workbook and HTML.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { Period, Value } from "@asckit/core"
import { BuiltinSources, type Pipeline, WarehouseReader } from "@asckit/etl"
import { HighlightReport } from "@asckit/returns"
import { Effect } from "effect"
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type EtlSourceEntry, generateBorough } from "../src/borough/index.js"
import { load } from "./helpers.js"

const dir = mkdtempSync(join(tmpdir(), "asckit-highlight-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const root = fileURLToPath(new URL("../../", import.meta.url))
const configPath = join(root, "examples/highlight/highlight.config.json")
const ods = join(root, "examples/data/ascof-2024-25.ods")
const quarter = Period.quarter(2026, 2)

const plugins = BuiltinSources.all

/** The pipeline's form of a configuration entry: `{ plugin, ...config }` → `{ plugin, config }`. */
const asSource = ({ plugin, ...config }: EtlSourceEntry): Pipeline.SourceConfig => ({ plugin, config })

describe("the highlight report on the synthetic borough (2026-27 Q2, the example configuration)", () => {
  const out = join(dir, "borough")
  const db = join(dir, "warehouse.sqlite")
  let written: HighlightReport.Written
  let rows: ReadonlyArray<HighlightReport.Model.MeasureRow>

  beforeAll(async () => {
    const manifest = await generateBorough({ outDir: out, seed: 3, scale: 0.1, extracts: { all: true } })
    await load(db, {
      baseDir: out,
      sources: [
        { plugin: "ascof-published", config: { files: [ods] } },
        ...manifest.etlSources.map(asSource),
      ],
      plugins,
      key: "synthetic-borough-highlight-test-key",
    })
    written = await Effect.runPromise(
      Effect.gen(function* () {
        const resolved = yield* HighlightReport.Config.load(configPath)
        const reader = yield* WarehouseReader.WarehouseReader
        return yield* HighlightReport.write(reader, resolved, quarter, join(dir, "out"))
      }).pipe(Effect.provide(WarehouseReader.layer(db))),
    )
    rows = HighlightReport.Model.rows(written.report)
  }, 240_000)

  const row = (id: string) => {
    const found = rows.find((r) => r.measure.id === id)
    if (found === undefined) throw new Error(`no row ${id}`)
    return found
  }

  it("has a row for every configured measure", () => {
    const config = JSON.parse(readFileSync(configPath, "utf8")) as {
      obsessions: ReadonlyArray<{ measures: ReadonlyArray<{ measure: string }> }>
    }
    expect(rows.map((r) => r.measure.id)).toEqual(
      config.obsessions.flatMap((o) => o.measures.map((m) => m.measure)),
    )
  })

  it("every measure row has a latest value, or a stated reason", () => {
    for (const r of rows) {
      expect(r.latest, r.measure.id).toBeDefined()
      if (r.latest?.value._tag === "Available") continue
      // a suppressed value's marker is its reason (small numbers); anything else says why
      if (r.latest?.value._tag === "Suppressed") expect(r.reason, r.measure.id).toMatch(/^\[c\]/)
      else expect(r.reason, r.measure.id).toMatch(/^\[[xz]\]: \S/)
    }
    // and every missing point of every trend line says why
    for (const r of rows)
      for (const p of r.series)
        if (p.value._tag === "NotAvailable" || p.value._tag === "NotApplicable")
          expect(HighlightReport.Format.reason(p.value), `${r.measure.id} ${p.label}`).toBeTruthy()
  })

  it("every rank is a rank or a stated reason, and no group is a group of one", () => {
    for (const r of rows) {
      expect(r.ranks.map((k) => k.groupId)).toEqual(written.report.comparators.map((g) => g.id))
      for (const k of r.ranks) {
        const what = `${r.measure.id} ${k.groupId}`
        if (k.rank === undefined) expect(k.reason, what).toBeTruthy()
        else {
          expect(k.rank, what).toBeLessThanOrEqual(k.of)
          expect(k.of, what).toBeGreaterThan(1)
        }
        expect(HighlightReport.Format.rank(k), what).not.toMatch(/ of 1$/)
      }
    }
  })

  it("every published measure is ranked in the region, Greater Manchester and England, unless suppressed", () => {
    for (const r of rows.filter((x) => x.measure.framework === "ASCOF")) {
      for (const id of ["region", "greater-manchester", "england"]) {
        const k = HighlightReport.Format.rankIn(r, id)
        // at this small scale a few of the borough's values are small numbers, suppressed: a rank would reveal them
        if (k?.rank === undefined)
          expect(k?.reason, `${r.measure.id} ${id}`).toMatch(/^the council's \d{4}-\d{2} value is \[c\]$/)
      }
      // England's and the region's published values of the ranked year
      expect(r.comparators.map((c) => [c.id, c.value._tag])).toEqual([
        ["england", "Available"],
        ["region", "Available"],
      ])
    }
  })

  it("6A (staff turnover) is ranked among councils with 2024-25 values, not its own ASC-WDS 2025-26 row alone", () => {
    const r = row("ASCOF-2023:6A")
    expect(r.latest?.label).toBe("2025-26")
    expect(r.ranks.find((k) => k.groupId === "greater-manchester")).toMatchObject({ year: "2024-25", of: 10 })
    expect(r.ranks.find((k) => k.groupId === "region")).toMatchObject({ year: "2024-25", of: 24 })
    expect(r.comparators.find((c) => c.id === "england")?.year).toBe("2024-25")
  })

  it("1C (carers' survey, biennial): off-years are [z], compared with the survey before, ranked on 2023-24", () => {
    const r = row("ASCOF-2023:1C")
    expect(r.latest?.label).toBe("2025-26")
    expect(r.previous?.label).toBe("2023-24")
    expect(r.series.find((p) => p.label === "2024-25")?.value).toEqual(
      Value.notApplicable("not a survey year"),
    )
    expect(r.direction.direction).not.toBe("not-comparable")
    for (const k of r.ranks.filter((x) => x.groupId !== "cipfa"))
      expect(k, k.groupId).toMatchObject({ year: "2023-24" })
  })

  it("every section has what it needs: no gaps, and its commentary", () => {
    for (const s of written.report.sections) {
      expect(s.gaps, s.id).toEqual([])
      expect(s.commentary, s.id).toBeTruthy()
    }
    for (const o of written.report.obsessions) expect(o.commentary, o.id).toBeTruthy()
  })

  it("the HTML shows the region's published value; the workbook the obsessions' commentary and the region", async () => {
    const html = readFileSync(written.html, "utf8")
    expect(html).toContain('<th scope="col" class="num">North West</th>')
    expect(html.match(/<td class="num" data-label="North West">/g)).toHaveLength(rows.length)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(written.xlsx)
    const ws = wb.getWorksheet("Highlights")!
    const cells: Array<string> = []
    ws.eachRow((r) => {
      cells.push(String(r.getCell(1).value))
    })
    for (const o of written.report.obsessions) {
      const band = cells.indexOf(`${o.id}: ${o.title}`)
      expect(band, o.id).toBeGreaterThan(0)
      expect(cells[band + 1], o.id).toBe(HighlightReport.Markdown.toText(o.commentary!))
    }
    let header: Array<unknown> = []
    ws.eachRow((r) => {
      const values = r.values as Array<unknown>
      if (values.includes("North West")) header = values
    })
    expect(header).toContain("England")
    const col = header.indexOf("North West")
    let a2: ExcelJS.Row | undefined
    ws.eachRow((r) => {
      if (String(r.getCell(1).value).includes("(ASCOF 2A)")) a2 = r
    })
    const region = row("ASCOF-2023:2A").comparators.find((c) => c.id === "region")!
    expect(a2?.getCell(col).value).toBe(Value.toNumber(region.value))
  })
})
