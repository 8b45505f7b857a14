/**
 * The typed errors of `@asckit/returns`.
 *
 * @category errors
 */
import { Schema } from "effect"

/** A return could not be built (missing data, a bad configuration), with what to do next. */
export class ReturnBuildError extends Schema.TaggedError<ReturnBuildError>()("ReturnBuildError", {
  returnId: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/** No return plugin is registered under an id. */
export class UnknownReturnError extends Schema.TaggedError<UnknownReturnError>()("UnknownReturnError", {
  id: Schema.String,
  known: Schema.Array(Schema.String),
  message: Schema.String,
}) {}

/** A document could not be written (a workbook, a CSV, an HTML file). */
export class OutputError extends Schema.TaggedError<OutputError>()("OutputError", {
  path: Schema.String,
  message: Schema.String,
  cause: Schema.optional(Schema.Defect),
}) {}

/** A final return has validation errors. */
export class ValidationFailedError extends Schema.TaggedError<ValidationFailedError>()(
  "ValidationFailedError",
  {
    returnId: Schema.String,
    errors: Schema.Number,
    message: Schema.String,
  },
) {}

/** Any error `@asckit/returns` can fail with. */
export const ReturnError = Schema.Union(
  ReturnBuildError,
  UnknownReturnError,
  OutputError,
  ValidationFailedError,
)
/** Any error `@asckit/returns` can fail with. */
export type ReturnError = typeof ReturnError.Type
