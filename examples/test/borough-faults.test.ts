/**
 * Every bad row the synthetic borough injects is caught by the CLD load with the right reason: quarantined (bad
 * dates, unknown mandatory codes, missing person ids, truncated lines), kept as a finding (an unknown code in an
 * optional field), or reported as a duplicate.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { CldSource, Pipeline, Progress, Pseudonymiser, SourceRegistry, Warehouse } from "@asckit/etl"
import { Effect, Layer, Redacted } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type BoroughManifest, generateBorough } from "../src/borough/index.js"

const dir = mkdtempSync(join(tmpdir(), "asckit-faults-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

let manifest: BoroughManifest
let summary: Pipeline.RunSummary
type Rec = { file: string; row: number; column: string | null; code: string }
let quarantine: Array<Rec>
let findings: Array<Rec>

const expected: Record<string, { where: "quarantine" | "finding" | "duplicate"; code: string }> = {
  "bad-date": { where: "quarantine", code: "invalid-date" },
  "unknown-code": { where: "quarantine", code: "invalid-code" },
  "unknown-optional-code": { where: "finding", code: "invalid-code" },
  "missing-person-id": { where: "quarantine", code: "missing-person-id" },
  "duplicate-row": { where: "duplicate", code: "duplicate" },
  "truncated-row": { where: "quarantine", code: "truncated-row" },
}

beforeAll(async () => {
  manifest = await generateBorough({ outDir: join(dir, "cld"), scale: 1, seed: 1, faults: true })
  const faulty = [...new Set(manifest.faults.map((f) => f.file))].map((f) => join(dir, "cld", f))
  const db = join(dir, "warehouse.sqlite")
  const layers = Layer.mergeAll(
    Warehouse.layer({ path: db }),
    SourceRegistry.layerWith([CldSource.plugin]),
    Pseudonymiser.layer(Redacted.make("synthetic-borough-test-key")),
    Progress.layerSilent,
  )
  summary = await Effect.runPromise(
    Pipeline.run({ sources: [{ plugin: "cld", config: { files: faulty } }], baseDir: dir }).pipe(
      Effect.provide(layers),
    ),
  )
  const read = (sql: string) =>
    Effect.runSync(
      Effect.scoped(
        Effect.flatMap(Warehouse.make({ path: db }), (w) =>
          w.use("read", (_d, s) => s.prepare(sql).all() as Array<Rec>),
        ),
      ),
    )
  quarantine = read(
    `select f.path as file, q.row_number as "row", q."column" as "column", q.error_code as code from etl_quarantine q join etl_file f on f.id = q.file_id`,
  )
  findings = read(
    `select f.path as file, x.row_number as "row", x."column" as "column", x.code as code from etl_finding x join etl_file f on f.id = x.file_id`,
  )
}, 120_000)

describe("the synthetic borough's injected faults", () => {
  it("injects every kind of fault", () => {
    expect(new Set(manifest.faults.map((f) => f.fault))).toEqual(new Set(Object.keys(expected)))
  })

  it("catches each one, at its row, with the right reason", () => {
    for (const fault of manifest.faults) {
      const want = expected[fault.fault]!
      const pool = want.where === "finding" ? findings : quarantine
      const hit = pool.find(
        (r) =>
          r.file.endsWith(fault.file) &&
          r.row === fault.row &&
          r.code === want.code &&
          (want.where === "duplicate" ||
            fault.column === undefined ||
            fault.fault === "truncated-row" ||
            r.column === fault.column),
      )
      expect(hit, `${fault.file} row ${fault.row}: ${fault.fault} (${fault.detail})`).toBeDefined()
    }
  })

  it("accounts for every row read, and quarantines nothing else", () => {
    for (const f of summary.files) expect(f.rowsRead).toBe(f.rowsLoaded + f.rowsQuarantined + f.rowsDuplicate)
    const quarantinedRows = new Set(
      quarantine.filter((q) => q.code !== "duplicate").map((q) => `${q.file}:${q.row}`),
    )
    const injected = manifest.faults.filter((f) => expected[f.fault]!.where === "quarantine")
    expect(quarantinedRows.size).toBe(injected.length)
  })
})
