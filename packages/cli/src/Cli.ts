/**
 * The `asckit` command tree, as @effect/cli values. The composition root (`bin.ts`) provides the layers.
 *
 * @category commands
 */
// The command types mention the source registry; this import lets declaration emit name it.
// biome-ignore lint/correctness/noUnusedImports: needed for the emitted .d.ts
import type { SourceRegistry as _SourceRegistry } from "@asckit/etl"
import { Command } from "@effect/cli"
import { etl } from "./commands/etl.js"
import { version } from "./version.js"

/** `asckit`: the root command. */
export const asckit = Command.make("asckit").pipe(
  Command.withDescription("asckit: adult social care performance data, from source files to returns."),
  Command.withSubcommands([etl]),
)

/** The runnable CLI (argv → Effect). */
export const cli = Command.run(asckit, { name: "asckit", version })
