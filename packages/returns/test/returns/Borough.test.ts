/**
 * On the synthetic borough (examples/src/borough, a small scale): its quarterly CLD submissions load through the
 * real CLD plugin, and the SALT-style return builds for 2024-25 and 2025-26 with no validation errors — every
 * subset within its set, every total consistent — and plausible figures.
 */
import { join } from "node:path"
import { Period } from "@asckit/core"
import { beforeAll, describe, expect, it } from "vitest"
import { generateBorough } from "../../../../examples/src/borough/index.js"
import { ReturnDocument as Doc } from "../../src/index.js"
import * as Salt from "../../src/returns/salt/index.js"
import { build, loadFiles, tempDir } from "./helpers.js"

const dir = tempDir("asckit-borough-returns-")
const db = join(dir, "borough.sqlite")

beforeAll(async () => {
  const t0 = Date.now()
  const manifest = await generateBorough({ outDir: join(dir, "cld"), seed: 7, scale: 0.1 })
  const summary = await loadFiles(
    db,
    manifest.files.map((f) => f.path),
  )
  expect(summary.ok).toBe(true)
  console.log(`borough: ${manifest.counts.events} events loaded in ${Date.now() - t0} ms`)
}, 300_000)

const total = (doc: Doc.Document, id: string) => {
  for (const s of doc.sheets)
    for (const t of s.tables)
      if (t.id === id) return Doc.at(t, t.rows.at(-1)!.header.join(" / "), "Total")?.value
  throw new Error(`no table ${id}`)
}

describe("SALT-style tables on the synthetic borough", () => {
  for (const year of [2024, 2025]) {
    it(`builds ${year}-${(year + 1) % 100} with no errors and plausible figures`, async () => {
      const t0 = Date.now()
      const doc = await build(Salt.plugin, db, Period.financialYear(year))
      console.log(
        `SALT ${year}: built in ${Date.now() - t0} ms; queries: ${doc.findings
          .filter((f) => f.severity === "query")
          .map((f) => f.rule)
          .join(", ")}`,
      )
      expect(Doc.errors(doc)).toEqual([])
      const lts001a = Number(total(doc, "LTS001a-1a")) + Number(total(doc, "LTS001a-1b"))
      const lts001b = Number(total(doc, "LTS001b-1a")) + Number(total(doc, "LTS001b-1b"))
      const lts001c = Number(total(doc, "LTS001c-1a")) + Number(total(doc, "LTS001c-1b"))
      expect(lts001a).toBeGreaterThan(0)
      expect(lts001b).toBeGreaterThan(0)
      expect(lts001b).toBeLessThan(lts001a)
      expect(lts001c).toBeLessThan(lts001b)
      expect(Number(total(doc, "STS001-1b"))).toBeGreaterThan(0)
      expect(Number(total(doc, "STS002a-1"))).toBeGreaterThan(0)
      expect(Number(total(doc, "LTS003-1"))).toBeGreaterThan(0)
    }, 300_000)
  }
})
