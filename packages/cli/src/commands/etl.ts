/**
 * `asckit etl`: load the sources of a configuration into the warehouse.
 *
 * @category commands
 */
import { existsSync } from "node:fs"
import { resolve } from "node:path"
import { Derive, Pipeline, Progress, Pseudonymiser, type SourceRegistry, Warehouse } from "@asckit/etl"
import type { ReturnRegistry, WorkbookWriter } from "@asckit/returns"
import { Command, Options } from "@effect/cli"
import { Console, Effect, Either, Layer, Option } from "effect"
import { CliError } from "../CliError.js"
import * as Config from "../Config.js"
import * as Outputs from "../Outputs.js"
import * as Render from "../Render.js"
import * as Reports from "../Reports.js"
import { version } from "../version.js"
import { config, warehouse } from "./shared.js"

const dryRun = Options.boolean("dry-run").pipe(
  Options.withDescription("Validate and count everything, write nothing."),
)
const json = Options.boolean("json").pipe(
  Options.withDescription("Print the run summary as JSON (for scripts)."),
)

/** How many unmapped values `asckit etl` lists (the report file has them all). */
const UNMAPPED_SHOWN = 5

/**
 * The unmapped local codes of a run, for the terminal: how many values and rows, the commonest few, and the
 * report's path; nothing when every value was mapped.
 */
export const unmappedLines = (reports: Reports.Written): ReadonlyArray<string> => {
  const u = reports.unmappedValues
  if (u.length === 0) return []
  const rows = u.reduce((n, x) => n + x.rows, 0)
  const plural = (n: number, w: string) => `${n.toLocaleString("en-GB")} ${w}${n === 1 ? "" : "s"}`
  const width = Math.max(...u.slice(0, UNMAPPED_SHOWN).map((x) => `${x.plugin} ${x.stream}`.length))
  return [
    `Unmapped local codes: ${plural(u.length, "value")} in ${plural(rows, "quarantined row")} — add them to the mapping (mapping.codes.<table> or the codes file) and load the files again:`,
    ...u
      .slice(0, UNMAPPED_SHOWN)
      .map(
        (x) =>
          `  ${`${x.plugin} ${x.stream}`.padEnd(width)}  ${x.column ?? "?"} ${x.value === null ? "(an identifier: not shown)" : JSON.stringify(x.value)} → ${x.table ?? "?"}: ${plural(x.rows, "row")}`,
      ),
    ...(u.length > UNMAPPED_SHOWN ? [`  … and ${plural(u.length - UNMAPPED_SHOWN, "more value")}`] : []),
    ...(reports.unmapped ? [`Unmapped values: ${Render.shortPath(reports.unmapped)}`] : []),
  ]
}

/** Runs the ETL for a configuration file; the effect behind `asckit etl`. */
export const runEtl = (args: {
  readonly config: Option.Option<string>
  readonly dryRun: boolean
  readonly json: boolean
  readonly warehouse: Option.Option<string>
}): Effect.Effect<
  Pipeline.RunSummary,
  CliError,
  SourceRegistry.SourceRegistry | ReturnRegistry.ReturnRegistry | WorkbookWriter.WorkbookWriter
