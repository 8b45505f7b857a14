/**
 * The `asckit` command tree, as @effect/cli values. The composition root (`bin.ts`) provides the layers.
 *
 * @category commands
 */
// The command types mention the source registry; this import lets declaration emit name it.
// biome-ignore lint/correctness/noUnusedImports: needed for the emitted .d.ts
import type { SourceRegistry as _SourceRegistry } from "@asckit/etl"
// biome-ignore lint/correctness/noUnusedImports: needed for the emitted .d.ts (the returns commands)
import type { ReturnRegistry as _ReturnRegistry, WorkbookWriter as _WorkbookWriter } from "@asckit/returns"
import { Command } from "@effect/cli"
import { ascof } from "./commands/ascof.js"
import { etl } from "./commands/etl.js"
import { report } from "./commands/report.js"
import { returns } from "./commands/returns.js"
import { version } from "./version.js"

/** `asckit`: the root command. */
export const asckit = Command.make("asckit").pipe(
  Command.withDescription("asckit: adult social care performance data, from source files to returns."),
  Command.withSubcommands([etl, ascof, returns, report]),
)

/** The runnable CLI (argv → Effect). */
export const cli = Command.run(asckit, { name: "asckit", version })
