/** Test helpers: loading the borough's files through the real pipeline, and reading a warehouse back. */
import {
  Derive,
  Pipeline,
  Progress,
  Pseudonymiser,
  type SourcePlugin,
  SourceRegistry,
  Warehouse,
} from "@asckit/etl"
import { Effect, Layer, Redacted } from "effect"

/** Loads `sources` (files relative to `baseDir`) into the warehouse at `db` through the given plugins. */
export const load = (
  db: string,
  options: {
    readonly baseDir: string
    readonly sources: ReadonlyArray<Pipeline.SourceConfig>
    readonly plugins: ReadonlyArray<SourcePlugin.SourcePlugin>
    readonly key: string
    readonly keepIdentifiers?: boolean
  },
): Promise<Pipeline.RunSummary> =>
  Effect.runPromise(
    Pipeline.run({
      sources: options.sources,
      baseDir: options.baseDir,
      derivations: Derive.all,
      keepIdentifiers: options.keepIdentifiers ?? false,
      // small files: reading them in the pipeline's thread is quicker than starting reader threads
      workers: false,
    }).pipe(
      Effect.provide(
        Layer.mergeAll(
          Warehouse.layer({ path: db }),
          SourceRegistry.layerWith(options.plugins),
          Pseudonymiser.layer(Redacted.make(options.key)),
          Progress.layerSilent,
        ),
      ),
    ),
  )

/** The rows a SQL query gives on the warehouse at `db`. */
export const read = <A = Record<string, unknown>>(db: string, query: string): Array<A> =>
  Effect.runSync(
    Effect.scoped(
      Effect.flatMap(Warehouse.make({ path: db }), (w) =>
        w.use("read", (_d, s) => s.prepare(query).all() as Array<A>),
      ),
    ),
  )
