#!/usr/bin/env node
/**
 * The composition root of the asckit CLI: the only place that chooses the plugins, provides the layers and runs
 * effects. Exit codes: 0 success, 1 failed work (a file that could not be loaded), 2 usage or configuration.
 */
import { BuiltinSources, SourceRegistry } from "@asckit/etl"
import {
  AscofReturn,
  CldSubmission,
  DolsReturn,
  HighlightReport,
  ReturnRegistry,
  SacReturn,
  SaltReturn,
  WorkbookWriter,
} from "@asckit/returns"
import { ValidationError } from "@effect/cli"
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Console, Effect, Exit, Layer } from "effect"
import { cli } from "./Cli.js"

/** The source plugins asckit ships. */
const Sources = SourceRegistry.layerWith(BuiltinSources.all)

/** The return plugins asckit ships. */
const Returns = ReturnRegistry.layerWith([
  AscofReturn.plugin,
  SaltReturn.plugin,
  SacReturn.plugin,
  DolsReturn.plugin,
  CldSubmission.plugin,
  HighlightReport.plugin,
])

const MainLive = Layer.mergeAll(NodeContext.layer, Sources, Returns, WorkbookWriter.layer)

cli(process.argv).pipe(
  Effect.catchTag("CliError", (e) =>
    Effect.zipRight(
      Console.error(`\nasckit: ${e.message}`),
      Effect.sync(() => (process.exitCode = e.exitCode)),
    ),
  ),
  // @effect/cli has already printed a usage error (unknown option, bad value): exit 2.
  Effect.catchIf(ValidationError.isValidationError, () => Effect.sync(() => (process.exitCode = 2))),
  Effect.provide(MainLive),
  NodeRuntime.runMain({
    teardown: (exit, onExit) =>
      onExit(Exit.isFailure(exit) ? 1 : typeof process.exitCode === "number" ? process.exitCode : 0),
  }),
)