> =>
  Effect.gen(function* () {
    const path = Option.getOrElse(args.config, () => "asckit.config.json")
    const loaded = yield* Config.load(path).pipe(
      Effect.mapError(
        (e) =>
          new CliError({
            exitCode: 2,
            message:
              Option.isNone(args.config) && !existsSync(path)
                ? `No configuration: pass --config <file>, or create ./asckit.config.json. To try asckit on the synthetic demo borough, run \`pnpm etl\` in the asckit repository.`
                : e.message,
          }),
      ),
    )
    const key = yield* Config.key(loaded).pipe(
      Effect.mapError((e) => new CliError({ exitCode: 2, message: e.message })),
    )
    const whPath = resolve(
      loaded.baseDir,
      Option.getOrElse(args.warehouse, () => loaded.config.warehouse),
    )
    const dbPath = args.dryRun && !existsSync(whPath) ? ":memory:" : whPath
    const layers = Layer.mergeAll(
      Warehouse.layer({ path: dbPath }),
      Pseudonymiser.layer(key),
      args.json ? Progress.layerSilent : Progress.layer(Render.progress()),
    )
    const program = Effect.gen(function* () {
      const summary = yield* Pipeline.run({
        sources: Config.sources(loaded.config),
        baseDir: loaded.baseDir,
        dryRun: args.dryRun,
        keepIdentifiers: loaded.config.keepIdentifiers,
        workers: loaded.config.workers,
        recordConfig: Config.redact(loaded.config),
        version,
        derivations: Derive.all,
      })
      const reports = yield* Reports.write(
        summary,
        resolve(loaded.baseDir, loaded.config.outputDir, "reports"),
      )
      if (args.json) {
        // Printed once the outputs are written (below): stdout stays one JSON document.
      } else {
        yield* Console.log(`\n${Render.runSummary(summary, whPath)}`)
        if (reports.rejects) yield* Console.log(`Rejected rows: ${Render.shortPath(reports.rejects)}`)
        if (reports.findings)
          yield* Console.log(`Data-quality findings: ${Render.shortPath(reports.findings)}`)
        const unmapped = unmappedLines(reports)
        if (unmapped.length > 0) yield* Console.log(unmapped.join("\n"))
      }
      return { summary, reports }
    })
    const { summary, reports } = yield* program.pipe(
      Effect.provide(layers),
      Effect.catchTags({
        ConfigError: (e) => Effect.fail(new CliError({ exitCode: 2, message: e.message })),
        UnknownSourceError: (e) => Effect.fail(new CliError({ exitCode: 2, message: e.message })),
        WarehouseError: (e) => Effect.fail(new CliError({ exitCode: 1, message: e.message })),
      }),
    )
    const writeOutputs = summary.ok && !args.dryRun && loaded.config.outputs !== undefined
    if (writeOutputs && !args.json) yield* Console.log("\nOutputs:")
    // In --json mode the outputs' own lines are not printed (they are listed in the JSON), and a failure to write
    // them still prints the load's summary before the error.
    const quiet = <A, E, R>(e: Effect.Effect<A, E, R>) =>
      Effect.flatMap(Effect.console, (c) =>
        e.pipe(Effect.withConsole({ ...c, log: () => Effect.void, unsafe: { ...c.unsafe, log: () => {} } })),
      )
    const outputs = writeOutputs
      ? yield* Effect.either(args.json ? quiet(Outputs.write(loaded, whPath)) : Outputs.write(loaded, whPath))
      : Either.right([])
    if (args.json) {
      yield* Console.log(
        JSON.stringify(
          {
            ...summary,
            warehouse: whPath,
            files: summary.files.map(({ rejects: _r, error: _e, ...f }) => f),
            reports: {
              ...(reports.rejects === undefined ? {} : { rejects: reports.rejects }),
              ...(reports.findings === undefined ? {} : { findings: reports.findings }),
              ...(reports.unmapped === undefined ? {} : { unmapped: reports.unmapped }),
            },
            unmapped: reports.unmappedValues,
            outputs: Either.getOrElse(outputs, () => []),
            ...(Either.isLeft(outputs) ? { outputsError: outputs.left.message } : {}),
          },
          null,
          2,
        ),
      )
    }
    if (Either.isLeft(outputs)) return yield* Effect.fail(outputs.left)
    if (!summary.ok) {
      const failed = summary.files.filter((f) => f.status === "failed").length
      return yield* Effect.fail(
        new CliError({
          exitCode: 1,
          message: `${failed} file${failed === 1 ? "" : "s"} could not be loaded (nothing from ${failed === 1 ? "it" : "them"} was kept). Fix the problem named above and run the ETL again: files already loaded are skipped.`,
        }),
      )
    }
    return summary
  })

/** `asckit etl [--config file] [--dry-run] [--json] [--warehouse file]`. */
export const etl = Command.make("etl", { config, dryRun, json, warehouse }, (args) =>
  Effect.asVoid(runEtl(args)),
).pipe(
  Command.withDescription(
    "Load the configured sources into the warehouse; print what was loaded, rejected and why.",
  ),
)
