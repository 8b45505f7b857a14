/**
 * On the synthetic borough (examples/src/borough, a small scale, no injected faults): its CLD submissions, the LAS
 * reports CLD does not hold (safeguarding concerns, enquiries and risks among them), the DoLS returns, the teams'
 * spreadsheets (the SAR log) and the ONS population load through the real plugins, and the Safeguarding Adults
 * Collection and the DoLS return build for 2024-25 and 2025-26 with no validation errors and totals that agree across tables.
 */
import { join } from "node:path"
import { Period } from "@asckit/core"
import {
  CldSource,
  DolsSource,
  LasSource,
  OnsPopulationSource,
  type Pipeline,
  SpreadsheetSource,
} from "@asckit/etl"
import { beforeAll, describe, expect, it } from "vitest"
import { type EtlSourceEntry, generateBorough } from "../../../../examples/src/borough/index.js"
import { ReturnDocument as Doc } from "../../src/index.js"
import * as Dols from "../../src/returns/dols/index.js"
import * as Sac from "../../src/returns/sac/index.js"
import { build, loadSources, tempDir } from "./helpers.js"

const dir = tempDir("asckit-borough-safeguarding-")
const db = join(dir, "borough.sqlite")
const years = [2024, 2025].map(
  (y) => [Period.format(Period.financialYear(y)), Period.financialYear(y)] as const,
)
const plugins = [
  CldSource.plugin,
  LasSource.plugin,
  DolsSource.plugin,
  SpreadsheetSource.plugin,
  OnsPopulationSource.plugin,
]

/** The pipeline's form of a configuration entry: `{ plugin, ...config }` → `{ plugin, config }`. */
const asSource = ({ plugin, ...config }: EtlSourceEntry): Pipeline.SourceConfig => ({ plugin, config })

beforeAll(async () => {
  const t0 = Date.now()
  const out = join(dir, "borough")
  const manifest = await generateBorough({
    outDir: out,
    seed: 7,
    scale: 0.1,
    extracts: { las: true, dols: true, spreadsheets: true, population: true },
  })
  const summary = await loadSources(db, out, manifest.etlSources.map(asSource), plugins)
  expect(summary.ok).toBe(true)
  console.log(`borough (safeguarding, DoLS, SARs, population) loaded in ${Date.now() - t0} ms`)
}, 300_000)

const table = (doc: Doc.Document, id: string): Doc.Table => {
  for (const s of doc.sheets) for (const t of s.tables) if (t.id === id) return t
  throw new Error(`no table ${id}`)
}
const num = (t: Doc.Table, row: string, column: string): number => {
  const v = Doc.at(t, row, column)?.value
  if (typeof v !== "number") throw new Error(`${t.id} ${row} / ${column}: ${String(v)}`)
  return v
}
const queries = (doc: Doc.Document) =>
  doc.findings
    .filter((f) => f.severity === "query")
    .map((f) => f.rule)
    .join(", ")

