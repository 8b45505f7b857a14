/**
 * The producer half of a file load: raw rows in, a `Batch` out — decoded rows with their keys and precedence
 * (identifiers pseudonymised), quarantined rows with their issues, and data-quality findings. Pure computation,
 * no warehouse: it runs in the pipeline's thread or in a worker thread, and its output is structured-cloneable.
 *
 * @internal
 */
import { Either, ParseResult, Schema } from "effect"
import { type Finding, findingsKey, InvalidValue, splitIssue } from "../Fields.js"
import { type Encoded, encoder, hashKey, keyText } from "../Loader.js"
import type { RowIssue, SourceRow, StreamSpec } from "../SourcePlugin.js"

/** A quarantined row: its issues and its raw cells as JSON (identifier columns pseudonymised). */
export interface Quarantined {
  readonly row: number
  readonly issues: ReadonlyArray<RowIssue>
  readonly raw: string
}

/** A finding on a loaded row. */
export interface FindingRow {
  readonly row: number
  readonly column: string
  readonly code: string
  readonly message: string
  readonly value: string | null
}

/** What the producer made of a run of rows. */
export interface Batch {
  readonly read: number
  /** Rows decoded and encoded as statement parameters (see `Loader.Encoded`). */
  readonly items: ReadonlyArray<Encoded>
  readonly quarantined: ReadonlyArray<Quarantined>
  readonly findings: ReadonlyArray<FindingRow>
}

const fieldIssues = (error: ParseResult.ParseError): Array<RowIssue> =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map((i) => {
    const column = i.path.length > 0 ? String(i.path[0]) : undefined
    if (i._tag === "Missing") return { column, code: "missing-column", message: "is missing" }
    const { code, message } = splitIssue(i.message)
    return { column, code, message }
  })

/** Builds the producer for a stream (one per file: it remembers which secondary rows the file already gave). */
export const producer = (
  spec: StreamSpec,
  pseudonymise: (identifier: string) => string,
  keepIdentifiers: boolean,
): ((rows: ReadonlyArray<SourceRow>) => Batch) => {
  const decode = Schema.decodeUnknownEither(spec.row, { errors: "all" })
  const identifierColumns = new Set(spec.identifierColumns ?? [])
  const identifiers = spec.identifiers ?? []
  const keyFields = spec.key
  const keyValues: Array<unknown> = new Array(keyFields.length)
  const encode = encoder(spec.sink)
  const rawJson = (values: SourceRow["values"]) => {
    if (identifierColumns.size === 0) return JSON.stringify(values)
    const copy: Record<string, string | undefined> = { ...values }
    for (const c of identifierColumns) {
      const v = copy[c]
      if (v !== undefined && v.trim() !== "") copy[c] = `pseudonym:${pseudonymise(v)}`
    }
    return JSON.stringify(copy)
  }
  const sanitise = (issues: ReadonlyArray<RowIssue>): ReadonlyArray<RowIssue> =>
    issues.map((i) =>
      i.column !== undefined &&
      identifierColumns.has(i.column) &&
      i.code !== "blank-mandatory" &&
      i.code !== "missing-person-id"
        ? { ...i, message: "is not valid (the value is not shown: it is a personal identifier)" }
        : i,
    )
  return (rows) => {
    const items: Array<Encoded> = []
    const quarantined: Array<Quarantined> = []
    const findings: Array<FindingRow> = []
    for (const r of rows) {
      if (r.issues && r.issues.length > 0) {
        quarantined.push({ row: r.row, issues: sanitise(r.issues), raw: rawJson(r.values) })
        continue
      }
      const d = decode(r.values)
      if (Either.isLeft(d)) {
        quarantined.push({ row: r.row, issues: sanitise(fieldIssues(d.left)), raw: rawJson(r.values) })
        continue
      }
      const a = d.right as Record<string, unknown>
      const explicit = a[findingsKey] as ReadonlyArray<Finding> | undefined
      const finding = (column: string, v: InvalidValue) =>
        findings.push({
          row: r.row,
          column,
          code: v.code,
          message: v.message,
          value: identifierColumns.has(column) ? null : v.raw,
        })
      if (explicit !== undefined) {
        for (const x of explicit) finding(x.column, x.value)
        delete a[findingsKey]
      } else {
        // Rows without an explicit findings list carry invalid values in their fields.
        for (const k in a) {
          const v = a[k]
          if (v instanceof InvalidValue) {
            finding(spec.columnOf?.[k] ?? k, v)
            a[k] = null
          }
        }
      }
      for (const f of identifiers) {
        const v = a[f]
        if (typeof v === "string" && v !== "") {
          if (keepIdentifiers) a[`${f}Raw`] = v
          a[f] = pseudonymise(v)
        }
      }
      for (let i = 0; i < keyFields.length; i++) keyValues[i] = a[keyFields[i]!]
      const prec = spec.precedence === undefined ? undefined : a[spec.precedence]
      const encoded = encode({
        row: a,
        key: hashKey(keyText(keyValues)),
        precedence: prec === undefined || prec === null ? undefined : String(prec),
        rowNumber: r.row,
      })
      if (encoded !== undefined) items.push(encoded)
    }
    return { read: rows.length, items, quarantined, findings }
  }
}
