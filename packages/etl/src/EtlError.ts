/**
 * The typed errors of `@asckit/etl`. Each says what went wrong, where (file, row as a spreadsheet numbers it,
 * column) and what to do next. Row-level problems are not errors: they are quarantined rows (see `Pipeline`).
 *
 * @category errors
 */
import { Schema } from "effect"

/** Why a whole source file could not be loaded. */
export const FileProblem = Schema.Literal(
  "missing",
  "unreadable",
  "empty",
  "binary",
  "encoding",
  "no-header",
  "duplicate-header",
  "missing-columns",
  "wrong-format",
  "malformed",
)
/** Why a whole source file could not be loaded. */
export type FileProblem = typeof FileProblem.Type

/** A source file that cannot be loaded at all. Nothing from it reaches the warehouse. */
export class SourceFileError extends Schema.TaggedError<SourceFileError>()("SourceFileError", {
  path: Schema.String,
  problem: FileProblem,
  /** 1-based spreadsheet row, when the problem is at one. */
  row: Schema.optional(Schema.Number),
  column: Schema.optional(Schema.String),
  message: Schema.String,
}) {}

/** A configuration that cannot be used: bad file, bad value, unknown plugin, missing secret. */
export class ConfigError extends Schema.TaggedError<ConfigError>()("ConfigError", {
  path: Schema.optional(Schema.String),
  message: Schema.String,
}) {}

/** No source plugin is registered under an id. */
export class UnknownSourceError extends Schema.TaggedError<UnknownSourceError>()("UnknownSourceError", {
  id: Schema.String,
  known: Schema.Array(Schema.String),
  message: Schema.String,
}) {}

/** The warehouse could not be opened, migrated, read or written. */
export class WarehouseError extends Schema.TaggedError<WarehouseError>()("WarehouseError", {
  operation: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/** Any error `@asckit/etl` can fail with. */
export const EtlError = Schema.Union(SourceFileError, ConfigError, UnknownSourceError, WarehouseError)
/** Any error `@asckit/etl` can fail with. */
export type EtlError = typeof EtlError.Type
