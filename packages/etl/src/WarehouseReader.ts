/**
 * A read-only view of the warehouse, for measures and returns: they read, they never write. Opened on its own
 * read-only connection (the file must exist), or borrowed from an open `Warehouse` (for a load followed by its
 * outputs, and for tests).
 *
 * @category services
 */
import { resolve } from "node:path"
import type { SQL } from "drizzle-orm"
import { Context, Effect, Layer } from "effect"
import { WarehouseError } from "./EtlError.js"
import * as Warehouse from "./Warehouse.js"

/** The read-only warehouse service. */
export interface Service {
  readonly path: string
  readonly dialect: "sqlite"
  /** The drizzle database (use it to build queries; run them with `all`/`get`). */
  readonly db: Warehouse.Db
  /** Runs a read-only query and returns its rows; a failure names `operation`. */
  readonly all: <A = Record<string, unknown>>(
    operation: string,
    query: SQL,
  ) => Effect.Effect<ReadonlyArray<A>, WarehouseError>
  /** Runs a read-only query and returns its first row, if any. */
  readonly get: <A = Record<string, unknown>>(
    operation: string,
    query: SQL,
  ) => Effect.Effect<A | undefined, WarehouseError>
}

/** The read-only warehouse tag. */
export class WarehouseReader extends Context.Tag("@asckit/etl/WarehouseReader")<WarehouseReader, Service>() {}

const fromConnection = (path: string, db: Warehouse.Db): Service => {
  const run = <A>(operation: string, f: () => A) =>
    Effect.try({
      try: f,
      catch: (e) =>
        new WarehouseError({
          operation,
          message: `${operation}: ${e instanceof Error ? e.message : String(e)}`,
          cause: e,
        }),
    })
  return {
    path,
    dialect: "sqlite",
    db,
    all: <A>(operation: string, query: SQL) => run(operation, () => db.all<A>(query) as ReadonlyArray<A>),
    get: <A>(operation: string, query: SQL) => run(operation, () => db.get<A>(query) as A | undefined),
  }
}

/** Opens the warehouse at `path` read-only (it must exist) for the life of the layer. */
export const layer = (path: string): Layer.Layer<WarehouseReader, WarehouseError> =>
  Layer.scoped(
    WarehouseReader,
    Effect.map(Warehouse.make({ path: resolve(path), readonly: true }), (w) => fromConnection(w.path, w.db)),
  ).pipe(
    Layer.mapError(
      (e) =>
        new WarehouseError({
          operation: "open",
          // A warehouse that exists but is out of date already says what to do.
          message:
            e.operation === "check version"
              ? e.message
              : `${e.message} Run \`pnpm etl\` (or \`asckit etl\`) first to build the warehouse.`,
        }),
    ),
  )

/** Reads through an open `Warehouse` (same connection). */
export const fromWarehouse: Layer.Layer<WarehouseReader, never, Warehouse.Warehouse> = Layer.effect(
  WarehouseReader,
  Effect.map(Warehouse.Warehouse, (w) => fromConnection(w.path, w.db)),
)
