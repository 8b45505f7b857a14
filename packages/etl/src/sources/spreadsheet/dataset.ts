/**
 * Dataset mappings: how one kind of local spreadsheet (a complaints log, a carers' register, a training tracker…)
 * maps onto `local_record`, as plain data a council can write as JSON. A mapping names its columns (with the header
 * spellings to look for), which `local_record` field each feeds — record id, person id, record date, end date,
 * category, outcome, source, team, value — and the rest go to the record's JSON `attributes`; each column's type
 * (text, date, month, number, whole number), whether it is required, whether it holds a person identifier, and
 * the code table (local label → the dataset's own list) its values go through.
 *
 * A mapping is turned into the shared `Mapping` machinery's layout and code tables (`specOf`), so headers, code
 * tables, the missing/unexpected-columns error and the unmapped-value quarantine work as for every mapped source;
 * `decoderOf` decodes a mapped row into a record.
 *
 * @category sources
 */
import { LocalDate } from "@asckit/core"
import { Either, ParseResult, Schema } from "effect"
import * as Fields from "../../Fields.js"
import type { RawRow, RowIssue } from "../../SourcePlugin.js"
import * as Mapping from "../mapping/index.js"

/** The `local_record` fields a column can feed (any other column goes to `attributes`). */
export const Field = Schema.Literal(
  "recordId",
  "personId",
  "recordDate",
  "endDate",
  "category",
  "outcome",
  "source",
  "team",
  "value",
)
/** The `local_record` fields a column can feed. */
export type Field = typeof Field.Type

/** How a column's cells are read: text, a date (ISO or dd/mm/yyyy), a month (`2024-05`, `May 2024`, `05/2024`), a number or a whole number. */
export const ColumnType = Schema.Literal("text", "date", "month", "number", "integer")
/** How a column's cells are read. */
export type ColumnType = typeof ColumnType.Type

/** One column of a dataset mapping. */
export const DatasetColumn = Schema.Struct({
  /** The canonical name: messages, quarantine and `attributes` use it. */
  name: Schema.String.pipe(
    Schema.pattern(/^[A-Za-z][A-Za-z0-9_]*$/, { message: () => "a name like receivedDate" }),
  ),
  /** Header spellings to look for (the name always matches; case, spaces and punctuation are ignored). */
  headers: Schema.optional(Schema.Array(Schema.String)),
  /** The `local_record` field it feeds; without one it goes to `attributes`. */
  field: Schema.optional(Field),
  /** Default `text`. */
  type: Schema.optional(ColumnType),
  /** The file must have the column and every row a value (a blank quarantines the row). */
  required: Schema.optional(Schema.Boolean),
  /** The code table its values go through (by name, in `codes`). */
  codes: Schema.optional(Schema.String),
  /** Holds a person identifier: pseudonymised, never echoed, never in `attributes`. */
  identifier: Schema.optional(Schema.Boolean),
  description: Schema.optional(Schema.String),
})
/** One column of a dataset mapping. */
export type DatasetColumn = typeof DatasetColumn.Type

/** A code table of a dataset: its list of labels and local value → label entries. */
export const DatasetCodes = Schema.Struct({
  name: Schema.String,
  description: Schema.optional(Schema.String),
  /** The dataset's own labels (e.g. Upheld, Partly upheld, Not upheld). */
  labels: Schema.Array(Schema.String).pipe(Schema.minItems(1)),
  /** Local value → label; map a value that means "no value yet" (e.g. `Open`) to `(none)`. */
  map: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  /** Also accept values written as the labels themselves (default true). */
  acceptNational: Schema.optional(Schema.Boolean),
})
/** A code table of a dataset. */
export type DatasetCodes = typeof DatasetCodes.Type

/** The label a code table maps a value meaning "no value" (an open complaint's outcome) to: stored as null. */
export const NONE = "(none)"

