/**
 * Field Schemas for decoding raw cells (text, or `undefined` when a column is absent) into typed values, with
 * messages that say what was expected. Blank cells decode to `null`.
 *
 * Mandatory fields fail the row (it is quarantined, with every failing field reported). Optional fields can be
 * made `lenient`: an invalid value then decodes to an `InvalidValue`, which the pipeline stores as `null` and
 * records as a data-quality finding, so the row is kept.
 *
 * Failure messages carry an error code as a `code|message` prefix (see `issue`), which the pipeline reads back
 * into the quarantine table's `error_code` column.
 *
 * @category schemas
 */

import { LocalDate } from "@asckit/core"
import { Either, ParseResult, Schema } from "effect"

/** A raw cell: text, or undefined when the file lacks the column. */
export const Cell = Schema.UndefinedOr(Schema.String)

/** An invalid value in a lenient field: kept as null, reported as a data-quality finding. */
export class InvalidValue {
  constructor(
    /** The value as it was in the file. */
    readonly raw: string,
    /** Why it is invalid. */
    readonly message: string,
    /** The error code. */
    readonly code: string,
  ) {}
}

/** A finding about a source column, carried by a decoded row under `findingsKey`. */
export interface Finding {
  readonly column: string
  readonly value: InvalidValue
}

/**
 * The property of a decoded row that may hold extra findings (`ReadonlyArray<Finding>`), for rows whose findings
 * are not one-to-one with their fields. The pipeline records them and removes the property before loading.
 */
export const findingsKey = "_findings"

/** Builds a failure message carrying an error code (read back by `splitIssue`). */
export const issue = (code: string, message: string): string => `${code}|${message}`

/** Splits a message built by `issue` into its code and text (code `invalid` when it has none). */
export const splitIssue = (message: string): { code: string; message: string } => {
  const m = /^([a-z][a-z0-9-]*)\|([\s\S]*)$/.exec(message)
  return m ? { code: m[1]!, message: m[2]! } : { code: "invalid", message }
}

const blank = (s: string | undefined): s is undefined => s === undefined || s.trim() === ""

const dateCache = new Map<string, LocalDate.LocalDate | InvalidValue>()

/**
 * Plain parsers for trimmed, non-blank cells — the same rules as the Schemas below, for row decoders that check
 * many fields in one pass. Each returns the value, or an `InvalidValue` saying why not.
 */
export const parse = {
  date: (s: string): LocalDate.LocalDate | InvalidValue => {
    // Source files repeat the same few thousand dates: remember them.
    const known = dateCache.get(s)
    if (known !== undefined) return known
    const r = LocalDate.parse(s)
    const v = Either.isRight(r) ? r.right : new InvalidValue(s, r.left, "invalid-date")
    if (dateCache.size > 100_000) dateCache.clear()
    dateCache.set(s, v)
    return v
  },
  number: (s: string): number | InvalidValue => {
    const n = Number(s.includes(",") ? s.replace(/,/g, "") : s)
    return Number.isFinite(n) ? n : new InvalidValue(s, `"${s}" is not a number`, "invalid-number")
  },
  code:
    (list: string, normalise: (raw: string) => string | undefined) =>
    (s: string): string | InvalidValue =>
      normalise(s) ?? new InvalidValue(s, `"${s}" is not a valid ${list} value`, "invalid-code"),
} as const

const make = <A>(
  name: string,
  parse: (s: string) => Either.Either<A, string>,
): Schema.Schema<A | null, string | undefined> =>
  Schema.transformOrFail(Cell, Schema.Unknown as Schema.Schema<A | null>, {
    strict: true,
    decode: (s, _, ast) => {
      if (blank(s)) return ParseResult.succeed(null)
      const r = parse(s.trim())
      return Either.isRight(r)
        ? ParseResult.succeed(r.right)
        : ParseResult.fail(new ParseResult.Type(ast, s, r.left))
    },
    encode: (a) => ParseResult.succeed(a === null ? undefined : String(a)),
  }).annotations({ identifier: name })

/** Trimmed text; blank → null. */
export const text: Schema.Schema<string | null, string | undefined> = make("Text", (s) => Either.right(s))

/** A date written as ISO `YYYY-MM-DD` (optionally with a time) or UK `DD/MM/YYYY`; blank → null. */
export const date: Schema.Schema<LocalDate.LocalDate | null, string | undefined> = make("Date", (s) =>
  Either.mapLeft(LocalDate.parse(s), (m) => issue("invalid-date", m)),
)

/** A number (commas allowed); blank → null. */
export const number: Schema.Schema<number | null, string | undefined> = make("Number", (s) => {
  const n = Number(s.replace(/,/g, ""))
  return Number.isFinite(n) ? Either.right(n) : Either.left(issue("invalid-number", `"${s}" is not a number`))
})

/** A whole number; blank → null. */
export const integer: Schema.Schema<number | null, string | undefined> = make("Integer", (s) => {
  const n = Number(s.replace(/,/g, ""))
  return Number.isInteger(n)
    ? Either.right(n)
    : Either.left(issue("invalid-number", `"${s}" is not a whole number`))
})

/**
 * A value from a defined list: `normalise` maps a raw label (tolerantly) to the canonical label, or returns
 * `undefined` for a value not on the list; blank → null.
 */
export const code = (
  list: string,
  normalise: (raw: string) => string | undefined,
): Schema.Schema<string | null, string | undefined> =>
  make(list, (s) => {
    const v = normalise(s)
    return v === undefined
      ? Either.left(issue("invalid-code", `"${s}" is not a valid ${list} value`))
      : Either.right(v)
  })

/** Makes a field mandatory: blank fails with `blank-mandatory`. */
export const required = <A, I>(field: Schema.Schema<A | null, I>, what = "a value"): Schema.Schema<A, I> =>
  Schema.transformOrFail(field, Schema.Unknown as Schema.Schema<A>, {
    strict: true,
    decode: (a, _, ast) =>
      a === null
        ? ParseResult.fail(
            new ParseResult.Type(ast, a, issue("blank-mandatory", `is blank but mandatory (${what})`)),
          )
        : ParseResult.succeed(a),
    encode: (a) => ParseResult.succeed(a),
  })

/**
 * Makes a field lenient: a value the field rejects decodes to an `InvalidValue` instead of failing the row.
 */
export const lenient = <A>(
  field: Schema.Schema<A, string | undefined>,
): Schema.Schema<A | InvalidValue, string | undefined> => {
  const decode = ParseResult.decodeUnknownEither(field)
  return Schema.transform(Cell, Schema.Unknown as Schema.Schema<A | InvalidValue>, {
    strict: true,
    decode: (s) => {
      const r = decode(s)
      if (Either.isRight(r)) return r.right
      const first = ParseResult.ArrayFormatter.formatIssueSync(r.left)[0]
      const { code, message } = splitIssue(first?.message ?? "is not valid")
      return new InvalidValue(s ?? "", message, code)
    },
    encode: (a) => (a instanceof InvalidValue ? a.raw : a === null ? undefined : String(a)),
  })
}
