/**
 * The conformance suite every return plugin passes. A plugin's test file calls `suite(plugin, options)`:
 * - it builds for the period on a fixture warehouse, and the document is well formed (valid, unique sheet names;
 *   every figure names the query that produced it, and that query is described);
 * - building twice gives the same document;
 * - it only reads: the warehouse file is byte-for-byte unchanged;
 * - its workbook opens and reads back with the same figures, numbers stored as numbers;
 * - publication mode suppresses every count below 5 and rounds the rest to 5.
 */
import { createHash } from "node:crypto"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { Period } from "@asckit/core"
import { WarehouseReader } from "@asckit/etl"
import { Effect, Schema } from "effect"
import ExcelJS from "exceljs"
import { afterAll, describe, expect, it } from "vitest"
import { ReturnDocument, type ReturnPlugin, WorkbookWriter } from "../../src/index.js"

/** What the suite needs to build a plugin's return. */
export interface SuiteOptions {
  /** A warehouse file holding the plugin's fixture data (built by the test beforehand). */
  readonly warehouse: () => string
  readonly config: unknown
  readonly period: Period.Period
  readonly laCode: string
}

const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex")

/** Builds a plugin's document from a warehouse file. */
export const build = (
  plugin: ReturnPlugin.ReturnPlugin,
  options: SuiteOptions,
): Promise<ReturnDocument.Document> =>
  Effect.runPromise(
    plugin
      .build(Schema.decodeUnknownSync(plugin.config)(options.config), options.period, {
        laCode: options.laCode,
        version: "test",
      })
      .pipe(Effect.provide(WarehouseReader.layer(options.warehouse()))),
  )

/** Runs the conformance suite for a return plugin. */
export const suite = (plugin: ReturnPlugin.ReturnPlugin, options: SuiteOptions): void => {
  describe(`return plugin "${plugin.id}" conformance`, () => {
    const dir = mkdtempSync(join(tmpdir(), `asckit-return-${plugin.id}-`))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))

    it("builds a well-formed document, every figure traced to a described query", async () => {
      const doc = await build(plugin, options)
      expect(doc.returnId).toBe(plugin.id)
      expect(doc.sheets.length).toBeGreaterThan(0)
      const names = doc.sheets.map((s) => s.name)
      expect(new Set(names).size).toBe(names.length)
      for (const n of names) {
        expect(n.length).toBeLessThanOrEqual(31)
        expect(n).not.toMatch(/[[\]:*?/\\]/)
      }
      for (const s of doc.sheets) {
        for (const t of s.tables) {
          for (const r of t.rows) {
            expect(r.header.length, `${t.id}: row header width`).toBe(t.rowHeaders.length)
            expect(r.cells.length, `${t.id} ${r.header.join("/")}: cells`).toBe(
              t.columnHeaders.at(-1)!.length,
            )
            for (const c of r.cells) {
              if ((c.kind === "count" || c.kind === "measure") && (c.value !== null || c.marker)) {
                expect(c.query, `${t.id} ${r.header.join("/")}: a figure without its query`).toBeDefined()
                expect(doc.queries[c.query!], `query ${c.query} is described`).toBeDefined()
              }
            }
          }
        }
      }
    })

    it("builds the same document twice, and only reads the warehouse", async () => {
      const before = sha(options.warehouse())
      const a = await build(plugin, options)
      const b = await build(plugin, options)
      expect(b).toEqual(a)
      expect(sha(options.warehouse())).toBe(before)
    })

    it("writes a workbook that reads back with the same figures, numbers as numbers", async () => {
      const doc = await build(plugin, options)
      const path = join(dir, `${plugin.id}.xlsx`)
      await Effect.runPromise(WorkbookWriter.make.write(doc, path))
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.readFile(path)
      for (const s of doc.sheets) {
        const ws = wb.getWorksheet(WorkbookWriter.sheetName(s.name))
        expect(ws, s.name).toBeDefined()
        const values: Array<unknown> = []
        ws!.eachRow((row) => row.eachCell((c) => values.push(c.value)))
        for (const t of s.tables) {
          for (const r of t.rows) {
            for (const c of r.cells) {
              if (typeof c.value === "number" && c.marker === undefined) expect(values).toContain(c.value)
              if (c.marker !== undefined) expect(values).toContain(c.marker)
            }
          }
        }
      }
      expect(wb.getWorksheet("Validation")).toBeDefined()
      expect(wb.getWorksheet("Notes")).toBeDefined()
    })

    it("in publication mode suppresses counts below 5 and rounds the rest to 5", async () => {
      const doc = ReturnDocument.publish(await build(plugin, options))
      for (const s of doc.sheets) {
        for (const t of s.tables) {
          for (const { cell } of ReturnDocument.cells(t)) {
            if (cell.kind !== "count" || typeof cell.value !== "number") continue
            expect(cell.value % 5).toBe(0)
            expect(cell.value === 0 || cell.value >= 5).toBe(true)
          }
        }
      }
    })
  })
}