const DatasetMappingStruct = Schema.Struct({
  /** The dataset name stored in `local_record.dataset` (lower case, digits and dashes). */
  dataset: Schema.String.pipe(
    Schema.pattern(/^[a-z0-9][a-z0-9-]*$/, {
      message: () => "lower case letters, digits and dashes, e.g. complaints",
    }),
  ),
  /** What the spreadsheet is, for messages ("complaints log"). */
  title: Schema.String,
  description: Schema.optional(Schema.String),
  /** The worksheet of an XLSX file to read (default: the first; the configuration's `sheet` wins). */
  sheet: Schema.optional(Schema.String),
  columns: Schema.Array(DatasetColumn).pipe(Schema.minItems(1)),
  codes: Schema.optional(Schema.Array(DatasetCodes)),
  /** For files without an id column: the columns whose values, joined, identify a record. */
  recordIdFrom: Schema.optional(Schema.Array(Schema.String).pipe(Schema.minItems(1))),
  /** The value of a record when no column feeds `value` (default 1). */
  value: Schema.optional(Schema.Number),
})

/** Problems with a dataset mapping that its Schema's shape cannot catch (see `DatasetMapping`). */
export const problems = (m: typeof DatasetMappingStruct.Type): ReadonlyArray<string> => {
  const out: Array<string> = []
  const names = new Set<string>()
  for (const c of m.columns) {
    if (names.has(c.name)) out.push(`columns: "${c.name}" is declared twice`)
    names.add(c.name)
  }
  const byField = new Map<string, Array<DatasetColumn>>()
  for (const c of m.columns)
    if (c.field !== undefined) byField.set(c.field, [...(byField.get(c.field) ?? []), c])
  for (const [f, cs] of byField)
    if (cs.length > 1) out.push(`columns: ${cs.map((c) => `"${c.name}"`).join(" and ")} both feed ${f}`)
  const type = (c: DatasetColumn) => c.type ?? "text"
  const dated = byField.get("recordDate")?.[0]
  if (dated === undefined) out.push("columns: no column feeds recordDate (every record needs a date)")
  for (const f of ["recordDate", "endDate"] as const) {
    const c = byField.get(f)?.[0]
    if (c !== undefined && type(c) !== "date" && type(c) !== "month")
      out.push(`columns: "${c.name}" feeds ${f}, so its type must be date or month`)
  }
  const value = byField.get("value")?.[0]
  if (value !== undefined && type(value) !== "number" && type(value) !== "integer")
    out.push(`columns: "${value.name}" feeds value, so its type must be number or integer`)
  const id = byField.get("recordId")?.[0]
  if (id === undefined && m.recordIdFrom === undefined)
    out.push("columns: no column feeds recordId and there is no recordIdFrom (records need an id)")
  for (const n of m.recordIdFrom ?? []) {
    const c = m.columns.find((x) => x.name === n)
    if (c === undefined) out.push(`recordIdFrom: no column "${n}"`)
    else if (c.identifier === true)
      out.push(`recordIdFrom: "${n}" holds an identifier; use it as recordId instead`)
  }
  const tables = new Map<string, DatasetCodes>()
  for (const t of m.codes ?? []) {
    if (tables.has(t.name)) out.push(`codes: table "${t.name}" is declared twice`)
    tables.set(t.name, t)
    for (const [local, label] of Object.entries(t.map ?? {}))
      if (label !== NONE && !t.labels.includes(label))
        out.push(
          `codes.${t.name}: ${JSON.stringify(local)} is mapped to ${JSON.stringify(label)}, which is not one of its labels (${t.labels.map((l) => JSON.stringify(l)).join(", ")}) nor ${NONE}`,
        )
  }
  for (const c of m.columns) {
    if (c.codes !== undefined && !tables.has(c.codes))
      out.push(`columns: "${c.name}" uses code table "${c.codes}", which is not in codes`)
    if (c.codes !== undefined && type(c) !== "text")
      out.push(`columns: "${c.name}" has a code table, so its type must be text`)
    const identifier = c.identifier === true || c.field === "personId"
    if (identifier && (type(c) !== "text" || c.codes !== undefined))
      out.push(`columns: "${c.name}" holds an identifier, so it must be plain text (no type, no code table)`)
  }
  return out
}

/** A dataset mapping (see the module docs), checked for consistency: fields fed once, types that fit them, code tables that exist. */
export const DatasetMapping = DatasetMappingStruct.pipe(
  Schema.filter((m) => {
    const p = problems(m)
    return p.length === 0 || `the dataset mapping "${m.dataset}" is not consistent:\n${p.join("\n")}`
  }),
)
/** A dataset mapping. */
export type DatasetMapping = typeof DatasetMapping.Type

