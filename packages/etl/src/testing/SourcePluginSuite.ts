/**
 * The conformance suite every source plugin passes, built-in or a council's own. A plugin's test file calls
 * `suite(plugin, options)` once, at the top level of a vitest test file:
 * - its streams' keys, precedence and identifiers are fields of the decoded rows;
 * - its fixtures decode (and load with exactly the expected quarantine);
 * - its output is deterministic (two extractions, two fresh warehouses: the same facts);
 * - re-loading the same files is a no-op;
 * - its config Schema rejects a wrong configuration.
 *
 * It registers vitest tests (`describe`/`it`), so it is only for test files: import it from
 * `@asckit/etl/testing`, never from the main entry, and have `vitest` installed (a peer dependency of this entry).
 *
 * @category testing
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Chunk, Effect, Either, Layer, Redacted, Schema, Stream } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import * as Pipeline from "../Pipeline.js"
import * as Progress from "../Progress.js"
import * as Pseudonymiser from "../Pseudonymiser.js"
import type * as SourcePlugin from "../SourcePlugin.js"
import * as SourceRegistry from "../SourceRegistry.js"
import * as Warehouse from "../Warehouse.js"
import * as WarehouseSchema from "../WarehouseSchema.js"

/** What a plugin's fixtures are expected to give. */
export interface SuiteOptions {
  /** A configuration reading the plugin's fixtures (paths absolute or relative to `baseDir`). */
  readonly config: unknown
  readonly baseDir: string
  /** Rows expected to be read and to be quarantined across all fixtures. */
  readonly expect: { readonly rowsRead: number; readonly rowsQuarantined: number }
  /** A configuration the plugin must reject. */
  readonly badConfig: unknown
}

/** The pseudonymisation key of the suite's loads (a test key: the fixtures are synthetic). */
const suiteKey = Redacted.make("asckit-conformance-suite-key")

/** A fresh temp folder, removed after the test file. */
const tempDir = (prefix: string): string => {
  const d = mkdtempSync(join(tmpdir(), prefix))
  afterAll(() => rmSync(d, { recursive: true, force: true }))
  return d
}

/** Loads the plugin's fixtures into the warehouse at `path` and returns the run's summary. */
const load = (
  path: string,
  plugin: SourcePlugin.SourcePlugin,
  options: SuiteOptions,
): Promise<Pipeline.RunSummary> =>
  Effect.runPromise(
    Pipeline.run({
      sources: [{ plugin: plugin.id, config: options.config }],
      baseDir: options.baseDir,
    }).pipe(
      Effect.provide(
        Layer.mergeAll(
          Warehouse.layer({ path }),
          SourceRegistry.layerWith([plugin]),
          Pseudonymiser.layer(suiteKey),
          Progress.layerSilent,
        ),
      ),
    ),
  )

/** Runs a read-only query against the warehouse file. */
const query = <A = Record<string, unknown>>(path: string, sql: string): Array<A> =>
  Effect.runSync(
    Effect.scoped(
      Effect.flatMap(Warehouse.make({ path }), (w) =>
        w.use("conformance query", (_db, s) => s.prepare(sql).all() as Array<A>),
      ),
    ),
  )

const factTables = Object.keys(WarehouseSchema.factTables)

/** Every fact row of the warehouse, without the run and file ids (which differ between loads). */
const facts = (db: string) =>
  Object.fromEntries(
    factTables.map((t) => [
      t,
      query<Record<string, unknown>>(db, `select * from ${t} order by row_key`).map(
        ({ run_id: _r, file_id: _f, ...rest }) => rest,
      ),
    ]),
  )

/** Registers the conformance suite for a plugin (call it at the top level of a vitest test file). */
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
      const s = await load(join(dir, "fixtures.sqlite"), plugin, options)
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
      for (const db of [a, b]) await load(db, plugin, options)
      expect(facts(b)).toEqual(facts(a))
    })

    it("re-loads as a no-op", async () => {
      const db = join(dir, "reload.sqlite")
      await load(db, plugin, options)
      const before = facts(db)
      const quarantine = query(db, "select count(*) as n from etl_quarantine")
      const again = await load(db, plugin, options)
      expect(again.files.every((f) => f.status === "skipped")).toBe(true)
      expect(facts(db)).toEqual(before)
      expect(query(db, "select count(*) as n from etl_quarantine")).toEqual(quarantine)
    })

    it("rejects a wrong configuration", () => {
      expect(Either.isLeft(Schema.decodeUnknownEither(plugin.config)(options.badConfig))).toBe(true)
    })
  })
}
