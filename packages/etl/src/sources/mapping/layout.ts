/**
 * Extract layouts: the canonical columns of one extract, each with the header spellings a default report export
 * uses, and the header matching a council's own spellings (configuration aliases) take priority in.
 *
 * @category models
 */

/** A column of an extract layout. */
export interface Column {
  /** The canonical name: rows, quarantine and findings name the column by it. */
  readonly name: string
  /** Other header spellings of the default layout (the name itself always matches). */
  readonly headers?: ReadonlyArray<string>
  /** The file must have this column. */
  readonly required?: boolean
  /** The code table mapping its local values to national labels (by table name). */
  readonly codes?: string
  /** Holds a person identifier or personal data: never echoed in messages, pseudonymised in the quarantine. */
  readonly identifier?: boolean
  readonly description: string
}

/** The columns of one extract (a report export, a spreadsheet). */
export interface Layout {
  /** The layout's name, as configurations refer to it (`mapping.columns.<name>`). */
  readonly name: string
  /** What the extract is, for messages ("LAS contacts report"). */
  readonly title: string
  readonly columns: ReadonlyArray<Column>
}

/** Declares a layout (an identity function that checks its shape). */
export const layout = (l: Layout): Layout => l

/** The header comparison key: lower case letters and digits only (`Date of Birth`, `DATE_OF_BIRTH` → `dateofbirth`). */
export const headerKey = (raw: string): string => raw.toLowerCase().replace(/[^a-z0-9]/g, "")

/** A layout ready to read files with: header matching and the column lists `Tabular.table` needs. */
export interface CompiledLayout {
  readonly layout: Layout
  /** The canonical column for a header cell, or `undefined` for a column the layout does not have. */
  readonly canonical: (header: string) => string | undefined
  /** Canonical names of the columns the file must have. */
  readonly required: ReadonlyArray<string>
  /** Every canonical column name. */
  readonly columns: ReadonlyArray<string>
  /** The header spellings that match a column (configured aliases first). */
  readonly headersOf: (column: string) => ReadonlyArray<string>
  /** The columns whose values are mapped through a code table. */
  readonly coded: ReadonlyArray<{
    readonly column: string
    readonly table: string
    readonly identifier: boolean
  }>
  /** Columns holding identifiers or personal data. */
  readonly identifierColumns: ReadonlyArray<string>
}

/** Compiles a layout with a council's header aliases (column → header or headers), which win over the defaults. */
export const compileLayout = (
  l: Layout,
  aliases: Readonly<Record<string, string | ReadonlyArray<string>>> = {},
): CompiledLayout => {
  const index = new Map<string, string>()
  const spellings = new Map<string, Array<string>>()
  const add = (header: string, column: string) => {
    const k = headerKey(header)
    if (k === "") return
    if (!index.has(k)) index.set(k, column)
    if (index.get(k) !== column) return // taken by another column (a council's alias wins)
    const s = spellings.get(column) ?? []
    if (!s.includes(header)) s.push(header)
    spellings.set(column, s)
  }
  for (const [column, a] of Object.entries(aliases))
    for (const h of typeof a === "string" ? [a] : a) add(h, column)
  for (const c of l.columns) add(c.name, c.name)
  for (const c of l.columns) for (const h of c.headers ?? []) add(h, c.name)
  return {
    layout: l,
    canonical: (header) => index.get(headerKey(header)),
    required: l.columns.filter((c) => c.required === true).map((c) => c.name),
    columns: l.columns.map((c) => c.name),
    headersOf: (column) => spellings.get(column) ?? [],
    coded: l.columns.flatMap((c) =>
      c.codes === undefined ? [] : [{ column: c.name, table: c.codes, identifier: c.identifier === true }],
    ),
    identifierColumns: l.columns.filter((c) => c.identifier === true).map((c) => c.name),
  }
}
