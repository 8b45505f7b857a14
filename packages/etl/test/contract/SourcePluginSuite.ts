/**
 * The conformance suite every source plugin passes. A plugin's test file calls `suite(plugin, options)` once:
 * - its streams' keys, precedence and identifiers are fields of the decoded rows;
 * - its fixtures decode (and load with exactly the expected quarantine);
 * - its output is deterministic (two extractions, two fresh warehouses: the same facts);
 * - re-loading the same files is a no-op;
 * - its config Schema rejects a wrong configuration.
 */
import { join } from "node:path"
import { Chunk, Effect, Either, Schema, Stream } from "effect"
import { describe, expect, it } from "vitest"
import { type SourcePlugin, WarehouseSchema } from "../../src/index.js"
import { load, query, tempDir } from "../helpers.js"

/** What a plugin's fixtures are expected to give. */
export interface SuiteOptions {
  /** A configuration reading the plugin's fixtures (paths absolute or relative to `baseDir`). */
  readonly config: unknown
  readonly baseDir: string
  /** Rows expected to load and to be quarantined across all fixtures. */
  readonly expect: { readonly rowsRead: number; readonly rowsQuarantined: number }
  /** A configuration the plugin must reject. */
  readonly badConfig: unknown
}

const factTables = Object.keys(WarehouseSchema.factTables)

const facts = (db: string) =>
  Object.fromEntries(
    factTables.map((t) => [
      t,
      query<Record<string, unknown>>(db, `select * from ${t} order by row_key`).map(
        ({ run_id: _r, file_id: _f, ...rest }) => rest,
      ),
    ]),
  )

/** Runs the conformance suite for a plugin. */
export const suite = (plugin: SourcePlugin.SourcePlugin, options: SuiteOptions): void => {
  describe(`source plugin "${plugin.id}" conformance`, () => {
    const dir = tempDir(`asckit-conformance-${plugin.id}-`)
    const config = Schema.decodeUnknownSync(plugin.config)(options.config)
    const context = { baseDir: options.baseDir }
    const inputs = () => Effect.runPromise(plugin.inputs(config, context))

    it("has fixtures, and its streams' key, precedence and identifiers are fields of the decoded rows", async () => {
      const ins = await inputs()
      expect(ins.length).toBeGreaterThan(0)
      for (const input of ins) {
        const spec = plugin.streams.find((s) => s.name === input.stream)
        expect(spec, `stream ${input.stream}`).toBeDefined()
        const rows = Chunk.toReadonlyArray(
          await Effect.runPromise(Stream.runCollect(plugin.extract(config, input, context))),
        )
        const decode = Schema.decodeUnknownEither(spec!.row)
        const decoded = rows
          .filter((r) => !r.issues?.length)
          .map((r) => decode(r.values))
          .filter(Either.isRight)
          .map((d) => d.right as Record<string, unknown>)
        expect(decoded.length, `${input.path} has rows that decode`).toBeGreaterThan(0)
        const fields = [
          ...spec!.key,
          ...(spec!.precedence ? [spec!.precedence] : []),
          ...(spec!.identifiers ?? []),
        ]
        for (const row of decoded) for (const f of fields) expect(row, `field ${f}`).toHaveProperty(f)
      }
    })

    it("loads its fixtures with exactly the expected quarantine, every row accounted for", async () => {
      const db = join(dir, "fixtures.sqlite")
      const s = await load(db, [plugin], {
        sources: [{ plugin: plugin.id, config: options.config }],
        baseDir: options.baseDir,
      })
      expect(s.ok).toBe(true)
      const read = s.files.reduce((n, f) => n + f.rowsRead, 0)
      const quarantined = s.files.reduce((n, f) => n + f.rowsQuarantined, 0)
      expect({ rowsRead: read, rowsQuarantined: quarantined }).toEqual(options.expect)
      for (const f of s.files) expect(f.rowsRead).toBe(f.rowsLoaded + f.rowsQuarantined + f.rowsDuplicate)
    })

    it("is deterministic: the same rows twice, and the same facts in two fresh warehouses", async () => {
      for (const input of await inputs()) {
        const once = await Effect.runPromise(Stream.runCollect(plugin.extract(config, input, context)))
        const twice = await Effect.runPromise(Stream.runCollect(plugin.extract(config, input, context)))
        expect(Chunk.toReadonlyArray(twice)).toEqual(Chunk.toReadonlyArray(once))
      }
      const a = join(dir, "det-a.sqlite")
      const b = join(dir, "det-b.sqlite")
      for (const db of [a, b]) {
        await load(db, [plugin], {
          sources: [{ plugin: plugin.id, config: options.config }],
          baseDir: options.baseDir,
        })
      }
      expect(facts(b)).toEqual(facts(a))
    })

    it("re-loads as a no-op", async () => {
      const db = join(dir, "reload.sqlite")
      const run = () =>
        load(db, [plugin], {
          sources: [{ plugin: plugin.id, config: options.config }],
          baseDir: options.baseDir,
        })
      await run()
      const before = facts(db)
      const quarantine = query(db, "select count(*) as n from etl_quarantine")
      const again = await run()
      expect(again.files.every((f) => f.status === "skipped")).toBe(true)
      expect(facts(db)).toEqual(before)
      expect(query(db, "select count(*) as n from etl_quarantine")).toEqual(quarantine)
    })

    it("rejects a wrong configuration", () => {
      expect(Either.isLeft(Schema.decodeUnknownEither(plugin.config)(options.badConfig))).toBe(true)
    })
  })
}
