/**
 * The CLI's own failure: a message for people and the exit code to leave with (2 for usage and configuration
 * errors, 1 for failed work).
 *
 * @category errors
 */
import { Schema } from "effect"

/** A failure the CLI reports and exits with. */
export class CliError extends Schema.TaggedError<CliError>()("CliError", {
  exitCode: Schema.Int,
  message: Schema.String,
}) {}
