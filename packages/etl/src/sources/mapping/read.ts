/**
 * Reading an extract through a `Mapping`: headers matched to the layout's columns (a council's aliases first),
 * a clear error when the file does not fit the layout (which columns are missing, which are not recognised), and
 * every coded value mapped to its national label — a row with a value the tables do not map is quarantined with
 * code `unmapped-code`, naming the column, the value and the table to extend.
 *
 * @category readers
 */
import { Chunk, Effect, Stream } from "effect"
import { SourceFileError } from "../../EtlError.js"
import type { RowIssue, SourceRow } from "../../SourcePlugin.js"
import * as Tabular from "../../Tabular.js"
import type { Mapping } from "./config.js"
import type { CompiledLayout } from "./layout.js"

/** The error code of a row holding a value its code table does not map. */
export const unmappedCode = "unmapped-code"

/** The key a mapped row keeps a coded column's local value under (beside the national label in the column). */
export const localColumn = (column: string): string => `${column} (local)`

/** The message of an unmapped value (the value first, as JSON, so reports can read it back). */
export const unmappedMessage = (raw: string | undefined, table: string, list: string): string =>
  `${raw === undefined ? "the value" : JSON.stringify(raw)} has no mapping in the ${table} code table (${list} labels): add it to mapping.codes.${table} in the configuration, or to the codes file`

const quote = (xs: ReadonlyArray<string>) => xs.map((x) => `"${x}"`).join(", ")

/** The error for a header that does not fit a layout: which columns are missing, which are not recognised. */
export const mismatch = (
  path: string,
  row: number,
  layout: CompiledLayout,
  missing: ReadonlyArray<string>,
  unexpected: ReadonlyArray<string>,
): SourceFileError => {
  const what = [
    missing.length > 0
      ? `missing column${missing.length > 1 ? "s" : ""} ${missing
          .map((m) => `"${m}" (headers looked for: ${quote(layout.headersOf(m))})`)
          .join(", ")}`
      : "",
    unexpected.length > 0
      ? `column${unexpected.length > 1 ? "s" : ""} not in the layout: ${quote(unexpected)}`
      : "",
  ]
    .filter((s) => s !== "")
    .join("; ")
  const first = missing[0]
  const hint =
    first === undefined
      ? `Remove those columns, or set mapping.unexpectedColumns to "ignore".`
      : `If the report names a column differently, map it in the configuration: mapping.columns.${layout.layout.name} = { "${first}": "<the header in the file>" }.`
  return new SourceFileError({
    path,
    problem: missing.length > 0 ? "missing-columns" : "malformed",
    row,
    ...(first === undefined ? {} : { column: first }),
    message: `${path}, row ${row}: the columns do not match the ${layout.layout.title} layout: ${what}. ${hint}`,
  })
}

/**
 * Streams the rows of an extract (CSV or XLSX) in a layout of `mapping`, coded values mapped to national labels
 * (their local values kept under `localColumn(column)`). Fails before any row when the header does not fit the
 * layout; quarantines (as row issues) rows with unmapped values.
 */
export const read = (
  mapping: Mapping,
  layoutName: string,
  path: string,
  options: {
    readonly sheet?: string | undefined
    /** Values for columns that come from the configuration (e.g. the LA code), set where a row has none. */
    readonly fill?: Readonly<Record<string, string>>
  } = {},
): Stream.Stream<SourceRow, SourceFileError> =>
  Stream.unwrap(
    Effect.map(Tabular.probe(path), (probe) => {
      const layout = mapping.layout(layoutName)
      const seen: Array<string> = []
      let problem: SourceFileError | undefined
      const tables = new Map(mapping.spec.tables.map((t) => [t.name, t]))
      const coded = layout.coded.map((c) => ({ ...c, list: tables.get(c.table)?.list.name ?? c.table }))
      const rows = Tabular.table(
        probe,
        {
          canonical: (h) => {
            seen.push(h)
            return layout.canonical(h)
          },
          columns: [...layout.columns, ...Object.keys(options.fill ?? {})],
          ...(options.sheet === undefined ? {} : { sheet: options.sheet }),
        },
        (header) => {
          const present = new Set(header.columns.filter((c) => c !== undefined))
          const missing = layout.required.filter((r) => !present.has(r))
          const unexpected = header.unexpected
          if (missing.length > 0 || (mapping.unexpectedColumns === "error" && unexpected.length > 0))
            problem = mismatch(path, header.row, layout, missing, unexpected)
        },
      )
      const fill = Object.entries(options.fill ?? {})
      const mapRow = (r: SourceRow): SourceRow => {
        if (fill.length > 0) {
          const values = r.values as Record<string, string | undefined>
          for (const [column, value] of fill) if ((values[column] ?? "").trim() === "") values[column] = value
        }
        if (r.issues !== undefined && r.issues.length > 0) return r
        let issues: Array<RowIssue> | undefined
        let mapped: Array<readonly [string, string, string]> | undefined
        for (const c of coded) {
          const raw = r.values[c.column]
          if (raw === undefined) continue
          const t = raw.trim()
          if (t === "") continue
          const national = mapping.code(c.table, t)
          if (national === undefined) {
            issues = issues ?? []
            issues.push({
              column: c.column,
              code: unmappedCode,
              message: unmappedMessage(c.identifier ? undefined : t, c.table, c.list),
            })
          } else {
            mapped = mapped ?? []
            mapped.push([c.column, national, raw])
          }
        }
        if (issues !== undefined) return { row: r.row, values: r.values, issues }
        if (mapped === undefined) return r
        const values = r.values as Record<string, string | undefined>
        for (const [column, national, raw] of mapped) {
          values[localColumn(column)] = raw
          values[column] = national
        }
        return r
      }
      return rows.pipe(
        Stream.mapError((e) =>
          // A header with no recognised column at all: say what the layout needed.
          e.problem === "no-header" && e.row !== undefined && seen.length > 0
            ? mismatch(
                path,
                e.row,
                layout,
                layout.required,
                seen.filter((h) => h.trim() !== "" && layout.canonical(h) === undefined),
              )
            : e,
        ),
        Stream.mapChunksEffect((chunk) =>
          problem !== undefined ? Effect.fail(problem) : Effect.succeed(Chunk.map(chunk, mapRow)),
        ),
        Stream.concat(Stream.suspend(() => (problem !== undefined ? Stream.fail(problem) : Stream.empty))),
      )
    }),
  )
