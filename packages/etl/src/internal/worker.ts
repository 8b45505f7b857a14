/**
 * Worker-thread entry of the producer: it imports the plugin's module, then for each job reads the input file with
 * the plugin's `extract` and posts `Batch`es (see `produce.ts`) to the pipeline, never more than `credit` batches
 * ahead of what the pipeline has written.
 *
 * @internal
 */
import { parentPort, workerData } from "node:worker_threads"
import { Cause, Chunk, Effect, Exit, Option, Redacted, Stream } from "effect"
import * as Pseudonymiser from "../Pseudonymiser.js"
import type { Context, Input, SourcePlugin } from "../SourcePlugin.js"
import { producer } from "./produce.js"

/** What the worker is started with. */
export interface Init {
  readonly module: string
  readonly export: string
  readonly key: string
  readonly keepIdentifiers: boolean
  readonly batchSize: number
  readonly credit: number
}

/** A file to read. */
export interface Job {
  readonly type: "job"
  readonly id: number
  readonly stream: string
  readonly config: unknown
  readonly input: Input
  readonly context: Context
}

/** Messages from the worker. */
export type Out =
  | { readonly type: "ready" }
  | { readonly type: "init-error"; readonly message: string }
  | { readonly type: "batch"; readonly id: number; readonly batch: import("./produce.js").Batch }
  | { readonly type: "end"; readonly id: number }
  | {
      readonly type: "error"
      readonly id: number
      readonly error: { path: string; problem: string; message: string; row?: number; column?: string }
    }

const port = parentPort!
const init = workerData as Init
let credit = 0
let waiting: Array<() => void> = []

const post = (m: Out) => port.postMessage(m)

const run = async (plugin: SourcePlugin, pseudonymise: (s: string) => string, job: Job) => {
  credit = init.credit
  waiting = []
  const spec = plugin.streams.find((s) => s.name === job.stream)
  if (!spec) {
    post({
      type: "error",
      id: job.id,
      error: { path: job.input.path, problem: "malformed", message: `no stream ${job.stream}` },
    })
    return
  }
  const produce = producer(spec, pseudonymise, init.keepIdentifiers)
  const exit = await Effect.runPromiseExit(
    Stream.runForEachChunk(
      plugin.extract(job.config, job.input, job.context).pipe(Stream.rechunk(init.batchSize)),
      (chunk) =>
        Effect.promise(async () => {
          while (credit <= 0) await new Promise<void>((resolve) => waiting.push(resolve))
          credit -= 1
          post({ type: "batch", id: job.id, batch: produce(Chunk.toReadonlyArray(chunk)) })
        }),
    ),
  )
  if (Exit.isSuccess(exit)) {
    post({ type: "end", id: job.id })
    return
  }
  const failure = Cause.failureOption(exit.cause)
  const e = Option.getOrUndefined(failure)
  post({
    type: "error",
    id: job.id,
    error: e
      ? {
          path: e.path,
          problem: e.problem,
          message: e.message,
          ...(e.row === undefined ? {} : { row: e.row }),
          ...(e.column === undefined ? {} : { column: e.column }),
        }
      : {
          path: job.input.path,
          problem: "malformed",
          message: `${job.input.path}: ${Cause.pretty(exit.cause)}`,
        },
  })
}

try {
  const mod = (await import(init.module)) as Record<string, SourcePlugin>
  const plugin = mod[init.export]
  if (!plugin) throw new Error(`${init.module} has no export "${init.export}"`)
  const pseudonymise = Pseudonymiser.make(Redacted.make(init.key)).pseudonymise
  let queue: Promise<void> = Promise.resolve()
  port.on("message", (m: Job | { type: "ack" }) => {
    if (m.type === "ack") {
      credit += 1
      waiting.shift()?.()
    } else queue = queue.then(() => run(plugin, pseudonymise, m))
  })
  post({ type: "ready" })
} catch (e) {
  post({ type: "init-error", message: (e as Error).message })
}
