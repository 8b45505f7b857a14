/**
 * The typed errors of `@asckit/core`. Each is a `Schema.TaggedError`, so it can be encoded into run logs and
 * `--json` output, and each message says what was expected.
 *
 * @category errors
 */
import { Schema } from "effect"

/** A reporting-period string that matches no accepted form. */
export class PeriodParseError extends Schema.TaggedError<PeriodParseError>()("PeriodParseError", {
  input: Schema.String,
  message: Schema.String,
}) {}

/** A council, region or group code that asckit does not know. */
export class UnknownGeographyError extends Schema.TaggedError<UnknownGeographyError>()(
  "UnknownGeographyError",
  {
    code: Schema.String,
    message: Schema.String,
  },
) {}

/** A comparator-group file (CSV or JSON) that cannot be read as a group. */
export class GroupParseError extends Schema.TaggedError<GroupParseError>()("GroupParseError", {
  /** 1-based line of the problem, when there is one. */
  line: Schema.optional(Schema.Number),
  column: Schema.optional(Schema.String),
  message: Schema.String,
}) {}

/** A measure definition that does not satisfy the measure schema, or an unknown measure id. */
export class MeasureDefinitionError extends Schema.TaggedError<MeasureDefinitionError>()(
  "MeasureDefinitionError",
  {
    id: Schema.optional(Schema.String),
    message: Schema.String,
  },
) {}

/** Any error `@asckit/core` can fail with. */
export const CoreError = Schema.Union(
  PeriodParseError,
  UnknownGeographyError,
  GroupParseError,
  MeasureDefinitionError,
)
/** Any error `@asckit/core` can fail with. */
export type CoreError = typeof CoreError.Type