describe.each(years)("the Safeguarding Adults Collection on the synthetic borough, %s", (_, fy) => {
  let doc: Doc.Document
  beforeAll(async () => {
    doc = await build(Sac.plugin, db, fy)
    console.log(`SAC ${Period.format(fy)} queries: ${queries(doc)}`)
  }, 120_000)

  it("builds with no validation errors", () => {
    expect(Doc.errors(doc)).toEqual([])
  })

  it("is internally consistent: SG1a–SG1d count the same individuals, within SG1f's cases", () => {
    const sg1f = table(doc, "SG1f")
    const cases = {
      "Safeguarding Concerns": num(sg1f, "Total Number of Safeguarding Concerns", "Number"),
      "Section 42 Enquiries": num(sg1f, "Total Number of Section 42 Safeguarding Enquiries", "Number"),
      "Other Enquiries": num(sg1f, "Total Number of Other Safeguarding Enquiries", "Number"),
    }
    expect(cases["Safeguarding Concerns"]).toBeGreaterThan(0)
    expect(cases["Section 42 Enquiries"]).toBeGreaterThan(0)
    for (const [column, n] of Object.entries(cases)) {
      const individuals = num(table(doc, "SG1a"), "Total", column)
      expect(individuals).toBeGreaterThan(0)
      expect(individuals).toBeLessThanOrEqual(n)
      for (const id of ["SG1b", "SG1c", "SG1d"])
        expect(num(table(doc, id), "Total", column)).toBe(individuals)
    }
  })

  it("is internally consistent: SG2c, SG3a and SG4a count every concluded section 42 enquiry once", () => {
    const c = "Concluded section 42 enquiries"
    const sg2c = num(table(doc, "SG2c"), "Total", c)
    expect(sg2c).toBeGreaterThan(0)
    const sg3a = table(doc, "SG3a")
    const capacity = sg3a.rows.slice(0, 4).reduce((n, r) => n + Number(r.cells[0]!.value), 0)
    expect(capacity).toBe(sg2c)
    expect(num(table(doc, "SG4a"), "Total", c)).toBe(sg2c)
    expect(num(sg3a, sg3a.rows[4]!.header[0]!, c)).toBeLessThanOrEqual(Number(sg3a.rows[0]!.cells[0]!.value))
    expect(num(table(doc, "SG2e"), "Total", c)).toBeLessThanOrEqual(
      num(table(doc, "SG2c"), "Risk identified and action taken", c),
    )
    expect(num(table(doc, "SG4a-achieved"), "Total", c)).toBeLessThanOrEqual(
      num(table(doc, "SG4a"), "Yes, they were asked and outcomes were expressed", c),
    )
  })

  it("derives its measures from the tables' counts and the loaded population", () => {
    const m = table(doc, "measures")
    const row = (title: string) => m.rows.find((r) => r.header[0] === title)!
    const concerns = num(table(doc, "SG1f"), "Total Number of Safeguarding Concerns", "Number")
    const conversion = row("Concern to enquiry conversion rate")
    expect(conversion.cells[1]!.value).toBe(concerns)
    const perPopulation = row("Concerns per 100k adults")
    expect(perPopulation.cells[0]!.value).toBe(concerns)
    expect(perPopulation.cells[1]!.value).toBeGreaterThan(0) // the borough's 18+ population is loaded
    expect(perPopulation.cells[2]!.value).toBeGreaterThan(0)
  })
})

describe.each(years)("the DoLS return on the synthetic borough, %s", (_, fy) => {
  let doc: Doc.Document
  beforeAll(async () => {
    doc = await build(Dols.plugin, db, fy)
    console.log(`DoLS ${Period.format(fy)} queries: ${queries(doc)}`)
  }, 120_000)

  it("builds with no validation errors; the council's references are a query for sign-off", () => {
    expect(Doc.errors(doc)).toEqual([])
    expect(doc.findings.map((f) => f.rule)).toContain("dols-references-to-add")
  })

  it("is internally consistent: completed by status, within 21 days among standard, every active case listed", () => {
    const s = table(doc, "dols-summary")
    const v = (label: string) => num(s, label, "Value")
    expect(v("DoLS applications received in the year")).toBeGreaterThan(0)
    const completed = v("DoLS applications completed in the year")
    expect(completed).toBeGreaterThan(0)
    expect(v("of which granted") + v("of which not granted") + v("of which withdrawn")).toBe(completed)
    const standard = v("Standard applications (no urgent authorisation) completed in the year")
    expect(standard).toBeLessThanOrEqual(completed)
    expect(v("of which completed within 21 days")).toBeLessThanOrEqual(standard)
    expect(table(doc, "dols-cases").rows.length).toBe(
      v("Applications active at any point in the year (case-level rows)"),
    )
    expect(v("of which included an urgent authorisation")).toBeLessThanOrEqual(
      v("DoLS applications received in the year"),
    )
  })
})