/** Declares a dataset mapping; throws when it is not consistent (see `problems`): a programming error. */
export const dataset = (m: DatasetMapping): DatasetMapping => {
  const p = problems(m)
  if (p.length > 0) throw new Error(`dataset mapping "${m.dataset}":\n${p.join("\n")}`)
  return m
}

const isIdentifier = (c: DatasetColumn) => c.identifier === true || c.field === "personId"

/** The `Mapping` layout and code tables of a dataset mapping (the layout is named after the dataset). */
export const specOf = (m: DatasetMapping): Mapping.Spec => ({
  layouts: [
    Mapping.layout({
      name: m.dataset,
      title: m.title,
      columns: m.columns.map((c) => ({
        name: c.name,
        ...(c.headers === undefined ? {} : { headers: c.headers }),
        required: c.required === true || c.field === "recordDate" || c.field === "recordId",
        ...(c.codes === undefined ? {} : { codes: c.codes }),
        identifier: isIdentifier(c),
        description: c.description ?? c.name,
      })),
    }),
  ],
  tables: (m.codes ?? []).map((t) =>
    Mapping.table({
      name: t.name,
      description: t.description ?? t.name,
      list: Mapping.codeList(`${m.dataset} ${t.name}`, [...t.labels, NONE]),
      map: t.map ?? {},
      ...(t.acceptNational === undefined ? {} : { acceptNational: t.acceptNational }),
    }),
  ),
})

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
]

/**
 * The first day of the month a cell names: `2024-05`, `2024-05-17` (any day), `05/2024`, `17/05/2024`, `May 2024`,
 * `Sept 2024`, `May-24`; or `undefined`.
 */
export const parseMonth = (s: string): LocalDate.LocalDate | undefined => {
  const t = s.trim().toLowerCase()
  let y: number | undefined
  let m: number | undefined
  const iso = /^(\d{4})-(\d{1,2})(?:-\d{1,2}(?:[t ].*)?)?$/.exec(t)
  const uk = /^(?:\d{1,2}\/)?(\d{1,2})\/(\d{4})$/.exec(t)
  const named = /^([a-z]+)[\s\-/]+(\d{2}|\d{4})$/.exec(t)
  if (iso !== null) {
    y = Number(iso[1])
    m = Number(iso[2])
  } else if (uk !== null) {
    y = Number(uk[2])
    m = Number(uk[1])
  } else if (named !== null) {
    const name = named[1]!
    // a month name, or a prefix of at least three letters of one (sep, sept, september)
    const i = name.length >= 3 ? MONTHS.findIndex((x) => x.startsWith(name)) : -1
    if (i >= 0) {
      m = i + 1
      y = named[2]!.length === 2 ? 2000 + Number(named[2]) : Number(named[2])
    }
  }
  if (y === undefined || m === undefined || m < 1 || m > 12 || y < 1900 || y > 2999) return undefined
  return LocalDate.make(y, m, 1)
}

/** A decoded record: `local_record`'s fields as text (identifiers raw), attributes as JSON, and its findings. */
export interface Decoded {
  readonly recordId: string
  readonly recordIdIsIdentifier: boolean
  readonly personRef: string | null
  readonly recordDate: string
  readonly endDate: string | null
  readonly category: string | null
  readonly outcome: string | null
  readonly source: string | null
  readonly team: string | null
  readonly value: number | null
  readonly attributes: string | null
  readonly findings: ReadonlyArray<{ column: string; code: string; message: string; raw: string | null }>
}

const fieldIssues = (error: ParseResult.ParseError): Array<RowIssue> =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map((i) => {
    const column = i.path.length > 0 ? String(i.path[0]) : undefined
    const { code, message } = Fields.splitIssue(i.message)
    return { column, code, message }
  })

/**
 * The decoder of a dataset's mapped rows (coded columns already mapped to labels): the record, or the row's issues
 * (blank required values, invalid dates and numbers in required columns, an end before the record date). Invalid
 * values in other columns become findings and are stored as null.
 */
