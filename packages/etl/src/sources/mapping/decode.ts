/**
 * Declarative row decoding for mapped extracts: each decoded field names its column and kind (text, date, number,
 * whole number, or a value of a national list), and whether it is mandatory. A blank or invalid mandatory field
 * fails the row (quarantine, every failing field reported by its column); an invalid optional field is kept as
 * null and recorded as a data-quality finding. A `build` function then assembles the decoded row, and may add its
 * own failures (a rule across fields) and findings.
 *
 * @category schemas
 */
import type { LocalDate } from "@asckit/core"
import { ParseResult, Schema } from "effect"
import type { AST } from "effect/SchemaAST"
import * as Fields from "../../Fields.js"
import type { RawRow } from "../../SourcePlugin.js"
import type { CodeList } from "./codes.js"

/** How a field's cell is read. */
export type Kind = "text" | "date" | "number" | "integer" | { readonly list: CodeList }

/** One decoded field: its column, kind and whether the row needs it. */
export interface Field {
  readonly column: string
  readonly kind: Kind
  readonly required?: boolean
}

/** A text field. */
export const text = (column: string, required = false): Field => ({ column, kind: "text", required })
/** A date field (ISO or UK `dd/mm/yyyy`). */
export const date = (column: string, required = false): Field => ({ column, kind: "date", required })
/** A number field (commas allowed). */
export const number = (column: string, required = false): Field => ({ column, kind: "number", required })
/** A whole-number field. */
export const integer = (column: string, required = false): Field => ({ column, kind: "integer", required })
/** A field whose value must be a label of `list` (coded columns arrive already mapped to national labels). */
export const code = (column: string, list: CodeList, required = false): Field => ({
  column,
  kind: { list },
  required,
})

/** A decoded field value (an invalid optional value has become null and a finding). */
export type Value = string | number | null

/** What `build` gets besides the values: the raw cells, and ways to fail the row or record a finding. */
export interface BuildContext {
  /** The trimmed cell of a column (`undefined` when blank or absent). */
  readonly cell: (column: string) => string | undefined
  /** Fails the row for a column (it is quarantined with every failure). */
  readonly fail: (column: string, code: string, message: string) => void
  /** Records a data-quality finding on a kept row. */
  readonly finding: (column: string, code: string, message: string, raw?: string) => void
}

const parseOf = (kind: Kind): ((s: string) => string | number | Fields.InvalidValue) => {
  if (kind === "text") return (s) => s
  if (kind === "date") return Fields.parse.date
  if (kind === "number") return Fields.parse.number
  if (kind === "integer")
    return (s) => {
      const n = Fields.parse.number(s)
      return typeof n === "number" && !Number.isInteger(n)
        ? new Fields.InvalidValue(s, `"${s}" is not a whole number`, "invalid-number")
        : n
    }
  const list = kind.list
  return Fields.parse.code(list.name, list.normalise)
}

const RawRowSchema = Schema.declare((u: unknown): u is RawRow => typeof u === "object" && u !== null, {
  identifier: "RawRow",
  description: "a row: column names to cell text",
})

const pointer = (ast: AST, column: string, actual: unknown, code: string, message: string) =>
  new ParseResult.Pointer(column, actual, new ParseResult.Type(ast, actual, Fields.issue(code, message)))

/**
 * A row Schema from raw cells to `A`: `fields` are decoded first (see the module docs), then `build` assembles the
 * row from their values. The decoded row carries its findings under `Fields.findingsKey` (the pipeline records
 * and removes them).
 */
export const rowSchema = <F extends Readonly<Record<string, Field>>, A>(options: {
  readonly name: string
  readonly fields: F
  readonly build: (values: { readonly [K in keyof F]: Value }, context: BuildContext) => A
}): Schema.Schema<A, RawRow> => {
  const compiled = Object.entries(options.fields).map(([key, f]) => ({
    key,
    column: f.column,
    required: f.required === true,
    parse: parseOf(f.kind),
  }))
  return Schema.transformOrFail(RawRowSchema, Schema.Unknown as Schema.Schema<A>, {
    strict: true,
    decode: (raw, _options, ast, actual) => {
      const issues: Array<ParseResult.ParseIssue> = []
      const findings: Array<Fields.Finding> = []
      const values: Record<string, Value> = {}
      const cell = (column: string) => {
        const c = raw[column]
        if (c === undefined) return undefined
        const t = c.trim()
        return t === "" ? undefined : t
      }
      for (const f of compiled) {
        const t = cell(f.column)
        if (t === undefined) {
          if (f.required)
            issues.push(pointer(ast, f.column, raw, "blank-mandatory", "is blank but mandatory"))
          values[f.key] = null
          continue
        }
        const v = f.parse(t)
        if (v instanceof Fields.InvalidValue) {
          if (f.required) issues.push(pointer(ast, f.column, raw, v.code, v.message))
          else findings.push({ column: f.column, value: v })
          values[f.key] = null
        } else values[f.key] = v
      }
      const context: BuildContext = {
        cell,
        fail: (column, code, message) => issues.push(pointer(ast, column, raw, code, message)),
        finding: (column, code, message, rawValue) =>
          findings.push({ column, value: new Fields.InvalidValue(rawValue ?? "", message, code) }),
      }
      const row = issues.length > 0 ? undefined : options.build(values as never, context)
      if (row === undefined || issues.length > 0) {
        return ParseResult.fail(
          issues.length === 1
            ? issues[0]!
            : new ParseResult.Composite(
                ast,
                actual,
                issues as [ParseResult.ParseIssue, ...Array<ParseResult.ParseIssue>],
              ),
        )
      }
      ;(row as Record<string, unknown>)[Fields.findingsKey] = findings
      return ParseResult.succeed(row)
    },
    encode: (_row, _options, ast, actual) =>
      ParseResult.fail(
        new ParseResult.Forbidden(ast, actual, `${options.name} rows are decoded, never encoded`),
      ),
  }).annotations({ identifier: options.name })
}

/** A date value of a decoded row (for `build`). */
export const asDate = (v: Value): LocalDate.LocalDate | null =>
  typeof v === "string" ? (v as LocalDate.LocalDate) : null
/** A number value of a decoded row (for `build`). */
export const asNumber = (v: Value): number | null => (typeof v === "number" ? v : null)
/** A text value of a decoded row (for `build`). */
export const asText = (v: Value): string | null => (typeof v === "string" ? v : null)
