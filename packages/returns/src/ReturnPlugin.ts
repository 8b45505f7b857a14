/**
 * The return-plugin contract. A return plugin is a value: an id, a title, the kind of period it covers, a config
 * Schema, and `build(config, period)`, which reads the warehouse (through `WarehouseReader`: returns never write)
 * and gives a pure `Document`. Rendering and delivery are done elsewhere (`WorkbookWriter`, `Mailer`).
 *
 * @category models
 */
import type { Period } from "@asckit/core"
import type { EtlError, WarehouseReader } from "@asckit/etl"
import type { Effect, Schema } from "effect"
import type { Document } from "./ReturnDocument.js"
import type { ReturnBuildError } from "./ReturnError.js"

/** Facts about the run a return is built in, for its Notes sheet. */
export interface BuildContext {
  /** The council the return is for (CASSR code). */
  readonly laCode: string
  /** The asckit version. */
  readonly version: string
}

/** A return plugin. */
export interface ReturnPlugin<C = any> {
  readonly id: string
  readonly title: string
  readonly description: string
  /** The kind of period it covers: a financial year, a quarter, or a rolling 12 months. */
  readonly periodKind: ReadonlyArray<Period.Kind>
  readonly config: Schema.Schema<C, any>
  readonly build: (
    config: C,
    period: Period.Period,
    context: BuildContext,
  ) => Effect.Effect<Document, ReturnBuildError | EtlError.WarehouseError, WarehouseReader.WarehouseReader>
}

/** Declares a return plugin (an identity function that checks its shape and keeps the config type). */
export const make = <C>(plugin: ReturnPlugin<C>): ReturnPlugin<C> => plugin