export const decoderOf = (
  m: DatasetMapping,
): ((values: RawRow) => Either.Either<Decoded, ReadonlyArray<RowIssue>>) => {
  const spec = specOf(m)
  const tables = new Map(spec.tables.map((t) => [t.name, t.list]))
  const fields: Record<string, Mapping.Field> = {}
  for (const c of m.columns) {
    const required = c.required === true || c.field === "recordDate" || c.field === "recordId"
    const type = c.type ?? "text"
    fields[c.name] =
      c.codes !== undefined
        ? Mapping.code(c.name, tables.get(c.codes)!, required)
        : type === "date"
          ? Mapping.date(c.name, required)
          : type === "number"
            ? Mapping.number(c.name, required)
            : type === "integer"
              ? Mapping.integer(c.name, required)
              : Mapping.text(c.name, required)
  }
  const of = (f: Field) => m.columns.find((c) => c.field === f)
  const idColumn = of("recordId")
  const recordIdIsIdentifier = idColumn !== undefined && isIdentifier(idColumn)
  const schema = Mapping.rowSchema({
    name: m.dataset,
    fields,
    build: (v, ctx): Omit<Decoded, "findings"> | undefined => {
      let failed = false
      const seen = new Map<string, string | number | null>()
      // each column read once (a month's failure is reported once, however many fields use it)
      const value = (c: DatasetColumn | undefined): string | number | null => {
        if (c === undefined) return null
        if (!seen.has(c.name)) seen.set(c.name, read(c))
        return seen.get(c.name)!
      }
      const read = (c: DatasetColumn): string | number | null => {
        const x = v[c.name] ?? null
        if (x === NONE) return null
        if ((c.type ?? "text") !== "month" || typeof x !== "string") return x
        const month = parseMonth(x)
        if (month !== undefined) return month
        const message = `"${x}" is not a month (write 2024-05, May 2024 or 05/2024)`
        if (c.required === true || c.field === "recordDate") {
          failed = true
          ctx.fail(c.name, "invalid-date", message)
        } else ctx.finding(c.name, "invalid-date", message, x)
        return null
      }
      const text = (f: Field) => {
        const x = value(of(f))
        return x === null ? null : String(x)
      }
      const recordDate = text("recordDate")
      const endDate = text("endDate")
      const end = of("endDate")
      if (recordDate !== null && endDate !== null && endDate < recordDate && end !== undefined) {
        failed = true
        ctx.fail(end.name, "end-before-start", `is ${endDate}, before the record's date (${recordDate})`)
      }
      let recordId: string | null = idColumn === undefined ? null : text("recordId")
      if (idColumn === undefined) {
        const parts = (m.recordIdFrom ?? []).map((n) => {
          const x = value(m.columns.find((c) => c.name === n))
          return x === null ? "" : String(x)
        })
        recordId = parts.join("|")
      }
      if (failed || recordDate === null || recordId === null) return undefined
      const valueColumn = of("value")
      const attributes: Record<string, string | number> = {}
      for (const c of m.columns) {
        if (c.field !== undefined || isIdentifier(c)) continue
        const x = value(c)
        if (x !== null) attributes[c.name] = x
      }
      const n = valueColumn === undefined ? (m.value ?? 1) : value(valueColumn)
      return {
        recordId,
        recordIdIsIdentifier,
        personRef: text("personId"),
        recordDate,
        endDate,
        category: text("category"),
        outcome: text("outcome"),
        source: text("source"),
        team: text("team"),
        value: typeof n === "number" ? n : null,
        attributes: Object.keys(attributes).length === 0 ? null : JSON.stringify(attributes),
      }
    },
  }) as unknown as Schema.Schema<Omit<Decoded, "findings">, RawRow>
  const decode = Schema.decodeUnknownEither(schema, { errors: "all" })
  return (values) => {
    const d = decode(values)
    if (Either.isLeft(d)) return Either.left(fieldIssues(d.left))
    const row = d.right as Omit<Decoded, "findings"> & {
      [Fields.findingsKey]?: ReadonlyArray<Fields.Finding>
    }
    const { [Fields.findingsKey]: found, ...record } = row
    return Either.right({
      ...record,
      findings: (found ?? []).map((f) => ({
        column: f.column,
        code: f.value.code,
        message: f.value.message,
        raw: f.value.raw === "" ? null : f.value.raw,
      })),
    })
  }
}

/** The columns of a dataset that hold identifiers (never echoed, never stored in clear). */
export const identifierColumnsOf = (m: DatasetMapping): ReadonlyArray<string> =>
  m.columns.filter(isIdentifier).map((c) => c.name)
