/** Test helpers: temp folders, a warehouse layer, and running a load. */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Layer, Redacted } from "effect"
import { afterAll } from "vitest"
import {
  Pipeline,
  Progress,
  Pseudonymiser,
  type SourcePlugin,
  SourceRegistry,
  Warehouse,
} from "../src/index.js"

/** A fresh temp folder, removed after the test file. */
export const tempDir = (prefix = "asckit-etl-"): string => {
  const d = mkdtempSync(join(tmpdir(), prefix))
  afterAll(() => rmSync(d, { recursive: true, force: true }))
  return d
}

/** The test pseudonymisation key. */
export const testKey = Redacted.make("test-key-0123456789abcdef")

/** Layers for a load into the warehouse at `path` with `plugins` registered. */
export const layers = (path: string, plugins: ReadonlyArray<SourcePlugin.SourcePlugin>) =>
  Layer.mergeAll(
    Warehouse.layer({ path }),
    SourceRegistry.layerWith(plugins),
    Pseudonymiser.layer(testKey),
    Progress.layerSilent,
  )

/** Runs a load and returns its summary. */
export const load = (
  path: string,
  plugins: ReadonlyArray<SourcePlugin.SourcePlugin>,
  options: Omit<Pipeline.RunOptions, "baseDir"> & { baseDir?: string },
): Promise<Pipeline.RunSummary> =>
  Effect.runPromise(Pipeline.run({ baseDir: "/", ...options }).pipe(Effect.provide(layers(path, plugins))))

/** Runs a read-only query against the warehouse file. */
export const query = <A = Record<string, unknown>>(
  path: string,
  sql: string,
  ...params: Array<unknown>
): Array<A> =>
  Effect.runSync(
    Effect.scoped(
      Effect.flatMap(Warehouse.make({ path }), (w) =>
        w.use("test query", (_db, s) => s.prepare(sql).all(...params) as Array<A>),
      ),
    ),
  )
