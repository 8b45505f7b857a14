/**
 * Progress of a load, as events: the CLI renders them on a terminal (a live line per file) and the pipeline never
 * prints. The default layer ignores them.
 *
 * @category services
 */
import { Context, Layer } from "effect"
import type { FileSummary } from "./Pipeline.js"

/** A progress event. */
export type Event =
  | {
      readonly _tag: "FileStarted"
      readonly plugin: string
      readonly stream: string
      readonly path: string
      readonly size: number
    }
  | { readonly _tag: "RowsRead"; readonly path: string; readonly rows: number }
  | { readonly _tag: "FileFinished"; readonly summary: FileSummary }

/** The progress service. */
export interface Service {
  readonly emit: (event: Event) => void
}

/** The progress service tag. */
export class Progress extends Context.Tag("@asckit/etl/Progress")<Progress, Service>() {}

/** Ignores progress (the default). */
export const layerSilent: Layer.Layer<Progress> = Layer.succeed(Progress, { emit: () => {} })

/** Sends progress events to a callback. */
export const layer = (emit: (event: Event) => void): Layer.Layer<Progress> =>
  Layer.succeed(Progress, { emit })
