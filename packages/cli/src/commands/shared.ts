/**
 * The options several commands share, defined once so they read the same everywhere.
 *
 * @category commands
 */
import { Options } from "@effect/cli"

/** `--config`/`-c`: the asckit configuration file. */
export const config = Options.file("config", { exists: "either" }).pipe(
  Options.withAlias("c"),
  Options.withDescription("The asckit configuration file (default: ./asckit.config.json)."),
  Options.optional,
)

/** `--warehouse`: the warehouse file, overriding the configuration's. */
export const warehouse = Options.text("warehouse").pipe(
  Options.withDescription("The warehouse file (overrides the configuration)."),
  Options.optional,
)

/** `--la`: the council, when the warehouse holds more than one. */
export const la = Options.text("la").pipe(
  Options.withDescription("The council's CASSR code (default: the only council in the warehouse)."),
  Options.optional,
)
